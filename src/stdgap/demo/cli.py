"""``stdgap demo``: write a deterministic, realistic demo data set into the store."""

from __future__ import annotations

import time
from typing import Annotated, Literal

import typer

from stdgap.console.common import (
    DbOption,
    actor,
    console,
    err_console,
    fail,
    fail_rows,
    store,
)
from stdgap.console.progress import ImportProgress
from stdgap.ingest.cli import print_report

app = typer.Typer(add_completion=False)


@app.command("demo")
def demo(
    ctx: typer.Context,
    scale: Annotated[
        str,
        typer.Option(help="small (tests), itu (ITU-T 2017-2026), large (10 million attendances)"),
    ] = "itu",
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same data")
    ] = 2024,
    db: DbOption = None,
) -> None:
    """Generate the demo data set and import it (idempotent: running it twice changes nothing).
    A store that holds other data (another scale or seed, or real files) is refused."""
    if scale not in ("small", "itu", "large"):
        raise typer.BadParameter("use small, itu or large", param_hint="--scale")
    chosen: Literal["small", "itu", "large"] = scale  # type: ignore[assignment]
    from stdgap.demo.fund import generate_fund
    from stdgap.demo.generator import generate
    from stdgap.demo.load import demo_sources, foreign_meetings
    from stdgap.demo.outreach import generate_outreach
    from stdgap.demo.outreach_plan import plan_outreach
    from stdgap.demo.programmes import generate_programmes
    from stdgap.ingest.pipeline import run_import
    from stdgap.store.engine import describe
    from stdgap.tabular.errors import ImportFailed

    engine = store(ctx, db)
    started = time.perf_counter()
    data = generate(chosen, seed)
    outreach_plan = plan_outreach(data.meetings, seed, chosen)
    others = foreign_meetings(engine, data, outreach_plan.meeting_ids())
    if others:
        fail(
            f"{describe(engine)} already holds {others} meeting(s) that are not of the demo "
            f"({scale}, seed {seed}): the demo would mix with them. Give a new store with "
            "--db (e.g. sqlite:///demo.db); nothing was written"
        )
    sources = demo_sources(data)
    totals = {"demo:attendance": data.expected_attendance_rows}
    try:
        with ImportProgress(err_console, [s.label for s in sources], totals) as progress:
            report = run_import.perform(engine, actor(), sources, progress.advance)
    except ImportFailed as failure:  # a bug of the generator: show it as an import would
        fail_rows(failure, 50, "the demo data has ")
    print_report(report, f"Demo data ({scale}, seed {seed}) in {describe(engine)}")
    programmes = generate_programmes(engine, seed, actor())
    if programmes is not None:
        console.print(
            f"Programmes of {programmes.year}: {programmes.applications} fellowship applications "
            f"in {programmes.calls} calls, {programmes.mentees_matched} mentees matched, "
            f"{programmes.nominations} award nominations"
        )
    outreach = generate_outreach(engine, outreach_plan, seed, actor())
    if outreach is not None:
        cxo, events, survey = outreach.cxo, outreach.events, outreach.survey
        console.print(
            f"CxO meetings: {cxo.meetings} with {cxo.participants} participants and "
            f"{cxo.conclusions} conclusions ({cxo.revisits} revisits); events: {events.events} "
            f"with {events.registrations} registrations ({events.waitlisted} waitlisted, "
            f"{events.cancelled} cancelled), {events.attended} attended; survey "
            f"{survey.survey_id}: {survey.responses} responses of {survey.invited} invited"
        )
    from stdgap.demo.knowledge import generate_knowledge

    knowledge = generate_knowledge(engine, seed, actor())
    console.print(
        f"Knowledge portal: {knowledge['items']} items ({knowledge['added']} added, "
        f"{knowledge['changed']} changed)"
    )
    from stdgap.demo.forum import generate_forum

    forum = generate_forum(engine, seed, actor())
    if forum is not None:
        console.print(
            f"forum: {forum.questions} questions, {forum.answers} answers "
            f"({forum.expert_answers} by experts), {forum.accounts} accounts"
        )
        if forum.notice():
            console.print(forum.notice(), markup=False)
    fund = generate_fund(engine, seed, actor())
    if fund is not None:
        console.print(
            f"BSG fund: {fund.donors} donors, {fund.receipts} receipts, {fund.spending} spending"
        )
    console.print(f"done in {time.perf_counter() - started:.1f} s")
