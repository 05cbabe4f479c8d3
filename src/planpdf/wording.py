"""Every fixed Danish word planpdf puts in a document or a report, in one place.

The plan's own words (headings, labels, the footer) come first, then the words of the change
report and the comparison, then the titles derived from a plan. No ReportLab here, so the
comparison can name the parts of a plan exactly as the plan does without loading the layout.
"""

from __future__ import annotations

from typing import Any

from . import danish
from . import model as m

TITLE = "Handlingsplan for {year}"
PAGE_X_OF_Y = "Side {page} af {pages}"
CONTENTS = "Indhold"
CONTENTS_LINK = "{title}, side {page}"  # a contents entry's link, for a screen reader
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

    def format(self, count: str, **more: str) -> str:
        return (self.one if count == "1" else self.many).format(count=count, **more)


MEETINGS = CountedPhrase("Lokalrådet mødes mindst {count} gang årligt",
                         "Lokalrådet mødes mindst {count} gange årligt")
MEETINGS_AS_NEEDED = " eller efter behov"
CONFERENCE = "Konferencen for {year} afvikles {date}{time} under temaet {theme}."

# Format 2: the defaults of the words a plan may replace (its "ord"), and the generated sentences.
KIND_TITLES = {"handlingsplan": "Handlingsplan for {year}", "handleplan": "Handleplan for {year}",
               "samarbejdsplan": "Samarbejdsplan for {year}"}
WHO_MEETS = {"lokalråd": "Lokalrådet", "kredsråd": "Kredsrådet", "politikreds": "Kredsrådet"}
MEETS = CountedPhrase("{who} mødes mindst {count} gang årligt",
                      "{who} mødes mindst {count} gange årligt")
EVENT = "{what} afvikles {date}{time}"
EVENT_WHAT = "Arrangementet"
EVENT_THEME = " under temaet {theme}"
APPENDIX_HEADING = "{word} {n}. {title}"
INITIATIVE_FIELDS = ("mål", "ansvarlig", "partnere", "frist", "initiativstatus")  # diff's fields
WORDS = {
    "medlemmer": MEMBERS,
    "medlemmer_indledning": MEMBERS_LEAD,
    "medlemmer_kolonner": ("Navn", "Titel og funktion", "Organisation", "Rolle i rådet"),
    "lokal_status": "Lokal status",
    "kontaktperson": "Kontaktperson",
    "initiativer_kolonner": ("Initiativ", "Mål", "Ansvarlig", "Partnere", "Frist", "Status"),
    "kontaktpersoner_kolonner": ("Navn", "Emne", "Kontakt"),
    "indhold": CONTENTS,
    "bilag": "Bilag",
    "sted": "Sted",
    "mail": "Mail",
    "telefon": "Tlf.",
}

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
KEYWORD = "kriminalitetsforebyggelse"  # after the plan's kind and its issuer's: a PDF's /Keywords

# The visible digital signature (planpdf sign).
SIGNED_BY = "Digitalt underskrevet af {name}"
SIGNED_AT = "{date}, kl. {time}"
SIGNATURE_FIELD = "Underskrift"
SIGNATURE_FIELD_TU = "Felt til digital underskrift af {name}"  # the field's /TU (screen readers)

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
ITEM = "{label}, punkt {n}"
TEXT_ONLY_PARAGRAPH = "Afsnit {n}"
FIELD_OF = "{label}, {field}"  # "Carsten Ørum, enhed"
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
    "efter_behov": "møder efter behov",
    "placering": "placering",
    "udgave": "udgavens status",
    "af": "godkendt af",
    "godkendt_dato": "godkendelsesdato",
    "godkendt_rolle": "godkendt i rollen",
    "møde": "godkendt på mødet",
    # format 2
    "art": "art",
    "undertitel": "undertitel",
    "underskrivere": "underskrivere",
    "sætning": "sætning",
    "hvad": "hvad",
    "sted": "sted",
    "emne": "emne",
    "mail": "mail",
    "telefon": "telefon",
    "fil": "fil",
    "alt": "alternativ tekst",
    "billedtekst": "billedtekst",
    "kreditering": "kreditering",
    "bredde": "bredde",
    "billede": "billede",
    "kommuner": "kommunerne vist",
    "mål": "mål",
    "ansvarlig": "ansvarlig",
    "partnere": "partnere",
    "frist": "frist",
    "initiativstatus": "status",
}

# The plan's own values, named without a record: "Planens år", not "År (år)".
# an image replaced under the same name: the two sides of the change
IMAGE_OLD, IMAGE_NEW = "det tidligere billede", "et andet billede med samme navn"

PLAN_LABELS = {
    "år": "Planens år",
    "titel": "Planens titel",
    "undertitel": "Planens undertitel",
    "art": "Planens art",
    "dato": "Udgavens dato",
    "udgave": "Udgavens status",
    "af": "Godkendt af",
    "godkendt_dato": "Godkendelsesdato",
    "godkendt_rolle": "Godkendt i rollen",
    "møde": "Godkendt på mødet",
    "logo": "Logoet",
    "forside": "Forsiden",
    "forside_billede": "Forsidens billede",
}

# A text's part after the record's name: "Bander, indledning"; the body text ("tekst") and a
# project's items ("punkter", numbered as "punkt 3") need no word of their own.
TEXT_FIELDS = {
    "tekst": "",
    "indledning": "indledning",
    "afslutning": "afslutning",
    "bemærkning": "bemærkning",
    "punkter": "",
}

KINDS = {
    "added": "tilføjet",
    "removed": "fjernet",
    "changed": "ændret",
    "renamed": "omdøbt",
    "moved": "flyttet",
    "status": "status ændret",
}

