"""``stdgap awards …``: calls, criteria, jurors, nominations, conflicts, scores, results."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from stdgap.awards import operations
from stdgap.console.common import DbOption, actor, console, print_rows, store
from stdgap.programmes.cli import programme_errors

app = typer.Typer(
    add_completion=False,
    help="Awards for next-generation experts (Res. 107 instructs 3).",
    no_args_is_help=True,
)
CallArg = Annotated[str, typer.Argument(help="The award call's id.")]


@app.command("call")
def call(
    ctx: typer.Context,
    call_id: CallArg,
    name: Annotated[str, typer.Option(help="The award's name.")],
    closes: Annotated[str, typer.Option(help="Closing date, YYYY-MM-DD.")],
    max_age: Annotated[int, typer.Option(help="Nominees younger than this; 0: any.")] = 35,
    normalise: Annotated[str, typer.Option(help="mean or zscore (per juror).")] = "mean",
    db: DbOption = None,
) -> None:
    """Open an award call."""
    with programme_errors():
        operations.add_call.perform(
            store(ctx, db),
            actor(),
            call_id,
            name,
            date.fromisoformat(closes),
            max_age or None,
            normalise,
        )
    console.print(f"award call {call_id} opened")


@app.command("criterion")
def criterion(
    ctx: typer.Context,
    call_id: CallArg,
    key: Annotated[str, typer.Argument(help="A short key, e.g. impact.")],
    weight: Annotated[float, typer.Option(help="Its weight in the total.")],
    name: Annotated[str | None, typer.Option(help="Its name (default: the key).")] = None,
    max_score: Annotated[int, typer.Option(help="Highest score.")] = 10,
    db: DbOption = None,
) -> None:
    """Add a weighted criterion."""
    with programme_errors():
        operations.add_criterion.perform(
            store(ctx, db), actor(), call_id, key, name or key, weight, max_score
        )
    console.print(f"criterion {key} (weight {weight:g}) added")


@app.command("juror")
def juror(
    ctx: typer.Context,
    call_id: CallArg,
    person: Annotated[str, typer.Argument(help="The juror's person id.")],
    member: Annotated[str | None, typer.Option(help="The member they belong to.")] = None,
    db: DbOption = None,
) -> None:
    """Add a juror."""
    with programme_errors():
        operations.add_juror.perform(store(ctx, db), actor(), call_id, person, member)
    console.print(f"juror {person} added")


@app.command("nominate")
def nominate(
    ctx: typer.Context,
    call_id: CallArg,
    nomination_id: Annotated[str, typer.Argument(help="An id for the nomination.")],
    nominee: Annotated[str, typer.Option(help="The nominee's person id.")],
    member: Annotated[str | None, typer.Option(help="The nominee's member.")] = None,
    country: Annotated[str | None, typer.Option(help="The nominee's country.")] = None,
    gender: Annotated[str | None, typer.Option(help="F, M or X.")] = None,
    birth_year: Annotated[int | None, typer.Option(help="Year of birth.")] = None,
    nominated_by: Annotated[str | None, typer.Option(help="Who nominates (person id).")] = None,
    statement: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = None,
) -> None:
    """Nominate a next-generation expert."""
    with programme_errors():
        operations.nominate.perform(
            store(ctx, db),
            actor(),
            call_id,
            nomination_id,
            nominee,
            member,
            country,
            gender.upper() if gender else None,
            birth_year,
            nominated_by,
            statement,
        )
    console.print(f"nomination {nomination_id} recorded")


@app.command("conflict")
def conflict(
    ctx: typer.Context,
    call_id: CallArg,
    person: Annotated[str, typer.Argument(help="The juror.")],
    nomination_id: Annotated[str, typer.Argument(help="The nomination.")],
    reason: Annotated[str, typer.Option(help="The conflict of interest.")],
    db: DbOption = None,
) -> None:
    """Declare a juror's conflict of interest (their scores of that nomination are voided)."""
    with programme_errors():
        voided = operations.declare_conflict.perform(
            store(ctx, db), actor(), call_id, person, nomination_id, reason
        )
    console.print(f"conflict recorded; {voided} score(s) voided")


@app.command("score")
def score(
    ctx: typer.Context,
    call_id: CallArg,
    person: Annotated[str, typer.Argument(help="The juror.")],
    nomination_id: Annotated[str, typer.Argument(help="The nomination.")],
    key: Annotated[str, typer.Argument(help="The criterion.")],
    value: Annotated[float, typer.Argument(help="The score.")],
    db: DbOption = None,
) -> None:
    """Record a juror's score (refused when the juror has a conflict)."""
    with programme_errors():
        operations.score.perform(
            store(ctx, db), actor(), call_id, person, nomination_id, key, value
        )
    console.print("score recorded")


@app.command("import-scores")
def import_scores(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Score files (CSV or XLSX).")],
    db: DbOption = None,
) -> None:
    """Import scores; nothing is written if a row is bad or breaks a conflict of interest."""
    with programme_errors():
        count = operations.import_scores.perform(store(ctx, db), actor(), files)
    console.print(f"{count} score(s) imported")


@app.command("results")
def results(ctx: typer.Context, call_id: CallArg, db: DbOption = None) -> None:
    """The ranking, with each criterion's mark and how many jurors could and did score."""
    with programme_errors():
        ranked = operations.results(store(ctx, db), call_id)
    rows = [
        [
            str(r.rank or "-"),
            r.nomination,
            "-" if r.total is None else f"{r.total:.3f}",
            ", ".join(f"{k} {v:.2f}" for k, v in r.marks.items()),
            f"{r.scorers}/{r.may_score}",
            r.note,
        ]
        for r in ranked
    ]
    print_rows(
        f"Results of {call_id}", ["rank", "nomination", "total", "marks", "jurors", "note"], rows
    )
