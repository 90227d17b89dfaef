"""``stdgap forum …``: list, show, queue, moderate (approve, reject, hide, unhide, edit, dismiss).
The command line acts as a moderator: ``show`` and ``queue`` show held and hidden posts;
``list`` shows the published questions unless ``--all``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, fail, print_rows, store
from stdgap.i18n.translate import _

app = typer.Typer(
    add_completion=False,
    help="Q&A forum answered by study-group experts (Res. 44): list, show, moderate.",
    no_args_is_help=True,
)
LIST_COLUMNS = (
    "id",
    "asked_at",
    "study_group",
    "study_question",
    "title",
    "status",
    "answers",
    "expert_answers",
    "accepted",
    "score",
)
ACTIONS = ("approve", "reject", "hide", "unhide", "edit", "dismiss")


@contextmanager
def forum_errors() -> Iterator[None]:
    """Refusals as one line and exit code 2."""
    from stdgap.forum.errors import ForumError

    try:
        yield
    except ForumError as error:
        fail(str(error))


def _json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, default=str, indent=2))


@app.command("list")
def list_questions(
    ctx: typer.Context,
    group: Annotated[str | None, typer.Option(help="Study group, e.g. SG13.")] = None,
    question: Annotated[str | None, typer.Option(help="Question, e.g. Q20/13.")] = None,
    tag: Annotated[str | None, typer.Option(help="A topic keyword.")] = None,
    unanswered: Annotated[bool, typer.Option(help="Only questions without answer.")] = False,
    search: Annotated[str | None, typer.Option(help="Words of the title.")] = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Held, hidden and rejected questions too (their status column says which).",
        ),
    ] = False,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    db: DbOption = None,
) -> None:
    """The published questions, newest first, as the public sees them (with --all: held,
    hidden and rejected ones too, as a moderator sees them, each with its status)."""
    from stdgap.forum import queries

    reader = queries.Viewer(None, True) if every else queries.Viewer()
    with forum_errors():
        filters = queries.QuestionFilter.of(group, question, tag, unanswered, search)
        found = queries.list_questions(store(ctx, db), filters, reader, limit=10000)
    if format == "json":
        _json(found)
    elif format == "table":
        rows = [["" if r.get(c) is None else str(r.get(c)) for c in LIST_COLUMNS] for r in found]
        print_rows(_("Forum questions"), list(LIST_COLUMNS), rows)
    else:
        fail(f"--format: {format!r} is not one of table, json")


@app.command("show")
def show(
    ctx: typer.Context,
    question_id: Annotated[int, typer.Argument(help="The question's number.")],
    db: DbOption = None,
) -> None:
    """A question with its answers, votes and links (JSON)."""
    from stdgap.forum import queries

    with forum_errors():
        found = queries.question_detail(store(ctx, db), question_id, queries.Viewer(None, True))
    _json(found)


@app.command("queue")
def queue(ctx: typer.Context, db: DbOption = None) -> None:
    """Posts waiting for review and open reports (JSON)."""
    from stdgap.forum import queries

    _json(queries.moderation_queue(store(ctx, db)))


@app.command("moderate")
def moderate(
    ctx: typer.Context,
    action: Annotated[str, typer.Argument(help=", ".join(ACTIONS))],
    number: Annotated[int, typer.Argument(help="The post's number (a report's for dismiss).")],
    reason: Annotated[
        str, typer.Option(help="Why (required but to approve; kept in the audit log).")
    ] = "",
    body: Annotated[str | None, typer.Option(help="edit: the post's new text.")] = None,
    title: Annotated[str | None, typer.Option(help="edit: a question's new title.")] = None,
    db: DbOption = None,
) -> None:
    """Approve or reject a held post, hide or show again a post, edit one, dismiss a report."""
    from stdgap.forum import operations

    engine = store(ctx, db)
    who = actor()
    with forum_errors():
        if action == "approve":
            done = operations.approve.perform(engine, who, number)
            if done.kind == "question":
                told = f"{done.notified} experts of its group notified"
            else:
                told = "the asker notified" if done.notified else "the asker not notified"
            console.print(f"post {number} published; {told}")
        elif action == "reject":
            operations.reject.perform(engine, who, number, reason)
            console.print(f"post {number} rejected")
        elif action == "hide":
            resolved = operations.hide.perform(engine, who, number, reason)
            console.print(f"post {number} hidden; {resolved} reports resolved")
        elif action == "unhide":
            operations.unhide.perform(engine, who, number, reason)
            console.print(f"post {number} shown again")
        elif action == "edit":
            if body is None:
                fail("edit: give the new text with --body")
            operations.edit.perform(engine, who, number, body, reason, title)
            console.print(f"post {number} edited")
        elif action == "dismiss":
            operations.dismiss.perform(engine, who, number, reason)
            console.print(f"report {number} dismissed")
        else:
            fail(f"{action!r} is not one of {', '.join(ACTIONS)}")
