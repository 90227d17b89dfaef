"""``stdgap fellowships …``: calls, applications, rules, allocation, attendance, follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import DbOption, actor, console, print_rows, store
from stdgap.fellowships import applications, operations, queries
from stdgap.fellowships.rules import BOOK
from stdgap.ingest.cli import print_report
from stdgap.programmes.cli import programme_errors, rules_app

app = typer.Typer(
    add_completion=False,
    help="Fellowships for meetings (Res. 44 programme 3).",
    no_args_is_help=True,
)
app.add_typer(rules_app(BOOK), name="rules")


@app.command("call")
def open_call(
    ctx: typer.Context,
    call_id: Annotated[str, typer.Argument(help="An id for the call, e.g. F-SG5-2025-09.")],
    meeting: Annotated[str, typer.Option(help="The meeting's source id.")],
    budget: Annotated[int, typer.Option(help="The call's budget.")],
    full_cost: Annotated[int, typer.Option(help="Cost of a full fellowship.")],
    partial_cost: Annotated[int, typer.Option(help="Cost of a partial fellowship.")],
    closes: Annotated[str | None, typer.Option(help="Closing date, YYYY-MM-DD.")] = None,
    rules: Annotated[str, typer.Option(help="The rule set to apply.")] = "default",
    db: DbOption = None,
) -> None:
    """Open a call for fellowships to a meeting."""
    with programme_errors():
        closing = date.fromisoformat(closes) if closes else None
        applications.add_call.perform(
            store(ctx, db),
            actor(),
            call_id,
            meeting,
            budget,
            full_cost,
            partial_cost,
            closing,
            rules,
        )
    console.print(f"call {call_id} opened for {meeting}")


@app.command("calls")
def calls(ctx: typer.Context, db: DbOption = None) -> None:
    """List the calls with their applications and fellows granted."""
    rows = [
        [
            c.call_id,
            c.meeting,
            c.start.isoformat(),
            f"{c.budget:,}",
            str(c.applications),
            str(c.granted),
            "yes" if c.allocated else "no",
            "yes" if c.attendance_recorded else "no",
        ]
        for c in queries.list_calls(store(ctx, db))
    ]
    header = ["call", "meeting", "start", "budget", "applications", "granted", "allocated"]
    print_rows("Fellowship calls", [*header, "attendance"], rows)


@app.command("apply")
def apply(
    ctx: typer.Context,
    application_id: Annotated[str, typer.Argument(help="An id for the application.")],
    call: Annotated[str, typer.Option(help="The call applied to.")],
    person: Annotated[str, typer.Option(help="The applicant's person id.")],
    member: Annotated[str, typer.Option(help="The member the applicant attends for.")],
    country: Annotated[str, typer.Option(help="The country (code or name).")],
    gender: Annotated[str | None, typer.Option(help="F, M or X.")] = None,
    birth_year: Annotated[int | None, typer.Option(help="Year of birth.")] = None,
    request: Annotated[str, typer.Option(help="full, partial or either.")] = "either",
    contributions: Annotated[int, typer.Option(help="Written contributions brought.")] = 0,
    cost_full: Annotated[int | None, typer.Option(help="This applicant's full cost.")] = None,
    cost_partial: Annotated[int | None, typer.Option(help="Their partial cost.")] = None,
    submitted: Annotated[str | None, typer.Option(help="Date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
) -> None:
    """Enter (or update) one application."""
    with programme_errors():
        entry = applications.ApplicationInput(
            application_id,
            call,
            person,
            member,
            country,
            gender.upper() if gender else None,
            birth_year,
            request,
            contributions,
            cost_full,
            cost_partial,
            date.fromisoformat(submitted) if submitted else None,
        )
        applications.add_application.perform(store(ctx, db), actor(), entry)
    console.print(f"application {application_id} recorded for {call}")


@app.command("import")
def import_applications(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Application files (CSV or XLSX).")],
    db: DbOption = None,
) -> None:
    """Import applications; every row is checked, and nothing is written if one is bad."""
    with programme_errors():
        count = applications.import_applications.perform(store(ctx, db), actor(), files)
    console.print(f"{count} application(s) imported")


@app.command("allocate")
def allocate(
    ctx: typer.Context,
    call_ids: Annotated[list[str], typer.Argument(help="The calls to allocate together.")],
    total_budget: Annotated[
        int | None, typer.Option(help="A pooled budget over the calls, as well.")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Show the decisions without storing them.")] = False,
    db: DbOption = None,
) -> None:
    """Allocate fellowships optimally under the budget, caps and regional shares; explain."""
    with programme_errors():
        engine = store(ctx, db)
        if dry_run:
            with engine.connect() as connection:
                result = operations.plan(connection, call_ids, total_budget)
        else:
            result = operations.allocate.perform(engine, actor(), call_ids, total_budget)
    rows = [
        [d.application_id, d.country, d.region or "?", d.decision, f"{d.value or 0:g}", d.reason]
        for d in result.decisions
    ]
    print_rows("Allocation", ["application", "country", "region", "decision", "value", "why"], rows)
    for call_id, spent in result.spent.items():
        console.print(f"{call_id}: spent {spent:,} of {result.budgets[call_id]:,}")
    state = "optimal" if result.optimal else f"NOT proven optimal ({result.message})"
    console.print(f"total value {result.value:g} ({state})" + (" — dry run" if dry_run else ""))


@app.command("decisions")
def decisions(
    ctx: typer.Context,
    call_id: Annotated[str, typer.Argument(help="The call.")],
    db: DbOption = None,
) -> None:
    """The stored decisions of a call, each with its reason."""
    rows = [
        [
            d.application_id,
            d.person,
            d.country,
            d.decision or "-",
            f"{d.value or 0:g}",
            d.reason or "",
        ]
        for d in queries.decisions(store(ctx, db), call_id)
    ]
    print_rows(
        f"Decisions of {call_id}",
        ["application", "person", "country", "decision", "value", "why"],
        rows,
    )


@app.command("attend")
def attend(
    ctx: typer.Context,
    call_id: Annotated[str, typer.Argument(help="An allocated call whose meeting was held.")],
    absent: Annotated[
        list[str], typer.Option(help="Application id of a fellow who did not come.")
    ] = [],  # noqa: B006 - Typer reads the default
    as_of: Annotated[str | None, typer.Option(help="Today's date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
) -> None:
    """Write the fellows' attendance (fellowship = true) through the import pipeline."""
    with programme_errors():
        today = date.fromisoformat(as_of) if as_of else None
        report = operations.record_attendance.perform(
            store(ctx, db), actor(), call_id, frozenset(absent), today
        )
    print_report(report, f"Fellows' attendance of {call_id}")


@app.command("followup")
def followup(
    ctx: typer.Context,
    call_ids: Annotated[list[str] | None, typer.Argument(help="Calls (default: all).")] = None,
    db: DbOption = None,
) -> None:
    """What fellows did afterwards: later meetings, contributions, leadership roles."""
    report = queries.followup(store(ctx, db), call_ids or None)
    rows = [
        [
            f.application_id,
            f.meeting,
            f.person,
            f.country,
            f.decision,
            str(f.later.meetings),
            str(f.later.contributions),
            str(f.later.roles),
        ]
        for f in report.fellows
    ]
    print_rows(
        "Fellows afterwards",
        [
            "application",
            "meeting",
            "person",
            "country",
            "fellowship",
            "later meetings",
            "contributions",
            "roles",
        ],
        rows,
    )
    console.print(
        f"{len(report.fellows)} fellow(s): returned {report.share('meetings'):.0%}, "
        f"contributed {report.share('contributions'):.0%}, took roles {report.share('roles'):.0%}"
    )
