"""Text is always text: ReportLab markup in every place of a plan prints as written, and does nothing.

Each payload below is written into every place of one plan that ends up in the PDF (``PLACES``:
headings with the contents list on, paragraphs, bullets, table cells, focus areas, members, the
council in the header and footer, the sign-off block) and into the change report's deletions,
insertions and labels. The plan is built with the real CLI; each PDF must exist, read back with
the payload literally in each place, and carry no link action, image, unembedded font or
embedded file of the payload's making. To add a payload, add a line to ``PAYLOADS``.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from conftest import Result, pdf_objects, pdf_text, run_planpdf, write
from planpdf.content.rules import MAX_SHORT

# (id, text): what a referent might paste, or an attacker write, into any text of the content.
PAYLOADS = [
    ("javascript-link", '<a href="javascript:app.alert(1)">klik</a>'),
    ("file-link", '<a href="file:///etc/passwd">fil</a>'),
    ("link-tag", '<link href="https://planpdf.invalid/x">web</link>'),
    ("local-image", '<img src="secret.png"/>'),  # a real PNG beside the plan (see `built`)
    ("non-image", '<img src="/etc/passwd"/>'),
    ("cve-2023-33733", "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch pwned')"
                       " for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith':"
                       " lambda self, x: 1 == 0, '__eq__': lambda self, x: self.mutated and"
                       " (self.mutated := self.mutated - 1) == 0, 'mutate': lambda self: 1,"
                       " '__hash__': lambda self: hash(str(self)), }, ), ] ] for orgTypeFun in"
                       " [type(type(1))] for none in [[].append(1)]]] and 'red'\">exploit</font>"),
    ("unclosed-angle", "Vold i <hjemmet>"),
    ("broken-entity", "Punkt &#"),
    ("unclosed-bold", "Tryghed <b>og trivsel"),
    ("unichar", '<unichar code="0x1F600"/> <unichar name="GRINNING FACE"/>'),
    ("numeric-entity", "&#x1F600;"),
    ("named-entities", "&amp; &lt;b&gt; &nbsp; &quot;"),
    ("font-name", '<font name="Courier">kode</font> <font face="Times-Roman">tid</font>'),
    ("paragraph-tags", "</para><para> <br/> <bullet>x</bullet> <seq id=\"s\"/>"),
    ("callback", '<onDraw name="drawTOCEntryEnd" label="1,0,None"/>'),
    ("cdata", "<![CDATA[ <b>x</b> ]]>"),
    ("pdf-string", r"(a) \ b) \) (("),
]

# Every place of a plan that lands in the PDF; the marker in front of the payload tells them apart.
PLACES = {
    "P01": "plan title (title heading, bookmark, header, /Title)",
    "P02": "council name (subtitle, header, footer, /Author)",
    "P03": "municipality (kicker)",
    "P04": "police district (kicker)",
    "P05": "foreword heading (heading, contents list, bookmark)",
    "P06": "foreword text (paragraph)",
    "P07": "foreword signed by (paragraph)",
    "P08": "foreword signer's title (paragraph)",
    "P09": "purpose (paragraph)",
    "P10": "member name (table cell)",
    "P11": "member function (table cell)",
    "P12": "member title (table cell)",
    "P13": "member organisation (table cell)",
    "P14": "member unit (table cell)",
    "P15": "conference theme (paragraph)",
    "P16": "focus group heading (heading, contents list, bookmark)",
    "P17": "focus area title (heading, contents list, bookmark)",
    "P18": "focus area contact (status line)",
    "P19": "focus area text (paragraph)",
    "P20": "focus area remark (italic paragraph)",
    "P21": "project title (bullet)",
    "P22": "project item (sub-bullet)",
    "P23": "section heading (heading, contents list, bookmark)",
    "P24": "section bullet (bullet)",
    "P25": "table column (header cell)",
    "P26": "table cell",
    "P27": "subsection heading (heading, contents list, bookmark)",
    "P28": "approved by (sign-off paragraph, signature line)",
    "P29": "approver's role (sign-off paragraph, signature line)",
    "P30": "approval meeting (sign-off paragraph)",
    "P31": "closing (paragraph)",
}
HEADINGS = {"P05", "P16", "P17", "P23", "P27"}  # each in the text twice: heading and contents line
# places of running text (paragraphs, list items, table cells); the others are one-line texts that
# `check` limits to MAX_SHORT characters, so a longer payload is cut there (still unbalanced markup)
RUNNING = {"P06", "P09", "P19", "P20", "P22", "P24", "P26", "P31"}


def placed(marker: str, payload: str) -> str:
    """The text written into a place: the marker, then the payload, cut to a one-line text's limit
    where the place is not running text (the CVE payload is longer than a heading may be)."""
    text = f"{marker} {payload}"
    return text if marker in RUNNING else text[:MAX_SHORT].rstrip()

PLAN = """\
år: 2010
titel: @P01@
status: godkendt
godkendelse:
  dato: 2010-02-15
  af: @P28@
  rolle: @P29@
  møde: @P30@
