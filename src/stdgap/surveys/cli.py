"""``stdgap surveys …``: surveys, their questionnaires, target populations, invitations and
reminders, results (exact on the command line unless ``--public``) and exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, fail, fail_rows, print_rows, store
from stdgap.surveys import export as exports
from stdgap.surveys import operations, queries, results
from stdgap.surveys.errors import SurveyError
from stdgap.surveys.models import PURPOSES, STATES
from stdgap.surveys.questions import QuestionInput, parse_condition, question_type, split_options
from stdgap.surveys.targeting import Target, population
from stdgap.tabular.errors import ImportFailed, InputError

app = typer.Typer(
    add_completion=False,
    help="Surveys of members: questionnaires, invitations, results (C13).",
    no_args_is_help=True,
)
SurveyArg = Annotated[str, typer.Argument(help="The survey's id.")]
LIST_FORMATS = ("table", "json", "csv")
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]
MemberTypes = Annotated[
    list[str] | None, typer.Option("--member-type", help="member_state, sector_member, …")
]
Groups = Annotated[
    list[str] | None,
    typer.Option("--group", help="developing, developed, ldc, lldc or sids (repeatable)."),
]
Regions = Annotated[list[str] | None, typer.Option("--region", help="An ITU region (repeatable).")]
Members = Annotated[
    list[str] | None, typer.Option("--member", help="Only this member (repeatable).")
]
Users = Annotated[
    list[str] | None,
    typer.Option("--user", help="Invite a user: NAME or NAME=MEMBER (repeatable)."),
]
NoContacts = Annotated[
    bool, typer.Option("--no-contacts", help="Do not invite the members' contacts by e-mail.")
]
OnOption = Annotated[str | None, typer.Option("--on", help="Country groups as on YYYY-MM-DD.")]


@contextmanager
def survey_errors() -> Iterator[None]:
    """Refusals as one line and exit status 2 (a file's errors one a line)."""
    try:
        yield
    except ImportFailed as failure:
        fail_rows(failure)
    except SurveyError as error:
        fail(str(error.message))
    except InputError as error:
        fail(str(error))
    except ValueError as error:
        fail(f"{error}; dates are YYYY-MM-DD")


def _print(format: str, title: str, columns: list[str], records: list[dict[str, Any]]) -> None:
    if format not in LIST_FORMATS:
        fail(f"--format must be one of {', '.join(LIST_FORMATS)}")
    if format == "json":
        console.print(json.dumps(records, default=str, ensure_ascii=False, indent=2))
    elif format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow(["" if record.get(c) is None else record.get(c) for c in columns])
        typer.echo(buffer.getvalue(), nl=False)
    else:
        rows = [["" if r.get(c) is None else str(r.get(c)) for c in columns] for r in records]
        print_rows(title, columns, rows)


@app.command("list")
def list_surveys(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help=", ".join(STATES))] = None,
    purpose: Annotated[str | None, typer.Option(help=", ".join(PURPOSES))] = None,
    subject: Annotated[str | None, typer.Option(help="About this meeting or event id.")] = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """The surveys (drafts included), newest deadline first."""
    found = queries.list_surveys(
        store(ctx, db), queries.SurveyFilter(status, purpose, subject, True)
    )
    columns = ["survey_id", "title", "purpose", "status", "deadline", "questions", "invited"]
    columns += ["answered", "responses", "anonymous", "subject"]
    _print(format, "Surveys", columns, [s.record() for s in found])


@app.command("show")
def show(ctx: typer.Context, survey_id: SurveyArg, db: DbOption = None) -> None:
    """A survey's terms and questions (JSON)."""
    with survey_errors():
        record = queries.survey_record(store(ctx, db), survey_id)
    console.print(json.dumps(record, default=str, ensure_ascii=False, indent=2))


@app.command("create")
def create(
    ctx: typer.Context,
    survey_id: SurveyArg,
    title: Annotated[str, typer.Option(help="Its title.")],
    deadline: Annotated[str, typer.Option(help="The last day of answers, YYYY-MM-DD.")],
    purpose: Annotated[str, typer.Option(help=", ".join(PURPOSES))] = "consultation",
    anonymous: Annotated[bool, typer.Option(help="Answers stored without who gave them.")] = False,
    opens: Annotated[str | None, typer.Option(help="The first day, YYYY-MM-DD.")] = None,
    subject: Annotated[str | None, typer.Option(help="A meeting's or event's id.")] = None,
    description: Annotated[str | None, typer.Option(help="What it is for.")] = None,
    db: DbOption = None,
) -> None:
    """Create a survey (a draft: add questions, then open it)."""
    with survey_errors():
        operations.create_survey.perform(
            store(ctx, db),
            actor(),
            survey_id,
            title,
            purpose,
            date.fromisoformat(deadline),
            anonymous,
            date.fromisoformat(opens) if opens else None,
            description,
            subject,
        )
    console.print(f"survey {survey_id} created (a draft)")


@app.command("add-question")
def add_question(
    ctx: typer.Context,
    survey_id: SurveyArg,
    key: Annotated[str, typer.Argument(help="A short key, e.g. needs.")],
    text: Annotated[str, typer.Option(help="The question.")],
    type: Annotated[str, typer.Option(help="single, multiple, scale or text.")] = "single",
    options: Annotated[str, typer.Option(help="Choices separated by '|'.")] = "",
    required: Annotated[bool, typer.Option(help="An answer is required.")] = False,
    condition: Annotated[str, typer.Option(help="Shown only when: KEY = A|B …")] = "",
    min: Annotated[int | None, typer.Option(help="A scale's lowest value.")] = None,
    max: Annotated[int | None, typer.Option(help="A scale's highest value.")] = None,
    db: DbOption = None,
) -> None:
    """Add a question after the others (a draft's)."""
    with survey_errors():
        question = QuestionInput(
            key,
            question_type(type) or type,
            text,
            split_options(options),
            required,
            parse_condition(condition) if condition.strip() else None,
            min,
            max,
        )
        operations.add_question.perform(store(ctx, db), actor(), survey_id, question)
    console.print(f"question {key} added")