YES, NO = "ja", "nej"
NONE = "(intet)"

# Titles: two years of one council; two editions of one year; two councils.
CHANGES_TITLE = "Ændringer fra {a} til {b}"
CHANGES_TITLE_EDITIONS = "Ændringer i planen for {year} fra {a} til {b}"
CHANGES_TITLE_YEAR = "Ændringer i planen for {year}"
COUNCILS_TITLE = "Forskelle mellem to råds planer for {years}"
BOTH = "{a} og {b}"  # two years, two councils
EDITION_APPROVED = "godkendt {date}"
EDITION_DRAFT = "udkast"
EDITION_DRAFT_DATED = "udkast {date}"
EDITION_TEXT_ONLY = "kun tekst"
SIDE_FROM = "Fra"
SIDE_TO = "Til"
SIDE = "{side}: {what}"  # "Fra: Handlingsplan for 2010, godkendt 10. februar 2010"
FILES = "Sammenlignede filer: {a} og {b}"
NOTE = "Bemærk: {text}"
NO_CHANGES = "Ingen ændringer: {a} og {b} har samme indhold."
NO_CHANGES_REPORT = "Ingen ændringer: de to planer har samme indhold."
TEXT_ONLY = ("Kun tekst: {file} har ingen indlejret planpdf-kilde til én plan, så kun den "
             "udtrukne tekst er sammenlignet, afsnit for afsnit og ord for ord. Medlemmer, "
             "status og flytninger kan ikke genkendes.")
BUNDLE_TEXT_ONLY = ("{file} er en samling af planer (planpdf bundle), ikke én plan: samlingens "
                    "tekst er sammenlignet; sammenlign rådenes planer hver for sig med planpdf "
                    "diff på deres egne PDF'er eller indholdsfiler")
TEXT_ONLY_TAG = "kun tekst"
COUNT = "{n} ændring"
COUNT_PLURAL = "{n} ændringer"
SUMMARY = "Oversigt"
SUMMARY_COLUMNS = ("Del af planen", "Tilføjet", "Fjernet", "Ændret", "Omdøbt/flyttet", "I alt")
TOTAL = "I alt"
DELETED = "slettet"  # in the text layer of the change report: "[slettet: 10.]"
INSERTED = "tilføjet"
LEGEND = ("Slettet tekst er overstreget med rødt; ny tekst er understreget med grønt. Kopieret "
          "eller læst op står der [slettet: …] og [tilføjet: …].")
CHANGES_SUBJECT = "Ændringer i handlingsplanen – {council}"
CHANGES_KEYWORDS = ("handlingsplan", "lokalråd", "ændringer")

COUNCILS_DIFFER = "planerne er fra to forskellige råd: {a} og {b}"

# Input problems (the file name is put in front by the caller).
NOT_FOUND = "filen findes ikke"
NOT_READABLE = "filen kan ikke læses: {reason}"
TOO_LARGE = "filen fylder {size} MB; højst {limit} MB kan sammenlignes"
NOT_PDF = "filen hedder .pdf, men er ikke en PDF"
PDF_CORRUPT = "PDF'en er beskadiget og kan ikke læses"
# The PDF library's own explanation is English, so it is shown by --debug only (issue 8 §4).
PDF_HINT_CORRUPT = ("den er måske kun delvist hentet eller gemt, eller ændret af et andet "
                    "program; hent den igen fra afsenderen (--debug viser PDF-læserens egen "
                    "forklaring, på engelsk)")
PDF_ENCRYPTED = "PDF'en er krypteret (beskyttet med adgangskode) og kan ikke sammenlignes"
PDF_HINT_ENCRYPTED = "gem en udgave uden adgangskode, eller sammenlign YAML-filerne"
PDF_NO_TEXT = ("PDF'en indeholder ingen tekst, der kan læses (måske en scannet side); "
               "den kan ikke sammenlignes")
PDF_TOO_MANY_PAGES = "PDF'en har {pages} sider; højst {limit} kan sammenlignes"
PDF_TOO_MUCH_TEXT = "PDF'en indeholder mere end {limit} tegn tekst og kan ikke sammenlignes"
PDF_TOO_DEMANDING = ("PDF'en er for stor eller indviklet til at blive læst inden for grænsen på "
                     "{limit} MB hukommelse og kan ikke sammenlignes")
PDF_HINT_TOO_DEMANDING = ("en handlingsplan læses med langt mindre; er det den rigtige fil? "
                          "Ellers sammenlign YAML-filerne (--debug viser PDF-læserens egen "
                          "forklaring, på engelsk)")
SOURCE_NOT_TEXT = "den indlejrede kilde {name} er ikke gyldig UTF-8-tekst"


# -- titles and texts derived from a plan ----------------------------------------------------

def document_title(plan: m.Plan) -> str:
    """The plan's title: its own, or 'Handlingsplan for <år>' ('Samarbejdsplan …', by kind)."""
    return plan.title or KIND_TITLES[plan.kind].format(year=plan.year)


def word(plan: m.Plan, key: str) -> Any:
    """One of the words planpdf adds (``WORDS``), as the plan replaces it or by default."""
    return dict(plan.words).get(key, WORDS[key])


def project_item_text(item: m.ProjectItem) -> str:
    """A project item with its date in Danish: in place of ``{dato}``, or in front."""
    if item.date is None:
        return item.text
    when = danish.format_date(item.date)
    if "{dato}" in item.text:
        return item.text.replace("{dato}", when)
    return f"{when}: {item.text}"
