"""Resolving what users write for a country (code or name) to its ISO alpha-3 code."""

from __future__ import annotations

from sqlalchemy import Connection, select

from stdgap.reference.names import name_key
from stdgap.store.models import Country, CountryAlias


class CountryResolver:
    """Maps alpha-3, alpha-2, ITU country symbols and the names ITU and the UN use to alpha-3
    codes. ISO codes win where an ITU symbol is another country's ISO code (Martinique's symbol
    MRT is Mauritania's alpha-3)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = keys
        self._cache: dict[str, str | None] = {}

    @classmethod
    def from_connection(cls, connection: Connection) -> CountryResolver:
        keys: dict[str, str] = {}
        for alias_key, alpha3 in connection.execute(
            select(CountryAlias.alias_key, CountryAlias.alpha3)
        ):
            keys[alias_key] = alpha3
        rows = connection.execute(
            select(
                Country.alpha3, Country.alpha2, Country.name, Country.un_name, Country.itu_symbol
            )
        ).all()
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
        return cls(keys)

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
