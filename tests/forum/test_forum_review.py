"""Findings of the outside and security reviews of the forum, each with what would catch its
return: one-line fields refuse line breaks and direction controls, moderators' reasons only for
moderators, an answer accepted only while published, no approval under a hidden question,
paging, unknown knowledge items refused, the rate limit saying how long to wait."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from forum_world import ASKED, EXPERT_ANSWER, OFFICER_ANSWER
from sqlalchemy import Engine
from test_forum_web import QUESTION, api, outbox, sign_in

from factories import ACTOR
from stdgap.knowledge.items import ItemInput, add_item
from web_testing import problem

ASK = "/api/v1/forum/questions"


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("title", "A title\nSecond line", "U+000A"),
        ("title", "A title\u2028more", "U+2028"),
        ("title", "A title\u0085more", "U+0085"),
        ("title", "evil \u202egnp.exe", "U+202E"),
        ("title", "isolate \u2066x\u2069", "U+2066"),
        ("tags", ["ok", "two\u2029lines"], "U+2029"),
        ("tags", ["rtl\u202bx"], "U+202B"),
        ("links", ["ITU-T\u2028Y.3172"], "U+2028"),
        ("body", "Text with \u202e reversed", "U+202E"),
        ("body", "Text with a \x1b escape", "U+001B"),
    ],
)
def test_one_line_fields_and_bodies_refuse_breaks_and_direction_controls(
    client: TestClient, field: str, value: Any, said: str
) -> None:
    token = sign_in(client, "delegate")
    refused = problem(api(client, token, "POST", ASK, {**QUESTION, field: value}), 422)
    assert field in refused["detail"] and said in refused["detail"]


def test_a_body_keeps_its_lines_and_tabs(client: TestClient) -> None:
    token = sign_in(client, "delegate")
    made = api(client, token, "POST", ASK, {**QUESTION, "body": "one\r\ntwo\n\tthree"})
    assert made.status_code == 201, made.text
    found = client.get(f"{ASK}/{made.json()['id']}").json()
    assert found["body"] == "one\ntwo\n\tthree"


def test_reasons_refuse_line_breaks(client: TestClient) -> None:
    token = sign_in(client, "delegate")
    refused = api(
        client, token, "POST", f"/api/v1/forum/posts/{EXPERT_ANSWER}/reports", {"reason": "a\nb"}
    )
    assert "reason" in problem(refused, 422)["detail"]
    client.cookies.clear()
    token = sign_in(client, "officer")
    path = f"/api/v1/forum/posts/{EXPERT_ANSWER}/moderation"
    refused = api(client, token, "POST", path, {"action": "hide", "reason": "spam\u202e"})
    assert "U+202E" in problem(refused, 422)["detail"]


def _moderate(client: TestClient, post: int, action: str, reason: str = "") -> Any:
    client.cookies.clear()
    token = sign_in(client, "officer")
    done = api(
        client,
        token,
        "POST",
        f"/api/v1/forum/posts/{post}/moderation",
        {"action": action, "reason": reason},
    )
    client.cookies.clear()
    return done


def _reasons(client: TestClient, who: str | None) -> set[Any]:
    client.cookies.clear()
    if who is not None:
        sign_in(client, who)
    found = set()
    for path in (f"{ASK}/{ASKED}", f"/forum/questions/{ASKED}.json"):
        body = client.get(path).json()
        question = body.get("question", body)
        found |= {question["moderation_reason"]}
        found |= {a["moderation_reason"] for a in question["answers"]}
    page = client.get(f"/forum/questions/{ASKED}").text
    if "internal: off-topic" in page:
        found.add("page")
    client.cookies.clear()
    return found


def test_moderators_reasons_are_shown_to_moderators_only(client: TestClient) -> None:
    assert _moderate(client, OFFICER_ANSWER, "hide", "internal: off-topic").status_code == 200
    assert _moderate(client, OFFICER_ANSWER, "unhide", "internal: off-topic").status_code == 200
    assert _reasons(client, None) == {None}  # the public
    assert _reasons(client, "delegate") == {None}  # the asker
    assert _reasons(client, "officer") >= {"internal: off-topic", "page"}  # a moderator


def test_a_hidden_accepted_answer_is_not_accepted(client: TestClient) -> None:
    token = sign_in(client, "delegate")
    path = f"{ASK}/{ASKED}/accepted"
    assert api(client, token, "PUT", path, {"answer_id": EXPERT_ANSWER}).status_code == 200
    listed = {q["id"]: q for q in client.get("/forum.json").json()["questions"]}
    assert listed[ASKED]["accepted"] is True
    assert _moderate(client, EXPERT_ANSWER, "hide", "wrong").status_code == 200
    for who in (None, "officer"):
        client.cookies.clear()
        if who:
            sign_in(client, who)
        listed = {q["id"]: q for q in client.get("/forum.json").json()["questions"]}
        assert listed[ASKED]["accepted"] is False
        found = client.get(f"{ASK}/{ASKED}").json()
        assert found["accepted_id"] is None
        assert not any(a["accepted"] for a in found["answers"])
    assert _moderate(client, EXPERT_ANSWER, "unhide", "fine after all").status_code == 200
    assert client.get(f"{ASK}/{ASKED}").json()["accepted_id"] == EXPERT_ANSWER


def test_an_answer_under_a_hidden_question_is_not_approved(
    client: TestClient, world: Engine
) -> None:
    from stdgap.store.settings import FORUM_HOLD_DAYS, set_setting

    set_setting.perform(world, ACTOR, FORUM_HOLD_DAYS, "3")
    token = sign_in(client, "newbie")
    held = api(client, token, "POST", f"{ASK}/{ASKED}/answers", {"body": "late"}).json()
    assert held["status"] == "held"
    assert _moderate(client, ASKED, "hide", "duplicate").status_code == 200
    before = len(outbox(world))
    refused = _moderate(client, held["id"], "approve")
    assert "not shown" in problem(refused, 409)["detail"]
    assert len(outbox(world)) == before  # the asker not told
    assert _moderate(client, ASKED, "unhide", "not a duplicate").status_code == 200
    assert _moderate(client, held["id"], "approve").status_code == 200
    assert outbox(world)[-1][:2] == ("forum.answer", "delegate@example.org")


def test_the_list_has_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from forum_world import UNANSWERED

    from stdgap.forum import queries

    first = client.get(f"{ASK}?limit=1").json()
    assert (first["total"], first["limit"], first["offset"]) == (2, 1, 0)
    assert [q["id"] for q in first["items"]] == [UNANSWERED]
    second = client.get(f"{ASK}?limit=1&offset=1").json()
    assert second["total"] == 2 and [q["id"] for q in second["items"]] == [ASKED]
    assert client.get(f"{ASK}?group=SG5").json()["total"] == 1
    monkeypatch.setattr(queries, "PAGE", 1)
    page = client.get("/forum?group=&tag=")
    assert 'rel="next"' in page.text and 'href="?group=&amp;tag=&amp;offset=1"' in page.text
    assert "Where are the EMF guidelines?" in page.text and "ML pipeline" not in page.text
    page = client.get("/forum?offset=1")
    assert "ML pipeline" in page.text and 'rel="prev"' in page.text
    assert 'rel="next"' not in page.text
    data = client.get("/forum.json?offset=1").json()
    assert (data["total"], data["offset"], [q["id"] for q in data["questions"]]) == (2, 1, [ASKED])


def test_moments_are_formatted_for_the_reader(client: TestClient) -> None:
    import re

    iso = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
    for path in ("/forum", f"/forum/questions/{ASKED}"):
        english = client.get(path).text
        shown = re.sub(r'datetime="[^"]*"', "", english)
        assert not iso.search(shown), path
        assert re.search(r"<time datetime=\"[^\"]+\">\d{4}-\d\d-\d\d \d\d:\d\d</time>", english)
        french = client.get(path, headers={"Accept-Language": "fr"}).text
        assert not iso.search(re.sub(r'datetime="[^"]*"', "", french)), path
    sign_in(client, "officer")
    queue = client.get("/forum/moderation").text
    assert not iso.search(re.sub(r'datetime="[^"]*"', "", queue))


def test_the_command_line_says_who_was_told_and_lists_what_the_public_sees(
    world: Engine,
) -> None:
    from typer.testing import CliRunner

    from stdgap.cli.main import app as cli
    from stdgap.forum import operations
    from stdgap.store.settings import FORUM_HOLD_DAYS, set_setting

    url = world.url.render_as_string(hide_password=False)
    runner = CliRunner()
    linked = runner.invoke(cli, ["--db", url, "users", "link", "newbie", "--person", "KEN-EXP"])
    assert linked.exit_code == 0 and "no e-mail address" not in linked.output  # it has one
    runner.invoke(cli, ["--db", url, "users", "contact", "newbie", "--email", ""])
    linked = runner.invoke(cli, ["--db", url, "users", "link", "newbie", "--person", "KEN-DEL"])
    assert linked.exit_code == 0 and "no e-mail address" in linked.output
    set_setting.perform(world, ACTOR, FORUM_HOLD_DAYS, "3")
    from forum_world import UNANSWERED, user_id

    held = operations.answer.perform(
        world, "former", ASKED, "held answer", user_id(world, "former")
    )
    assert held.status == "held"
    done = runner.invoke(cli, ["--db", url, "forum", "moderate", "approve", str(held.post_id)])
    assert done.exit_code == 0 and "the asker notified" in done.output, done.output
    assert "experts" not in done.output
    assert (
        runner.invoke(
            cli, ["--db", url, "forum", "moderate", "hide", str(UNANSWERED), "--reason", "spam"]
        ).exit_code
        == 0
    )
    public = runner.invoke(cli, ["--db", url, "forum", "list", "--unanswered", "--format", "json"])
    assert public.exit_code == 0 and "EMF" not in public.output
    every = runner.invoke(
        cli, ["--db", url, "forum", "list", "--unanswered", "--all", "--format", "json"]
    )
    assert '"status": "hidden"' in every.output and "EMF" in every.output


def test_the_hourly_limit_says_how_long_to_wait(world: Engine) -> None:
    from datetime import datetime, timedelta

    from forum_world import user_id

    from stdgap.forum import operations
    from stdgap.forum.errors import TooMany
    from stdgap.forum.service import problem as problem_of
    from stdgap.store.settings import FORUM_POSTS_PER_HOUR, set_setting

    set_setting.perform(world, ACTOR, FORUM_POSTS_PER_HOUR, "2")
    start = datetime.now().replace(microsecond=0)
    applicant = user_id(world, "applicant")
    for minutes, text in ((0, "one"), (20, "two")):
        moment = start + timedelta(minutes=minutes)
        operations.answer.perform(world, "applicant", ASKED, text, applicant, at=moment)
    with pytest.raises(TooMany) as refused:
        at = start + timedelta(minutes=35)
        operations.answer.perform(world, "applicant", ASKED, "three", applicant, at=at)
    assert "about 25 minutes" in str(refused.value)  # when the first stops counting
    answered = problem_of(refused.value)
    assert answered.status == 429 and answered.headers["Retry-After"] == "1500"


def test_a_question_address_that_is_no_number_is_not_found(client: TestClient) -> None:
    for path in ("/forum/questions/abc", "/forum/questions/abc.json", f"{ASK}/abc", f"{ASK}/١"):
        problem(client.get(path, headers={"Accept": "application/json"}), 404)
    assert client.get("/forum/questions/abc").status_code == 404
    assert client.get(f"/forum/questions/{ASKED}.json").status_code == 200


def test_the_ask_form_starts_with_no_group_chosen(client: TestClient) -> None:
    sign_in(client, "delegate")
    page = client.get("/forum/ask").text
    select = page[page.index('<select name="study_group" required>') :]
    first = select[select.index("<option") : select.index("</option>")]
    assert first.startswith('<option value="">') and "selected" not in first
    assert "choose a study group" in first
    assert "selected" not in select[: select.index("</select>")]


def test_links_to_items_the_catalogue_lacks_are_refused(client: TestClient, world: Engine) -> None:
    from test_forum_web import outbox as queued

    token = sign_in(client, "delegate")
    before = client.get(ASK).json()["total"], len(queued(world))
    links = ["ITU-T G.1010", "ITU-T X.9999", "nowhere"]
    refused = problem(api(client, token, "POST", ASK, {**QUESTION, "links": links}), 422)
    assert "'ITU-T X.9999', 'nowhere'" in refused["detail"] and "G.1010" not in refused["detail"]
    assert (client.get(ASK).json()["total"], len(queued(world))) == before
    add_item.perform(world, ACTOR, ItemInput("nowhere", "Now somewhere", "recommendation"))
    add_item.perform(world, ACTOR, ItemInput("ITU-T X.9999", "A new one", "recommendation"))
    assert api(client, token, "POST", ASK, {**QUESTION, "links": links}).status_code == 201


def test_the_queue_marks_an_experts_answer(client: TestClient, world: Engine) -> None:
    from stdgap.store.settings import FORUM_HOLD_DAYS, set_setting

    set_setting.perform(world, ACTOR, FORUM_HOLD_DAYS, "3")  # the expert's account is new
    token = sign_in(client, "expert")
    held = api(client, token, "POST", f"{ASK}/{ASKED}/answers", {"body": "Held expert text"})
    assert held.json() == {"id": held.json()["id"], "status": "held", "expert": True}
    reported = api(
        client, token, "POST", f"/api/v1/forum/posts/{OFFICER_ANSWER}/reports", {"reason": "x"}
    )
    assert reported.status_code == 201
    client.cookies.clear()
    sign_in(client, "officer")
    queue = client.get("/forum/moderation.json").json()
    assert [p["expert"] for p in queue["held"]] == [True]
    assert [r["expert"] for r in queue["reports"]] == [False]
    page = client.get("/forum/moderation").text
    held_part = page[page.index(f'id="held-{held.json()["id"]}"') : page.index('id="reports"')]
    assert "expert answer" in held_part
    assert "expert answer" not in page[page.index('id="reports"') :]
    import re

    shown = re.sub(r'datetime="[^"]*"', "", page)
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", shown)  # moments formatted
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d</time>", shown)
