"""API tokens for scripts: shown once and kept as a SHA-256 only; a request with one acts as its
owner within its scopes and the owner's role (never more); revoked, expired or disabled-owner
tokens are refused; a bearer request needs no CSRF token, a cookie session still does."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text, update
from typer.testing import CliRunner

from stdgap import bootstrap
from stdgap.accounts import tokens
from stdgap.accounts.errors import AccountError
from stdgap.accounts.models import ApiToken, User
from stdgap.accounts.operations import set_role
from stdgap.accounts.queries import audit_rows
from stdgap_testing import invoke
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
MEMBERS = b"member_id,name,type,country\nSM-NEW-1,New Co,sector_member,KEN\n"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **JSON}


def upload(client: TestClient, headers: dict[str, str]) -> int:
    files = [("files", ("members.csv", MEMBERS, "text/csv"))]
    return client.post("/api/v1/imports", files=files, headers=headers).status_code


def make(engine: Engine, owner: str, *scopes: str, days: int | None = None) -> str:
    return tokens.create_token.perform(engine, "test", owner, "script", list(scopes), days)[1]


def test_a_token_is_shown_once_and_kept_as_a_digest(
    cli: CliRunner, db_url: str, people: Engine
) -> None:
    code, out, err = invoke(
        cli, "users", "tokens", "create", "analyst", "--name", "nightly import",
        "--scope", "ingest.import", "--days", "30", "--db", db_url,
    )  # fmt: skip
    assert code == 0 and "shown once" in err
    token = out.strip()
    assert token.startswith("stdgap_") and len(token) > 40
    # nothing in the store holds the token: every row of every table, as text
    with people.connect() as connection:
        for table in bootstrap.metadata().sorted_tables:
            rows = connection.execute(select(table)).all()
            assert token not in repr(rows), table.name
            assert token[len("stdgap_") :] not in repr(rows), table.name
        digest = connection.execute(select(ApiToken.digest)).scalar_one()
    assert len(digest) == 64
    code, out, _ = invoke(cli, "users", "tokens", "list", "analyst", "--json", "--db", db_url)
    (listed,) = json.loads(out)
    assert listed["name"] == "nightly import" and listed["scopes"] == ["ingest.import"]
    assert listed["state"] == "active" and listed["expires_at"] is not None
    assert token not in out


def test_a_token_acts_within_its_scopes_and_its_owner_s_role(
    client: TestClient, people: Engine
) -> None:
    reader = make(people, "analyst", "indicators.small_cells")
    writer = make(people, "analyst", "ingest.import")
    assert upload(client, bearer(reader)) == 403  # a token with a read scope cannot write
    denied = client.post(
        "/api/v1/imports",
        files=[("files", ("members.csv", MEMBERS, "text/csv"))],
        headers=bearer(reader),
    )
    assert "scopes do not include ingest.import" in problem(denied, 403)["detail"]
    assert upload(client, bearer(writer)) == 201  # and with no CSRF token
    assert client.get("/api/v1/audit", headers=bearer(writer)).status_code == 403
    # the role is read at each request: a demoted owner's token loses what the role lost
    set_role.perform(people, "test", "analyst", "viewer")
    assert upload(client, bearer(writer)) == 403
    imported = [r for r in audit_rows(people, 20)[1] if r["action"] == "import"]
    assert [r["who"] for r in imported] == ["analyst"]


@pytest.mark.parametrize(
    ("owner", "scopes", "why"),
    [
        ("viewer", ["ingest.import"], "cannot do more than its owner"),
        ("analyst", ["audit.read"], "cannot do more than its owner"),
        ("analyst", ["everything"], "unknown scope"),
        ("analyst", [], "at least one scope"),
        ("nobody", ["ingest.import"], "no user named"),
        ("admin", ["accounts.manage"], "only with a signed-in session"),
    ],
)
def test_a_token_cannot_exceed_its_owner(
    people: Engine, owner: str, scopes: list[str], why: str
) -> None:
    with pytest.raises(AccountError, match=why):
        make(people, owner, *scopes)


def test_revoked_and_expired_tokens_are_refused(
    client: TestClient, people: Engine, monkeypatch: pytest.MonkeyPatch, cli: CliRunner, db_url: str
) -> None:
    admin = make(people, "admin", "audit.read")
    short = make(people, "admin", "audit.read", days=1)
    assert client.get("/api/v1/audit", headers=bearer(admin)).status_code == 200
    token_id = tokens.list_tokens(people, "admin")[-1]["id"]
    code, out, _ = invoke(cli, "users", "tokens", "revoke", str(token_id), "--db", db_url)
    assert code == 0 and "revoked" in out
    refused = client.get("/api/v1/audit", headers=bearer(admin))
    assert "not valid" in problem(refused, 401)["detail"]
    assert "Bearer" in refused.headers["www-authenticate"]
    code, _, err = invoke(cli, "users", "tokens", "revoke", str(token_id), "--db", db_url)
    assert code == 2 and "revoked already" in err
    assert client.get("/api/v1/audit", headers=bearer(short)).status_code == 200
    later = datetime.now() + timedelta(days=1, minutes=1)
    monkeypatch.setattr(tokens, "now", lambda: later)
    assert client.get("/api/v1/audit", headers=bearer(short)).status_code == 401
    states = {t["state"] for t in tokens.list_tokens(people, "admin")}
    assert states == {"revoked", "expired"}
    assert client.get("/api/v1/audit", headers=bearer("stdgap_made-up")).status_code == 401
    # a read the public may make is refused too: a script must not go on with public figures
    for path in ("/api/v1/indicators?by=year", "/countries", "/"):
        for token in (admin, "stdgap_made-up"):
            assert client.get(path, headers=bearer(token)).status_code == 401, path


def test_csrf_is_not_needed_with_a_token_but_still_with_a_cookie(
    client_from: Callable[[str], TestClient], people: Engine
) -> None:
    token = make(people, "analyst", "ingest.import")
    script = client_from("10.20.0.1")
    assert upload(script, bearer(token)) == 201
    browser = client_from("10.20.0.2")
    csrf = sign_in(browser, "analyst")
    assert upload(browser, JSON) == 403  # a cookie session without the CSRF token
    assert upload(browser, {"X-CSRF-Token": csrf, **JSON}) == 201
    # a bad bearer token is refused, and the cookie that came with it is not used instead
    assert upload(browser, bearer("stdgap_forged")) == 401
    assert upload(browser, {**bearer("stdgap_forged"), "X-CSRF-Token": csrf}) == 401


def test_a_token_cannot_make_tokens_change_passwords_or_manage_accounts(
    client: TestClient, people: Engine
) -> None:
    """Account management is for signed-in sessions only: a token holding it (as one made
    before the rule would) could otherwise reset its owner's password or make an admin."""
    token = make(people, "admin", "audit.read")
    with people.begin() as connection:
        connection.execute(update(ApiToken).values(scopes=["accounts.manage", "audit.read"]))
    made = client.post(
        "/account/tokens", data={"name": "more", "scopes": "audit.read"}, headers=bearer(token)
    )
    assert "session" in problem(made, 403)["detail"]
    changed = client.post(
        "/account/password",
        data={"current_password": "x", "new_password": "y", "confirm_password": "y"},
        headers=bearer(token),
    )
    assert problem(changed, 403)
    new_password = {"password": "Brand-new lemur 77 kiwi"}
    for path, form in (
        ("/users/admin/password", new_password),
        ("/users", {"name": "evil", "role": "admin", **new_password}),
        ("/users/viewer/sign-out", {}),
        ("/users/viewer/disable", {}),
    ):
        assert client.post(path, data=form, headers=bearer(token)).status_code == 403, path
    assert client.get("/api/v1/audit", headers=bearer(token)).status_code == 200
    with people.connect() as connection:
        assert connection.execute(select(User.id).where(User.name == "evil")).first() is None


