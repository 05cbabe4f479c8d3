"""planpdf: a Danish lokalråd's yearly action plan, from YAML content to an official PDF.

One package or module per stage, each importing only stages to its left:
``errors`` ← ``model``, ``files`` ← ``danish``, ``wording`` ← ``content`` (YAML → model) ←
``layout`` (model → Platypus story) ← ``render`` (story → deterministic PDF/A bytes) ←
``pipeline`` (check, build, rebuild), ``startcache`` (parsed fonts and hyphenation kept between
runs) ← ``edition`` (read, verify, sign, archive) ← ``diff`` ←
``cli``, the only place that prints.
"""

__version__ = "0.3.0"
