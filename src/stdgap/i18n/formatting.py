"""How numbers, percentages and dates are written, in the current locale: the one place for
the pages (the ``number``, ``percent``, ``date`` and ``datetime`` template filters) and the
reports, so that a figure reads the same everywhere.

Digits, separators and the place of the percent sign come from CLDR (Babel) for the locale.
English keeps the observatory's house style: a space before the percent sign (``12.3 %``)
and ISO 8601 dates (``2024-05-01``); other languages write dates in CLDR's medium form.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime as DateTime
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from stdgap.i18n.locales import Language
from stdgap.i18n.translate import current

#: Written for a missing figure.
MISSING = "–"
#: House styles of the source language, where they differ from CLDR.
HOUSE_PERCENT = {"en": "#,##0 %"}
ISO_DATES = frozenset({"en"})


def _babel(language: Language | None) -> str:
    return (language or current()).babel


def number(value: Any, language: Language | None = None, digits: int = 2) -> str:
    """A count with grouped thousands (``1,234``), a fraction with at most ``digits``
    decimals (``2.5``); a text as it is; ``–`` for nothing."""
    if value is None:
        return MISSING
    if isinstance(value, float | Decimal):
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, pattern, locale=_babel(language))
    if isinstance(value, int):
        return format_decimal(value, "#,##0", locale=_babel(language))
    return str(value)


def count(value: Any, language: Language | None = None) -> str:
    """A whole number (a fraction is cut to its whole part) with grouped thousands."""
    if value is None:
        return MISSING
    return format_decimal(int(value), "#,##0", locale=_babel(language))


@cache
def percent_pattern(locale: str, digits: int) -> str:
    """The locale's percent pattern with exactly ``digits`` decimals."""
    base = HOUSE_PERCENT.get(locale) or Locale.parse(locale).percent_formats[None].pattern
    base = base.split(";")[0]
    decimals = "." + "0" * digits if digits else ""
    return re.sub(r"[#,0]*0", lambda match: match.group(0) + decimals, base, count=1)


def percent(value: Any, language: Language | None = None, digits: int = 1) -> str:
    """A share (0.123) as a percentage (``12.3 %``); ``–`` for nothing."""
    if value is None:
        return MISSING
    locale = _babel(language)
    return format_percent(float(value), percent_pattern(locale, digits), locale=locale)


def _parsed(value: Any) -> Date | None:
    if isinstance(value, Date):
        return value
    if isinstance(value, str):
        try:
            return DateTime.fromisoformat(value) if "T" in value else Date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date(value: Any, language: Language | None = None) -> str:
    """A date (or an ISO 8601 text of one); nothing for nothing, other text as it is."""
    if value is None or value == "":
        return ""
    found = _parsed(value)
    if found is None:
        return str(value)
    day = found.date() if isinstance(found, DateTime) else found
    locale = _babel(language)
    if locale in ISO_DATES:
        return day.isoformat()
    return format_date(day, "medium", locale=locale)


def datetime(value: Any, language: Language | None = None) -> str:
    """A moment (or an ISO 8601 text of one), to the second, in its own time zone."""
    if value is None or value == "":
        return ""
    found = _parsed(value)
    if found is None:
        return str(value)
    locale = _babel(language)
    if locale in ISO_DATES:
        return value if isinstance(value, str) else found.isoformat()
    if not isinstance(found, DateTime):
        return format_date(found, "medium", locale=locale)
    return format_datetime(found, "medium", tzinfo=found.tzinfo, locale=locale)
