"""Country codes and names for tables and maps."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from stdgap.reports.document import Table
from stdgap.reports.tables import chart_values
from stdgap.store.models import Classification, Country


def country_names(engine: Engine) -> dict[str, tuple[str, str]]:
    """alpha-3 → (M49 code, name)."""
    with engine.connect() as connection:
        rows = connection.execute(select(Country.alpha3, Country.m49, Country.name)).all()
    return {alpha3: (m49, name) for alpha3, m49, name in rows}


def country_values(engine: Engine, table: Table) -> list[dict[str, Any]]:
    """Map rows (``m49``, ``name``, ``value``) of a table by country."""
    names = country_names(engine)
    values = []
    for row in chart_values(table, table.query.indicators[0]):
        m49, name = names.get(str(row["country"]), ("", str(row["country"])))
        values.append({"m49": m49, "name": name, "value": row["value"]})
    return values


def label_countries(engine: Engine, table: Table) -> None:
    """Show a table's alpha-3 codes (its first dimension) as ``Name (ABC)``."""
    names = country_names(engine)
    table.rows = [
        ((f"{names.get(dims[0], ('', dims[0]))[1]} ({dims[0]})", *dims[1:]), cells)
        for dims, cells in table.rows
    ]


def member_states_in_region(engine: Engine, region: str, on: date) -> list[tuple[str, str]]:
    """(alpha-3, name) of the ITU Member States whose ITU region on ``on`` is ``region``."""
    query = (
        select(Country.alpha3, Country.name)
        .join(Classification, Classification.country == Country.alpha3)
        .where(
            Country.itu_member.is_(True),
            Classification.attribute == "itu_region",
            Classification.value == region,
            (Classification.valid_from.is_(None)) | (Classification.valid_from <= on),
            (Classification.valid_to.is_(None)) | (Classification.valid_to > on),
        )
        .order_by(Country.name)
    )
    with engine.connect() as connection:
        return [(alpha3, name) for alpha3, name in connection.execute(query)]
