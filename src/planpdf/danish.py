"""Danish formatting: every Babel call of planpdf, with the locale passed explicitly, and the
one ASCII folding of Danish letters (for file names and record paths).

Nothing here reads LANG or the clock, so a build formats the same on every machine.

>>> from datetime import date, time
>>> format_date(date(2010, 11, 24))
'24. november 2010'
>>> format_date_weekday(date(2010, 11, 24))
'onsdag den 24. november 2010'
>>> format_time_range(time(17, 0), time(21, 0))
'kl. 17.00–21.00'
>>> format_number(1234.5)
'1.234,5'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal as _babel_decimal

LOCALE = "da_DK"


def format_date(value: date) -> str:
    """Long date, month in lower case: ``24. november 2010``."""
    return _babel_date(value, "d. MMMM y", locale=LOCALE)


def format_date_short(value: date) -> str:
    """Short date: ``24.11.2010`` (a table's narrow column)."""
    return _babel_date(value, "dd.MM.y", locale=LOCALE)


def format_date_weekday(value: date) -> str:
    """Date with weekday: ``onsdag den 24. november 2010``."""
    return _babel_date(value, "EEEE 'den' d. MMMM y", locale=LOCALE)


def format_time(value: time) -> str:
    """Time with a full stop: ``17.00``."""
    return _babel_time(value, "HH.mm", locale=LOCALE)


def format_time_range(start: time, end: time | None = None) -> str:
    """``kl. 17.00`` or ``kl. 17.00–21.00`` (en dash, no spaces)."""
    text = f"kl. {format_time(start)}"
    return f"{text}–{format_time(end)}" if end is not None else text


def join_list(items: list[str]) -> str:
    """``Billund, Vejle og Horsens``: a list the Danish way (Babel's list patterns).

    >>> join_list(["politi", "kommune", "skoler"])
    'politi, kommune og skoler'
    """
    return _babel_list(items, locale=LOCALE) if items else ""


def format_number(value: float | int) -> str:
    """``1.234,5``; whole numbers without decimals."""
    return _babel_decimal(value, locale=LOCALE)


_FOLD = {"æ": "ae", "ø": "oe", "å": "aa"}


def slug(text: str) -> str:
    """Text as an ASCII path segment: Danish letters spelt out, other accents dropped.

    >>> slug("Indsatsen mod IT-kriminalitet")
    'indsatsen-mod-it-kriminalitet'
    >>> slug("Søgaard, Kim Å.")
    'soegaard-kim-aa'
    """
    text = "".join(_FOLD.get(c, c) for c in text.casefold())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"
