"""Every fixed Danish text the document prints, in one place."""

from __future__ import annotations

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

MEETINGS = "Lokalrådet mødes mindst {count} gange årligt"
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
