"""Provenance: what an edition's PDF says about itself, written by the build and read back.

The content fingerprint, the embedded source's name and the keys of the document information
dictionary live here, side by side, so ``pdfa`` (which writes them) and ``edition.read`` (which
reads them back) cannot drift apart.

The fingerprint is SHA-256 over the canonical JSON of the loaded data (keys sorted, UTF-8, no
insignificant whitespace), so re-indenting the YAML or editing its comments does not change it.
"""

from __future__ import annotations

from typing import Any

import yaml
from reportlab import Version as reportlab_version

from . import __version__
from .content.digest import canonical_json, fingerprint, short

# The canonical YAML source is embedded in the PDF under this file name.
SOURCE_NAME = "handlingsplan.yaml"
SOURCE_MIME = "application/yaml"
IMAGE_PREFIX = "billeder/"  # a format 2 plan's images, embedded beside the source by this name

# Custom keys of the PDF document information dictionary written by planpdf.
INFO_FINGERPRINT = "/PlanpdfFingerprint"
INFO_STATUS = "/PlanpdfStatus"
INFO_COUNCIL = "/PlanpdfCouncil"
INFO_YEAR = "/PlanpdfYear"
INFO_APPROVED_BY = "/PlanpdfApprovedBy"
INFO_APPROVED_DATE = "/PlanpdfApprovedDate"
INFO_SIGNATURE_BOX = "/PlanpdfSignatureBox"  # "page x1 y1 x2 y2" in PDF points, 1-based page
# What made the pages: "planpdf 0.2.0; reportlab 5.1.0". verify rebuilds the pages and compares
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

    >>> print(canonical_yaml({"år": 2011, "dato": "2011-01-01", "navn": "2010"}), end="")
    år: 2011
    dato: '2011-01-01'
    navn: '2010'
    """
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text


__all__ = ["canonical_json", "canonical_yaml", "fingerprint", "renderer", "short"]
