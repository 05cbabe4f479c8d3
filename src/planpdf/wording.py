"""Every fixed Danish word planpdf puts in a document or a report, in one place.

The plan's own words (headings, labels, the footer) come first, then the words of the change
report and the comparison, then the titles derived from a plan. No ReportLab here, so the
comparison can name the parts of a plan exactly as the plan does without loading the layout.
"""

from __future__ import annotations

from . import danish
from . import model as m

TITLE = "Handlingsplan for {year}"
PAGE_X_OF_Y = "Side {page} af {pages}"
CONTENTS = "Indhold"
FOREWORD = "Forord"
PURPOSE = "Formål"
MEMBERS = "Medlemmer"
MEMBERS_LEAD = "Medlemmerne er:"
WORK = "Arbejdsform og møder"
LOKALRAAD_PLUS = "Lokalråd+"
FOCUS = "Fokus- og indsatsområder"
PREVENTION = "Kriminalitetsforebyggelse"
CLOSING = "Afslutning"
DRAFT = "Udkast"
APPROVED = "Godkendt"


class CountedPhrase:
    """A sentence with a number in it, in the singular for one ("1 gang") and else the plural.

    Used as a template (``MEETINGS.format(count="4")``), so the layout formats it like the
    others; ``count`` is the number as the plan writes it.

    >>> MEETINGS.format(count="1"), MEETINGS.format(count="4")
    ('Lokalrådet mødes mindst 1 gang årligt', 'Lokalrådet mødes mindst 4 gange årligt')
    """

    def __init__(self, one: str, many: str) -> None:
        self.one, self.many = one, many

    def format(self, count: str) -> str:
        return (self.one if count == "1" else self.many).format(count=count)


MEETINGS = CountedPhrase("Lokalrådet mødes mindst {count} gang årligt",
                         "Lokalrådet mødes mindst {count} gange årligt")
MEETINGS_AS_NEEDED = " eller efter behov"
CONFERENCE = "Konferencen for {year} afvikles {date}{time} under temaet {theme}."

MEMBER_COLUMNS = ("Navn", "Titel og funktion", "Organisation", "Rolle i rådet")
ROLES = {"formand": "Formand", "næstformand": "Næstformand", "referent": "Referent", "medlem": ""}

STATUS_LABEL = "Lokal status"
STATUSES = {
    "lokal_plan": "Lokal handleplan udarbejdet",
    "central_plan": "Henviser til central handleplan",
    "kontaktperson": "Central handleplan følges via kontaktperson",
    "ingen_plan": "Ingen lokal handleplan",
}
CONTACT = "Kontaktperson: {name}"

SUBJECT = "{title} – {council}"
KEYWORDS = ("handlingsplan", "lokalråd", "kriminalitetsforebyggelse")

# The visible digital signature (planpdf sign).
SIGNED_BY = "Digitalt underskrevet af {name}"
SIGNED_AT = "{date}, kl. {time}"
SIGNATURE_FIELD = "Underskrift"

WATERMARK = "UDKAST"
DRAFT_NOTE = "Udkast {date}"
APPROVED_NOTE = "Godkendt {date} · Fingeraftryk {fingerprint}"
SIGNOFF = "Godkendelse"
SIGNOFF_BY = "Godkendt af {name}{role}"
SIGNOFF_DATE = "Dato: {date}"
SIGNOFF_MEETING = "Møde: {meeting}"
SIGNOFF_SIGNATURE = "Underskrift"


# -- the comparison: terminal, JSON labels and the change report -------------------------
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

CHANGES_TITLE = "Ændringer fra {a} til {b}"
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
CHANGES_SUBJECT = "Ændringer i handlingsplanen – {council}"
CHANGES_KEYWORDS = ("handlingsplan", "lokalråd", "ændringer")

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


# -- titles and texts derived from a plan ----------------------------------------------------

def document_title(plan: m.Plan) -> str:
    """The plan's title: its own, or 'Handlingsplan for <år>'."""
    return plan.title or TITLE.format(year=plan.year)


def project_item_text(item: m.ProjectItem) -> str:
    """A project item with its date in Danish: in place of ``{dato}``, or in front."""
    if item.date is None:
        return item.text
    when = danish.format_date(item.date)
    if "{dato}" in item.text:
        return item.text.replace("{dato}", when)
    return f"{when}: {item.text}"
