"""Resolving what users write for a country (code or name) to its ISO alpha-3 code."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from sqlalchemy import Connection, select

from stdgap.reference.names import name_key
from stdgap.reference.shipped import load_aliases, load_countries
from stdgap.store.models import Country, CountryAlias


class _CountryRow(Protocol):
    @property
    def alpha3(self) -> str: ...
    @property
    def alpha2(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def un_name(self) -> str | None: ...
    @property
    def itu_symbol(self) -> str | None: ...


def _keys(aliases: Sequence[tuple[str, str]], rows: Sequence[_CountryRow]) -> dict[str, str]:
    """Every key (alias, name, ITU symbol, ISO code) with its alpha-3 code."""
    keys = dict(aliases)
    for row in rows:
        for name in (row.name, row.un_name):
            if name:
                keys[name_key(name)] = row.alpha3
    for row in rows:  # ITU symbols (ALG, D, G, J …), as TSB's participant lists write them
        if row.itu_symbol:
            keys[name_key(row.itu_symbol)] = row.alpha3
    for row in rows:  # ISO codes last: they win where a symbol is another country's code
        keys[name_key(row.alpha3)] = row.alpha3
        keys[name_key(row.alpha2)] = row.alpha3
    return keys


class CountryResolver:
    """Maps alpha-3, alpha-2, ITU country symbols and the names ITU and the UN use to alpha-3
    codes. ISO codes win where an ITU symbol is another country's ISO code (Martinique's symbol
    MRT is Mauritania's alpha-3)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = keys
        self._cache: dict[str, str | None] = {}

    @classmethod
    def from_connection(cls, connection: Connection) -> CountryResolver:
        aliases = connection.execute(select(CountryAlias.alias_key, CountryAlias.alpha3)).all()
        rows = connection.execute(
            select(
                Country.alpha3, Country.alpha2, Country.name, Country.un_name, Country.itu_symbol
            )
        ).all()
        return cls(_keys([(key, alpha3) for key, alpha3 in aliases], rows))

    @classmethod
    def shipped(cls) -> CountryResolver:
        """From the reference data shipped with stdgap (no store needed: a request's filter)."""
        aliases = [(name_key(alias), alpha3) for alias, alpha3 in load_aliases()]
        return cls(_keys(aliases, load_countries()))

    def resolve(self, value: str) -> str | None:
        """The alpha-3 code for ``value``, or None when nothing matches."""
        try:
            return self._cache[value]
        except KeyError:
            found = self._keys.get(name_key(value))
            self._cache[value] = found
            return found

    def __len__(self) -> int:
        return len(set(self._keys.values()))


@cache
def shipped_resolver() -> CountryResolver:
    return CountryResolver.shipped()
