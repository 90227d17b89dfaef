"""``stdgap mentorship …``: profiles, lists, matching (proposed, adjusted, confirmed), sessions,
outcomes, follow-up."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, fail, print_rows, store
from stdgap.console.listing import FormatOption, ListFormat, print_records
from stdgap.mentorship import followup as following
from stdgap.mentorship import operations, planning, profiles, queries, sessions
from stdgap.mentorship.access import command_line
from stdgap.mentorship.rules import BOOK
from stdgap.programmes.cli import programme_errors, rules_app

app = typer.Typer(
    add_completion=False,
    help="Mentorship of next-generation experts (Res. 107, Res. 44).",
    no_args_is_help=True,
)
app.add_typer(rules_app(BOOK), name="rules")

CycleOption = Annotated[str, typer.Option(help="The mentorship cycle, e.g. 2025.")]
ListCycle = Annotated[str | None, typer.Option("--cycle", help="Only this cycle.")]
GroupFilter = Annotated[str | None, typer.Option("--study-group", help="Only with this group.")]
LanguageFilter = Annotated[str | None, typer.Option("--language", help="Only speaking this.")]
RegionFilter = Annotated[str | None, typer.Option("--region", help="Only of this ITU region.")]
PersonFilter = Annotated[
    str | None, typer.Option("--person", help="Only those whose id or user name contains this.")
]


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
    expertise: Annotated[str, typer.Option(help="Fields of expertise, e.g. 'security;IoT'")] = "",
    languages: Annotated[str, typer.Option(help="e.g. 'en;fr'")] = "en",
    region: Annotated[str | None, typer.Option(help="ITU region.")] = None,
    gender: Annotated[str | None, typer.Option(help="F, M or X.")] = None,
    time_zone: Annotated[
        str | None, typer.Option(help="IANA time zone, e.g. Africa/Nairobi.")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="The account the profile belongs to (its notifications).")
    ] = None,
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
        "expertise": expertise,
        "languages": languages,
        "region": region,
        "gender": gender.upper() if gender else None,
        "time_zone": time_zone,
        "user": user,
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


@app.command("mentors")
def mentors(
    ctx: typer.Context,
    cycle: ListCycle = None,
    study_group: GroupFilter = None,
    language: LanguageFilter = None,
    region: RegionFilter = None,
    person: PersonFilter = None,
    available: Annotated[
        bool | None, typer.Option("--available/--unavailable", help="Only (un)available ones.")
    ] = None,
    output: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List the mentors (with how many mentees each has)."""
    filters = queries.Filters(cycle, study_group, language, region, person, available=available)
    records = queries.profiles(store(ctx, db), "mentor", filters)
    shown = ("id", "cycle", "person", "user", "study_groups", "languages", "time_zone",
             "capacity", "mentees")  # fmt: skip
    print_records("Mentors", queries.PROFILE_COLUMNS["mentor"], records, output, shown)


