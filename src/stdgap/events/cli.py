"""``stdgap events …``: list, show, create, register, cancel, attend, material, plan, export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, fail, fail_rows, print_rows, store
from stdgap.i18n.translate import _

app = typer.Typer(
    add_completion=False,
    help="Events: workshops, training, awareness campaigns, webinars, e-learning (Res. 74, 44).",
    no_args_is_help=True,
)
EventArg = Annotated[str, typer.Argument(help="The event's id (its meeting's id).")]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]
LIST_COLUMNS = ("event_id", "start", "end", "kind", "title", "city", "region", "confirmed")


@contextmanager
def event_errors() -> Iterator[None]:
    """Refusals as one line and exit code 2."""
    from stdgap.events.errors import EventError

    try:
        yield
    except EventError as error:
        fail(str(error))


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--{name}: {text!r} is not a date (YYYY-MM-DD)")


def _emit(records: list[dict[str, Any]], columns: tuple[str, ...], format: str, title: str) -> None:
    if format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, default=str, indent=2))
    elif format == "csv":
        from stdgap.tabular.safe_cells import csv_text

        rows = [list(columns)] + [[record.get(c) for c in columns] for record in records]
        typer.echo(csv_text(rows), nl=False)
    elif format == "table":
        text_rows = [["" if r.get(c) is None else str(r.get(c)) for c in columns] for r in records]
        print_rows(title, list(columns), text_rows)
    else:
        fail(f"--format: {format!r} is not one of table, json, csv")


@app.command("list")
def list_events(
    ctx: typer.Context,
    region: Annotated[str | None, typer.Option(help="ITU region, e.g. Africa.")] = None,
    kind: Annotated[str | None, typer.Option(help="workshop, training, awareness …")] = None,
    year: Annotated[str | None, typer.Option(help="Events starting that year.")] = None,
    when: Annotated[str | None, typer.Option(help="upcoming or past.")] = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """The events, upcoming first."""
    from stdgap.events import queries

    with event_errors():
        filters = queries.EventFilter.of(region, kind, year, when)
        found = queries.list_events(store(ctx, db), filters)
    _emit(found, LIST_COLUMNS, format, _("Events"))


@app.command("show")
def show(ctx: typer.Context, event_id: EventArg, db: DbOption = None) -> None:
    """An event: its terms, categories, seats and materials (JSON)."""
    from stdgap.events import queries

    with event_errors():
        found = queries.event_detail(store(ctx, db), event_id)
    typer.echo(json.dumps(found, ensure_ascii=False, default=str, indent=2))


@app.command("create")
def create(
    ctx: typer.Context,
    event_id: EventArg,
    title: Annotated[str, typer.Option(help="The event's title.")],
    kind: Annotated[str, typer.Option(help="workshop, training, awareness, webinar, elearning.")],
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
    end: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")] = None,
    city: Annotated[str | None, typer.Option(help="The city.")] = None,
    host_country: Annotated[str | None, typer.Option(help="ISO alpha-3 code.")] = None,
    format: Annotated[str, typer.Option("--format", help="in_person, virtual, hybrid.")] = (
        "in_person"
    ),
    group: Annotated[str, typer.Option(help="The organising group.")] = "TSB",
    region: Annotated[str | None, typer.Option(help="ITU region.")] = None,
    capacity: Annotated[int | None, typer.Option(help="Seats in all (default: no limit).")] = None,
    opens: Annotated[str | None, typer.Option(help="Registration opens, YYYY-MM-DD.")] = None,
    closes: Annotated[str | None, typer.Option(help="Registration closes, YYYY-MM-DD.")] = None,
    language: Annotated[list[str] | None, typer.Option(help="A language code (repeat).")] = None,
    category: Annotated[
        list[str] | None, typer.Option(help="key:label[:seats] (repeat); default four.")
    ] = None,
    description: Annotated[str | None, typer.Option(help="What it is about.")] = None,
    feedback_survey: Annotated[str | None, typer.Option(help="The feedback survey's id.")] = None,
    db: DbOption = None,
) -> None:
    """Create an event: a meeting of its kind with its registration terms."""
    from stdgap.events import operations
    from stdgap.events.operations import CategoryInput, EventInput

    categories = []
    for text in category or []:
        key, _sep, rest = text.partition(":")
        label, _sep, seats = rest.partition(":")
        if seats and not seats.isdigit():
            fail(f"--category: {text!r}: the seats must be a whole number")
        categories.append(CategoryInput(key, label or key, int(seats) if seats else None))
    spec = EventInput(
        event_id,
        title,
        kind,
        _day(start, "start"),
        _day(end, "end") if end else None,
        city,
        host_country.upper() if host_country else None,
        format,
        group.upper(),
        region,
        capacity,
        _day(opens, "opens") if opens else None,
        _day(closes, "closes") if closes else None,
        tuple(language or ()),
        description,
        tuple(categories),
        feedback_survey,
    )
    with event_errors():
        operations.create_event.perform(store(ctx, db), actor(), spec)
    console.print(_("event %(id)s created", id=event_id))


@app.command("register")
def register(
    ctx: typer.Context,
    event_id: EventArg,
    name: Annotated[str, typer.Option(help="The registrant's name.")],
    email: Annotated[str, typer.Option(help="Their e-mail address.")],
    category: Annotated[str, typer.Option(help="The category's key.")] = "delegate",
    organisation: Annotated[str | None, typer.Option(help="Their organisation.")] = None,
    member: Annotated[str | None, typer.Option(help="The member they attend for.")] = None,
    person: Annotated[str | None, typer.Option(help="Their person id.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 code.")] = None,
    db: DbOption = None,
) -> None:
    """Register someone (confirmed while there are seats, else waitlisted)."""
    from stdgap.events import operations
    from stdgap.events.operations import RegistrationInput

    entry = RegistrationInput(
        name, email, category, organisation, member, person, country.upper() if country else None
    )
    with event_errors():
        done = operations.register.perform(store(ctx, db), actor(), event_id, entry)
    console.print(f"registration {done.registration_id}: {done.status}")


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    registration: Annotated[int, typer.Argument(help="The registration's number.")],
    db: DbOption = None,
) -> None:
    """Cancel a registration; the first waitlisted who fits is confirmed and told."""
    from stdgap.events import operations

    with event_errors():
        done = operations.cancel.perform(store(ctx, db), actor(), registration)
    promoted = ", ".join(str(p) for p in done.promoted) or "-"
    console.print(f"registration {registration} cancelled; promoted: {promoted}")


@app.command("attend")
def attend(
    ctx: typer.Context,
    event_id: EventArg,
    registrations: Annotated[
        list[int] | None, typer.Argument(help="The registrations that came (the others did not).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Mark who came; persons of the registry count in the participation data."""
    from stdgap.events import attendance

    with event_errors():
        done = attendance.mark_attendance.perform(
            store(ctx, db), actor(), event_id, registrations or []
        )
    console.print(
        f"{done.attended} present; {len(done.recorded)} counted in participation; "
        f"{len(done.removed)} taken out"
    )


