"""Compressed object streams and a cross-reference stream (PDF 1.5+) for ReportLab's writer.

ReportLab writes every object as plain text and a cross-reference table of 20 bytes per object.
A tagged plan is mostly small dictionaries (structure elements, pages, annotations, fonts), so
the sample spends a third of its bytes there. ``write_object_streams`` has ``doc`` (a ReportLab
``PDFDocument``) write them as ReportLab does, one by one in number order (objects registered while
writing are written too), then puts every object that is not a stream into compressed object
streams (ISO 32000-1 7.5.7) and ends the file with a compressed cross-reference stream (7.5.8)
carrying what the trailer carried: /Size, /Root, /Info and the same /ID. PDF/A-3 allows both.
Deterministic: the order is the object numbers', and zlib's output depends only on its input.
"""

from __future__ import annotations

import zlib
from functools import partial
from typing import Any

from reportlab.pdfbase.pdfdoc import DummyDoc, PDFFile, PDFIndirectObject, PDFText

PER_STREAM = 100  # objects per object stream, as qpdf writes them
_ENDOBJ = b"endobj\n"
_STREAM_END = b"endstream\n" + _ENDOBJ


def write_object_streams(doc: Any) -> None:
    """Have ``doc`` (about to be saved) write object streams and a cross-reference stream."""
    doc.format = partial(_format, doc)


def _format(doc: Any) -> bytes:
    """The whole file, as ``PDFDocument.format`` makes it, but with object streams."""
    if doc.encrypt.info():  # planpdf never encrypts (PDF/A forbids it); nor is it done here
        raise ValueError("object streams are written for unencrypted documents only")
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    out = PDFFile(doc._pdfVersion)
    offsets, packed = _write_objects(doc, out)
    number = len(doc.numberToId) + 1
    located: dict[int, tuple[int, int]] = {}  # number → (object stream, index), for the xref
    for start in range(0, len(packed), PER_STREAM):
        chunk = packed[start:start + PER_STREAM]
        offsets[number] = out.add(_object_stream(number, chunk))
        located.update({n: (number, i) for i, (n, _body) in enumerate(chunk)})
        number += 1
    out.add(_xref_stream(doc, number, offsets, located, out.offset))
    result: bytes = out.format(doc)
    return result


def _write_objects(doc: Any, out: Any) -> tuple[dict[int, int], list[tuple[int, bytes]]]:
    """Format every object in number order (formatting may register more): streams are written
    to ``out`` (their offsets returned), the others' bodies returned for object streams."""
    offsets: dict[int, int] = {}
    packed: list[tuple[int, bytes]] = []
    number = 1
    while number in doc.numberToId:
        name = doc.numberToId[number]
        written = PDFIndirectObject(name, doc.idToObject[name]).format(doc)
        if written.endswith(_STREAM_END):
            offsets[number] = out.add(written)
        else:
            packed.append((number, written[written.index(b"\n") + 1:-len(_ENDOBJ)].rstrip(b"\n")))
        number += 1
    return offsets, packed


def _object_stream(number: int, objects: list[tuple[int, bytes]]) -> bytes:
    header, bodies, at = [], [], 0
    for n, body in objects:
        header.append(f"{n} {at}")
        bodies.append(body)
        at += len(body) + 1
    first = " ".join(header).encode("ascii") + b"\n"
    data = zlib.compress(first + b"\n".join(bodies))
    return _stream(number, f"/Type /ObjStm /N {len(objects)} /First {len(first)}", data)


def _xref_stream(doc: Any, number: int, offsets: dict[int, int],
                 located: dict[int, tuple[int, int]], at: int) -> bytes:
    """The cross-reference stream (object ``number``, written at offset ``at``) and the end."""
    offsets[number] = at
    width = max(1, (max(offsets.values()).bit_length() + 7) // 8)
    rows = [(0, 0, 0xFFFF)]
    for n in range(1, number + 1):
        rows.append((1, offsets[n], 0) if n in offsets else (2, *located[n]))
    data = b"".join(bytes([kind]) + a.to_bytes(width, "big") + b.to_bytes(2, "big")
                    for kind, a, b in rows)
    root, info = (doc.idToObjectNumberAndVersion[doc.Reference(x).name][0]
                  for x in (doc.Catalog, doc.info))
    ident = PDFText(doc.signature.digest(), enc="raw").format(DummyDoc()).decode("ascii")
    entries = (f"/Type /XRef /Size {number + 1} /W [ 1 {width} 2 ] /Root {root} 0 R "
               f"/Info {info} 0 R /ID [{ident}{ident}]")
    return _stream(number, entries, zlib.compress(data)) + f"startxref\n{at}\n%%EOF\n".encode()


def _stream(number: int, entries: str, data: bytes) -> bytes:
    head = f"{number} 0 obj\n<< {entries} /Filter /FlateDecode /Length {len(data)} >>\nstream\n"
    return head.encode("ascii") + data + b"\nendstream\nendobj\n"
