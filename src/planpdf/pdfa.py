"""PDF/A-3u finishing, done with ReportLab's own PDF objects while the canvas is saved.

``finish_document`` (every PDF planpdf writes: plans and the change report) adds an XMP
metadata packet that repeats the information dictionary and claims PDF/A-3u (part 3,
conformance U: every font has a ``/ToUnicode`` map, which ReportLab writes for its embedded
TrueType subsets; unused codes are dropped from it) and PDF/UA-1 (``pdfuaid:part``, declared in
an extension schema; ``layout.tagging`` writes the structure tree), an sRGB OutputIntent with
the ICC profile shipped in ``planpdf/icc``, the print flag on every annotation, an end-of-line
before every ``endstream``, and the PDF 1.7 header. ``finish`` (an edition) adds the edition
keys of the document information (``fingerprint.INFO_*``) and the canonical YAML source as an
associated file (catalog ``/AF`` and ``/Names /EmbeddedFiles``, ``/AFRelationship /Source``).
No pypdf on this path; nothing here reads the clock, so the output stays byte-deterministic.
veraPDF checks the result in ``tests/test_conformance.py``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import msgspec
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from . import provenance as fp
from .objstreams import write_object_streams

PDF_VERSION = (1, 7)  # PDF/A-3 is based on ISO 32000-1 (PDF 1.7)
PDFA_PART, PDFA_CONFORMANCE = 3, "U"  # PDF/A-3u: B (appearance) plus Unicode for all text
ICC_NAME = "sRGB IEC61966-2.1"
PDFUA_PART = 1  # PDF/UA-1 (ISO 14289-1): the structure tree is layout.tagging's
PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"


class EditionMeta(msgspec.Struct, frozen=True):
    """What an edition's PDF says about itself besides its pages."""

    fingerprint: str
    status: str
    council: str
    year: int
    approved_by: str | None
    approved_date: date | None
    source_yaml: bytes  # the canonical YAML, embedded as fingerprint.SOURCE_NAME
    pdf_date: date
    images: tuple[tuple[str, bytes], ...] = ()  # a format 2 plan's images, by name, in order
    kind: str = "handlingsplan"  # the plan's own word (model.PlanKind), for the files' descriptions


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile shipped with planpdf (see planpdf/icc/README.txt)."""
    return resources.files("planpdf").joinpath("icc/sRGB.icc").read_bytes()


def pdf_date_string(value: date) -> str:
    """A date as a PDF date string, midnight UTC: ``D:20110215000000+00'00'``."""
    return f"D:{value:%Y%m%d}000000+00'00'"


def xmp_date_string(value: date) -> str:
    """The same instant in XMP form: ``2011-02-15T00:00:00+00:00``."""
    return f"{value:%Y-%m-%d}T00:00:00+00:00"


class _EditionInfo(PDFInfo):  # type: ignore[misc]
    """ReportLab's document information plus planpdf's own keys."""

    extra: dict[str, str] = {}  # noqa: RUF012 - replaced per instance

    def format(self, document: Any) -> bytes:
        base = PDFInfo.format(self, document)  # b'<<\n ... \n>>'
        extra = PDFDictionary({k.lstrip("/"): PDFString(v) for k, v in self.extra.items()})
        inner = extra.format(document)[3:-3]
        result: bytes = base[:-3] + b"\n " + inner + b"\n>>"
        return result


def info_entries(meta: EditionMeta, signature_box: tuple[int, float, float, float, float] | None
                 ) -> dict[str, str]:
    """The planpdf keys of the information dictionary, in a fixed order."""
    out = {
        fp.INFO_FINGERPRINT: meta.fingerprint,
        fp.INFO_STATUS: meta.status,
        fp.INFO_COUNCIL: meta.council,
        fp.INFO_YEAR: str(meta.year),
        fp.INFO_RENDERER: fp.renderer(),
    }
    if meta.approved_by is not None and meta.approved_date is not None:
        out[fp.INFO_APPROVED_BY] = meta.approved_by
        out[fp.INFO_APPROVED_DATE] = meta.approved_date.isoformat()
    if signature_box is not None:
        page, *coords = signature_box
        out[fp.INFO_SIGNATURE_BOX] = " ".join([str(page), *(f"{c:.2f}" for c in coords)])
    return out


def finish(canvas: Any, meta: EditionMeta) -> None:
    """Finish an edition: ``finish_document``, plus the edition keys of the document information
    and the embedded source (an associated file)."""
    doc = canvas._doc
    add_info(canvas, info_entries(meta, getattr(canvas, "planpdf_signature_box", None)))
    finish_document(canvas, meta.pdf_date)
    files = [(fp.SOURCE_NAME, doc.Reference(_source_filespec(meta)))]
    files += [(fp.IMAGE_PREFIX + name,
               doc.Reference(_image_filespec(name, data, meta.pdf_date, meta.kind)))
              for name, data in meta.images]
    doc.Catalog.AF = PDFArray([spec for _name, spec in files])
    names: list[Any] = []
    for name, spec in sorted(files, key=lambda f: f[0]):  # a name tree's keys are in order
        names += [PDFString(name), spec]
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
        {"Names": PDFArray(names)})})


def add_info(canvas: Any, extra: dict[str, str]) -> None:
    """planpdf's own keys in the document information dictionary of a canvas about to be saved
    (an edition's, or a bundle's ``INFO_BUNDLE``)."""
    doc = canvas._doc
    info = _EditionInfo()
    info.__dict__.update(doc.info.__dict__)
    info.extra = extra
    doc.info = info


def finish_document(canvas: Any, pdf_date: date) -> None:
    """What makes any PDF planpdf writes (a plan or the change report) PDF/A-3u, on a canvas
    about to be saved: PDF 1.7, the XMP (with the PDF/UA-1 claim; ``layout.tagging`` writes
    the structure), the OutputIntent, printed annotations, ToUnicode maps without unused codes,
    an EOL before every ``endstream``, and object streams (``objstreams``)."""
    doc = canvas._doc
    doc._pdfVersion = max(doc._pdfVersion, PDF_VERSION)
    drop_unmapped_codes(doc)
    _end_streams_with_eol(doc)
    for obj in list(doc.idToObject.values()):
        if isinstance(obj, pdfdoc.Annotation) and hasattr(obj, "otherkw"):
            obj.otherkw.setdefault("F", 4)  # PDF/A: every annotation is printed
    cat = doc.Catalog
    cat.__NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents", "AF"]
    cat.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"),
                                            "Subtype": PDFName("XML")}),
                             xmp_packet(doc.info, pdf_date).encode("utf-8"))
    cat.OutputIntents = PDFArray([doc.Reference(_output_intent())])
    write_object_streams(doc)


_ENDSTREAM = b"endstream\n"


def _end_streams_with_eol(doc: Any) -> None:
    """Write an end-of-line before every ``endstream`` of ``doc`` (ISO 19005-3 6.1.7.1).

    ReportLab writes ``<data>endstream``. Every object in the file, a stream or an object that
    formats as one (a form XObject), is registered through ``doc.Reference``: the objects
    registered already and those ReportLab registers while it writes (page contents, font
    programs, ToUnicode maps) each get a ``format`` that adds the EOL. The EOL is not part of
    the data, so ``/Length`` stays right. Only this document is changed, not ReportLab.
    """
    for obj in list(doc.idToObject.values()):
        _add_eol_before_endstream(obj)
    register = doc.Reference

    def reference(obj: Any, name: str | None = None) -> Any:
        _add_eol_before_endstream(obj)
        return register(obj, name)

    doc.Reference = reference


def drop_unmapped_codes(doc: Any) -> None:
    """Have the ``/ToUnicode`` maps ReportLab writes for ``doc``'s fonts (when it saves, one
    per subset, named ``toUnicodeCMap:…``) list only the codes in use (see below)."""
    register = doc.Reference

    def reference(obj: Any, name: str | None = None) -> Any:
        if name is not None and name.startswith("toUnicodeCMap:"):
            obj.content = to_unicode_without_unmapped(obj.content)
        return register(obj, name)

    doc.Reference = reference


_BFCHAR = re.compile(r"\d+ beginbfchar\n(.*?)\nendbfchar", re.DOTALL)


def to_unicode_without_unmapped(cmap: str) -> str:
    r"""A ToUnicode CMap from ReportLab without its ``<XX> <0000>`` entries, in blocks of at most
    100 (the CMap limit). ReportLab maps every unused code of a subset to U+0000; a code mapped
    to U+0000 claims the text has NUL characters (PDF/UA-1 7.21.7 wants every glyph mapped to
    real Unicode), and an unmapped code is simply not used.

    >>> to_unicode_without_unmapped("x\n3 beginbfchar\n<00> <0000>\n<01> <00E5>\n<02> <0000>\n"
    ...                             "endbfchar\ny")
    'x\n1 beginbfchar\n<01> <00E5>\nendbfchar\ny'
    """
    def blocks(found: re.Match[str]) -> str:
        kept = [line for line in found.group(1).split("\n") if not line.endswith(" <0000>")]
        return "\n".join(f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar"
                          for part in (kept[i:i + 100] for i in range(0, len(kept), 100)))

    return _BFCHAR.sub(blocks, cmap)


def _add_eol_before_endstream(obj: Any) -> None:
    if not isinstance(obj, pdfdoc.PDFObject) or "format" in vars(obj):
        return  # not an object ReportLab formats, or done already
    plain = obj.format

    def format(document: Any) -> bytes:
        out: bytes = plain(document)
        if out.endswith(_ENDSTREAM):
            out = out[:-len(_ENDSTREAM)] + b"\n" + _ENDSTREAM
        return out

    obj.format = format


def _output_intent() -> PDFDictionary:
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile(), filters=[PDFZCompress])
    return PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(ICC_NAME),
        "Info": PDFString(ICC_NAME),
        "RegistryName": PDFString("http://www.color.org"),
        "DestOutputProfile": profile,
    })


def _source_filespec(meta: EditionMeta) -> PDFDictionary:
    return associated_file(meta.source_yaml, fp.SOURCE_NAME,
                           f"Kilden til {meta.kind}en (planpdf-indhold, YAML)", meta.pdf_date)


def _image_filespec(name: str, data: bytes, when: date, kind: str) -> PDFDictionary:
    """A format 2 plan's image, embedded beside the source so ``verify`` and ``diff`` need
    nothing but the PDF."""
    return associated_file(data, fp.IMAGE_PREFIX + name,
                           f"Billedet {name} i {kind}en (en del af kilden)", when,
                           image_mime(data))


def image_mime(data: bytes) -> str:
    """The media type of a plan's image (PNG or JPEG, as the content rules allow)."""
    return "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


