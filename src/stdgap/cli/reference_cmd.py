"""``stdgap reference …``: countries and their dated classifications."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stdgap.cli.common import DbOption, console, fail, print_bad_rows, store
from stdgap.ingest.errors import ImportFailed, InputError
from stdgap.reference.queries import country_profile
from stdgap.reference.resolver import CountryResolver
from stdgap.reference.seed import replace_classifications
from stdgap.reference.user_file import read_classification_file
from stdgap.store.version import bump_data_version

app = typer.Typer(help="Countries and their dated classifications.", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="Alpha-3 or alpha-2 code, or a name")],
    db: DbOption = None,
) -> None:
    """Print a country's codes and its classifications over time."""
    engine = store(ctx, db)
    with engine.connect() as connection:
        alpha3 = CountryResolver.from_connection(connection).resolve(country)
    if alpha3 is None:
        fail(f"unknown country '{country}'")
    profile = country_profile(engine, alpha3)
    assert profile is not None
    info = profile.country
    console.print(
        f"[bold]{info.name}[/] ({info.alpha3} / {info.alpha2} / M49 {info.m49}) — "
        f"{info.m49_subregion or info.m49_region or 'no M49 region'}; "
        f"ITU Member State: {'yes' if info.itu_member else 'no'}"
    )
    table = Table("attribute", "value", "valid from", "valid to", "source")
    for row in profile.classifications:
        table.add_row(
            row.attribute,
            row.value,
            row.valid_from.isoformat() if row.valid_from else "…",
            row.valid_to.isoformat() if row.valid_to else "…",
            row.source or "",
        )
    console.print(table)


@app.command("import")
def import_classification(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV/XLSX: country,attribute,value,valid_from,valid_to")
    ],
    db: DbOption = None,
) -> None:
    """Load your own dated classification over the shipped one (per country and attribute)."""
    engine = store(ctx, db)
    try:
        with engine.begin() as connection:
            records = read_classification_file(file, CountryResolver.from_connection(connection))
            written = replace_classifications(connection, records)
            bump_data_version(connection)
    except ImportFailed as failure:
        print_bad_rows(failure)
        fail(f"{len(failure.errors)} bad row(s); nothing was written")
    except InputError as error:
        fail(str(error))
    pairs = len({(record.country, record.attribute) for record in records})
    console.print(f"{written} classification row(s) written for {pairs} country/attribute pair(s)")
