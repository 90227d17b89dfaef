"""``stdgap mentorship …``: profiles, optimal matching, sessions, outcomes, follow-up."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, print_rows, store
from stdgap.mentorship import operations, profiles, queries
from stdgap.mentorship.rules import BOOK
from stdgap.programmes.cli import programme_errors, rules_app

app = typer.Typer(
    add_completion=False,
    help="Mentorship of next-generation experts (Res. 107, Res. 44).",
    no_args_is_help=True,
)
app.add_typer(rules_app(BOOK), name="rules")

CycleOption = Annotated[str, typer.Option(help="The mentorship cycle, e.g. 2025.")]


def _day(text: str | None) -> date:
    return date.fromisoformat(text) if text else date.today()


@app.command("import")
def import_profiles(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(help="mentor or mentee")],
    files: Annotated[list[Path], typer.Argument(help="Profile files (CSV or XLSX).")],
    db: DbOption = None,
) -> None:
    """Import mentor or mentee profiles; nothing is written if a row is bad."""
    if role not in ("mentor", "mentee"):
        raise typer.BadParameter("use mentor or mentee", param_hint="ROLE")
    with programme_errors():
        count = profiles.import_profiles.perform(store(ctx, db), actor(), role, files)  # type: ignore[arg-type]
    console.print(f"{count} {role} profile(s) imported")


@app.command("add")
def add(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(help="mentor or mentee")],
    person: Annotated[str, typer.Argument(help="The person's id.")],
    cycle: CycleOption,
    study_groups: Annotated[str, typer.Option(help="e.g. 'SG5;SG17'")] = "",
    questions: Annotated[str, typer.Option(help="e.g. 'Q4/17'")] = "",
    languages: Annotated[str, typer.Option(help="e.g. 'en;fr'")] = "en",
    region: Annotated[str | None, typer.Option(help="ITU region.")] = None,
    gender: Annotated[str | None, typer.Option(help="F, M or X.")] = None,
    capacity: Annotated[int, typer.Option(help="Mentees a mentor takes.")] = 1,
    birth_year: Annotated[int | None, typer.Option(help="A mentee's year of birth.")] = None,
    same_region: Annotated[
        bool, typer.Option(help="A mentee wants a mentor of their region.")
    ] = False,
    mentor_gender: Annotated[str | None, typer.Option(help="A mentee's wish.")] = None,
    db: DbOption = None,
) -> None:
    """Enter or update one mentor's or mentee's profile."""
    values: dict[str, Any] = {
        "cycle": cycle,
        "person_id": person,
        "study_groups": study_groups,
        "questions": questions,
        "languages": languages,
        "region": region,
        "gender": gender.upper() if gender else None,
    }
    if role == "mentor":
        values["capacity"] = capacity
    elif role == "mentee":
        values.update(
            birth_year=birth_year,
            prefer_same_region=same_region,
            preferred_mentor_gender=mentor_gender.upper() if mentor_gender else None,
        )
    else:
        raise typer.BadParameter("use mentor or mentee", param_hint="ROLE")
    with programme_errors():
        profiles.add_profile.perform(store(ctx, db), actor(), role, values)  # type: ignore[arg-type]
    console.print(f"{role} {person} recorded in cycle {cycle}")


@app.command("match")
def match(
    ctx: typer.Context,
    cycle: CycleOption,
    on: Annotated[str | None, typer.Option(help="Date of the matching (default today).")] = None,
    dry_run: Annotated[bool, typer.Option(help="Show the matches without storing them.")] = False,
    db: DbOption = None,
) -> None:
    """Match mentees to mentors optimally (capacities respected); explain each score."""
    with programme_errors():
        engine = store(ctx, db)
        if dry_run:
            with engine.connect() as connection:
                results = operations.plan_matching(connection, cycle, _day(on))[0]
        else:
            results = operations.match_cycle.perform(engine, actor(), cycle, _day(on))
    rows = [[r.mentee, r.mentor or "-", f"{r.score:g}", r.reason] for r in results]
    print_rows(f"Matching of cycle {cycle}", ["mentee", "mentor", "score", "why"], rows)
    matched = sum(1 for r in results if r.mentor)
    total = sum(r.score for r in results)
    console.print(f"{matched} of {len(results)} mentee(s) matched, total score {total:g}")


@app.command("session")
def session(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee's person id.")],
    cycle: CycleOption,
    held_on: Annotated[str | None, typer.Option("--on", help="Date (default today).")] = None,
    minutes: Annotated[int, typer.Option(help="Length of the session.")] = 60,
    topic: Annotated[str | None, typer.Option(help="What was discussed.")] = None,
    db: DbOption = None,
) -> None:
    """Record a mentoring session of a mentee with their mentor."""
    with programme_errors():
        operations.add_session.perform(
            store(ctx, db), actor(), cycle, mentee, _day(held_on), minutes, topic
        )
    console.print(f"session recorded for {mentee}")


@app.command("outcome")
def outcome(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee's person id.")],
    value: Annotated[str, typer.Argument(help="ongoing, completed or ended_early")],
    cycle: CycleOption,
    note: Annotated[str | None, typer.Option(help="A note on the outcome.")] = None,
    db: DbOption = None,
) -> None:
    """Record how a mentorship ended."""
    with programme_errors():
        operations.set_outcome.perform(store(ctx, db), actor(), cycle, mentee, value, note)
    console.print(f"{mentee}: {value}")


@app.command("followup")
def followup(ctx: typer.Context, cycle: CycleOption, db: DbOption = None) -> None:
    """Each pair's sessions and outcome, and what the mentee did after being matched."""
    pairs = queries.followup(store(ctx, db), cycle)
    rows = [
        [
            p.mentee,
            p.mentor,
            str(p.sessions),
            str(p.minutes),
            p.outcome,
            str(p.later.meetings),
            str(p.later.contributions),
            str(p.later.roles),
        ]
        for p in pairs
    ]
    header = [
        "mentee",
        "mentor",
        "sessions",
        "minutes",
        "outcome",
        "later meetings",
        "contributions",
        "roles",
    ]
    print_rows(f"Mentorship cycle {cycle}", header, rows)
    if pairs:
        returned = sum(1 for p in pairs if p.later.meetings) / len(pairs)
        console.print(f"{len(pairs)} pair(s); mentees at later meetings: {returned:.0%}")
