"""Plan → Platypus story (``blocks``), with page templates and fixed Danish texts.

``styles`` holds fonts and paragraph styles, ``texts`` every fixed word the document prints,
``blocks`` one builder per model node, ``pages`` the page templates, footer and outline.
"""