@app.command("mentees")
def mentees(
    ctx: typer.Context,
    cycle: ListCycle = None,
    study_group: GroupFilter = None,
    language: LanguageFilter = None,
    region: RegionFilter = None,
    person: PersonFilter = None,
    matched: Annotated[
        bool | None, typer.Option("--matched/--unmatched", help="Only (un)matched ones.")
    ] = None,
    output: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List the mentees (with their mentor, if any)."""
    status = None if matched is None else ("matched" if matched else "unmatched")
    filters = queries.Filters(cycle, study_group, language, region, person, status)
    records = queries.profiles(store(ctx, db), "mentee", filters)
    shown = ("id", "cycle", "person", "user", "study_groups", "languages", "time_zone",
             "mentor", "status")  # fmt: skip
    print_records("Mentees", queries.PROFILE_COLUMNS["mentee"], records, output, shown)


@app.command("pairs")
def pairs(
    ctx: typer.Context,
    cycle: ListCycle = None,
    status: Annotated[
        str | None, typer.Option(help="proposed or confirmed (default: both).")
    ] = None,
    person: PersonFilter = None,
    output: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List the pairs, proposed and confirmed, with their score and sessions."""
    if status not in (None, "proposed", "confirmed"):
        raise typer.BadParameter("use proposed or confirmed", param_hint="--status")
    filters = queries.Filters(cycle, person=person, status=status)
    records = queries.pairs(store(ctx, db), filters)
    shown = ("id", "cycle", "mentee", "mentor", "status", "score", "sessions", "outcome")
    print_records("Pairs", (*queries.PAIR_COLUMNS, "components"), records, output, shown)


@app.command("match")
def match(
    ctx: typer.Context,
    cycle: CycleOption,
    on: Annotated[str | None, typer.Option(help="Date of the matching (default today).")] = None,
    dry_run: Annotated[bool, typer.Option(help="Show the matches without storing them.")] = False,
    confirm: Annotated[
        bool, typer.Option(help="Confirm the proposed pairs at once (and tell them).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Propose the optimal matching of mentees to mentors (capacities respected, confirmed pairs
    kept); explain each score. Confirm with --confirm or 'stdgap mentorship confirm'."""
    with programme_errors():
        engine = store(ctx, db)
        if dry_run:
            with engine.connect() as connection:
                results = planning.plan_matching(connection, cycle, _day(on)).results
        else:
            results = operations.match_cycle.perform(engine, actor(), cycle, _day(on))
            if confirm and any(r.status == "proposed" for r in results):
                operations.confirm_cycle.perform(engine, actor(), cycle, _day(on))
    rows = [[r.mentee, r.mentor or "-", f"{r.score:g}", r.status or "", r.reason] for r in results]
    print_rows(f"Matching of cycle {cycle}", ["mentee", "mentor", "score", "status", "why"], rows)
    matched = sum(1 for r in results if r.mentor)
    total = sum(r.score for r in results)
    console.print(f"{matched} of {len(results)} mentee(s) matched, total score {total:g}")


@app.command("confirm")
def confirm(
    ctx: typer.Context,
    cycle: CycleOption,
    on: Annotated[str | None, typer.Option(help="Date (default today).")] = None,
    db: DbOption = None,
) -> None:
    """Confirm the proposed pairs of a cycle; both members of each are told by e-mail."""
    with programme_errors():
        count = operations.confirm_cycle.perform(store(ctx, db), actor(), cycle, _day(on))
    console.print(f"{count} pair(s) confirmed in cycle {cycle}")


@app.command("exclude")
def exclude(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee's person id.")],
    cycle: CycleOption,
    db: DbOption = None,
) -> None:
    """Take a mentee's proposed pair out; the matching will not propose it again."""
    with programme_errors():
        engine = store(ctx, db)
        with engine.connect() as connection:
            pair_id = operations.match_pk(connection, cycle, mentee)
        operations.exclude_pair.perform(engine, actor(), pair_id)
    console.print(f"the pair of {mentee} is excluded; run the matching again to propose another")


@app.command("assign")
def assign(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee's person id.")],
    mentor: Annotated[str, typer.Argument(help="The mentor's person id.")],
    cycle: CycleOption,
    on: Annotated[str | None, typer.Option(help="Date (default today).")] = None,
    db: DbOption = None,
) -> None:
    """Set a mentee's mentor by hand (kept when the matching runs again); then confirm."""
    with programme_errors():
        result = operations.assign_pair.perform(
            store(ctx, db), actor(), cycle, mentee, mentor, _day(on)
        )
    console.print(f"{mentee} → {mentor} (score {result.score:g}), proposed")


@app.command("session")
def session(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee's person id.")],
    cycle: CycleOption,
    held_on: Annotated[str | None, typer.Option("--on", help="Date (default today).")] = None,
    minutes: Annotated[int, typer.Option(help="Length of the session.")] = 60,
    topic: Annotated[
        str | None, typer.Option("--topics", "--topic", help="What was discussed.")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Notes on the session.")] = None,
    db: DbOption = None,
) -> None:
    """Record a mentoring session of a mentee with their mentor (a confirmed pair)."""
    with programme_errors():
        sessions.add_session.perform(
            store(ctx, db),
            actor(),
            command_line(actor()),
            cycle,
            mentee,
            _day(held_on),
            minutes,
            topic,
            notes,
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


FOLLOWUP_COLUMNS = (
    "cycle", "mentee", "mentor", "sessions", "minutes", "outcome", "later_meetings",
    "later_contributions", "later_roles",
)  # fmt: skip


@app.command("followup")
def followup(
    ctx: typer.Context,
    cycle: ListCycle = None,
    output: FormatOption = ListFormat.table,
    db: DbOption = None,
) -> None:
    """Each confirmed pair's sessions and outcome, what the mentee did after being matched, and
    each cohort (cycle) summed up."""
    engine = store(ctx, db)
    if cycle is not None and cycle not in queries.cycles(engine):
        known = ", ".join(queries.cycles(engine)) or "none yet"
        fail(f"unknown cycle {cycle!r} (cycles: {known})")
    pairs = following.followup(engine, cycle)
    records = [pair.record() for pair in pairs]
    title = f"Mentorship cycle {cycle}" if cycle else "Mentorship"
    print_records(title, FOLLOWUP_COLUMNS, records, output)
    if output is ListFormat.table:
        for cohort in following.cohorts(pairs):
            summary = asdict(cohort)
            returned = summary["attended"] / summary["pairs"] if summary["pairs"] else 0.0
            console.print(
                f"{cohort.cycle}: {cohort.pairs} pair(s); mentees at later meetings: {returned:.0%}"
            )
