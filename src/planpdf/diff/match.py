"""Pairing the records of two plans: by ``id``, then by exact name, then by similarity.

1. Records that carry an ``id`` on both sides are paired by it, and only by it: two different ids
   are two different records, whatever their titles say.
2. Of the rest, records with the same name (title, heading, member name) are paired in order.
3. Of the rest, each candidate pair gets a similarity score from the caller (``difflib`` ratios,
   see ``compare``); pairs scoring at least the caller's threshold are taken best first.

What stays unpaired was removed (only in A) or added (only in B).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

Pair = tuple[int | None, int | None]


def match(old: Sequence[T], new: Sequence[T], *, ident: Callable[[T], str | None],
          name: Callable[[T], str], score: Callable[[T, T], float],
          threshold: float) -> list[Pair]:
    """Pairs of indexes (old, new); ``None`` on one side means removed or added.

    The result is in plan order: pairs and additions in B's order, each removal after the
    pair that preceded it in A.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    new_ids = {ident(x): j for j, x in enumerate(new) if ident(x) is not None}
    for i, x in enumerate(old):
        key = ident(x)
        if key is not None and key in new_ids:
            pairs[i] = new_ids[key]
            taken.add(new_ids[key])

    def open_old() -> list[int]:
        return [i for i in range(len(old)) if i not in pairs]

    def open_new() -> list[int]:
        return [j for j in range(len(new)) if j not in taken]

    def may_pair(i: int, j: int) -> bool:
        return ident(old[i]) is None or ident(new[j]) is None

    for i in open_old():
        for j in open_new():
            if may_pair(i, j) and name(old[i]) == name(new[j]):
                pairs[i] = j
                taken.add(j)
                break
    candidates = []
    for i in open_old():
        for j in open_new():
            if may_pair(i, j):
                value = score(old[i], new[j])
                if value >= threshold:
                    candidates.append((-value, i, j))
    for _value, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return _in_order(pairs, len(old), len(new))


def _in_order(pairs: dict[int, int], n_old: int, n_new: int) -> list[Pair]:
    by_new = {j: i for i, j in pairs.items()}
    keyed: list[tuple[float, int, Pair]] = [(float(j), 0, (by_new.get(j), j)) for j in range(n_new)]
    last = -1.0
    for i in range(n_old):
        if i in pairs:
            last = float(pairs[i])
        else:
            keyed.append((last + 0.5, i, (i, None)))
    return [pair for _key, _i, pair in sorted(keyed, key=lambda k: (k[0], k[1]))]


def moved(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which matched pairs changed place: those outside the runs that kept their order.

    difflib's matching blocks between the A positions in B's order and the same positions
    sorted are the runs that stayed in order; everything else moved.

    >>> sorted(moved([(2, 0), (0, 1), (1, 2)]))
    [(2, 0)]
    """
    import difflib

    in_b_order = [i for i, _j in sorted(pairs, key=lambda p: p[1])]
    matcher = difflib.SequenceMatcher(None, in_b_order, sorted(in_b_order), autojunk=False)
    kept = {in_b_order[block.a + k] for block in matcher.get_matching_blocks()
            for k in range(block.size)}
    return {(i, j) for i, j in pairs if i not in kept}