@app.command("material")
def material(
    ctx: typer.Context,
    event_id: EventArg,
    title: Annotated[str, typer.Option(help="What it is.")],
    url: Annotated[str, typer.Option(help="Its http(s) address.")],
    language: Annotated[str | None, typer.Option(help="Its language code.")] = None,
    db: DbOption = None,
) -> None:
    """Add a link to a material of an event."""
    from stdgap.events import operations

    with event_errors():
        operations.add_material.perform(store(ctx, db), actor(), event_id, title, url, language)
    console.print(_("material added to %(id)s", id=event_id))


@app.command("feedback")
def feedback_command(
    ctx: typer.Context,
    event_id: EventArg,
    deadline: Annotated[str, typer.Option(help="The last day to answer, YYYY-MM-DD.")],
    questions: Annotated[
        Path | None,
        typer.Option(help="A questionnaire (JSON, CSV or XLSX); default: rating, usefulness …"),
    ] = None,
    named: Annotated[
        bool, typer.Option("--named", help="Named answers (default: anonymous).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create an event's feedback survey and send it to the registrants who attended (with an
    account); the event links to it."""
    from stdgap.events import feedback
    from stdgap.tabular.errors import ImportFailed

    chosen = _day(deadline, "deadline")
    with event_errors():
        try:
            asked = feedback.questions_from_file(questions) if questions else None
        except ImportFailed as failure:
            fail_rows(failure)
        sent = feedback.create_feedback_survey.perform(
            store(ctx, db), actor(), event_id, chosen, asked, not named
        )
    console.print(
        _(
            "feedback survey %(survey)s of %(id)s sent to %(invited)s attendees",
            survey=sent.survey_id,
            id=event_id,
            invited=sent.invited,
        )
    )


@app.command("plan")
def plan(
    ctx: typer.Context,
    region: Annotated[str, typer.Option(help="ITU region, e.g. Africa.")],
    between: Annotated[
        tuple[str, str], typer.Option(help="First and last day of the window, YYYY-MM-DD.")
    ],
    days: Annotated[int, typer.Option(help="Length of the event in days.")] = 2,
    holidays: Annotated[
        Path | None, typer.Option(help="CSV of public holidays: country,date,name.")
    ] = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Propose dates and places back to back with the region's regional-group meetings."""
    from stdgap.events import planning, queries
    from stdgap.events.holidays import read_holidays

    engine = store(ctx, db)
    first, last = _day(between[0], "between"), _day(between[1], "between")
    with event_errors():
        listed = read_holidays(holidays, queries.known_countries(engine)) if holidays else []
        found = planning.proposals(engine, region, first, last, days, listed)
    records = [
        {
            **proposal,
            "conflicts": "; ".join(f"{c['kind']}: {c['what']}" for c in proposal["conflicts"]),
        }
        for proposal in found["proposals"]
    ]
    if format == "json":
        typer.echo(json.dumps(found, ensure_ascii=False, default=str, indent=2))
        return
    columns = ("start", "end", "city", "country", "anchor", "side", "score", "conflicts")
    _emit(records, columns, format, _("Back-to-back proposals"))


@app.command("export")
def export(
    ctx: typer.Context,
    event_id: EventArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="A .csv or .xlsx file.")],
    db: DbOption = None,
) -> None:
    """Write the attendance list (for badges) as CSV or XLSX."""
    from stdgap.events import exports

    engine = store(ctx, db)
    with event_errors():
        if output.suffix.lower() == ".xlsx":
            output.write_bytes(exports.attendance_xlsx(engine, event_id))
        elif output.suffix.lower() == ".csv":
            output.write_text(exports.attendance_csv(engine, event_id), encoding="utf-8")
        else:
            fail(f"--output: {str(output)!r} must end in .csv or .xlsx")
    console.print(_("attendance list written to %(path)s", path=str(output)))
