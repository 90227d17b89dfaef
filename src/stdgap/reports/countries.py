"""Country codes and names for tables and maps: names in the report's language (CLDR, through
Babel), falling back on the store's English name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from stdgap.documents.document import Table
from stdgap.documents.order import country_name
from stdgap.reports.tables import chart_values
from stdgap.store.models import Country


def names(engine: Engine) -> dict[str, tuple[str, str]]:
    """alpha-3 → (M49 code, short name in the current language)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Country.alpha3, Country.alpha2, Country.m49, Country.name)
        ).all()
    return {alpha3: (m49, country_name(alpha2, name)) for alpha3, alpha2, m49, name in rows}


def country_values(engine: Engine, table: Table) -> list[dict[str, Any]]:
    """Map rows (``m49``, ``name``, ``value``) of a table by country."""
    known = names(engine)
    values = []
    for row in chart_values(table, table.query.chosen[0]):
        m49, name = known.get(str(row["country"]), ("", str(row["country"])))
        values.append({"m49": m49, "name": name, "value": row["value"]})
    return values


def label_countries(engine: Engine, table: Table) -> None:
    """Show a table's countries (its first dimension) by their names."""
    known = names(engine)
    table.names = {code: known[code][1] for (code, *_rest), _cells in table.rows if code in known}
