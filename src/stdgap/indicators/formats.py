"""Cells as records, JSON, CSV, Parquet and SDMX-CSV.

A record has ``indicator``, one key per requested dimension (``year`` an integer, every other
value a string, ldc/lldc/sids as "true"/"false"), ``value``, for shares ``numerator`` and
``denominator``, ``suppressed``, ``protection`` (``exact``, ``suppressed`` or ``perturbed``) and
``flag`` (null, or why the figure is missing or provisional: :mod:`.flags`). CSV and Parquet
have the same columns for every row (numerator and denominator blank for counts). CSV and
SDMX-CSV texts that a spreadsheet would run as formulas are neutralised (a quote before them).
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.cells import Cell
from stdgap.tabular.safe_cells import csv_text

if TYPE_CHECKING:
    import polars as pl

FORMATS: tuple[str, ...] = ("table", "json", "csv", "parquet", "sdmx-csv")
DATAFLOW = "STDGAP:PARTICIPATION(1.0)"


def record(cell: Cell) -> dict[str, Any]:
    """The JSON object of one cell."""
    out: dict[str, Any] = {"indicator": cell.indicator, **cell.dims, "value": cell.value}
    if cell.is_share:
        out["numerator"] = cell.numerator
        out["denominator"] = cell.denominator
    out["suppressed"] = cell.suppressed
    out["protection"] = cell.protection
    out["flag"] = cell.flag
    return out


def to_json(cells: list[Cell]) -> str:
    return json.dumps([record(cell) for cell in cells], ensure_ascii=False, indent=1)


def columns(by: list[str]) -> list[str]:
    return [
        "indicator",
        *by,
        "value",
        "numerator",
        "denominator",
        "suppressed",
        "protection",
        "flag",
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(cells: list[Cell], by: list[str]) -> str:
    """Cells as CSV; a text a spreadsheet would run as a formula is neutralised
    (:func:`~stdgap.tabular.safe_cells.safe_cell`)."""
    names = columns(by)
    rows = ([record(cell).get(name) for name in names] for cell in cells)
    return csv_text([names, *rows])


def to_frame(cells: list[Cell], by: list[str]) -> pl.DataFrame:
    import polars as pl  # here, not at the top: `stdgap indicators --list` needs no polars

    schema: dict[str, Any] = {"indicator": pl.String}
    schema.update({dim: pl.Int32 if dim == "year" else pl.String for dim in by})
    schema.update(
        value=pl.Float64,
        numerator=pl.Float64,
        denominator=pl.Float64,
        suppressed=pl.Boolean,
        protection=pl.String,
        flag=pl.String,
    )
    rows = [record(cell) for cell in cells]
    return pl.DataFrame({name: [row.get(name) for row in rows] for name in schema}, schema=schema)


def sdmx_columns(by: list[str]) -> list[str]:
    """SDMX-CSV columns: the year as ``TIME_PERIOD``, every other dimension upper-cased."""
    dims = ["TIME_PERIOD" if dim == "year" else dim.upper() for dim in by]
    return [
        "DATAFLOW",
        *dims,
        "INDICATOR",
        "OBS_VALUE",
        "UNIT_MEASURE",
        "OBS_STATUS",
        "CONF_STATUS",
    ]


def sdmx_status(cell: Cell) -> tuple[str, str]:
    """(OBS_STATUS, CONF_STATUS) of a cell, from the SDMX code lists: a suppressed cell is
    primary confidential for small counts (``A``) with a missing value (``M``); a perturbed one
    is free (``F``) and estimated (``E``); a withheld one (first year of the data, no next year)
    and a share with no denominator are missing (``M``); a figure of the current year is
    provisional (``P``); any other is normal (``A``) and free (``F``)."""
    if cell.suppressed:
        return "M", "A"
    if cell.value is None:
        return "M", "F"
    if cell.protection == "perturbed":
        return "E", "F"
    if cell.flag == "provisional":
        return "P", "F"
    return "A", "F"


def to_sdmx_csv(cells: list[Cell], by: list[str]) -> str:
    """SDMX-CSV 1.0: one observation a row, with its OBS_STATUS and CONF_STATUS
    (:func:`sdmx_status`)."""
    rows: list[list[Any]] = [sdmx_columns(by)]
    for cell in cells:
        status, confidentiality = sdmx_status(cell)
        unit = "SHARE" if cell.is_share else "COUNT"
        dims = [cell.dims[dim] for dim in by]
        rows.append(
            [DATAFLOW, *dims, cell.indicator.upper(), cell.value, unit, status, confidentiality]
        )
    return csv_text(rows)


def render(cells: list[Cell], by: list[str], output_format: str) -> bytes:
    """``cells`` in ``output_format`` (one of :data:`FORMATS`): the bytes of a file or of the
    command's output. Every front end (CLI, downloads, API) writes cells through this."""
    if output_format == "json":
        return (to_json(cells) + "\n").encode()
    if output_format == "csv":
        return to_csv(cells, by).encode()
    if output_format == "sdmx-csv":
        return to_sdmx_csv(cells, by).encode()
    if output_format == "parquet":
        buffer = io.BytesIO()
        to_frame(cells, by).write_parquet(buffer)
        return buffer.getvalue()
    if output_format == "table":
        from rich.console import Console

        console = Console(file=io.StringIO(), width=200, color_system=None)
        with console.capture() as captured:
            console.print(to_rich_table(cells, by, title="Indicators"))
        return captured.get().encode()
    raise ValueError(f"unknown format '{output_format}'; the formats are {', '.join(FORMATS)}")


def catalogue_records() -> list[dict[str, Any]]:
    from stdgap.indicators.sources import registry

    registry()  # the capabilities' indicators too
    return [
        {
            "id": i.id,
            "title": i.title,
            "unit": i.unit,
            "clause": i.clause,
            "dimensions": list(i.dimensions),
            "definition": i.definition,
            "disclosure": i.disclosure,
        }
        for i in CATALOGUE.values()
    ]


def _shown(value: Any, share: bool) -> str:
    if value is None:
        return "–"
    if share:
        return f"{100 * value:.1f} %"
    return f"{value:g}" if isinstance(value, float) else str(value)


def to_rich_table(cells: list[Cell], by: list[str], title: str | None = None) -> Any:
    """A Rich table of the cells (suppressed cells say so)."""
    from rich.text import Text

    from stdgap.console.common import data_table
    from stdgap.indicators.notes import cell_notes

    table = data_table(title=title)
    table.add_column("indicator", no_wrap=True)
    for dim in by:
        table.add_column(dim)
    for name in ("value", "numerator", "denominator"):
        table.add_column(name, justify="right")
    table.add_column("note")
    for cell in cells:
        dims = [_text(cell.dims[dim]) for dim in by]
        if cell.suppressed:
            table.add_row(cell.indicator, *dims, Text("suppressed", style="dim"), "", "", "")
            continue
        parts = ["", ""]
        if cell.is_share:
            parts = [_shown(cell.numerator, False), _shown(cell.denominator, False)]
        notes = ", ".join(cell_notes(cell.flag, cell.protection, short=True))
        table.add_row(cell.indicator, *dims, _shown(cell.value, cell.is_share), *parts, notes)
    return table