råd:
  navn: @P02@
  kommune: @P03@
  politikreds: @P04@
indholdsfortegnelse: true
forord:
  overskrift: @P05@
  tekst: @P06@
  navn: @P07@
  titel: @P08@
formål: @P09@
medlemmer:
  - navn: @P10@
    funktion: @P11@
    titel: @P12@
    organisation: @P13@
    enhed: @P14@
    rolle: formand
@EXTRA_MEMBER@lokalråd_plus:
  konference:
    dato: 2010-11-24
    tema: @P15@
fokusområder:
  grupper:
    - overskrift: @P16@
      områder:
        - titel: @P17@
          status: kontaktperson
          kontaktperson: @P18@
          tekst: @P19@
          bemærkning: @P20@
forebyggelse:
  projekter:
    - titel: @P21@
      punkter:
        - tekst: @P22@
afsnit:
  - overskrift: @P23@
    tekst:
      - punkter: [@P24@]
      - tabel: {kolonner: [@P25@], rækker: [[@P26@]]}
    afsnit:
      - overskrift: @P27@
        tekst: Et underafsnit.
afslutning: @P31@
"""


def plan_yaml(payload: str, **override: str) -> str:
    """The plan with ``<marker> <payload>`` in every place (``override``: other texts by marker).

    ``EXTRA_MEMBER`` adds a second member with that name.
    """
    texts = {marker: placed(marker, payload) for marker in PLACES} | override
    text = PLAN.replace("@EXTRA_MEMBER@", f"  - navn: {json.dumps(override['EXTRA_MEMBER'])}\n"
                        if "EXTRA_MEMBER" in override else "")
    return re.sub(r"@(P\d\d)@", lambda m: json.dumps(texts[m[1]], ensure_ascii=False), text)


def squeeze(text: str) -> str:
    """Without whitespace, so that line breaks pypdf puts in (or leaves out) do not count."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # hyphenation at a line end
    return "".join(text.split())


def tiny_png() -> bytes:
    """A valid 1×1 PNG, so an `<img>` that ReportLab followed would really be embedded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def assert_clean_run(result: Result) -> None:
    """Exit 0, and no traceback or ReportLab complaint on the way."""
    assert result.code == 0, result.err
    assert "Traceback" not in result.err + result.out
    assert "paragraph text" not in result.err + result.out


def assert_inert(pdf: Path, folder: Path, sources: int) -> None:
    """No link or script action, no image, only Carlito, and no embedded file but ``sources``
    copies of planpdf's own ``handlingsplan.yaml`` (one in a plan, none in a change report)."""
    from pypdf import PdfReader

    data = pdf_objects(pdf)
    for forbidden in (b"/URI", b"/Launch", b"/JavaScript", b"/JS ", b"/Subtype /Image",
                      b"/GoToR", b"/SubmitForm", b"/ImportData"):
        assert forbidden not in data, forbidden
    fonts = set(re.findall(rb"/BaseFont /([^\s/>\]]+)", data))
    assert fonts and all(b"Carlito" in name for name in fonts), fonts
    reader = PdfReader(pdf)
    embedded = set(reader.attachments)
    assert embedded <= {"handlingsplan.yaml"}, embedded
    assert data.count(b"/Type /EmbeddedFile") == sources
    assert not (folder / "pwned").exists()


def outline_titles(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    def walk(items: list[object]) -> list[str]:
        out: list[str] = []
        for item in items:
            out += walk(item) if isinstance(item, list) else [str(item.title)]
        return out

    return walk(PdfReader(pdf).outline)


@pytest.fixture(scope="module", params=PAYLOADS, ids=[p[0] for p in PAYLOADS])
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Result]:
    """The plan with the payload in every place, built with the real CLI."""
    payload = request.param[1]
    folder = tmp_path_factory.mktemp(request.param[0])
    (folder / "secret.png").write_bytes(tiny_png())
    write(folder / "plan.yaml", plan_yaml(payload))
    result = run_planpdf("build", "plan.yaml", "-o", "plan.pdf", cwd=folder)
    return payload, folder, result