def test_the_account_page_makes_lists_and_revokes_one_s_tokens(
    client_from: Callable[[str], TestClient], people: Engine
) -> None:
    browser = client_from("10.21.0.1")
    csrf = sign_in(browser, "officer")
    form = {"csrf_token": csrf, "name": "tracker", "scopes": ["resolutions.track"], "days": "7"}
    page = browser.post("/account/tokens", data=form)
    assert page.status_code == 201
    shown = page.text.split('<code id="new-token">')[1].split("</code>")[0]
    assert shown.startswith("stdgap_")
    again = browser.get("/account")
    assert "tracker" in again.text and shown not in again.text
    assert browser.get("/account.json").json()["user"]["tokens"][0]["name"] == "tracker"
    too_much = browser.post(
        "/account/tokens", data={**form, "scopes": ["ingest.import"]}, headers=JSON
    )
    assert "more than its owner" in problem(too_much, 422)["detail"]
    # someone else cannot revoke it; its owner and admins can
    token_id = tokens.list_tokens(people, "officer")[0]["id"]
    other = client_from("10.21.0.2")
    other_csrf = sign_in(other, "analyst")
    refused = other.post(f"/tokens/{token_id}/revoke", data={"csrf_token": other_csrf})
    assert refused.status_code == 422
    revoked = browser.post(f"/tokens/{token_id}/revoke", data={"csrf_token": csrf}, headers=JSON)
    assert revoked.json() == {"id": token_id, "revoked": True}
    second = tokens.create_token.perform(people, "test", "officer", "x", ["resolutions.track"])[0]
    admin = client_from("10.21.0.3")
    admin_csrf = sign_in(admin, "admin")
    page = admin.post(f"/tokens/{second}/revoke", data={"csrf_token": admin_csrf})
    assert page.status_code == 200 and "officer" in page.text
    assert {t["state"] for t in tokens.list_tokens(people, "officer")} == {"revoked"}


def test_a_token_s_last_use_is_written_once_a_day(client: TestClient, people: Engine) -> None:
    token = make(people, "admin", "audit.read")
    for _ in range(5):
        assert client.get("/api/v1/audit", headers=bearer(token)).status_code == 200
    used = [r for r in audit_rows(people, 50)[1] if r["action"] == "token.used"]
    assert len(used) == 1 and used[0]["who"] == "admin"
    assert tokens.list_tokens(people, "admin")[0]["last_used_at"] is not None
    with people.begin() as connection:  # as if it were last used yesterday
        connection.execute(
            text("UPDATE api_tokens SET last_used_at = :d"), {"d": datetime(2020, 1, 1)}
        )
    client.get("/api/v1/audit", headers=bearer(token))
    used = [r for r in audit_rows(people, 50)[1] if r["action"] == "token.used"]
    assert len(used) == 2
