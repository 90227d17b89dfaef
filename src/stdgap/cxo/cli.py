"""``stdgap cxo …``: CTO/CxO meetings, their agenda and participants, conclusions through their
lifecycle, the communiqué and the reports to TSAG and WTSA (Res. 68)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, fail, print_rows, store
from stdgap.cxo import (
    conclusions,
    consultation,
    consulted,
    documents,
    meetings,
    participants,
    queries,
)
from stdgap.programmes.cli import programme_errors

app = typer.Typer(
    add_completion=False,
    help="CTO/CxO meetings: agenda, participants, conclusions, reports (Res. 68).",
    no_args_is_help=True,
)
MeetingArg = Annotated[str, typer.Argument(help="The meeting's id, e.g. CTO-2025-1.")]
NumberArg = Annotated[int, typer.Argument(help="The conclusion's number.")]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]


def _emit(rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: ("; ".join(v) if isinstance(v, list) else v) for k, v in row.items()}
            )
        typer.echo(out.getvalue(), nl=False)
    elif fmt == "table":
        print_rows(title, columns, [[_cell(row.get(c)) for c in columns] for row in rows])
    else:
        fail(f"--format: '{fmt}' is not one of table, json, csv")


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@app.command("list")
def list_meetings(ctx: typer.Context, fmt: FormatOption = "table", db: DbOption = None) -> None:
    """The CxO meetings, latest first."""
    rows = queries.list_meetings(store(ctx, db))
    columns = [
        "meeting_id",
        "start",
        "city",
        "host_country",
        "theme",
        "agenda_items",
        "consultation_items",
        "participants",
        "conclusions",
    ]
    _emit(rows, columns, fmt, "CxO meetings")


@app.command("show")
def show(ctx: typer.Context, meeting_id: MeetingArg, db: DbOption = None) -> None:
    """A meeting as JSON: theme, agenda, participants (with names), conclusions, recordings."""
    with programme_errors():
        found = queries.meeting_detail(store(ctx, db), meeting_id, names=True)
    typer.echo(json.dumps(found, default=str, ensure_ascii=False, indent=1))


@app.command("create")
def create(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    title: Annotated[str, typer.Option(help="The meeting's title.")],
    theme: Annotated[str, typer.Option(help="Its subject: health, transport, education …")],
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
    end: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")] = None,
    city: Annotated[str | None, typer.Option(help="The host city.")] = None,
    host_country: Annotated[
        str | None, typer.Option(help="The host country (code or name).")
    ] = None,
    format: Annotated[
        str, typer.Option("--meeting-format", help="in_person, hybrid or virtual.")
    ] = "in_person",
    region: Annotated[
        list[str], typer.Option(help="A region consulted before it (repeat; or all).")
    ] = [],  # noqa: B006
    db: DbOption = None,
) -> None:
    """Create a CxO meeting (a meeting of the registry, group CTO, kind cto)."""
    with programme_errors():
        spec = meetings.MeetingInput(
            meeting_id,
            title,
            theme,
            date.fromisoformat(start),
            date.fromisoformat(end) if end else None,
            city,
            host_country,
            format,
            region,
        )
        meetings.create_meeting.perform(store(ctx, db), actor(), spec)
    console.print(f"CxO meeting {meeting_id} created")


@app.command("agenda")
def agenda(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    title: Annotated[str, typer.Argument(help="The item.")],
    objective: Annotated[
        str | None, typer.Option(help="ITU-T strategic objective, e.g. T.1.")
    ] = None,
    work_item: Annotated[str | None, typer.Option(help="The TSAG work item.")] = None,
    source: Annotated[
        str, typer.Option(help="secretariat, consultation, tsag or conclusion.")
    ] = "secretariat",
    survey: Annotated[str | None, typer.Option(help="The consultation's survey id.")] = None,
    question: Annotated[str | None, typer.Option(help="The survey's question key.")] = None,
    db: DbOption = None,
) -> None:
    """Add an item to a meeting's agenda."""
    with programme_errors():
        item = meetings.AgendaInput(title, objective, work_item, source, survey, question)
        position = meetings.add_agenda_item.perform(store(ctx, db), actor(), meeting_id, item)
    console.print(f"agenda item {position} added to {meeting_id}")


