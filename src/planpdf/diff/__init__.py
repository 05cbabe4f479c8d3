"""Compare two editions of a plan: two inputs → a DiffResult → terminal text, JSON or a PDF report.

``inputs`` reads YAML, a planpdf PDF (its embedded source) or any PDF (text only, read in a
bounded worker process); ``compare`` compares two plans on the content model, ``text_only`` two
documents' extracted text; ``output`` writes the terminal summary and the JSON, ``report`` the
PDF change report. The entry point is ``run.diff``. Nothing here is imported by ``build``.
"""
