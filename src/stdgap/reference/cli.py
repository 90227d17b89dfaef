"""``stdgap reference …``: countries and their dated classifications."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import DbOption, actor, console, data_table, fail, fail_rows, store

app = typer.Typer(
    add_completion=False, help="Countries and their dated classifications.", no_args_is_help=True
)


@app.command("show")
def show(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="Alpha-3 or alpha-2 code, or a name")],
    db: DbOption = None,
) -> None:
    """Print a country's codes and its classifications over time."""
    from stdgap.reference.queries import country_profile
    from stdgap.reference.resolver import CountryResolver

    engine = store(ctx, db)
    with engine.connect() as connection:
        alpha3 = CountryResolver.from_connection(connection).resolve(country)
    if alpha3 is None:
        fail(f"unknown country '{country}'")
    profile = country_profile(engine, alpha3)
    assert profile is not None
    info = profile.country
    console.print(
        f"{info.name} ({info.alpha3} / {info.alpha2} / M49 {info.m49}) — "
        f"{info.m49_subregion or info.m49_region or 'no M49 region'}; "
        f"ITU Member State: {'yes' if info.itu_member else 'no'}"
    )

    table = data_table("attribute", "value", "valid from", "valid to", "source")
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
    from stdgap.reference.operations import import_classifications
    from stdgap.tabular.errors import ImportFailed, InputError

    engine = store(ctx, db)
    try:
        written, pairs = import_classifications.perform(engine, actor(), file)
    except ImportFailed as failure:
        fail_rows(failure)
    except InputError as error:
        fail(str(error))
    console.print(f"{written} classification row(s) written for {pairs} country/attribute pair(s)")