@app.command("consult")
def consult(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    regions: Annotated[
        str,
        typer.Option(help="ITU regions consulted, separated by commas (Africa,Americas), or all."),
    ],
    deadline: Annotated[str, typer.Option(help="The last day to answer, YYYY-MM-DD.")],
    questions: Annotated[
        Path | None,
        typer.Option(help="A questionnaire (JSON, CSV or XLSX); default: priority topics …"),
    ] = None,
    user: Annotated[
        list[str] | None,
        typer.Option("--user", help="Invite a user: NAME or NAME=MEMBER (repeatable)."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="The survey's title.")] = None,
    db: DbOption = None,
) -> None:
    """Send the consultation of developing countries before a meeting (Res. 68 resolves 2): a
    survey to the developing-country members of the regions, whose answers feed the agenda."""
    with programme_errors():
        spec = consultation.ConsultationInput(
            [r.strip() for r in regions.split(",")],
            date.fromisoformat(deadline),
            consultation.questions_from_file(questions) if questions else None,
            tuple(
                (name.strip(), member.strip() or None)
                for name, _sep, member in (u.partition("=") for u in user or [])
            ),
            title,
        )
        sent = consultation.consult.perform(store(ctx, db), actor(), meeting_id, spec)
    console.print(
        f"consultation {sent.survey_id} sent to the developing-country members of "
        f"{', '.join(sent.regions)}: {sent.invited} invited, {sent.queued} e-mails queued"
        + (f", {sent.without_address} without an address" if sent.without_address else "")
    )


@app.command("consultation")
def consultation_command(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    add: Annotated[
        str | None,
        typer.Option(help="Add an answer to the agenda: QUESTION=ANSWER (an option or a text)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The agenda item (default: the answer).")
    ] = None,
    objective: Annotated[
        str | None, typer.Option(help="ITU-T strategic objective, e.g. T.2.")
    ] = None,
    db: DbOption = None,
) -> None:
    """A meeting's consultation with its exact answers by question (JSON), or --add one of its
    answers to the agenda as an item from the consultation."""
    engine = store(ctx, db)
    with programme_errors():
        queries.meeting_detail(engine, meeting_id)
        if add is not None:
            key, sep, value = add.partition("=")
            if not sep:
                fail(f"--add: '{add}' is not QUESTION=ANSWER")
            position = consultation.add_from_consultation.perform(
                engine, actor(), meeting_id, key.strip(), value, title, objective
            )
            console.print(f"agenda item {position} of {meeting_id} from the consultation")
            return
    found = {
        "consultation": consulted.summary(engine, meeting_id),
        "answers": consulted.answers(engine, meeting_id, exact=True),
    }
    typer.echo(json.dumps(found, default=str, ensure_ascii=False, indent=1))


