"""``stdgap indicators``: the participation indicators, grouped by any dimensions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stdgap.cli.common import DbOption, console, fail, store
from stdgap.indicators import DEFAULT_MIN_CELL, DIMENSIONS, IndicatorError, compute, formats
from stdgap.indicators.catalogue import CATALOGUE


def _names(values: list[str]) -> list[str]:
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _where(values: list[str]) -> dict[str, str]:
    where: dict[str, str] = {}
    for given in values:
        name, sep, value = given.partition("=")
        if not sep or not name.strip() or not value.strip():
            fail(f"--where '{given}': write DIMENSION=VALUE, e.g. --where region=Africa")
        if name.strip() in where:
            fail(f"--where: dimension '{name.strip()}' is given twice")
        where[name.strip()] = value.strip()
    return where


def _print_catalogue(output_format: str) -> None:
    if output_format == "json":
        typer.echo(json.dumps(formats.catalogue_records(), ensure_ascii=False, indent=1))
        return
    table = Table(title="Indicators")
    table.add_column("id", no_wrap=True)
    for name in ("unit", "clause", "title"):
        table.add_column(name)
    for indicator in CATALOGUE.values():
        table.add_row(indicator.id, indicator.unit, indicator.clause, indicator.title)
    console.print(table)


def indicators(
    ctx: typer.Context,
    by: Annotated[
        list[str],
        typer.Option("--by", help=f"Dimensions, comma-separated: {', '.join(DIMENSIONS)}"),
    ] = [],  # noqa: B006 (typer reads the default)
    indicator: Annotated[
        list[str],
        typer.Option("--indicator", help="Indicator ids, comma-separated (default: all)"),
    ] = [],  # noqa: B006
    where: Annotated[
        list[str], typer.Option("--where", help="DIMENSION=VALUE filter; repeatable")
    ] = [],  # noqa: B006
    from_year: Annotated[int | None, typer.Option("--from-year")] = None,
    to_year: Annotated[int | None, typer.Option("--to-year")] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table, json, csv, parquet (needs --out), sdmx-csv")
    ] = "table",
    min_cell: Annotated[
        int,
        typer.Option("--min-cell", help="Suppress cells below this size (1: no suppression)"),
    ] = DEFAULT_MIN_CELL,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file")] = None,
    list_catalogue: Annotated[
        bool, typer.Option("--list", help="Print the catalogue of indicators")
    ] = False,
    db: DbOption = None,
) -> None:
    """Compute indicators (Res. 44, 74, 107) by year, group, region, status … (JSON: `year` is
    an integer, every other dimension a string)."""
    if output_format not in formats.FORMATS:
        fail(f"--format '{output_format}': use one of {', '.join(formats.FORMATS)}")
    if list_catalogue:
        _print_catalogue(output_format)
        return
    if output_format == "parquet" and out is None:
        fail("--format parquet needs --out FILE")
    dims = _names(by)
    chosen = _names(indicator) or None
    try:
        cells = compute(store(ctx, db), chosen, dims, _where(where), from_year, to_year, min_cell)
    except IndicatorError as error:
        fail(str(error))
    if output_format == "parquet":
        assert out is not None
        formats.write_parquet(cells, dims, out)
        return
    if output_format == "table":
        table = formats.to_rich_table(cells, dims, title="Indicators")
        if out is None:
            console.print(table)
            return
        with out.open("w", encoding="utf-8") as handle:
            from rich.console import Console

            Console(file=handle, width=200).print(table)
        return
    text = {
        "json": lambda: formats.to_json(cells) + "\n",
        "csv": lambda: formats.to_csv(cells, dims),
        "sdmx-csv": lambda: formats.to_sdmx_csv(cells, dims),
    }[output_format]()
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
