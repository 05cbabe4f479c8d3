"""Valid plans just under 1 MB that are as slow to lay out as the content limits allow.

``python tests/worst_case.py [FOLDER [KIND …]]`` builds each kind in a fresh process and prints
the time; ``test_content_limits`` builds a small one of each kind. Every plan passes
`planpdf check`: each text within ``planpdf.content.rules``'s limits, at most ``MAX_TEXTS``
texts. Each kind spends the text budget on one costly thing (one-letter table cells, cells of
100-letter words, full cells, long headings, members, one-letter paragraphs), then fills the
rest of the megabyte with the costliest text per byte (paragraphs of bold words), and has a
table of contents (laid out in the same pass, its page numbers written when the PDF is saved).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from pathlib import Path

from planpdf.content.rules import MAX_CELL, MAX_COLUMNS, MAX_PARAGRAPH, MAX_SHORT, MAX_TEXTS, MAX_WORD
from planpdf.content.source import MAX_BYTES

HEAD = """\
år: 2010
indholdsfortegnelse: true
råd:
  navn: Lokalrådet i Test
  kommune: Test kommune
"""
HEAD_TEXTS = 2
WORDS = ["lokalrådet", "drøfter", "spørgsmål", "vedrørende", "kommunernes", "og", "politiets",
         "forebyggelse", "og", "bekæmpelse", "af", "kriminalitet", "i", "lokalområdet", "samt",
         "kriminalitetsudviklingen"]
LONG_WORD = ("kriminalitetsforebyggelsessamarbejde" * 3)[:MAX_WORD]
KINDS = ["bold", "long-words", "plain", "cells-short", "cells-long-words", "cells-full",
         "headings", "members", "tiny-paragraphs"]


def text(size: int, word: str | None = None, bold: bool = False) -> str:
    """Words (or ``word`` repeated) up to ``size`` characters."""
    out: list[str] = []
    length = 0
    for w in itertools.cycle([word] if word else WORDS):
        w = f"**{w}**" if bold else w
        if length + len(w) + 1 > size:
            break
        out.append(w)
        length += len(w) + 1
    return " ".join(out)


def _row(cell: str, columns: int) -> str:
    return "          - [" + ", ".join([f'"{cell}"'] * columns) + "]\n"


def _pieces(kind: str) -> tuple[str, str, int]:
    """What a kind repeats: the YAML to open a block, one piece, and the texts per piece."""
    if kind == "bold":
        return "", f'      - "{text(MAX_PARAGRAPH, bold=True)}"\n', 1
    if kind == "long-words":
        return "", f'      - "{text(MAX_PARAGRAPH, LONG_WORD)}"\n', 1
    if kind == "plain":
        return "", f'      - "{text(MAX_PARAGRAPH)}"\n', 1
    if kind == "tiny-paragraphs":
        return "", "      - a\n", 1
    if kind in ("cells-short", "cells-long-words"):
        cell = "a" if kind == "cells-short" else LONG_WORD
        return "      - tabel:\n          rækker:\n", _row(cell, MAX_COLUMNS), MAX_COLUMNS
    if kind == "cells-full":
        return "      - tabel:\n          rækker:\n", _row(text(MAX_CELL), 2), 2
    if kind in ("headings", "members"):  # spent before the text (see plan)
        return "", "", 1
    raise ValueError(kind)


def plan(kind: str, size: int = MAX_BYTES - 4096) -> str:
    """A valid plan of at most ``size`` bytes of the given kind (see the module's docstring)."""
    parts = [HEAD]
    texts = HEAD_TEXTS
    member = f'  - navn: "{text(MAX_SHORT)}"\n'
    members = min(MAX_TEXTS // 2, size // 2 // len(member)) if kind == "members" else 1
    parts.append("medlemmer:\n" + member * members)
    texts += members
    used = sum(len(p.encode("utf-8")) for p in parts)
    if kind == "headings":
        section = f'  - overskrift: "{text(MAX_SHORT)}"\n'
        parts.append("afsnit:\n")
        while texts + 1 < MAX_TEXTS - 60 and used + len(section.encode()) < size - 100_000:
            parts.append(section)
            texts, used = texts + 1, used + len(section.encode())
    else:
        parts.append("afsnit:\n")
    opening, piece, per = _pieces(kind)
    parts.append("  - overskrift: Tekst\n    tekst:\n" + opening)
    texts += 1
    filler = f'      - "{text(MAX_PARAGRAPH, bold=True)}"\n'
    used = sum(len(p.encode("utf-8")) for p in parts)
    # the kind's own pieces while the texts allow (keeping room for the filler), then filler
    while piece and texts + per < MAX_TEXTS - 60 and used + len(piece.encode()) < size:
        parts.append(piece)
        texts, used = texts + per, used + len(piece.encode())
    if opening and piece:
        parts.append("      - x\n")  # back from the table to the text's list
        texts += 1
    while texts < MAX_TEXTS and used + len(filler.encode()) < size:
        parts.append(filler)
        texts, used = texts + 1, used + len(filler.encode())
    if not parts[-1].startswith("      - "):  # a small plan: the text needs one paragraph
        parts.append("      - a\n")
    return "".join(parts)


def main() -> None:
    """Build each kind (1 MB) with `planpdf build` in a fresh process and print the time."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "worst-case")
    folder.mkdir(exist_ok=True)
    for kind in sys.argv[2:] or KINDS:
        source = folder / f"{kind}.yaml"
        source.write_text(plan(kind), encoding="utf-8")
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "planpdf.cli", "build", str(source), "-o",
                               str(folder / f"{kind}.pdf")], capture_output=True, text=True,
                              check=False)
        seconds = time.monotonic() - started
        outcome = proc.stdout.strip() or proc.stderr.strip().splitlines()[0]
        print(f"{kind:18} {source.stat().st_size:>9} B  {seconds:6.1f} s  {outcome}", flush=True)


if __name__ == "__main__":
    main()
