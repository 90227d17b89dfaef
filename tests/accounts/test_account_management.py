"""Managing accounts, from the command line and the admins' pages: disabling (sessions end,
sign-in and tokens refused), enabling, resetting a password, changing one's own (the current one
asked for, the other sessions end), ending a user's sessions; every change audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.accounts.operations import AccountError, disable_user, end_sessions, set_role
from stdgap.accounts.queries import audit_rows
from stdgap.accounts.tokens import create_token
from stdgap_testing import invoke
from web_testing import password_of, problem, sign_in

NEW = "saffron-glacier-tunnel-84"
JSON = {"Accept": "application/json"}


def who(client: TestClient) -> str | None:
    user = client.get("/api/v1/session").json()["user"]
    return user["name"] if user else None


def signs_in(client: TestClient, name: str, password: str) -> int:
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    return client.post(
        "/api/v1/session",
        json={"name": name, "password": password},
        headers={"X-CSRF-Token": anonymous},
    ).status_code


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_disabling_ends_sessions_and_refuses_sign_in_and_tokens(
    client_from: Callable[[str], TestClient], people: Engine
) -> None:
    analyst = client_from("10.9.0.1")
    sign_in(analyst, "analyst")
    _, token = create_token.perform(people, "test", "analyst", "nightly", ["ingest.import"])
    assert analyst.get("/api/v1/audit", headers=bearer(token)).status_code == 403  # a role's limit
    imports = client_from("10.9.0.9").get("/imports", headers=bearer(token), follow_redirects=False)
    assert imports.status_code == 200
    admin = client_from("10.9.0.2")
    csrf = sign_in(admin, "admin")
    answer = admin.post("/users/analyst/disable", data={"csrf_token": csrf}, headers=JSON)
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["active"] is False
    assert who(analyst) is None
    assert signs_in(client_from("10.9.0.3"), "analyst", password_of("analyst")) == 401
    refused = client_from("10.9.0.4").get("/imports", headers={**bearer(token), **JSON})
    problem(refused, 401)
    _, rows = audit_rows(people, 5)
    disabled = next(r for r in rows if r["action"] == "user.disable")
    assert (disabled["who"], disabled["target"]) == ("admin", "analyst")
    assert disabled["details"]["sessions_ended"] == 1
    assert disabled["details"]["tokens_revoked"] == 1
    # enabled again, the user signs in; the revoked token stays revoked
    assert admin.post("/users/analyst/enable", data={"csrf_token": csrf}).status_code == 200
    assert signs_in(client_from("10.9.0.5"), "analyst", password_of("analyst")) == 200
    again = client_from("10.9.0.6").get("/imports", headers={**bearer(token), **JSON})
    assert again.status_code == 401


def test_an_admin_cannot_disable_themselves_or_the_last_admin(
    client: TestClient, people: Engine
) -> None:
    csrf = sign_in(client, "admin")
    page = client.post("/users/admin/disable", data={"csrf_token": csrf})
    assert page.status_code == 422 and "your own account" in page.text
    with pytest.raises(AccountError, match="last active admin"):
        disable_user.perform(people, "cli:root", "admin")
    demoted = client.post("/users/admin/role", data={"csrf_token": csrf, "role": "viewer"})
    assert demoted.status_code == 422 and "last active admin" in demoted.text
    with pytest.raises(AccountError, match="last active admin"):
        set_role.perform(people, "cli:root", "admin", "viewer")
    set_role.perform(people, "cli:root", "viewer", "admin")
    set_role.perform(people, "cli:root", "admin", "analyst")  # another admin is left
    set_role.perform(people, "cli:root", "admin", "admin")
    disable_user.perform(people, "cli:root", "admin")


def test_an_admin_resets_a_password(
    client_from: Callable[[str], TestClient], people: Engine, cli: CliRunner, db_url: str
) -> None:
    officer = client_from("10.8.0.1")
    sign_in(officer, "officer")
    admin = client_from("10.8.0.2")
    csrf = sign_in(admin, "admin")
    page = admin.post("/users/officer/password", data={"csrf_token": csrf, "password": NEW})
    assert page.status_code == 200 and 'class="ok"' in page.text
    assert who(officer) is None  # the officer's session has ended
    assert signs_in(client_from("10.8.0.3"), "officer", password_of("officer")) == 401
    assert signs_in(client_from("10.8.0.4"), "officer", NEW) == 200
    # from the command line
    code, out, _ = invoke(
        cli, "users", "password", "officer", "--password", password_of("officer"), "--db", db_url
    )
    assert code == 0 and "reset" in out
    assert signs_in(client_from("10.8.0.5"), "officer", password_of("officer")) == 200
    actions = [r["action"] for r in audit_rows(people, 20)[1]]
    assert actions.count("user.password.reset") == 2


def test_a_reset_starts_the_name_s_count_of_failures_again(
    client_from: Callable[[str], TestClient], cli: CliRunner, db_url: str
) -> None:
    for n in range(10):
        signs_in(client_from(f"10.7.0.{n}"), "viewer", "wrong")
    assert signs_in(client_from("10.7.1.1"), "viewer", password_of("viewer")) == 429
    invoke(cli, "users", "password", "viewer", "--password", NEW, "--db", db_url)
    assert signs_in(client_from("10.7.1.2"), "viewer", NEW) == 200


def test_changing_one_s_own_password(
    client_from: Callable[[str], TestClient], people: Engine
) -> None:
    laptop = client_from("10.6.0.1")
    csrf = sign_in(laptop, "analyst")
    phone = client_from("10.6.0.2")
    sign_in(phone, "analyst")
    form = {
        "csrf_token": csrf,
        "current_password": "not it",
        "new_password": NEW,
        "confirm_password": NEW,
    }
    wrong = laptop.post("/account/password", data=form, headers=JSON)
    assert problem(wrong, 422)["detail"] == "the current password is wrong"
    differ = laptop.post(
        "/account/password",
        data={**form, "current_password": password_of("analyst"), "confirm_password": "x"},
    )
    assert differ.status_code == 422 and "differ" in differ.text
    done = laptop.post(
        "/account/password", data={**form, "current_password": password_of("analyst")}
    )
    assert done.status_code == 200 and 'class="ok"' in done.text
    assert who(laptop) == "analyst"  # this session stays
    assert who(phone) is None  # the others end
    assert signs_in(client_from("10.6.0.3"), "analyst", NEW) == 200
    actions = [r["action"] for r in audit_rows(people, 10)[1]]
    assert "user.password.change failed" in actions and "user.password.change" in actions


def test_guessing_the_current_password_is_throttled(
    client_from: Callable[[str], TestClient],
) -> None:
    laptop = client_from("10.5.0.1")
    csrf = sign_in(laptop, "officer")
    statuses = []
    for n in range(10):
        form = {
            "csrf_token": csrf,
            "current_password": f"guess-{n}",
            "new_password": NEW,
            "confirm_password": NEW,
        }
        statuses.append(laptop.post("/account/password", data=form, headers=JSON).status_code)
    assert statuses == [422] * 9 + [429]


def test_ending_a_user_s_sessions(
    client_from: Callable[[str], TestClient], people: Engine, cli: CliRunner, db_url: str
) -> None:
    browsers = [client_from(f"10.4.0.{n}") for n in range(3)]
    for browser in browsers:
        sign_in(browser, "viewer")
    admin = client_from("10.4.1.1")
    csrf = sign_in(admin, "admin")
    listed = admin.get("/users.json").json()["users"]
    assert next(u for u in listed if u["name"] == "viewer")["sessions"] == 3
    answer = admin.post("/users/viewer/sign-out", data={"csrf_token": csrf}, headers=JSON)
    assert answer.json()["user"]["sessions"] == 0
    assert [who(b) for b in browsers] == [None, None, None]
    assert who(admin) == "admin"
    sign_in(browsers[0], "viewer")
    code, out, _ = invoke(cli, "users", "sign-out", "viewer", "--db", db_url)
    assert code == 0 and out.startswith("1 session")
    assert who(browsers[0]) is None
    assert end_sessions.perform(people, "test", "viewer") == 0


def test_the_command_line_manages_users(cli: CliRunner, db_url: str) -> None:
    code, _, _ = invoke(cli, "users", "disable", "officer", "--db", db_url)
    assert code == 0
    code, out, _ = invoke(cli, "users", "list", "--json", "--db", db_url)
    listed = {u["name"]: u for u in __import__("json").loads(out)}
    assert listed["officer"]["active"] is False and listed["viewer"]["active"] is True
    assert set(listed["viewer"]) >= {"last_sign_in_at", "sessions", "tokens"}
    code, _, _ = invoke(cli, "users", "enable", "officer", "--db", db_url)
    assert code == 0
    code, _, err = invoke(cli, "users", "disable", "nobody", "--db", db_url)
    assert code == 2 and "no user named 'nobody'" in err
    code, out, _ = invoke(cli, "users", "list", "--db", db_url)
    assert code == 0 and "officer" in out and "never" in out


def test_the_admin_pages_are_for_admins(client: TestClient) -> None:
    assert client.get("/users", follow_redirects=False).status_code == 303
    sign_in(client, "analyst")
    assert client.get("/users").status_code == 403
    assert client.get("/users/viewer").status_code == 403
    assert client.get("/account").status_code == 200
    csrf = sign_in(client, "admin")
    page = client.get("/users")
    assert page.status_code == 200 and "/users/viewer" in page.text
    assert client.get("/users/nobody").status_code == 404
    assert client.post("/users/viewer/disable", data={}).status_code == 403  # no CSRF token
    added = client.post(
        "/users",
        data={"csrf_token": csrf, "name": "frank", "role": "officer", "password": NEW},
        headers=JSON,
    )
    assert added.json() == {"name": "frank", "role": "officer"}
    role = client.post("/users/frank/role", data={"csrf_token": csrf, "role": "analyst"})
    assert role.status_code == 200
    assert client.get("/users/frank.json").json()["user"]["role"] == "analyst"
    last = client.get("/users/analyst.json").json()["user"]["last_sign_in_at"]
    assert last is not None
