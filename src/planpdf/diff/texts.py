"""Every fixed Danish text of the comparison (terminal, JSON labels and the change report).

The plan's own section names come from ``layout.texts``, so the report names parts of the plan
exactly as the plan does; the words only a comparison needs live here.
"""

from __future__ import annotations

PLAN = "Planen"
COUNCIL = "Rådet"
OTHER_SECTIONS = "Øvrige afsnit"
TEXT_ONLY_SECTION = "Tekst"
PARAGRAPH = "{label}, afsnit {n}"
TOP_LEVEL = "øverste niveau"
PLACE = "{parent}, nr. {n}"

FIELDS = {
    "år": "år",
    "titel": "titel",
    "dato": "dato",
    "navn": "navn",
    "kommune": "kommune",
    "politikreds": "politikreds",
    "funktion": "funktion",
    "organisation": "organisation",
    "enhed": "enhed",
    "rolle": "rolle",
    "status": "lokal status",
    "kontaktperson": "kontaktperson",
    "overskrift": "overskrift",
    "tema": "tema",
    "tid": "tidspunkt",
    "mindst_pr_år": "møder pr. år",
    "efter_behov": "efter behov",
    "placering": "placering",
    "udgave": "udgavens status",
    "af": "godkendt af",
    "godkendt_dato": "godkendelsesdato",
    "godkendt_rolle": "godkendt i rollen",
    "møde": "godkendt på mødet",
}

TEXT_FIELDS = {
    "tekst": "tekst",
    "indledning": "indledning",
    "afslutning": "afslutning",
    "bemærkning": "bemærkning",
    "punkter": "punkter",
}

KINDS = {
    "added": "tilføjet",
    "removed": "fjernet",
    "changed": "ændret",
    "renamed": "omdøbt",
    "moved": "flyttet",
    "status": "status ændret",
}

EDITION = "Udgave"
APPROVAL = "Godkendelse"

YES, NO = "ja", "nej"
NONE = "(intet)"

TITLE = "Ændringer fra {a} til {b}"
COMPARED = "Sammenligning af {a} og {b}"
NO_CHANGES = "Ingen ændringer: {a} og {b} har samme indhold."
TEXT_ONLY = ("Kun tekst: {file} har ingen indlejret planpdf-kilde, så kun den udtrukne tekst er "
             "sammenlignet, afsnit for afsnit og ord for ord. Medlemmer, status og flytninger "
             "kan ikke genkendes.")
TEXT_ONLY_TAG = "kun tekst"
COUNT = "{n} ændring"
COUNT_PLURAL = "{n} ændringer"
SUMMARY = "Oversigt"
SUMMARY_COLUMNS = ("Del af planen", "Tilføjet", "Fjernet", "Ændret", "Omdøbt/flyttet", "I alt")
TOTAL = "I alt"
LEGEND = "Slettet tekst er overstreget med rødt; ny tekst er understreget med grønt."
SUBJECT = "Ændringer i handlingsplanen – {council}"
KEYWORDS = ("handlingsplan", "lokalråd", "ændringer")

COUNCILS_DIFFER = "planerne er fra to forskellige råd: {a} og {b}"

# Input problems (the file name is put in front by the caller).
NOT_FOUND = "filen findes ikke"
NOT_READABLE = "filen kan ikke læses: {reason}"
TOO_LARGE = "filen fylder {size} MB; højst {limit} MB kan sammenlignes"
NOT_PDF = "filen hedder .pdf, men er ikke en PDF"
PDF_CORRUPT = "PDF'en er beskadiget og kan ikke læses ({detail})"
PDF_ENCRYPTED = "PDF'en er krypteret (beskyttet med adgangskode) og kan ikke sammenlignes"
PDF_HINT_ENCRYPTED = "gem en udgave uden adgangskode, eller sammenlign YAML-filerne"
PDF_NO_TEXT = ("PDF'en indeholder ingen tekst, der kan læses (måske en scannet side); "
               "den kan ikke sammenlignes")
PDF_TOO_MANY_PAGES = "PDF'en har {pages} sider; højst {limit} kan sammenlignes"
PDF_TOO_MUCH_TEXT = "PDF'en indeholder mere end {limit} tegn tekst og kan ikke sammenlignes"
PDF_TIMEOUT = "PDF'en kunne ikke læses inden for {seconds} sekunder og er opgivet"
PDF_WORKER = "PDF'en kunne ikke læses: {detail}"
SOURCE_NOT_TEXT = "den indlejrede kilde {name} er ikke gyldig UTF-8-tekst"
