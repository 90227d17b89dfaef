"""The forum through its pages and API: asking (experts notified), answering (expert answers
marked), votes (one per account), accepting (the asker only), holding new accounts' posts for
review, reports, hiding and editing with reasons in the audit log, the hourly limit, and what
the public may not see."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from forum_world import ASKED, EXPERT_ANSWER, EXTRA, OFFICER_ANSWER, UNANSWERED
from sqlalchemy import Engine, select, text

from factories import ACTOR
from stdgap.store.audit import AuditEntry
from stdgap.store.settings import (
    FORUM_HOLD_DAYS,
    FORUM_HOLD_POSTS,
    FORUM_POSTS_PER_HOUR,
    set_setting,
)
from web_testing import PASSWORDS, problem
from web_testing import sign_in as sign_in_role

JSON = {"Accept": "application/json"}


def sign_in(client: TestClient, name: str) -> str:
    if name not in EXTRA:
        return sign_in_role(client, name)
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    response = client.post(
        "/api/v1/session",
        json={"name": name, "password": EXTRA[name]},
        headers={"X-CSRF-Token": anonymous},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token


def api(client: TestClient, token: str, method: str, path: str, body: Any = None) -> Any:
    return client.request(method, path, json=body, headers={**JSON, "X-CSRF-Token": token})


QUESTION = {
    "title": "Which QoS parameters for mobile money?",
    "body": "We regulate *mobile money*; what does SG12 recommend?",
    "study_group": "SG13",
    "tags": ["QoS", "mobile money"],
    "links": ["ITU-T G.1010"],
}


def audit(engine: Engine, action: str) -> list[Any]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(AuditEntry.who, AuditEntry.target, AuditEntry.details).where(
                    AuditEntry.action == action
                )
            ).all()
        )


def outbox(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text("SELECT kind, recipient, subject FROM outbox ORDER BY id")
            ).all()
        ]


def test_the_list_and_a_question_are_public(client: TestClient) -> None:
    listed = client.get("/forum.json").json()
    assert [q["id"] for q in listed["questions"]] == [UNANSWERED, ASKED]
    asked = next(q for q in listed["questions"] if q["id"] == ASKED)
    assert (
        asked["answers"] == 2
        and asked["expert_answers"] == 1
        and asked["tags"]
        == [
            "machine learning",
            "5g",
        ]
    )
    assert [q["id"] for q in client.get("/forum.json?unanswered=1").json()["questions"]] == [
        UNANSWERED
    ]
    assert [q["id"] for q in client.get("/forum.json?group=sg13").json()["questions"]] == [ASKED]
    assert [q["id"] for q in client.get("/forum.json?question=Q20/13").json()["questions"]] == [
        ASKED
    ]
    assert [q["id"] for q in client.get("/forum.json?tag=5G").json()["questions"]] == [ASKED]
    assert [q["id"] for q in client.get("/forum.json?q=pipeline+ML").json()["questions"]] == [ASKED]
    assert client.get("/forum.json?q=nothing-like-this").json()["questions"] == []
    page = client.get("/forum")
    assert page.status_code == 200 and "How do I read the ML pipeline" in page.text
    found = client.get(f"/api/v1/forum/questions/{ASKED}").json()
    assert [link["id"] for link in found["links"]] == ["ITU-T Y.3172"]
    assert "<strong>Y.3172</strong>" in found["html"]
    answers = {a["id"]: a for a in found["answers"]}
    assert answers[EXPERT_ANSWER]["expert"] is True
    assert answers[OFFICER_ANSWER]["expert"] is False
    html = client.get(f"/forum/questions/{ASKED}").text
    assert html.count("expert answer") >= 1 and "Architecture for machine learning" in html
    problem(client.get("/forum/questions/999.json"), 404)
    problem(client.get("/forum.json?question=Q-bad"), 422)


def test_links_name_the_knowledge_items_the_catalogue_holds(
    client: TestClient, world: Engine
) -> None:
    found = client.get(f"/api/v1/forum/questions/{ASKED}").json()
    assert found["links"] == [
        {
            "id": "ITU-T Y.3172",
            "title": "Architecture for machine learning",
            "status": "in_force",
            "url": "/knowledge/items/ITU-T%20Y.3172",
        }
    ]
    page = client.get(f"/forum/questions/{ASKED}").text
    assert 'href="/knowledge/items/ITU-T%20Y.3172"' in page
    assert client.get("/knowledge/items/ITU-T%20Y.3172").status_code == 200


def test_a_question_tells_the_experts_of_its_group(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "delegate")
    before = len(outbox(world))
    made = api(client, token, "POST", "/api/v1/forum/questions", QUESTION)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "published" and made.json()["notified"] == 1
    queued = outbox(world)[before:]
    # the current rapporteur of SG13, not the former one, nor the asker
    assert [(kind, to) for kind, to, _s in queued] == [("forum.question", "expert@example.org")]
    assert "SG13" in queued[0][2]
    number = made.json()["id"]
    question = client.get(f"/api/v1/forum/questions/{number}").json()
    assert question["tags"] == ["qos", "mobile money"] and question["mine"] is True
    client.cookies.clear()
    token = sign_in(client, "expert")
    given = api(
        client, token, "POST", f"/api/v1/forum/questions/{number}/answers", {"body": "See G.1028."}
    )
    assert given.status_code == 201 and given.json()["expert"] is True
    client.cookies.clear()
    token = sign_in(client, "former")  # a role in SG13 that ended: not an expert there
    given = api(
        client, token, "POST", f"/api/v1/forum/questions/{number}/answers", {"body": "Maybe."}
    )
    assert given.status_code == 201 and given.json()["expert"] is False
    assert outbox(world)[-1][:2] == ("forum.answer", "delegate@example.org")


def test_a_bad_question_is_refused_and_the_form_keeps_its_values(client: TestClient) -> None:
    token = sign_in(client, "applicant")
    problem(
        api(client, token, "POST", "/api/v1/forum/questions", {**QUESTION, "study_group": "SG99"}),
        422,
    )
    problem(
        api(
            client,
            token,
            "POST",
            "/api/v1/forum/questions",
            {**QUESTION, "study_question": "Q3/17"},
        ),
        422,
    )
    page = client.post(
        "/forum/questions",
        data={"title": "Kept title", "body": "Kept body", "study_group": "XX", "csrf_token": token},
    )
    assert page.status_code == 422
    assert "Kept title" in page.text and "Kept body" in page.text and 'role="alert"' in page.text


def test_one_vote_per_account_and_none_on_ones_own(client: TestClient) -> None:
    token = sign_in(client, "applicant")
    path = f"/api/v1/forum/posts/{EXPERT_ANSWER}/vote"
    assert api(client, token, "PUT", path, {"value": 1}).json()["score"] == 1
    assert api(client, token, "PUT", path, {"value": 1}).json()["score"] == 1
    assert api(client, token, "PUT", path, {"value": -1}).json()["score"] == -1
    client.cookies.clear()
    token = sign_in(client, "analyst")
    assert api(client, token, "PUT", path, {"value": -1}).json()["score"] == -2
    # a plain form, no script: the page again with the new score
    form = client.post(
        f"/forum/posts/{EXPERT_ANSWER}/vote", data={"value": "0", "csrf_token": token}
    )
    assert form.status_code == 200 and str(form.url).endswith(f"/forum/questions/{ASKED}")
    assert client.get(f"/api/v1/forum/questions/{ASKED}").json()["answers"][-1]["score"] in (-1, 0)
    client.cookies.clear()
    token = sign_in(client, "expert")
    problem(api(client, token, "PUT", path, {"value": 1}), 422)  # their own answer


def test_only_the_asker_accepts(client: TestClient, world: Engine) -> None:
    path = f"/api/v1/forum/questions/{ASKED}/accepted"
    token = sign_in(client, "expert")
    problem(api(client, token, "PUT", path, {"answer_id": EXPERT_ANSWER}), 403)
    client.cookies.clear()
    token = sign_in(client, "officer")
    problem(api(client, token, "PUT", path, {"answer_id": EXPERT_ANSWER}), 403)
    client.cookies.clear()
    token = sign_in(client, "delegate")
    problem(api(client, token, "PUT", path, {"answer_id": 999}), 404)
    problem(api(client, token, "PUT", path, {"answer_id": ASKED}), 404)
    assert api(client, token, "PUT", path, {"answer_id": EXPERT_ANSWER}).status_code == 200
    found = client.get(f"/api/v1/forum/questions/{ASKED}").json()
    assert found["accepted_id"] == EXPERT_ANSWER and found["answers"][0]["accepted"] is True
    assert audit(world, "forum.accept")[-1].who == "delegate"


def test_new_accounts_posts_are_held_until_approved(client: TestClient, world: Engine) -> None:
    set_setting.perform(world, ACTOR, FORUM_HOLD_DAYS, "3")
    set_setting.perform(world, ACTOR, FORUM_HOLD_POSTS, "2")
    token = sign_in(client, "newbie")
    made = api(client, token, "POST", "/api/v1/forum/questions", QUESTION)
    assert made.status_code == 201 and made.json()["status"] == "held"
    assert made.json()["notified"] == 0
    number = made.json()["id"]
    assert client.get(f"/api/v1/forum/questions/{number}").json()["status"] == "held"  # theirs
    assert number in [q["id"] for q in client.get("/forum.json").json()["questions"]]
    client.cookies.clear()
    problem(client.get(f"/api/v1/forum/questions/{number}"), 404)  # the public
    assert number not in [q["id"] for q in client.get("/forum.json").json()["questions"]]
    token = sign_in(client, "applicant")
    problem(client.get(f"/forum/questions/{number}.json"), 404)
    problem(
        api(client, token, "POST", f"/api/v1/forum/questions/{number}/answers", {"body": "x"}), 404
    )
    client.cookies.clear()
    token = sign_in(client, "officer")  # a moderator: never held
    queue = client.get("/forum/moderation.json").json()
    assert [p["id"] for p in queue["held"]] == [number]
    before = len(outbox(world))
    done = client.post(f"/forum/posts/{number}/approve", data={"csrf_token": token}, headers=JSON)
    assert done.status_code == 200 and done.json()["notified"] == 1
    assert outbox(world)[before][1] == "expert@example.org"
    problem(
        client.post(f"/forum/posts/{number}/approve", data={"csrf_token": token}, headers=JSON), 409
    )
    client.cookies.clear()
    assert client.get(f"/api/v1/forum/questions/{number}").json()["status"] == "published"
    assert audit(world, "forum.approve")[-1].who == "officer"
    # a held answer rejected, with its reason
    token = sign_in(client, "newbie")
    held = api(client, token, "POST", f"/api/v1/forum/questions/{ASKED}/answers", {"body": "spam"})
    assert held.json()["status"] == "held"
    client.cookies.clear()
    token = sign_in(client, "officer")
    page = client.post(
        f"/forum/posts/{held.json()['id']}/reject",
        data={"reason": "advertising", "csrf_token": token},
    )
    assert page.status_code == 200 and "The post is rejected." in page.text
    assert audit(world, "forum.reject")[-1].details["reason"] == "advertising"
    client.cookies.clear()
    ids = [a["id"] for a in client.get(f"/api/v1/forum/questions/{ASKED}").json()["answers"]]
    assert held.json()["id"] not in ids


def test_report_hide_edit_with_reasons_in_the_audit_log(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "applicant")
    reported = api(
        client,
        token,
        "POST",
        f"/api/v1/forum/posts/{OFFICER_ANSWER}/reports",
        {"reason": "off topic"},
    )
    assert reported.status_code == 201
    problem(
        api(
            client, token, "POST", f"/api/v1/forum/posts/{OFFICER_ANSWER}/reports", {"reason": " "}
        ),
        422,
    )
    client.cookies.clear()
    token = sign_in(client, "officer")
    queue = client.get("/api/v1/forum/moderation").json()
    assert [(r["post_id"], r["reason"], r["reporter"]) for r in queue["reports"]] == [
        (OFFICER_ANSWER, "off topic", "applicant")
    ]
    path = f"/api/v1/forum/posts/{OFFICER_ANSWER}/moderation"
    problem(api(client, token, "POST", path, {"action": "hide", "reason": ""}), 422)
    hidden = api(client, token, "POST", path, {"action": "hide", "reason": "not an answer"})
    assert hidden.status_code == 200 and hidden.json()["status"] == "hidden"
    assert client.get("/api/v1/forum/moderation").json()["reports"] == []
    problem(api(client, token, "POST", path, {"action": "hide", "reason": "again"}), 409)
    edited = api(
        client,
        token,
        "PUT",
        f"/api/v1/forum/posts/{EXPERT_ANSWER}",
        {"body": "Start with clause 7.", "reason": "removed a broken link"},
    )
    assert edited.status_code == 200
    client.cookies.clear()
    found = client.get(f"/api/v1/forum/questions/{ASKED}").json()
    assert [a["id"] for a in found["answers"]] == [EXPERT_ANSWER]
    assert (
        found["answers"][0]["body"] == "Start with clause 7." and found["answers"][0]["edited_at"]
    )
    token = sign_in(client, "officer")
    shown = api(client, token, "POST", path, {"action": "unhide", "reason": "on reflection, fine"})
    assert shown.json()["status"] == "published"
    details = {
        action: [(row.who, row.details["reason"]) for row in audit(world, action)]
        for action in ("forum.report", "forum.hide", "forum.edit", "forum.unhide")
    }
    assert details == {
        "forum.report": [("applicant", "off topic")],
        "forum.hide": [("officer", "not an answer")],
        "forum.edit": [("officer", "removed a broken link")],
        "forum.unhide": [("officer", "on reflection, fine")],
    }
    # dismissing a report
    client.cookies.clear()
    token = sign_in(client, "analyst")
    number = api(
        client, token, "POST", f"/api/v1/forum/posts/{ASKED}/reports", {"reason": "duplicate"}
    ).json()["report"]
    client.cookies.clear()
    token = sign_in(client, "officer")
    done = api(
        client, token, "POST", f"/api/v1/forum/reports/{number}/dismissal", {"reason": "not one"}
    )
    assert done.status_code == 200
    problem(
        api(client, token, "POST", f"/api/v1/forum/reports/{number}/dismissal", {"reason": "x"}),
        409,
    )


def test_posting_is_limited_per_hour(client: TestClient, world: Engine) -> None:
    set_setting.perform(world, ACTOR, FORUM_POSTS_PER_HOUR, "2")
    token = sign_in(client, "applicant")
    path = f"/api/v1/forum/questions/{ASKED}/answers"
    assert api(client, token, "POST", path, {"body": "one"}).status_code == 201
    assert api(client, token, "POST", path, {"body": "two"}).status_code == 201
    refused = api(client, token, "POST", path, {"body": "three"})
    body = problem(refused, 429)
    assert "last hour" in body["detail"] and refused.headers["Retry-After"]
    page = client.post(
        f"/forum/questions/{ASKED}/answers", data={"body": "four", "csrf_token": token}
    )
    assert page.status_code == 429 and "last hour" in page.text and "four" in page.text
    client.cookies.clear()
    token = sign_in(client, "analyst")  # others may still post
    assert api(client, token, "POST", path, {"body": "five"}).status_code == 201


def test_a_script_in_a_post_is_shown_as_text(client: TestClient) -> None:
    token = sign_in(client, "applicant")
    made = api(
        client,
        token,
        "POST",
        "/api/v1/forum/questions",
        {**QUESTION, "body": "<script>alert(1)</script> [x](javascript:alert(2))"},
    )
    html = client.get(f"/forum/questions/{made.json()['id']}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html.lower()  # shown as text, never a link


def test_an_account_is_linked_to_a_person(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "admin")
    done = client.post(
        "/users/newbie/person", data={"person": "KEN-EXP", "csrf_token": token}, headers=JSON
    )
    assert done.status_code == 200 and done.json()["user"]["person"] == "KEN-EXP"
    refused = client.post(
        "/users/newbie/person", data={"person": "NOBODY", "csrf_token": token}, headers=JSON
    )
    problem(refused, 422)
    assert audit(world, "user.person")[-1].details["person"] == "KEN-EXP"
    assert PASSWORDS  # the roles' accounts are there too


def test_the_sender_delivers_the_notice_to_the_expert(client: TestClient, world: Engine) -> None:
    from smtp_testing import Inbox, config, smtp_server
    from stdgap.notifications.sender import send_due

    token = sign_in(client, "delegate")
    number = api(client, token, "POST", "/api/v1/forum/questions", QUESTION).json()["id"]
    inbox = Inbox()
    with smtp_server(inbox) as port:
        send_due(world, "sender", config(port, site_url="https://observatory.example.org"))
    letters = [
        m
        for m in inbox.messages()
        if [a.addr_spec for a in m["To"].addresses] == ["expert@example.org"]
        and QUESTION["title"] in str(m["Subject"])
    ]
    assert len(letters) == 1
    text = letters[0].get_body(preferencelist=("plain",))
    assert text is not None
    assert f"https://observatory.example.org/forum/questions/{number}" in text.get_content()