def associated_file(data: bytes, name: str, description: str, mod_date: date,
                    mime: str = fp.SOURCE_MIME) -> PDFDictionary:
    """A file specification embedding ``data`` as a source of the document (PDF/A-3: for the
    catalog's ``/AF`` and the ``/EmbeddedFiles`` name tree); one for a plan (and its images),
    several for a bundle of plans."""
    stream = PDFStream(PDFDictionary({
        "Type": PDFName("EmbeddedFile"),
        "Subtype": "/" + mime.replace("/", "#2F"),  # a name: '/' must be written as #2F
        "Params": PDFDictionary({
            "Size": len(data),
            "ModDate": PDFString(pdf_date_string(mod_date)),
            "CheckSum": _HexString(hashlib.md5(data, usedforsecurity=False).digest()),
        }),
    }), data, filters=[PDFZCompress])
    return PDFDictionary({
        "Type": PDFName("Filespec"),
        "F": PDFString(name),
        "UF": PDFString(name),
        "Desc": PDFString(description),
        "AFRelationship": PDFName("Source"),
        "EF": PDFDictionary({"F": stream, "UF": stream}),
    })


class _HexString(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF byte string written in hex: ``<0a1b...>``."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return b"<" + self.data.hex().encode("ascii") + b">"


def xmp_packet(info: Any, pdf_date: date) -> str:
    """The XMP metadata: PDF/A identification and the same values as the information dict.

    Only properties of schemas PDF/A predefines, and ``pdfuaid:part`` (PDF/UA-1, ISO 14289-1 5)
    declared in a ``pdfaExtension`` schema as PDF/A requires for any other property.
    ``pdf:Trapped`` (the information dict's ``/Trapped``) is not predefined either
    (ISO 19005-3 6.6.2.3.1) and PDF/A requires no XMP equivalent for it, so the XMP leaves it out.
    """
    when = xmp_date_string(pdf_date)

    def e(value: str) -> str:  # XML escape; xml.sax.saxutils would cost ~10 ms of import
        return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>{PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(info.subject)}</rdf:li></rdf:Alt>
   </dc:description>
   <pdf:Keywords>{e(info.keywords)}</pdf:Keywords>
   <pdf:Producer>{e(info.producer)}</pdf:Producer>
   <xmp:CreatorTool>{e(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="{PDFUA_NS}">
   <pdfuaid:part>{PDFUA_PART}</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>{PDFUA_NS}</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Part of ISO 14289 (PDF/UA) followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
