"""Content files: YAML text → validated data and the plan model, and careful edits of the text.

In: a content file (or YAML text, e.g. a PDF's embedded source). Out: a ``load.Loaded`` (the
``model.Plan``, the typed data the fingerprint is taken of, the parsed ``source.Source``, and
warnings), or a ``ContentError`` with every problem at its line and column. ``source`` parses
safe YAML with positions (``yamlerrors`` says PyYAML's problems in Danish, ``controls`` names
the characters no content may hold and shows any text printably), ``schema.json`` describes the
format, ``rules`` adds what a schema cannot say (limits, times, traps), ``load`` validates and
builds the model, ``glyphs`` checks every character against the font's character set, ``edits``
changes a content file's text for ``approve`` and ``new``.
"""
