"""``stdgap fellowships …``: calls, applications, rules, allocation, attendance, follow-up."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from stdgap.console.common import (
    DbOption,
    actor,
    console,
    data_table,
    fail,
    print_rows,
    store,
)
from stdgap.fellowships import applications, attendance, calls, operations, queries
from stdgap.fellowships.followup import followup as followup_of
from stdgap.fellowships.limits import check_year
from stdgap.fellowships.rules import BOOK
from stdgap.ingest.cli import print_report
from stdgap.programmes.cli import programme_errors, rules_app

app = typer.Typer(
    add_completion=False,
    help="Fellowships for meetings (Res. 44 programme 3).",
    no_args_is_help=True,
)
app.add_typer(rules_app(BOOK), name="rules")


def _terms(
    currency: str | None,
    country_units: int | None,
    person_units: int | None,
    min_region_share: float | None,
    fund_earmark: str | None = None,
) -> calls.CallTerms:
    return calls.CallTerms(
        currency=currency,
        country_units=country_units,
        person_units=person_units,
        min_region_share=min_region_share,
        fund_earmark=fund_earmark,
    )


CurrencyOption = Annotated[
    str | None, typer.Option(help="The currency of the budget and costs (ISO 4217; default CHF).")
]
CountryUnitsOption = Annotated[
    int | None,
    typer.Option(help="Units of fellowship per country and meeting (default: the rule set's)."),
]
PersonUnitsOption = Annotated[
    int | None,
    typer.Option(help="Units of fellowship per person and year (default: the rule set's)."),
]
EarmarkOption = Annotated[
    str | None,
    typer.Option(help="The fund earmark paying the call: the allocation reserves its cost there."),
]
ShareOption = Annotated[
    float | None,
    typer.Option(help="Each region's least share of the fellows, 0-1 (default: the rule set's)."),
]


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
    currency: CurrencyOption = None,
    country_units: CountryUnitsOption = None,
    person_units: PersonUnitsOption = None,
    min_region_share: ShareOption = None,
    fund_earmark: EarmarkOption = None,
    history: Annotated[
        bool,
        typer.Option(help="Record the call of a meeting already held (a past programme's)."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Open a call for fellowships to a meeting to come (or record a past one: --history)."""
    with programme_errors():
        closing = date.fromisoformat(closes) if closes else None
        calls.add_call.perform(
            store(ctx, db),
            actor(),
            call_id,
            meeting,
            budget,
            full_cost,
            partial_cost,
            closing,
            rules,
            _terms(currency, country_units, person_units, min_region_share, fund_earmark),
            history=history,
        )
    console.print(f"call {call_id} opened for {meeting}")


@app.command("adjust")
def adjust(
    ctx: typer.Context,
    call_id: Annotated[str, typer.Argument(help="A call not yet allocated.")],
    budget: Annotated[int | None, typer.Option(help="The call's budget.")] = None,
    full_cost: Annotated[int | None, typer.Option(help="Cost of a full fellowship.")] = None,
    partial_cost: Annotated[int | None, typer.Option(help="Cost of a partial one.")] = None,
    closes: Annotated[str | None, typer.Option(help="Closing date, YYYY-MM-DD.")] = None,
    currency: CurrencyOption = None,
    country_units: CountryUnitsOption = None,
    person_units: PersonUnitsOption = None,
    min_region_share: ShareOption = None,
    fund_earmark: EarmarkOption = None,
    clear: Annotated[
        list[str],
        typer.Option(
            help="Back to the rule set's: country_units, person_units, min_region_share; "
            "fund_earmark: no earmark."
        ),
    ] = [],  # noqa: B006 - Typer reads the default
    db: DbOption = None,
) -> None:
    """Change a call's budget, costs, deadline, currency or caps before its allocation."""
    with programme_errors():
        terms = calls.CallTerms(
            budget,
            full_cost,
            partial_cost,
            date.fromisoformat(closes) if closes else None,
            currency,
            country_units,
            person_units,
            min_region_share,
            fund_earmark,
        )
        changed = calls.adjust_call.perform(store(ctx, db), actor(), call_id, terms, tuple(clear))
    console.print(f"call {call_id}: {', '.join(sorted(changed)) or 'nothing'} changed")


CALL_COLUMNS = [
    "call_id",
    "meeting",
    "group",
    "start",
    "closes",
    "status",
    "budget",
    "currency",
    "applications",
    "granted",
    "attendance_recorded",
]
FORMATS = ("table", "json", "csv")