def test_payload_builds_without_traceback_or_active_content(built: tuple[str, Path, Result]) -> None:
    """Regression (heading markup in the contents list): every payload in every place builds, and
    the PDF has no /URI, /Launch, /JavaScript, image, foreign font or foreign embedded file."""
    _payload, folder, result = built
    assert_clean_run(result)
    assert_inert(folder / "plan.pdf", folder, sources=1)


def test_payload_prints_literally_in_every_place(built: tuple[str, Path, Result]) -> None:
    """Regression ('Vold i <hjemmet>' printed 'Vold i' in the contents list): each place shows the
    payload as written; headings show it twice (heading and contents line)."""
    payload, folder, result = built
    assert_clean_run(result)
    text = squeeze("\n".join(pdf_text(folder / "plan.pdf")))
    for marker, place in PLACES.items():
        expected = squeeze(placed(marker, payload))
        count = text.count(expected)
        assert count >= (2 if marker in HEADINGS else 1), f"{place}: {count}× {expected!r}"
    assert "😀" not in text  # neither &#x1F600; nor <unichar> became the emoji


def test_payload_is_plain_text_in_bookmarks_and_metadata(built: tuple[str, Path, Result]) -> None:
    """Bookmarks (PDF strings), the document information and the XMP carry the payload as
    written."""
    from pypdf import PdfReader

    payload, folder, result = built
    assert_clean_run(result)
    pdf = folder / "plan.pdf"
    titles = outline_titles(pdf)
    for marker in ["P01", *sorted(HEADINGS)]:
        assert placed(marker, payload) in titles, (marker, titles)
    reader = PdfReader(pdf)
    meta, xmp = reader.metadata, reader.xmp_metadata
    assert meta is not None and xmp is not None
    title, council = placed("P01", payload), placed("P02", payload)
    assert (meta.title, meta.author) == (title, council)
    assert (xmp.dc_title, xmp.dc_creator) == ({"x-default": title}, [council])


def test_payload_in_header_and_footer_is_drawn_as_written(built: tuple[str, Path, Result]) -> None:
    """The council in the running header and footer is the name as written (shortened with "…"
    where it is too wide), on every page."""
    payload, folder, result = built
    assert_clean_run(result)
    pages = pdf_text(folder / "plan.pdf")
    name = squeeze(placed("P02", payload))
    for number, page in enumerate(pages, start=1):
        lines = [squeeze(line) for line in page.splitlines() if "P02" in line]
        assert len(lines) >= 2, (number, lines)  # the footer, and the subtitle or the header
        for line in lines:
            council = re.split("·|P01", line[line.index("P02"):])[0].rstrip("…")
            assert len(council) > 3 and name.startswith(council), (number, council, name)


@pytest.mark.parametrize(("name", "payload"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_payload_in_change_report_prints_literally(name: str, payload: str, tmp_path: Path) -> None:
    """The change report shows the payload literally where it is struck through (deleted),
    underlined (inserted), in labels and headings, and stays as inert as the plan."""
    (tmp_path / "secret.png").write_bytes(tiny_png())
    # long enough that even the longest payload is a changed passage, not a removed and added one
    same = " ".join(["og lokalrådet arbejder for tryghed og sikkerhed for borgerne i kommunen."] * 10)
    write(tmp_path / "a.yaml", plan_yaml(payload, P09=f"P09 {payload} {same}", P31=f"P31 {same}"))
    write(tmp_path / "b.yaml", plan_yaml(payload, P09=f"P09 ny {same}", P31=f"P31 {payload} {same}",
                                         P23="P23 ny", EXTRA_MEMBER=placed("P40", payload)))
    result = run_planpdf("diff", "a.yaml", "b.yaml", "-o", "report.pdf", cwd=tmp_path)
    assert result.code in (0, 1), result.err  # 1: differences found, where --exit-code is asked
    assert "Traceback" not in result.err + result.out
    report = tmp_path / "report.pdf"
    assert_inert(report, tmp_path, sources=0)
    text = squeeze("\n".join(pdf_text(report)))
    for words in (f"P09 {payload} ny og",  # deleted: old words struck through, then the new
                  f"P31 {payload} og",  # inserted
                  placed("P40", payload),  # an added member: label and passage
                  placed("P23", payload),  # renamed section: old name struck through
                  placed("P02", payload)):  # the council, below the title
        assert squeeze(words) in text, words
    assert text.count("Ændret·Formål") == 1 and text.count("Ændret·Afslutning") == 1, text  # word by word
