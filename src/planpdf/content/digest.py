"""The content's fingerprints: SHA-256 over canonical JSON, so re-indenting the YAML or editing
its comments changes nothing.

``fingerprint`` covers all the loaded data (the PDF carries it); ``approved_fingerprint`` covers
everything but the approval itself (``status`` and ``godkendelse``), so ``approve`` can record it
in the approval, and a later change of the approved content is found.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

APPROVAL_KEYS = ("status", "godkendelse")


def canonical_json(data: Any) -> bytes:
    """Data as canonical JSON bytes.

    >>> canonical_json({"b": 1, "a": "æ"})
    b'{"a":"\\xc3\\xa6","b":1}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def fingerprint(data: Any, images: Mapping[str, bytes] | None = None) -> str:
    """SHA-256 hex digest of the canonical JSON of ``data``; with a format 2 plan's images, of
    the data and each image's SHA-256 (so a picture swapped under the same name is a change).

    >>> fingerprint({"år": 2011}, {}) == fingerprint({"år": 2011})
    True
    """
    if images:
        data = {"indhold": data, "billeder": {name: hashlib.sha256(blob).hexdigest()
                                              for name, blob in sorted(images.items())}}
    return hashlib.sha256(canonical_json(data)).hexdigest()


def approved_fingerprint(data: dict[str, Any], images: Mapping[str, bytes] | None = None) -> str:
    """The fingerprint of what an approval approves: the content without the approval.

    >>> approved_fingerprint({"år": 2011, "status": "godkendt"}) == fingerprint({"år": 2011})
    True
    """
    return fingerprint({k: v for k, v in data.items() if k not in APPROVAL_KEYS}, images)


def short(value: str) -> str:
    """The short form printed in the footer: the first 12 hex digits, grouped by four.

    >>> short("0123456789abcdef")
    '0123 4567 89ab'
    """
    return " ".join(value[i:i + 4] for i in range(0, 12, 4))
