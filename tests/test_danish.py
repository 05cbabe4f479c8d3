"""Danish formatting and the doctests that document the load and layout modules."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
from datetime import date, time
from pathlib import Path

import pytest

from planpdf import danish

CORE_DOCTEST_MODULES = ["planpdf.danish", "planpdf.content.source", "planpdf.content.load",
                        "planpdf.layout.markup", "planpdf.provenance", "planpdf.files",
                        "planpdf.cli.context"]


def _modules_with_doctests() -> list[str]:
    """Every planpdf module whose source holds a doctest, so a new one cannot be forgotten."""
    import pkgutil

    import planpdf

    names = []
    for info in pkgutil.walk_packages(planpdf.__path__, "planpdf."):
        spec = importlib.util.find_spec(info.name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py") and ">>> " in Path(origin).read_text(encoding="utf-8"):
            names.append(info.name)
    return sorted(names)


DOCTEST_MODULES = _modules_with_doctests()


def test_core_modules_keep_their_doctests() -> None:
    """The Danish formatting, loading and escaping modules document themselves with doctests."""
    assert set(CORE_DOCTEST_MODULES) <= set(DOCTEST_MODULES)


@pytest.mark.parametrize("name", DOCTEST_MODULES)
def test_doctests(name: str) -> None:
    """The module's doctests pass (and a module listed here has at least one)."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0, f"{name} has no doctests"


MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]


def test_every_month_in_lower_case() -> None:
    """Every month prints its Danish name in lower case: '18. marts 2010'."""
    for number, name in enumerate(MONTHS, start=1):
        assert danish.format_date(date(2010, number, 18)) == f"18. {name} 2010"


def test_weekday_names() -> None:
    """Weekdays print in Danish, lower case: 22–28 November 2010 is mandag to søndag."""
    days = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    for offset, day in enumerate(days):
        assert danish.format_date_weekday(date(2010, 11, 22 + offset)) == (
            f"{day} den {22 + offset}. november 2010")




def test_times() -> None:
    """Times use a full stop and two digits: 'kl. 09.05', ranges with an en dash."""
    assert danish.format_time_range(time(9, 5)) == "kl. 09.05"
    assert danish.format_time_range(time(17, 0), time(21, 30)) == "kl. 17.00–21.30"


def test_numbers() -> None:
    """Numbers: full stop for thousands, comma for decimals; whole numbers plain."""
    assert danish.format_number(4) == "4"
    assert danish.format_number(1234567) == "1.234.567"
    assert danish.format_number(0.5) == "0,5"


def test_formatting_ignores_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English LANG/LC_ALL changes nothing: the locale is passed explicitly."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert danish.format_date_weekday(date(2010, 11, 24)) == "onsdag den 24. november 2010"