@app.command("calls")
def list_calls(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="open (before the deadline), closed, allocated.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="The meeting's year.")] = None,
    group: Annotated[str | None, typer.Option(help="The meeting's group, e.g. SG5.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="table, json, csv.")] = "table",
    db: DbOption = None,
) -> None:
    """List the calls with their applications and fellows granted."""
    if output_format not in FORMATS:
        fail(f"--format '{output_format}': use one of {', '.join(FORMATS)}")
    if status is not None and status not in queries.STATUSES:
        fail(f"--status '{status}': use one of {', '.join(queries.STATUSES)}")
    if year is not None:
        with programme_errors():
            check_year("--year", year)
    chosen = queries.CallFilter(status, year, group)
    found = queries.list_calls(store(ctx, db), chosen)
    records = [{key: _plain(getattr(c, key)) for key in CALL_COLUMNS} for c in found]
    if output_format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, CALL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        typer.echo(out.getvalue(), nl=False)
    else:
        rows = [
            [
                c.call_id,
                c.meeting,
                c.start.isoformat(),
                c.closes.isoformat() if c.closes else "-",
                c.status,
                f"{c.budget:,} {c.currency}",
                str(c.applications),
                str(c.granted),
                "yes" if c.attendance_recorded else "no",
            ]
            for c in found
        ]
        header = ["call", "meeting", "start", "closes", "status", "budget", "applications"]
        print_rows("Fellowship calls", [*header, "granted", "attendance"], rows)


def _decision_rows(title: str, header: list[str], rows: list[list[str]]) -> None:
    """Decisions in a table whose ids, decisions and rules are never broken over lines."""
    table = data_table(*header, title=title)
    for column in table.columns:
        if column.header in ("application", "decision", "rule"):
            column.no_wrap = True
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@app.command("apply")
def apply(
    ctx: typer.Context,
    application_id: Annotated[str, typer.Argument(help="An id for the application.")],
    call: Annotated[str, typer.Option(help="The call applied to.")],
    person: Annotated[str, typer.Option(help="The applicant's person id.")],
    member: Annotated[
        str, typer.Option(help="The member the applicant attends for (its country decides).")
    ],
    country: Annotated[str, typer.Option(help="The applicant's nationality (code or name).")],
    gender: Annotated[str | None, typer.Option(help="F, M or X.")] = None,
    birth_year: Annotated[int | None, typer.Option(help="Year of birth.")] = None,
    request: Annotated[str, typer.Option(help="full, partial or either.")] = "either",
    contributions: Annotated[int, typer.Option(help="Written contributions brought.")] = 0,
    cost_full: Annotated[int | None, typer.Option(help="This applicant's full cost.")] = None,
    cost_partial: Annotated[int | None, typer.Option(help="Their partial cost.")] = None,
    submitted: Annotated[str | None, typer.Option(help="Date, YYYY-MM-DD.")] = None,
    motivation: Annotated[str | None, typer.Option(help="Why they apply.")] = None,
    plans: Annotated[str | None, typer.Option(help="The contributions they plan.")] = None,
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
            motivation,
            plans,
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
    close_now: Annotated[
        bool,
        typer.Option(help="Close the applications today (a call still open is refused)."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Allocate fellowships optimally under the budget, caps and regional shares; explain.
    The decisions stored are final."""
    with programme_errors():
        engine = store(ctx, db)
        if dry_run:
            with engine.connect() as connection:
                result = operations.plan(connection, call_ids, total_budget)
        else:
            result = operations.allocate.perform(
                engine, actor(), call_ids, total_budget, close_now=close_now
            )
    rows = [
        [
            d.application_id,
            d.member,
            d.country or "?",
            d.region or "?",
            d.decision,
            f"{d.value or 0:g}",
            d.rule,
            d.reason,
        ]
        for d in result.decisions
    ]
    header = ["application", "member", "country", "region", "decision", "score", "rule", "why"]
    _decision_rows("Allocation", header, rows)
    for call_id, spent in result.spent.items():
        currency = result.currencies[call_id]
        console.print(
            f"{call_id}: spent {spent:,} {currency} of {result.budgets[call_id]:,} {currency}"
        )
    if result.min_region_share:
        console.print(
            f"regional minimum: {result.min_region_share:.0%} of {result.fellows} fellow(s), "
            f"at least {result.region_minimum} per region (unless it has no more applicants "
            f"it can take); fellows by region: "
            + (", ".join(f"{k} {v}" for k, v in result.fellows_by_region.items()) or "none")
        )
    state = "optimal" if result.optimal else f"NOT proven optimal ({result.message})"
    console.print(f"total value {result.value:g} ({state})" + (" — dry run" if dry_run else ""))


@app.command("decisions")
def decisions(
    ctx: typer.Context,
    call_id: Annotated[str, typer.Argument(help="The call.")],
    db: DbOption = None,
) -> None:
    """The stored decisions of a call (by rank: fellows first), each with its reason."""
    engine = store(ctx, db)
    if not queries.list_calls(engine, queries.CallFilter(call_id=call_id)):
        fail(f"unknown call(s): {call_id}")
    rows = [
        [
            d.application_id,
            d.person,
            d.member,
            d.country or "?",
            d.decision or "-",
            f"{d.value or 0:g}",
            d.rule or "",
            d.reason or "",
        ]
        for d in queries.decisions(engine, call_id)
    ]
    _decision_rows(
        f"Decisions of {call_id}",
        ["application", "person", "member", "country", "decision", "score", "rule", "why"],
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
        report = attendance.record_attendance.perform(
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
    report = followup_of(store(ctx, db), call_ids or None)
    rows = [
        [
            f.application_id,
            f.meeting,
            f.person,
            f.country or "?",
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
