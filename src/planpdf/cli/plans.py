"""``build``, ``check``, ``approve`` and ``new``: the commands on content files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .. import model as m
from ..errors import PlanpdfError, about, general
from ..files import read_bytes, same_path, write_atomic
from ..pipeline import World, build_checked
from ..pipeline import check as check_file
from .context import Context


def content_files(paths: list[Path]) -> list[Path]:
    """The files named, and every ``.yaml``/``.yml`` in the folders named (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in (".yaml", ".yml")
                            and p.is_file() and not p.name.startswith("."))
        else:
            found.append(path)
    return found


def build(args: argparse.Namespace, ctx: Context) -> int:
    """Build the PDF of a content file, atomically; many at once with ``batch``."""
    files = content_files(args.content)
    if not files:
        raise PlanpdfError(general("ingen indholdsfiler (.yaml) i " + ", ".join(
            str(p) for p in args.content)))
    if len(args.content) > 1 or args.content[0].is_dir():
        if args.output is not None:
            raise PlanpdfError(general("-o gælder kun én indholdsfil; brug --mappe til flere"))
        from .batch import build_many  # multiprocessing: only for many plans (~17 ms to import)

        return build_many(files, args.mappe or Path("output"), args.quiet, ctx)
    content = files[0]
    output = args.output or (args.mappe or Path("output")) / f"{content.stem}.pdf"
    if output.suffix.lower() != ".pdf":
        raise PlanpdfError(about(output, "output-filen skal ende på .pdf"))
    if same_path(output, content):
        raise PlanpdfError(about(output, "output må ikke overskrive indholdsfilen"))
    world = World.default(ctx.source_date())
    checked = check_file(content, world)
    ctx.diagnostics(checked.loaded.warnings)  # what the content probably did not mean
    result = build_checked(checked, world)
    write_atomic(output, result.pdf)
    if not args.quiet:
        pages = "side" if result.pages == 1 else "sider"
        ctx.print(f"Skrev {output} ({result.pages} {pages}, {len(result.pdf) // 1024} kB)")
    return 0


def counts(plan: m.Plan) -> tuple[int, int]:
    """How many members and focus areas a plan lists (either format)."""
    if plan.format == 1:
        return len(plan.members), sum(len(g.areas) for g in plan.focus.groups) if plan.focus else 0
    members = len(m.body_people(plan.body))
    return members, sum(len(b.areas) for b in m.walk(plan.body) if isinstance(b, m.FocusBlock))


def check(args: argparse.Namespace, ctx: Context) -> int:
    """Check a content file without building it."""
    checked = check_file(args.content, World.default())
    ctx.diagnostics(checked.loaded.warnings)  # printed, but the check still succeeds
    plan = checked.plan
    if not args.quiet:
        members, areas = counts(plan)
        found = [f"{n} {one if n == 1 else many}" for n, one, many in (
            (members, "medlem", "medlemmer"), (areas, "fokusområde", "fokusområder")) if n]
        ctx.print(f"{args.content}: ingen fejl" + (f" ({', '.join(found)})" if found else ""))
    return 0


def _parse_date(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise PlanpdfError(general(f"{option} {text!r} er ikke en gyldig dato; skriv "
                                   "år-måned-dag, fx 2011-02-15")) from None


def _write_text(path: Path, text: str, original: bytes) -> None:
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    write_atomic(path, bom + text.encode("utf-8"))


def approve(args: argparse.Namespace, ctx: Context) -> int:
    """Write the approval into a content file."""
    from ..content.edits import approve as approve_content  # not for build: ~2 ms of import

    when = _parse_date(args.date, "--date")
    checked = check_file(args.content, World.default(), changed_approval_ok=args.replace)
    ctx.diagnostics(checked.loaded.warnings)  # what is approved should be what was meant
    edit = approve_content(checked.loaded, when, args.by, args.role, args.meeting,
                           replace=args.replace)
    _write_text(args.content, edit.text, read_bytes(args.content))
    if not args.quiet:
        for note in edit.notes:
            ctx.print(f"{args.content}: bemærk: {note}")
        ctx.print(f"Godkendelsen er skrevet i {args.content}; byg nu PDF'en med "
                  f"planpdf build {args.content}")
    return 0


def new(args: argparse.Namespace, ctx: Context) -> int:
    """Start next year's content file from this year's."""
    from ..content.edits import new_edition

    if args.content.suffix.lower() not in (".yaml", ".yml"):
        raise PlanpdfError(about(args.content, "den nye indholdsfil skal ende på .yaml"))
    if args.content.exists():
        raise PlanpdfError(about(args.content, "filen findes allerede; planpdf new overskriver "
                                 "aldrig en fil (vælg et andet navn, eller slet den først)"))
    if same_path(args.content, args.source):
        raise PlanpdfError(about(args.content, "den nye fil må ikke være den gamle"))
    checked = check_file(args.source, World.default())
    ctx.diagnostics(checked.loaded.warnings)  # carried into next year's file unless fixed
    edit = new_edition(checked.loaded, str(args.content))
    if args.content.exists():  # appeared meanwhile: still never overwrite
        raise PlanpdfError(about(args.content, "filen findes allerede"))
    _write_text(args.content, edit.text, read_bytes(args.source))
    if not args.quiet:
        ctx.print(f"Skrev {args.content} (udkast for {checked.plan.year + 1}, fra {args.source})")
        for note in edit.notes:
            ctx.print(f"{args.content}: bemærk: {note}")
    return 0
