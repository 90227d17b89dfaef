"""Public holidays given as data: a CSV file ``country,date,name`` (ISO 3166 alpha-3, ISO
date, any name). A bad line is refused with its file, line, column and value."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stdgap.events.errors import EventError
from stdgap.i18n.translate import _l

HEADER = ("country", "date", "name")


@dataclass(frozen=True)
class Holiday:
    country: str
    day: date
    name: str


def _bad(label: str, line: int, column: str, value: str, why: str) -> EventError:
    return EventError(
        _l(
            "%(file)s, line %(line)s, column %(column)s: %(value)r %(why)s",
            file=label,
            line=line,
            column=column,
            value=value,
            why=why,
        )
    )


def parse_holidays(
    text: str, label: str = "holidays", countries: Collection[str] | None = None
) -> list[Holiday]:
    """The holidays of a CSV text with the header ``country,date,name``."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip().lower() for cell in rows[0]] != list(HEADER):
        found = ",".join(rows[0]) if rows else ""
        raise _bad(label, 1, "header", found, str(_l("is not the header country,date,name")))
    holidays = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise _bad(label, number, "row", ",".join(row), str(_l("does not have 3 columns")))
        country, day, name = (cell.strip() for cell in row)
        code = country.upper()
        if (
            len(code) != 3
            or not code.isalpha()
            or (countries is not None and code not in countries)
        ):
            raise _bad(label, number, "country", country, str(_l("is not a country code")))
        try:
            when = date.fromisoformat(day)
        except ValueError:
            raise _bad(label, number, "date", day, str(_l("is not a date (YYYY-MM-DD)"))) from None
        holidays.append(Holiday(code, when, name))
    return holidays


def read_holidays(path: Path, countries: Collection[str] | None = None) -> list[Holiday]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as error:
        raise EventError(
            _l("%(file)s: cannot be read (%(why)s)", file=str(path), why=str(error))
        ) from None
    return parse_holidays(text, str(path), countries)
