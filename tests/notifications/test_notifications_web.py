"""The outbox in the browser and the API is for admins only (addresses, subjects, errors); a
failed message is sent again from there, audited; and everyone signed in sets their own e-mail
address and language on their account page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from outbox_testing import queue
from sqlalchemy import Engine, select, update

from stdgap.accounts.models import User
from stdgap.accounts.queries import audit_rows
from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.notifications.models import FAILED, PENDING, OutboxMessage
from stdgap.web.app import create_app
from stores import Templates
from web_testing import ROLES, make_users, problem, sign_in

ANYONE = [None, *ROLES]


@pytest.fixture
def people(backend: str, templates: Templates, tmp_path: Path) -> Iterator[Engine]:
    """A store with a user of every role and two messages in the outbox, one failed."""
    url = templates.copy(backend, "users", make_users, tmp_path)
    engine = open_store(url)
    _sent, failed = queue(engine, ("ali@example.org", "علي", "ar"), ("li@example.org", "李", "zh"))
    with engine.begin() as connection:
        connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == failed)
            .values(status=FAILED, attempts=8, last_error="550 5.1.1 no such mailbox")
        )
    yield engine
    engine.dispose()
    templates.drop(url)


@pytest.fixture
def client(people: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    app = create_app(engine=people, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client


def failed_id(engine: Engine) -> int:
    with engine.connect() as connection:
        found = connection.execute(select(OutboxMessage.id).where(OutboxMessage.status == FAILED))
        return int(found.scalar_one())


@pytest.mark.parametrize("role", ANYONE)
def test_only_admins_see_the_outbox(client: TestClient, people: Engine, role: str | None) -> None:
    token = sign_in(client, role) if role else ""
    message = failed_id(people)
    answers = {
        "page": client.get("/notifications", follow_redirects=False),
        "json": client.get("/notifications.json?status=failed"),
        "api": client.get("/api/v1/notifications"),
        "retry": client.post(
            f"/api/v1/notifications/{message}/retry", headers={"X-CSRF-Token": token}
        ),
        "button": client.post(
            f"/notifications/{message}/retry",
            data={"csrf_token": token},
            follow_redirects=False,
        ),
    }
    if role is None:
        for name in ("page", "button"):
            assert answers[name].status_code == 303
            assert answers[name].headers["location"].startswith("/login")
        for name in ("json", "api"):
            problem(answers[name], 401)
        assert answers["retry"].status_code in (401, 403)
    elif role != "admin":
        assert answers.pop("page").status_code == 403
        assert answers.pop("button").status_code == 403
        for answer in answers.values():
            problem(answer, 403)
        assert 'href="/notifications"' not in client.get("/").text
    else:
        assert answers["page"].status_code == 200 and "550 5.1.1" in answers["page"].text
        assert 'href="/notifications"' in client.get("/").text
        listed = answers["json"].json()
        assert listed["total"] == 1 and listed["items"][0]["recipient"] == "li@example.org"
        assert listed["counts"] == {"pending": 1, "sending": 0, "sent": 0, "failed": 1}
        assert answers["api"].json()["total"] == 2
        assert answers["retry"].status_code == 200
        assert answers["button"].status_code == 200  # pending by then: sent at the next run
    with people.connect() as connection:
        status = connection.execute(
            select(OutboxMessage.status).where(OutboxMessage.id == message)
        ).scalar_one()
    assert status == (PENDING if role == "admin" else FAILED)


def test_the_retry_button_sends_again_audited_and_needs_the_csrf_token(
    client: TestClient, people: Engine
) -> None:
    message = failed_id(people)
    token = sign_in(client, "admin")
    problem(client.post(f"/api/v1/notifications/{message}/retry"), 403)  # no CSRF token
    page = client.post(f"/notifications/{message}/retry", data={"csrf_token": token})
    assert page.status_code == 200
    assert f"Message {message} will be sent at the sender" in page.text
    entry = audit_rows(people)[1][0]
    assert (entry["who"], entry["action"], entry["target"]) == (
        "admin",
        "notification.retry",
        str(message),
    )
    with people.begin() as connection:
        connection.execute(
            update(OutboxMessage).where(OutboxMessage.id == message).values(status="sent")
        )
    again = client.post(f"/notifications/{message}/retry", data={"csrf_token": token})
    assert again.status_code == 422
    assert "is sent: only a failed or pending one is retried" in again.text
    problem(client.post("/api/v1/notifications/99999/retry", headers={"X-CSRF-Token": token}), 422)
    problem(client.get("/notifications.json?status=lost"), 422)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_sets_their_own_address_and_language(
    client: TestClient, people: Engine, role: str
) -> None:
    token = sign_in(client, role)
    page = client.get("/account")
    assert page.status_code == 200 and 'action="/account/contact"' in page.text
    saved = client.post(
        "/account/contact",
        data={"email": f"{role}@example.org", "language": "ar", "csrf_token": token},
    )
    assert saved.status_code == 200 and f'value="{role}@example.org"' in saved.text
    refused = client.post(
        "/account/contact",
        data={"email": "not an address", "language": "fr", "csrf_token": token},
        headers={"Accept": "application/json"},
    )
    problem(refused, 422)
    no_csrf = client.post(
        "/account/contact", data={"email": "x@example.org"}, headers={"Accept": "application/json"}
    )
    problem(no_csrf, 403)
    with people.connect() as connection:
        row = connection.execute(select(User.email, User.language).where(User.name == role)).one()
    assert tuple(row) == (f"{role}@example.org", "ar")
    entry = audit_rows(people)[1][0]
    assert (entry["who"], entry["action"], entry["target"]) == (role, "user.contact", role)


def test_the_public_cannot_set_an_address(client: TestClient) -> None:
    token = client.get("/api/v1/session").json()["csrf_token"]
    answer = client.post(
        "/account/contact",
        data={"email": "x@example.org", "csrf_token": token},
        headers={"Accept": "application/json"},
    )
    problem(answer, 401)
