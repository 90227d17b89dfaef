"""Authors edit their own posts: within a day of posting, a question only while it has no
published answer; the edit is audited with the text before; a moderator's hide wins (the author
no longer sees the post); a held post stays held, and a published post of an account whose posts
are held goes back to the moderators (approved again without a second notice)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from forum_world import user_id
from sqlalchemy import Engine, select
from test_forum_web import JSON, QUESTION, api, audit, outbox, sign_in

from factories import ACTOR
from stdgap.forum import operations
from stdgap.forum.errors import WrongState
from stdgap.forum.models import ForumPost
from stdgap.store.settings import FORUM_HOLD_DAYS, set_setting
from web_testing import problem


def published_at(engine: Engine, post_id: int) -> datetime | None:
    with engine.connect() as connection:
        found: datetime | None = connection.execute(
            select(ForumPost.published_at).where(ForumPost.id == post_id)
        ).scalar_one()
    return found


def status(engine: Engine, post_id: int) -> str:
    with engine.connect() as connection:
        found: str = connection.execute(
            select(ForumPost.status).where(ForumPost.id == post_id)
        ).scalar_one()
    return found


def test_the_author_edits_until_answered_and_within_a_day(
    client: TestClient, world: Engine
) -> None:
    token = sign_in(client, "delegate")
    made = api(client, token, "POST", "/api/v1/forum/questions", QUESTION).json()
    number = made["id"]
    path = f"/api/v1/forum/posts/{number}/text"
    shown = client.get(f"/api/v1/forum/questions/{number}").json()
    assert shown["editable_until"]
    page = client.get(f"/forum/questions/{number}")
    assert f'action="/forum/posts/{number}/revise"' in page.text
    edited = api(
        client, token, "PUT", path, {"title": "QoS for mobile money?", "body": "New *text*"}
    )
    assert edited.status_code == 200, edited.text
    assert edited.json() == {"post": number, "status": "published", "edited": True}
    shown = client.get(f"/api/v1/forum/questions/{number}").json()
    assert shown["title"] == "QoS for mobile money?" and shown["body"] == "New *text*"
    assert shown["edited_at"] and "<em>text</em>" in shown["html"]
    row = audit(world, "forum.revise")[-1]
    assert row.who == "delegate" and row.target == f"post {number}"
    assert row.details["before"] == QUESTION["body"]
    assert row.details["title_before"] == QUESTION["title"]
    # an empty text is refused; the page keeps what was typed, its form open
    again = client.post(
        f"/forum/posts/{number}/revise",
        data={"body": " ", "title": "Kept title", "csrf_token": token},
    )
    assert again.status_code == 422 and "body: it is required" in again.text
    assert 'class="forum-revise" open' in again.text and "Kept title" in again.text
    problem(api(client, "x", "PUT", path, {"body": "b"}), 403)  # no CSRF token
    client.cookies.clear()

    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    problem(api(client, anonymous, "PUT", path, {"body": "b"}), 401)
    token = sign_in(client, "applicant")
    problem(api(client, token, "PUT", path, {"body": "not mine"}), 403)
    assert client.get(f"/api/v1/forum/questions/{number}").json()["editable_until"] is None
    client.cookies.clear()

    # the expert answers: the question is no longer the asker's to edit; the answer is its own
    token = sign_in(client, "expert")
    answer = api(
        client, token, "POST", f"/api/v1/forum/questions/{number}/answers", {"body": "See G.1010"}
    ).json()["id"]
    done = client.post(
        f"/forum/posts/{answer}/revise", data={"body": "See **G.1010**", "csrf_token": token}
    )
    assert done.status_code == 200 and "<strong>G.1010</strong>" in done.text  # redirected
    assert "(edited " in done.text
    client.cookies.clear()
    token = sign_in(client, "delegate")
    refused = problem(api(client, token, "PUT", path, {"body": "changed"}), 409)
    assert "answer" in refused["detail"]
    assert client.get(f"/api/v1/forum/questions/{number}").json()["editable_until"] is None
    client.cookies.clear()

    # a moderator hides the answer: its author cannot edit it back into view
    token = sign_in(client, "officer")
    hidden = client.post(
        f"/forum/posts/{answer}/hide", data={"reason": "off topic", "csrf_token": token}
    )
    assert hidden.status_code == 200
    client.cookies.clear()
    token = sign_in(client, "expert")
    problem(api(client, token, "PUT", f"/api/v1/forum/posts/{answer}/text", {"body": "x"}), 404)
    assert status(world, answer) == "hidden"

    # a day after posting, no more
    expert = user_id(world, "expert")
    later = datetime.now() + timedelta(hours=operations.EDIT_HOURS, minutes=5)
    fresh = api(
        client, token, "POST", f"/api/v1/forum/questions/{number}/answers", {"body": "More"}
    ).json()["id"]
    with pytest.raises(WrongState):
        operations.revise.perform(world, "expert", fresh, expert, "late", at=later)


def test_held_posts_stay_held_and_new_accounts_edits_are_reviewed_again(
    client: TestClient, world: Engine
) -> None:
    set_setting.perform(world, ACTOR, FORUM_HOLD_DAYS, "3")
    token = sign_in(client, "newbie")
    made = api(client, token, "POST", "/api/v1/forum/questions", QUESTION).json()
    number = made["id"]
    assert made["status"] == "held"
    path = f"/api/v1/forum/posts/{number}/text"
    edited = api(client, token, "PUT", path, {"body": "Still waiting"})
    assert edited.json()["status"] == "held"
    client.cookies.clear()
    token = sign_in(client, "officer")
    before = len(outbox(world))
    approve = f"/forum/posts/{number}/approve"
    first = client.post(approve, data={"csrf_token": token}, headers=JSON).json()
    assert first["notified"] == 1 and len(outbox(world)) == before + 1
    first_shown = published_at(world, number)
    assert first_shown is not None
    client.cookies.clear()
    token = sign_in(client, "newbie")
    assert api(client, token, "PUT", path, {"body": "Now spam"}).json()["status"] == "held"
    client.cookies.clear()
    problem(client.get(f"/api/v1/forum/questions/{number}"), 404)  # out of the public's view
    token = sign_in(client, "officer")
    queue = client.get("/forum/moderation.json").json()
    assert [p["body"] for p in queue["held"]] == ["Now spam"]
    again = client.post(approve, data={"csrf_token": token}, headers=JSON).json()
    assert again["notified"] == 0 and len(outbox(world)) == before + 1  # told once
    assert published_at(world, number) == first_shown
