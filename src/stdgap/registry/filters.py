"""The filters of the lists of meetings, members and people, checked once for the command line,
the pages and the API alike.

- ``year``: meetings held (started) that year; members and people who attended one;
- ``group``: meetings of that group (``SG5``); members and people who attended one;
- ``country``: a meeting's host country, a member's country, a person's nationality;
- ``member_type``: a member's type; a person's affiliation's type;
- ``kind``: a meeting's kind (``plenary`` …);
- ``member``: people affiliated to that member (its source id);
- ``search``: a piece of the id or name (members), the id or city (meetings), the id (people),
  case not minded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.orm import InstrumentedAttribute

from stdgap.i18n.translate import _l

MEMBER_TYPES = ("member_state", "sector_member", "associate", "academia")
MEETING_KINDS = (
    "plenary",
    "working_party",
    "rapporteur",
    "regional_group",
    "workshop",
    "cto",
    # events (stdgap.events)
    "training",
    "awareness",
    "webinar",
    "elearning",
)
COUNTRY = re.compile(r"[A-Z]{3}")
FIRST_YEAR, LAST_YEAR = 1865, 2200


class FilterError(ValueError):
    """A filter's value that cannot be (the message names the filter and the value)."""


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    group: str | None = None
    country: str | None = None
    member_type: str | None = None
    kind: str | None = None
    member: str | None = None
    search: str | None = None

    @classmethod
    def of(
        cls,
        year: int | str | None = None,
        group: str | None = None,
        country: str | None = None,
        member_type: str | None = None,
        kind: str | None = None,
        member: str | None = None,
        search: str | None = None,
    ) -> Filters:
        """Filters from what a user typed (blank is no filter); :class:`FilterError` when a
        value cannot be right."""
        return cls(
            year=_year(year),
            group=_text(group, upper=True),
            country=_country(country),
            member_type=_one_of("member_type", member_type, MEMBER_TYPES),
            kind=_one_of("kind", kind, MEETING_KINDS),
            member=_text(member),
            search=_text(search),
        )

    def given(self) -> dict[str, str | int]:
        """The filters set, by name (for the pages' forms and the JSON answers)."""
        found = {field.name: getattr(self, field.name) for field in fields(self)}
        return {name: value for name, value in found.items() if value is not None}

    def year_span(self) -> tuple[date, date] | None:
        if self.year is None:
            return None
        return date(self.year, 1, 1), date(self.year, 12, 31)


def _text(value: str | None, upper: bool = False) -> str | None:
    text = (value or "").strip()[:300]
    if not text:
        return None
    return text.upper() if upper else text


def _year(value: int | str | None) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise FilterError(
            _l(
                "year %(value)r: a year from %(first)s to %(last)s",
                value=text,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return int(text)


def _country(value: str | None) -> str | None:
    text = _text(value, upper=True)
    if text is not None and not COUNTRY.fullmatch(text):
        raise FilterError(
            _l("country %(value)r: an ISO 3166-1 alpha-3 code, e.g. KEN", value=value)
        )
    return text


def _one_of(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    text = _text(value)
    if text is None:
        return None
    if text.lower() not in allowed:
        raise FilterError(
            _l(
                "%(name)s %(value)r: use one of %(allowed)s",
                name=name,
                value=text,
                allowed=", ".join(allowed),
            )
        )
    return text.lower()


def contains(
    text: str, *columns: InstrumentedAttribute[str] | InstrumentedAttribute[str | None]
) -> ColumnElement[bool]:
    """Any of ``columns`` holds ``text`` (case not minded; ``%`` and ``_`` are plain)."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))
