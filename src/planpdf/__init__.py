"""planpdf: a Danish lokalråd's yearly action plan, from YAML content to an official PDF.

The build path is ``load`` (YAML text to model) → ``layout`` (model to a Platypus story)
→ ``render`` (story to deterministic PDF bytes). ``cli`` is the only module that prints.
"""

__version__ = "0.1.0"
