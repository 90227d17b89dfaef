"""Loading reference data into the store: the shipped facts and users' own classifications."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select, tuple_

from stdgap.reference.names import name_key
from stdgap.reference.shipped import (
    ClassificationRecord,
    load_aliases,
    load_classifications,
    load_countries,
)
from stdgap.store.models import Classification, Country, CountryAlias


def is_seeded(connection: Connection) -> bool:
    return bool(connection.execute(select(func.count()).select_from(Country)).scalar_one())


def seed_if_empty(connection: Connection) -> None:
    """Load the shipped reference data into a store that has none (run when a store opens)."""
    if not is_seeded(connection):
        seed_reference(connection)


def seed_reference(connection: Connection) -> None:
    """Write the shipped countries, aliases and classifications (into an empty store)."""
    countries = load_countries()
    connection.execute(insert(Country), [vars(country) for country in countries])
    known = {country.alpha3 for country in countries}
    official = {name_key(c.name) for c in countries} | {
        name_key(c.un_name) for c in countries if c.un_name
    }
    alias_rows: dict[str, dict[str, str]] = {}
    for alias, alpha3 in load_aliases():
        key = name_key(alias)
        if alpha3 in known and key not in official:
            alias_rows[key] = {"alias_key": key, "alias": alias, "alpha3": alpha3}
    if alias_rows:
        connection.execute(insert(CountryAlias), list(alias_rows.values()))
    _insert_classifications(connection, load_classifications())


def _insert_classifications(connection: Connection, records: Iterable[ClassificationRecord]) -> int:
    rows = [vars(record) for record in records]
    if rows:
        connection.execute(insert(Classification), rows)
    return len(rows)


def replace_classifications(connection: Connection, records: list[ClassificationRecord]) -> int:
    """Replace, for every (country, attribute) in ``records``, the stored rows by these."""
    pairs = sorted({(record.country, record.attribute) for record in records})
    for start in range(0, len(pairs), 200):
        batch = pairs[start : start + 200]
        connection.execute(
            delete(Classification).where(
                tuple_(Classification.country, Classification.attribute).in_(batch)
            )
        )
    return _insert_classifications(connection, records)
