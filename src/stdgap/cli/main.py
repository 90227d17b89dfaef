"""The ``stdgap`` application: one sub-command group per capability."""

from __future__ import annotations

import typer

from stdgap.cli import (
    awards_cmd,
    db_cmd,
    demo_cmd,
    fellowships_cmd,
    import_cmd,
    indicators_cmd,
    mentorship_cmd,
    reference_cmd,
    report_cmd,
    resolutions_cmd,
    serve_cmd,
    settings_cmd,
    users_cmd,
)
from stdgap.cli.common import DbOption

app = typer.Typer(
    name="stdgap",
    help="stdgap, the Standardization Gap Observatory.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(ctx: typer.Context, db: DbOption = None) -> None:
    """Measure and bridge the standardization gap between developing and developed countries."""
    ctx.obj = {"db": db}


app.command("import")(import_cmd.import_files)
app.command("demo")(demo_cmd.demo)
app.command("indicators")(indicators_cmd.indicators)
app.add_typer(db_cmd.app, name="db")
app.add_typer(reference_cmd.app, name="reference")
app.add_typer(settings_cmd.app, name="settings")
app.add_typer(fellowships_cmd.app, name="fellowships")
app.add_typer(mentorship_cmd.app, name="mentorship")
app.add_typer(awards_cmd.app, name="awards")
app.add_typer(resolutions_cmd.app, name="resolutions")
app.add_typer(report_cmd.app, name="report")
app.command("serve")(serve_cmd.serve)
app.add_typer(users_cmd.app, name="users")
