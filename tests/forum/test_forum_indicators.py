"""The fact source ``forum_questions`` on the small known world (both stores): the delegate's
question (Kenya: Africa, developing) answered by an officer after an hour and by the SG13
rapporteur after five; the applicant's question (no person linked: unknown) unanswered; a held
question not counted; the command line's thin commands."""

from __future__ import annotations

from datetime import timedelta

from forum_world import LAST_WEEK, user_id
from sqlalchemy import Engine
from typer.testing import CliRunner

from factories import ACTOR
from stdgap.cli.main import app as cli
from stdgap.forum import operations
from stdgap.forum.operations import QuestionInput
from stdgap.indicators.compute import compute
from stdgap.indicators.request import IndicatorRequest
from stdgap.store.settings import FORUM_HOLD_POSTS, set_setting

INDICATORS = [
    "forum_questions",
    "forum_questions_answered",
    "forum_questions_expert_answered",
    "forum_answered_share",
    "forum_expert_answer_hours",
    "forum_quick_expert_answer_share",
]


def values(engine: Engine, by: list[str]) -> dict[tuple[str, ...], object]:
    request = IndicatorRequest.of(INDICATORS, by=by, exact=True)
    return {
        (cell.indicator, *(str(v) for v in cell.dims.values())): cell.value
        for cell in compute(engine, request)
    }


def test_questions_asked_and_answered_by_country_group(world: Engine) -> None:
    set_setting.perform(world, ACTOR, FORUM_HOLD_POSTS, "5")
    held = operations.ask.perform(
        world,
        "newbie",
        QuestionInput("Held", "Waiting", "SG13"),
        user_id(world, "newbie"),
        at=LAST_WEEK + timedelta(days=2),
    )
    assert held.status == "held"
    found = values(world, ["region", "status"])
    assert found[("forum_questions", "Africa", "developing")] == 1
    assert found[("forum_questions", "unknown", "developed")] == 1
    assert found[("forum_questions_answered", "Africa", "developing")] == 1
    assert found[("forum_questions_answered", "unknown", "developed")] == 0
    assert found[("forum_questions_expert_answered", "Africa", "developing")] == 1
    assert found[("forum_answered_share", "unknown", "developed")] == 0.0
    assert found[("forum_expert_answer_hours", "Africa", "developing")] == 5
    assert found[("forum_quick_expert_answer_share", "Africa", "developing")] == 1.0
    by_group = values(world, ["group"])
    assert by_group[("forum_questions", "SG13")] == 1 and by_group[("forum_questions", "SG5")] == 1
    assert by_group[("forum_questions_expert_answered", "SG5")] == 0
    year = str(LAST_WEEK.year) if (LAST_WEEK + timedelta(days=1)).year == LAST_WEEK.year else None
    if year:
        assert values(world, ["year"])[("forum_questions", year)] == 2


def test_the_command_line_lists_shows_and_moderates(world: Engine, backend: str) -> None:
    url = world.url.render_as_string(hide_password=False)
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", url, "forum", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert '"How do I read the ML pipeline architecture?"' in listed.output
    shown = runner.invoke(cli, ["--db", url, "forum", "show", "1"])
    assert shown.exit_code == 0 and '"expert": true' in shown.output
    refused = runner.invoke(cli, ["--db", url, "forum", "moderate", "hide", "3"])
    assert refused.exit_code == 2 and "reason" in refused.output
    hidden = runner.invoke(
        cli, ["--db", url, "forum", "moderate", "hide", "3", "--reason", "off topic"]
    )
    assert hidden.exit_code == 0, hidden.output
    queue = runner.invoke(cli, ["--db", url, "forum", "queue"])
    assert queue.exit_code == 0 and '"held": []' in queue.output
    linked = runner.invoke(cli, ["--db", url, "users", "link", "newbie", "--person", "KEN-DEL"])
    assert linked.exit_code == 0, linked.output
    assert runner.invoke(cli, ["--db", url, "forum", "show", "99"]).exit_code == 2
