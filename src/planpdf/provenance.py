"""Provenance: what an edition's PDF says about itself, written by the build and read back.

The content fingerprint, the embedded source's name and the keys of the document information
dictionary live here, side by side, so ``pdfa`` (which writes them) and ``edition.read`` (which
reads them back) cannot drift apart.

The fingerprint is SHA-256 over the canonical JSON of the loaded data (keys sorted, UTF-8, no
insignificant whitespace), so re-indenting the YAML or editing its comments does not change it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from reportlab import Version as reportlab_version

from . import __version__
from .content.digest import canonical_json, fingerprint, short

# The canonical YAML source is embedded in the PDF under this file name.
SOURCE_NAME = "handlingsplan.yaml"
SOURCE_MIME = "application/yaml"
IMAGE_PREFIX = "billeder/"  # a format 2 plan's images, embedded beside the source by this name


def bundle_image_name(source_name: str, image: str) -> str:
    """The name a plan's image is attached under in a bundle: beside its source's name,
    ``vestkysten-2026/billeder/organisation.png`` (as a plan's own PDF has
    ``billeder/organisation.png`` beside ``handlingsplan.yaml``)."""
    return f"{source_name.removesuffix('.yaml')}/{IMAGE_PREFIX}{image}"

# Custom keys of the PDF document information dictionary written by planpdf.
INFO_FINGERPRINT = "/PlanpdfFingerprint"
INFO_STATUS = "/PlanpdfStatus"
INFO_COUNCIL = "/PlanpdfCouncil"
INFO_YEAR = "/PlanpdfYear"
INFO_APPROVED_BY = "/PlanpdfApprovedBy"
INFO_APPROVED_DATE = "/PlanpdfApprovedDate"
INFO_SIGNATURE_BOX = "/PlanpdfSignatureBox"  # "page x1 y1 x2 y2" in PDF points, 1-based page
# What made the pages: "planpdf 0.3.0; reportlab 5.1.0". verify rebuilds the pages and compares
# bytes, which holds only for the same planpdf and the same ReportLab.
INFO_RENDERER = "/PlanpdfRenderer"
# A bundle of plans (planpdf bundle) has no fingerprint of its own: this key names it a bundle
# and lists each attached plan source with that plan's fingerprint, "name=hex;name=hex".
INFO_BUNDLE = "/PlanpdfBundle"


def renderer() -> str:
    """The programs whose versions decide a PDF's bytes, as ``INFO_RENDERER`` records them."""
    return f"planpdf {__version__}; reportlab {reportlab_version}"


def bundle_entry(plans: list[tuple[str, str]]) -> str:
    """``INFO_BUNDLE``'s value: each attached source's name and its plan's fingerprint.

    >>> bundle_entry([("b-2011.yaml", "ab"), ("a-2011.yaml", "cd")])
    'a-2011.yaml=cd;b-2011.yaml=ab'
    >>> bundle_plans(bundle_entry([("b-2011.yaml", "ab"), ("a-2011.yaml", "cd")]))
    {'a-2011.yaml': 'cd', 'b-2011.yaml': 'ab'}
    """
    return ";".join(f"{name}={value}" for name, value in sorted(plans))


def bundle_plans(entry: str) -> dict[str, str]:
    """``INFO_BUNDLE`` read back: source name → fingerprint (pairs without '=' are dropped)."""
    pairs = (part.rpartition("=") for part in entry.split(";"))
    return {name: value for name, sep, value in pairs if sep and name}


def canonical_yaml(data: Any) -> str:
    """The loaded data as YAML, the form embedded in every PDF (keys in the content's order).

    PyYAML's emitter decides the text; libyaml's (about ten times faster) writes it where it is
    known to write the very same text (``_emits_alike``; tests/test_yaml_emit.py holds the two
    side by side on every YAML file of the repository and on fuzzed data).

    >>> print(canonical_yaml({"år": 2011, "dato": "2011-01-01", "navn": "2010"}), end="")
    år: 2011
    dato: '2011-01-01'
    navn: '2010'
    """
    if _CDumper is not None and _emits_alike(data):
        return _dump(data, _CDumper)
    return _dump(data, yaml.SafeDumper)


def _dump(data: Any, dumper: Any) -> str:
    text: str = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return text


try:
    from yaml import CSafeDumper as _CDumper
except ImportError:  # PyYAML without libyaml: its own emitter for everything
    _CDumper = None  # type: ignore[assignment,misc]


def _alike_text(text: str) -> bool:
    """Whether both emitters write ``text`` alike: printable characters (``str.isprintable``,
    which refuses tab, carriage return, NEL, U+2028/U+2029, the byte order mark, surrogates and
    private use), line breaks, no-break spaces, nothing beyond the Basic Multilingual Plane; and
    no space beside a line break (such texts are double-quoted, where libyaml folds long lines
    otherwise). Not a regular expression: compiling one costs a cold build ~5 ms."""
    return (text.replace("\n", "").replace("\xa0", " ").isprintable()
            and (not text or max(text) <= "\ufffd") and " \n" not in text and "\n " not in text)


def _emits_alike(data: Any) -> bool:
    """Whether libyaml's emitter writes ``data`` exactly as PyYAML's: plain data (mappings with
    short one-line non-empty text keys, lists, text, numbers, truth values, dates, nothing), no
    container twice (no anchors), and texts ``_alike_text`` allows; a mapping at the top (a
    lone scalar's document ends differently)."""
    if type(data) is not dict:
        return False
    seen: set[int] = set()
    todo: list[Any] = [data]
    while todo:
        item = todo.pop()
        kind: type = type(item)
        if kind is str:
            if not _alike_text(item):
                return False
        elif kind is dict:
            if id(item) in seen:
                return False
            seen.add(id(item))
            for key in item:
                # a key is simple for PyYAML when not empty and under 128 characters, for
                # libyaml when up to 128 bytes
                if type(key) is not str or not key or "\n" in key or not _alike_text(key) \
                        or len(key.encode("utf-8")) >= 120:
                    return False
            todo.extend(item.values())
        elif kind is list:
            if id(item) in seen:
                return False
            seen.add(id(item))
            todo.extend(item)
        elif not (item is None or kind in (int, bool, float, date)):
            return False
    return True


__all__ = ["canonical_json", "canonical_yaml", "fingerprint", "renderer", "short"]
