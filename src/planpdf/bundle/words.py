"""Every fixed Danish word of the bundle (the plans inside keep their own, ``wording``)."""

from __future__ import annotations

TITLE = "Lokalrådenes handlingsplaner for {year}"
SUBTITLE = "Samlet til Kredsrådet i {district}"
SUBTITLE_ALL = "Samlet til Kredsrådet"
DISTRICTS = "Politikredse: {districts}"
NO_DISTRICT = "uden politikreds"
COUNCILS_LEAD = "Samlingen rummer {count} planer:"
COUNCIL_LINE = "{council} ({municipalities}) – {edition}"
APPROVED = "godkendt {date}"
DRAFT = "udkast, ikke godkendt"
DATED = "Samlingens dato: {date} (den nyeste godkendelse blandt planerne)"
DATED_DRAFTS = "Samlingens dato: {date} (den nyeste dato blandt planerne)"
SOURCES = ("Hver plans kilde (YAML) er vedhæftet PDF'en som {name}, så den kan tages ud "
           "og genbruges.")
SUBJECT = "{title} – {district}"
KEYWORDS = ("handlingsplan", "lokalråd", "kredsråd", "kriminalitetsforebyggelse", "samling")
AUTHOR = "Kredsrådet, {district}"
AUTHOR_ALL = "Kredsrådet"
HEADER_LEFT = "Kredsrådet · {year}"

OVERVIEW = "Oversigt på tværs af rådene"
OVERVIEW_LEAD = ("Oversigten viser, hvad hver plan siger; den står også i planerne selv. "
                 "Status står altid som tekst; «—» betyder, at planen ikke nævner området.")
FOCUS = "Fokusområder og lokal status"
FOCUS_PART = "Fokusområder og lokal status ({part} af {parts})"
FOCUS_COLUMN = "Fokusområde"
STATUS_SHORT = {
    "lokal_plan": "Lokal plan",
    "central_plan": "Central plan",
    "kontaktperson": "Kontaktperson",
    "ingen_plan": "Ingen lokal plan",
}
NONE = "—"
NO_STATUS = "nævnt, uden status"
LEGEND = "Forklaring: {items}."
LEGEND_ITEM = "«{short}»: {long}"
NUMBERS = "Rådene i tal"
NUMBER_COLUMNS = ("Råd", "Medlemmer", "Projekter", "Datoer i projekterne i {year}",
                  "Konference og arrangementer")
EVENT = "{date}{time}: {theme}"
NO_FOCUS = "Ingen af planerne har fokusområder."
