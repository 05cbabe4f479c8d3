"""Editions: a built PDF read back, verified, signed and archived.

In: a PDF. Out: an ``read.Edition`` (the PDF parsed once, with its metadata and embedded source),
and from it ``verify.Report`` findings, a signed PDF (``sign``), or an archive entry
(``archive``). The page check rebuilds the embedded source with ``pipeline.rebuild``. pypdf and
pyHanko are imported inside the functions that need them, so ``build`` never loads them.
"""
