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


def test_a_body_keeps_its_lines_and_tabs(client: TestClient, world: Engine) -> None:
    _catalogue(world)
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


def _catalogue(world: Engine) -> None:
    add_item.perform(world, ACTOR, ItemInput("ITU-T G.1010", "QoS categories", "recommendation"))
