"""A country's status on a date, read from the dated classifications of the store.

Classification rows hold on [valid_from, valid_to), a blank bound being open; booleans are the
strings 'true'/'false'. Programmes decide on the status at the date that matters (a meeting's
start, an award's closing date): Bhutan, which left the LDC list on 2023-12-13, is an LDC for a
meeting in June 2023 and is not for one in 2024.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from stdgap.store.models import Classification, Country

FLAGS = ("developing", "ldc", "lldc", "sids", "transition")


@dataclass(frozen=True)
class CountryStatus:
    country: str
    on: date
    itu_member: bool
    region: str | None
    income_group: str | None
    flags: frozenset[str]  # the FLAGS that are true on the date

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def describe(self) -> str:
        """e.g. 'developing, ldc' or 'none of developing, ldc, lldc, sids, transition'."""
        shown = [flag for flag in FLAGS if flag in self.flags]
        return ", ".join(shown) if shown else f"none of {', '.join(FLAGS)}"


_Row = tuple[str, str, date | None, date | None]  # attribute, value, from, to


class StatusReader:
    """Loads the classifications of some countries once, then answers for any date."""

    def __init__(self, connection: Connection, countries: Iterable[str]) -> None:
        wanted = sorted(set(countries))
        self._rows: dict[str, list[_Row]] = defaultdict(list)
        self._members: dict[str, bool] = {}
        if not wanted:
            return
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start : chunk_start + 500]
            query = select(
                Classification.country,
                Classification.attribute,
                Classification.value,
                Classification.valid_from,
                Classification.valid_to,
            ).where(Classification.country.in_(chunk))
            for country, attribute, value, valid_from, valid_to in connection.execute(query):
                self._rows[country].append((attribute, value, valid_from, valid_to))
            members = select(Country.alpha3, Country.itu_member).where(Country.alpha3.in_(chunk))
            self._members.update(
                {alpha3: bool(flag) for alpha3, flag in connection.execute(members)}
            )
        for rows in self._rows.values():
            rows.sort(key=lambda row: (row[0], row[2] or date.min))

    def status(self, country: str, on: date) -> CountryStatus:
        values: dict[str, str] = {}
        for attribute, value, valid_from, valid_to in self._rows.get(country, ()):
            if (valid_from is None or valid_from <= on) and (valid_to is None or on < valid_to):
                values[attribute] = value  # sorted by valid_from: the latest start wins
        flags = frozenset(flag for flag in FLAGS if values.get(flag, "").lower() == "true")
        return CountryStatus(
            country=country,
            on=on,
            itu_member=self._members.get(country, False),
            region=values.get("itu_region"),
            income_group=values.get("income_group"),
            flags=flags,
        )


def status_on(connection: Connection, country: str, on: date) -> CountryStatus:
    return StatusReader(connection, [country]).status(country, on)