@app.command("participants")
def participants_command(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    file: Annotated[
        Path | None, typer.Option("--import", help="A CSV/XLSX participant list to import.")
    ] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List a meeting's participants, or import its participant list (all rows or none)."""
    engine = store(ctx, db)
    if file is not None:
        with programme_errors():
            counts = participants.import_participants.perform(
                engine, actor(), meeting_id, file, str(file)
            )
        console.print(
            f"{counts['inserted']} participant(s) added, {counts['updated']} updated, "
            f"{counts['attendance']} attendance(s) recorded"
        )
        return
    with programme_errors():
        found = queries.meeting_detail(engine, meeting_id, names=True)
    columns = ["name", "organisation", "size", "country", "region", "level", "mode", "member_id"]
    _emit(found["participants"] or [], columns, fmt, f"participants of {meeting_id}")


@app.command("conclude")
def conclude(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    topic: Annotated[str, typer.Option(help="The conclusion's topic.")],
    text: Annotated[str, typer.Option(help="What the meeting concluded.")],
    link_to: Annotated[int | None, typer.Option(help="Revisit this open conclusion.")] = None,
    distinct: Annotated[
        bool, typer.Option(help="A new topic although an open one resembles it.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Raise a meeting's conclusion; an open conclusion of the same topic is revisited instead."""
    with programme_errors():
        raised = conclusions.raise_conclusion.perform(
            store(ctx, db), actor(), meeting_id, topic, text, link_to, distinct
        )
    what = "revisited" if raised.revisited else "raised"
    console.print(f"conclusion {raised.conclusion_id} {what} at {meeting_id}")


@app.command("revisit")
def revisit(
    ctx: typer.Context,
    number: NumberArg,
    meeting_id: MeetingArg,
    note: Annotated[str | None, typer.Option(help="What the meeting said.")] = None,
    db: DbOption = None,
) -> None:
    """Record that a meeting revisited an open conclusion."""
    with programme_errors():
        conclusions.revisit.perform(store(ctx, db), actor(), number, meeting_id, note)
    console.print(f"conclusion {number} revisited at {meeting_id}")


@app.command("advance")
def advance(
    ctx: typer.Context,
    number: NumberArg,
    state: Annotated[str, typer.Argument(help="under_study, addressed, closed or dropped.")],
    study_group: Annotated[str | None, typer.Option(help="The study group (under study).")] = None,
    question: Annotated[str | None, typer.Option(help="The Question (under study).")] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    meeting: Annotated[str | None, typer.Option(help="The meeting it happened at.")] = None,
    db: DbOption = None,
) -> None:
    """Move a conclusion through its lifecycle."""
    with programme_errors():
        before = conclusions.advance.perform(
            store(ctx, db), actor(), number, state, study_group, question, note, meeting
        )
    console.print(f"conclusion {number}: {before} → {state}")


@app.command("link")
def link(
    ctx: typer.Context,
    number: NumberArg,
    kind: Annotated[
        str, typer.Argument(help="question, work_item, recommendation, tsag or other.")
    ],
    reference: Annotated[str, typer.Argument(help="e.g. Q4/20 or Y.4500.")],
    url: Annotated[str | None, typer.Option(help="Its address.")] = None,
    title: Annotated[str | None, typer.Option(help="Its title.")] = None,
    db: DbOption = None,
) -> None:
    """Link the ITU-T work that took a conclusion into account."""
    with programme_errors():
        conclusions.add_link.perform(store(ctx, db), actor(), number, kind, reference, url, title)
    console.print(f"conclusion {number}: {kind} {reference} linked")


@app.command("conclusions")
def list_conclusions(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option(help="Only conclusions in this state.")] = None,
    topic: Annotated[str | None, typer.Option(help="Words of the topic.")] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """The conclusions, with their state and meetings."""
    with programme_errors():
        rows = queries.list_conclusions(store(ctx, db), state, topic)
    columns = ["conclusion_id", "topic", "state", "study_group", "question", "meetings"]
    _emit(rows, columns, fmt, "conclusions")


def _write(report: Any, output: Path, subject: str) -> None:
    fmt = output.suffix.lower().lstrip(".")
    with programme_errors():
        output.write_bytes(documents.render(report, fmt, subject))
    console.print(f"{output} written")


@app.command("communique")
def communique(
    ctx: typer.Context,
    meeting_id: MeetingArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="A .docx, .pdf or .html file.")],
    db: DbOption = None,
) -> None:
    """Write a meeting's communiqué (theme, participation, conclusions)."""
    with programme_errors():
        report = documents.communique(store(ctx, db), meeting_id)
    _write(report, output, "Communiqué")


@app.command("report")
def report(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="tsag or wtsa.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="A .docx, .pdf or .html file.")],
    period: Annotated[
        str, typer.Option(help="The study period (WTSA), e.g. 2025-2028.")
    ] = "2025-2028",
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="TSAG: the conclusions closed or dropped since this day (default: a year ago).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the report to TSAG (every open conclusion and its history, then those closed or
    dropped since a day) or to WTSA (a study period's meetings, participation, conclusions and
    outcomes)."""
    engine = store(ctx, db)
    with programme_errors():
        if to == "tsag":
            found = documents.tsag_report(engine, since=since.date() if since else None)
        elif to == "wtsa":
            found = documents.wtsa_report(engine, period)
        else:
            fail(f"--to: '{to}' is not tsag or wtsa")
    _write(found, output, f"Report to {to.upper()}")
