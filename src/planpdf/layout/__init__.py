"""Model → Platypus story, with the fonts, styles and page templates it is laid out with.

In: a ``model.Plan`` (and a ``fonts.FontSet``). Out: flowables and a document template for
``render``. ``fonts`` registers the embedded faces, ``styles`` holds paragraph styles and colours,
``markup`` is the one door from user text to ReportLab markup, ``blocks`` has one builder per
model node, ``signoff`` the approval block, ``story`` the order of a plan's parts, ``pages`` the
page templates, footer and outline. The fixed Danish words come from ``wording``.
"""
