"""Country codes and names for tables and maps."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from stdgap.documents.document import Table
from stdgap.reference.queries import country_names
from stdgap.reports.tables import chart_values


def country_values(engine: Engine, table: Table) -> list[dict[str, Any]]:
    """Map rows (``m49``, ``name``, ``value``) of a table by country."""
    names = country_names(engine)
    values = []
    for row in chart_values(table, table.query.chosen[0]):
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
