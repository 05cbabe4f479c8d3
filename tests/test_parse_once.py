"""Issue 12 §5: ``diff`` of two planpdf PDFs parses and validates each embedded source once, and
``verify`` and ``sign`` parse each PDF once.

The PDFs are read in a forked child (``edition.bounded``), so a counter in this process would
not see the child's work: each entry point is wrapped to append a line (what, process, which
document) to a file, which the parent and every forked child write alike. The document is
named by a digest of its bytes (a PDF) or text (a source), so a count is per document, and the
process says whether the work was done in a child or again in the parent.

Counted: pypdf's ``PdfReader`` and pyHanko's ``PdfFileReader`` (every construction, also the
one inside pyHanko's signing writer), ``content.source.parse`` (the YAML parse),
``content.load.to_plan`` (typing, validation and the model) and ``content.validate.validate``
(the schema check), under every name planpdf imported them by.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cert_fixtures import PASSWORD

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the count follows the forked child; spawn starts afresh")

Key = tuple[str, str, str]  # (what, document, "parent" or "child")


def _digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()[:16]


def _pdf_bytes(stream: Any) -> bytes:
    """The bytes a PDF reader is about to parse (a file name, or a file object left where it
    was)."""
    if isinstance(stream, str | os.PathLike):
        return Path(stream).read_bytes()
    if isinstance(stream, io.BytesIO):
        return stream.getvalue()
    at = stream.tell()
    stream.seek(0)
    data: bytes = stream.read()
    stream.seek(at)
    return data


class Counting:
    """Wraps the entry points (``start``); ``counts`` reads what every process recorded."""

    def __init__(self, log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.log = log
        self.monkeypatch = monkeypatch
        self.parent = os.getpid()
        self.names: dict[str, str] = {}

    def name(self, label: str, data: bytes | str) -> str:
        """Call the document with these bytes (a PDF) or this text (a source) ``label``, unless
        it has a name already (a signed PDF carries its edition's source); the name it has."""
        return self.names.setdefault(_digest(data), label)

    def record(self, what: str, data: bytes | str) -> None:
        with self.log.open("a", encoding="utf-8") as log:  # one line, closed: the child exits hard
            log.write(f"{what}\t{os.getpid()}\t{_digest(data)}\n")

    def counts(self) -> Counter[Key]:
        """How often each entry point ran on each document, and where."""
        found: Counter[Key] = Counter()
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        for line in lines:
            what, pid, digest = line.split("\t")
            found[what, self.names.get(digest, f"? {digest}"),
                  "parent" if int(pid) == self.parent else "child"] += 1
        return found

    def start(self) -> None:
        from planpdf.content import load, source, validate

        def parse(path: str, text: str) -> Any:
            self.record("yaml", text)
            return original_parse(path, text)

        def to_plan(src: Any, *args: Any, **kwargs: Any) -> Any:
            self.record("plan", src.text)
            return original_to_plan(src, *args, **kwargs)

        def check(data: Any, smap: Any) -> Any:
            self.record("validate", smap.path)
            return original_validate(data, smap)

        original_parse, original_to_plan, original_validate = \
            source.parse, load.to_plan, validate.validate
        self._everywhere(original_parse, parse)
        self._everywhere(original_to_plan, to_plan)
        self._everywhere(original_validate, check)
        from pypdf import PdfReader

        self._count_constructions(PdfReader, "pypdf")
        if "pyhanko" in sys.modules or _importable("pyhanko"):
            from pyhanko.pdf_utils.reader import PdfFileReader

            self._count_constructions(PdfFileReader, "pyhanko")

    def _everywhere(self, original: Callable[..., Any], wrapper: Callable[..., Any]) -> None:
        """Replace ``original`` in its module and wherever planpdf imported it by name."""
        for name, module in list(sys.modules.items()):
            if name == "planpdf" or name.startswith("planpdf."):
                for attr, value in list(vars(module).items()):
                    if value is original:
                        self.monkeypatch.setattr(module, attr, wrapper)

    def _count_constructions(self, cls: type, what: str) -> None:
        original = cls.__init__

        def init(reader: Any, stream: Any, *args: Any, **kwargs: Any) -> None:
            self.record(what, _pdf_bytes(stream))
            original(reader, stream, *args, **kwargs)

        self.monkeypatch.setattr(cls, "__init__", init)


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


@pytest.fixture
def counting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Counting:
    return Counting(tmp_path / "calls.log", monkeypatch)


def _source_text(pdf: Path) -> str:
    """The embedded source as the PDF carries it (read before counting starts)."""
    from planpdf.edition.read import read_edition

    text = read_edition(pdf.read_bytes(), str(pdf)).source_text
    assert text is not None
    return text


def _once_in_child(sources: dict[str, str]) -> Counter[Key]:
    """Each PDF parsed once by pypdf, and the source it carries parsed and typed once, all in
    a child (``sources``: each PDF's name → its source's name, see ``_named``)."""
    expected: Counter[Key] = Counter()
    for pdf, source in sources.items():
        expected["pypdf", pdf, "child"] += 1
        expected["yaml", source, "child"] += 1
        expected["plan", source, "child"] += 1
    return expected


def _validated(counts: Counter[Key]) -> Counter[str]:
    """The schema checks, by process (their document is the source's name, not its text)."""
    found: Counter[str] = Counter()
    for (what, _document, where), n in counts.items():
        if what == "validate":
            found[where] += n
    return found


def _parsed(counts: Counter[Key]) -> Counter[Key]:
    """Everything else: the PDF parses, the YAML parses and the typing, by document."""
    return Counter({key: n for key, n in counts.items() if key[0] != "validate"})


@pytest.fixture(scope="module")
def editions(make_edition, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two drafts of the 2011 plan that differ in one sentence, and an approved edition."""
    folder = tmp_path_factory.mktemp("parse-once")
    return {
        "a": make_edition(folder / "a.pdf", status="udkast"),
        "b": make_edition(folder / "b.pdf", "Et nyt punkt.", status="udkast"),
        "godkendt": make_edition(folder / "godkendt.pdf"),
    }


def _named(counting: Counting, pdfs: dict[str, Path]) -> dict[str, str]:
    """Name each PDF and the source it carries (``a`` and ``a-kilde``); each PDF's name → its
    source's name."""
    return {counting.name(label, pdf.read_bytes()):
            counting.name(f"{label}-kilde", _source_text(pdf)) for label, pdf in pdfs.items()}


def test_issue_12_diff_of_two_planpdf_pdfs_parses_each_source_once_in_the_worker(
        editions: dict[str, Path], counting: Counting, cli):
    """Issue 12 §5: each PDF is parsed once and its source parsed, typed and validated once,
    all in the bounded worker; the parent uses the plan the worker sent, and parses nothing."""
    a, b = editions["a"], editions["b"]
    sources = _named(counting, {"a": a, "b": b})
    counting.start()
    result = cli("diff", a, b)
    assert result.code == 0, result.err
    assert "Et nyt punkt." in result.out  # compared as plans: the sentence the drafts differ in
    counts = counting.counts()
    assert _validated(counts) == {"child": 2}
    assert _parsed(counts) == _once_in_child(sources)


def test_issue_12_verify_of_one_pdf_parses_it_and_its_source_once(editions: dict[str, Path],
                                                                   counting: Counting, cli):
    """Issue 12 §5: ``verify X.pdf`` parses the PDF once and its source once, in the children
    (the rebuild of the pages uses the source already loaded)."""
    pdf = editions["godkendt"]
    sources = _named(counting, {"godkendt": pdf})
    counting.start()
    result = cli("verify", pdf)
    assert result.code == 0, result.err
    assert "Siderne svarer byte for byte til den indlejrede kilde" in result.out
    counts = counting.counts()
    assert _validated(counts) == {"child": 1}
    assert _parsed(counts) == _once_in_child(sources)


@pytest.fixture(scope="module")
def signed(editions: dict[str, Path], certificate: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The approved edition signed with the real CLI."""
    pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")
    from conftest import run_planpdf

    out = tmp_path_factory.mktemp("parse-once-signed") / "underskrevet.pdf"
    result = run_planpdf("sign", editions["godkendt"], "--cert", certificate, "-o", out,
                         env=_env())
    assert result.code == 0, result.err
    return out


def _env() -> dict[str, str]:
    return {**os.environ, "PLANPDF_CERT_PASSWORD": PASSWORD}


def test_issue_12_verify_of_many_pdfs_parses_each_once(editions: dict[str, Path], signed: Path,
                                                       sample_pdf: Path, counting: Counting,
                                                       cli, tmp_path: Path):
    """Issue 12 §5: ``verify`` of a folder parses each PDF once and each source once; a signed
    PDF is read once more, by pyHanko, to validate its signature (and only then)."""
    folder = tmp_path / "planer"
    folder.mkdir()
    pdfs = {"a": editions["a"], "b": editions["b"], "godkendt": editions["godkendt"],
            "underskrevet": signed, "billund-2010": sample_pdf}  # the sample: format 2, images
    for label, pdf in pdfs.items():
        (folder / f"{label}.pdf").write_bytes(pdf.read_bytes())
    sources = _named(counting, pdfs)
    assert sources["underskrevet"] == "godkendt-kilde"  # signing leaves the source as it is
    counting.start()
    result = cli("verify", folder)
    assert result.code == 0, result.err
    assert "5 fil(er): 2 godkendt og i orden, 3 udkast i orden" in result.err
    counts = counting.counts()
    expected = _once_in_child(sources)
    expected["pyhanko", "underskrevet", "child"] += 1
    assert _validated(counts) == {"child": len(pdfs)}
    assert _parsed(counts) == expected


def test_issue_12_sign_parses_each_pdf_once(editions: dict[str, Path], certificate: Path,
                                            counting: Counting, cli, tmp_path: Path):
    """Issue 12 §5: ``sign`` parses the edition once with pypdf (in the child) and once with
    pyHanko (to write the signature), its source once (verify's checks, in a child), and the
    signed result once with pypdf (its metadata and field) and once with pyHanko (its
    signature), and the visible stamp once (pyHanko imports its page)."""
    pytest.importorskip("pyhanko", reason="planpdf[sign] is not installed")
    pdf, out = editions["godkendt"], tmp_path / "underskrevet.pdf"
    sources = _named(counting, {"godkendt": pdf})
    counting.start()
    result = cli("sign", pdf, "--cert", certificate, "-o", out, env=_env())
    assert result.code == 0, result.err
    counting.name("underskrevet", out.read_bytes())
    counts = counting.counts()
    stamp = [k for k in counts if k[1].startswith("? ") and k[0] != "validate"]
    expected = _once_in_child(sources) + Counter({
        ("pyhanko", "godkendt", "parent"): 1,
        ("pypdf", "underskrevet", "parent"): 1, ("pyhanko", "underskrevet", "parent"): 1})
    expected.update(stamp)  # the stamp's one-page PDF, made and read here: once, by pyHanko
    assert [k[:1] for k in stamp] == [("pyhanko",)] and counts[stamp[0]] == 1
    assert _validated(counts) == {"child": 1}
    assert _parsed(counts) == expected
