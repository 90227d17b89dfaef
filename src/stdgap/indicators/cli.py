"""``stdgap indicators``: the participation indicators, grouped by any dimensions."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stdgap.console.common import DbOption, console, data_table, err_console, fail, store
from stdgap.i18n.translate import _
from stdgap.indicators.catalogue import DIMENSIONS
from stdgap.indicators.formats import FORMATS

if TYPE_CHECKING:
    from sqlalchemy import Engine

app = typer.Typer(add_completion=False)


def _nothing(engine: Engine) -> str:
    """Why a request has no cells: a store without meetings, or nothing that matches."""
    from stdgap.indicators.cache import facts_for

    facts = facts_for(engine)
    if facts.first_year is None:
        return _("no figures: the store holds no meetings yet; import data first (stdgap import)")
    return _(
        "no figures match this request (the store's meetings run from %(first)s to %(last)s)",
        first=facts.first_year,
        last=facts.last_year,
    )


def _print_catalogue(output_format: str) -> None:
    """The whole catalogue, the capabilities' indicators included, in the format asked."""
    from stdgap.indicators.formats import catalogue_records

    records = catalogue_records()
    if output_format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    columns = ("id", "unit", "disclosure", "clause", "title")
    if output_format == "csv":
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([record[name] for name in columns] for record in records)
        return
    table = data_table(title="Indicators")
    table.add_column("id", no_wrap=True)
    for name in columns[1:]:
        table.add_column(name)
    for record in records:
        disclosure = str(record["disclosure"]).replace("_", " ")
        table.add_row(record["id"], record["unit"], disclosure, record["clause"], record["title"])
    console.print(table)


@app.command("indicators")
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
        list[str],
        typer.Option(
            "--where",
            help="DIMENSION=VALUE (or DIMENSION:VALUE) filter; repeatable; a country by its "
            "code or name (KEN, KE, Kenya)",
        ),
    ] = [],  # noqa: B006
    from_year: Annotated[
        int | None,
        typer.Option(
            "--from-year",
            help="Count only this year and later (a meeting's start year; a role's active years)",
        ),
    ] = None,
    to_year: Annotated[
        int | None,
        typer.Option(
            "--to-year",
            help="Count only this year and earlier (a meeting's start year; a role's active years)",
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table, json, csv, parquet (needs --out), sdmx-csv")
    ] = "table",
    min_cell: Annotated[
        int | None,
        typer.Option(
            "--min-cell",
            help="Exact figures, cells below this size suppressed (1: none); default: the "
            "public rules (figures about persons perturbed, under the setting public_min_cell "
            "suppressed)",
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file")] = None,
    list_catalogue: Annotated[
        bool, typer.Option("--list", help="Print the catalogue of indicators")
    ] = False,
    db: DbOption = None,
) -> None:
    """Compute indicators (Res. 44, 74, 107) by year, group, region, status … (JSON: `year` is
    an integer, every other dimension a string)."""
    if output_format not in FORMATS:
        fail(f"--format '{output_format}': use one of {', '.join(FORMATS)}")
    if list_catalogue:
        _print_catalogue(output_format)
        return
    if output_format == "parquet" and out is None:
        fail("--format parquet needs --out FILE")
    from stdgap.indicators.cells import IndicatorError
    from stdgap.indicators.compute import compute
    from stdgap.indicators.formats import render, to_rich_table
    from stdgap.indicators.request import IndicatorRequest

    try:
        request = IndicatorRequest.parse(
            indicator, by, where, from_year, to_year, min_cell, exact=min_cell is not None
        )
        engine = store(ctx, db)
        cells = compute(engine, request)
    except IndicatorError as error:
        fail(str(error))
    if not cells:
        err_console.print(_nothing(engine), markup=False, highlight=False, soft_wrap=True)
    dims = list(request.by)
    if output_format == "table" and out is None:
        console.print(to_rich_table(cells, dims, title="Indicators"))
        return
    body = render(cells, dims, output_format)
    if out is None:  # text formats only (parquet needs --out)
        typer.echo(body.decode(), nl=False)
        return
    _write_out(out, body)


def _write_out(out: Path, body: bytes) -> None:
    """``body`` into ``out`` (its folders made), whole or not at all; through a symbolic link
    into the file it names; into a pipe or a device as it is. A path that cannot be written is
    a one-line error."""
    if out.is_dir():
        fail(_("--out %(path)s: is a folder; give a file name", path=str(out)))
    target = out.resolve() if out.is_symlink() else out
    temporary = target.with_name(f".{target.name}.part")
    try:
        if target.exists() and not target.is_file():  # a pipe, /dev/stdout …: not replaced
            with target.open("wb") as stream:
                stream.write(body)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(body)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        where = out if error.filename in (None, str(temporary)) else error.filename
        fail(_("could not write %(path)s: %(reason)s", path=str(where), reason=error.strerror))
