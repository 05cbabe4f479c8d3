"""``planpdf bundle``: the Kredsråd's one PDF of a district's approved plans for a year.

``summary`` is the one adapter from the plan model to what the overview needs
(``CouncilSummary``); ``inputs`` reads and checks the plans (PDFs through ``edition``, archive
folders, content files); ``overview`` lays out the tables across councils; ``contents`` the
contents list in one layout pass; ``document`` puts cover, contents, overview and every plan on
the bundle's pages and finishes it as PDF/A-3u and PDF/UA-1 with each plan's source as an
associated file. ``words`` holds the bundle's Danish.
"""