@app.command("import-questions")
def import_questions(
    ctx: typer.Context,
    survey_id: SurveyArg,
    file: Annotated[Path, typer.Argument(help="A JSON, CSV or XLSX questionnaire.")],
    db: DbOption = None,
) -> None:
    """Add the questions of a file; none if one is wrong (FILE:LINE: column: message)."""
    with survey_errors():
        count = operations.import_questions.perform(
            store(ctx, db), actor(), survey_id, file, str(file)
        )
    console.print(f"{count} question(s) imported")


def _target(
    member_type: list[str] | None,
    group: list[str] | None,
    region: list[str] | None,
    member: list[str] | None,
    user: list[str] | None,
    no_contacts: bool,
    on: str | None,
) -> Target:
    users = []
    for given in user or []:
        name, _, of = given.partition("=")
        users.append((name.strip(), of.strip() or None))
    return Target(
        tuple(member_type or ()),
        tuple(group or ()),
        tuple(region or ()),
        tuple(member or ()),
        tuple(users),
        not no_contacts,
        date.fromisoformat(on) if on else None,
    ).checked()


@app.command("target")
def target(
    ctx: typer.Context,
    survey_id: SurveyArg,
    member_type: MemberTypes = None,
    group: Groups = None,
    region: Regions = None,
    member: Members = None,
    user: Users = None,
    no_contacts: NoContacts = False,
    on: OnOption = None,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Who a target population would invite (nothing written)."""
    engine = store(ctx, db)
    with survey_errors():
        queries.stored(engine, survey_id)
        chosen = _target(member_type, group, region, member, user, no_contacts, on)
        with engine.connect() as connection:
            found = population(connection, chosen, date.today())
    records = [
        {
            "name": i.name,
            "member": i.member,
            "country": i.country,
            "by": "account" if i.user_id is not None else i.email,
        }
        for i in found.invitees
    ]
    _print(format, f"Invited on {found.on}", ["name", "member", "country", "by"], records)
    if format == "table" and found.without_contact:
        console.print(f"members without a contact address: {', '.join(found.without_contact)}")


@app.command("open")
def open_survey(
    ctx: typer.Context,
    survey_id: SurveyArg,
    member_type: MemberTypes = None,
    group: Groups = None,
    region: Regions = None,
    member: Members = None,
    user: Users = None,
    no_contacts: NoContacts = False,
    on: OnOption = None,
    db: DbOption = None,
) -> None:
    """Open a draft to its target population: invitations and their e-mails (the outbox)."""
    with survey_errors():
        chosen = _target(member_type, group, region, member, user, no_contacts, on)
        sent = operations.open_survey.perform(store(ctx, db), actor(), survey_id, chosen)
    console.print(
        f"survey {survey_id} open: {sent.invited} invited, {sent.queued} e-mail(s) queued, "
        f"{sent.without_address} without an address"
    )


@app.command("remind")
def remind(ctx: typer.Context, survey_id: SurveyArg, db: DbOption = None) -> None:
    """E-mail again those invited who have not answered (before the deadline)."""
    with survey_errors():
        sent = operations.remind.perform(store(ctx, db), actor(), survey_id)
    console.print(f"{sent.queued} reminder(s) queued ({sent.invited} not answered)")


@app.command("close")
def close(ctx: typer.Context, survey_id: SurveyArg, db: DbOption = None) -> None:
    """Close an open survey (no more answers; results public, perturbed)."""
    with survey_errors():
        operations.close_survey.perform(store(ctx, db), actor(), survey_id)
    console.print(f"survey {survey_id} closed")


@app.command("results")
def show_results(
    ctx: typer.Context,
    survey_id: SurveyArg,
    by: Annotated[str | None, typer.Option(help="status, region or member_type.")] = None,
    public: Annotated[
        bool, typer.Option("--public", help="As the public sees them: perturbed, suppressed.")
    ] = False,
    format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Results by question and answer (and country group), exact unless --public."""
    engine = store(ctx, db)
    if by is not None and by not in results.BREAKDOWNS:
        fail(f"--by must be one of {', '.join(results.BREAKDOWNS)}")
    with survey_errors():
        survey = queries.stored(engine, survey_id)
        found = results.survey_results(engine, survey, by, exact=not public)
    records = [
        {
            "question": q.key,
            "answer": c.value,
            "group": g.group,
            "count": c.figure.count,
            "answered": g.answered.count,
            "share": None if c.share is None else round(c.share, 4),
            "protection": c.figure.protection,
        }
        for q in found.questions
        for g in q.groups
        for c in g.choices
    ]
    columns = ["question", "answer", "group", "count", "answered", "share", "protection"]
    _print(format, f"Results of {survey_id}", columns, records)


@app.command("export")
def export_responses(
    ctx: typer.Context,
    survey_id: SurveyArg,
    output: Annotated[Path, typer.Argument(help="The file to write (.csv or .xlsx).")],
    db: DbOption = None,
) -> None:
    """Write the responses (one row each, one column per question) as CSV or XLSX."""
    format = output.suffix.lower().lstrip(".")
    if format not in exports.FORMATS:
        fail("the output file ends in .csv or .xlsx")
    with survey_errors():
        body = exports.export(store(ctx, db), survey_id, format)
    output.write_bytes(body)
    console.print(f"{output} written")
