"""The password policy, wherever a password is set (the command line, the admin's pages, one's
own change): at least 12 characters (a setting), not only spaces, not holding the name, and hard
to guess given the name, the role and the application's name; the refusal says why, translated."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from stdgap.accounts.models import User
from stdgap.accounts.operations import AccountError, add_user, reset_password
from stdgap.accounts.policy import reason
from stdgap.i18n.locales import PSEUDO
from stdgap.i18n.translate import use
from stdgap.store.settings import set_setting
from stdgap_testing import invoke
from web_testing import password_of, sign_in

STRONG = "lichen-orbit-saddle-29"
#: Passwords an attacker found accepted, and others as easy to guess; why each is refused.
WEAK = {
    "12345678": "at least 12 characters",
    " " * 8: "only spaces",
    " " * 14: "only spaces",
    "alice3alice3": "the user's name",  # <user>3<user>3
    "smith3smith3": "repeats",  # a part of the name, repeated
    "alicesmith12": "made from the user's name",  # zxcvbn alone would let it pass
    "Smith-Alice-1": "made from the user's name",
    "analyst2024!x": "made from the user's name, role",
    "alice.smith2024": "the user's name",
    "password1234": "common password",
    "Password123!": "common password",
    "qwertyuiopasdf": "common password",
    "abcdefghijklmn": "sequence",
    "xxxxxxxxxxxxxxxx": "repeats",
    "analystanalyst": "made from the user's name, role",
    "stdgap-stdgap-1": "made from the user's name, role or the application's name",
}


@pytest.mark.parametrize("password", sorted(WEAK))
def test_weak_passwords_are_refused_saying_why(password: str) -> None:
    found = reason(password, "alice.smith", "analyst", 12)
    assert found is not None
    assert WEAK[password] in str(found)


@pytest.mark.parametrize(
    "password", [STRONG, "correct horse battery staple", "k9#Lm2@pQ7vR", "é" * 3 + "-fjord-ruin-47"]
)
def test_strong_passwords_are_accepted(password: str) -> None:
    assert reason(password, "alice.smith", "analyst", 12) is None


def test_the_reason_is_translated() -> None:
    with use(PSEUDO):
        shown = str(reason("12345678", "alice", "viewer", 12))
        guessable = str(reason("password1234", "alice", "viewer", 12))
    assert shown.startswith("[[") and "12" in shown
    assert guessable.startswith("[[") and guessable.count("[[") == 2  # our sentence and its why


def test_the_minimum_length_is_a_setting(engine: Engine) -> None:
    add_user.perform(engine, "test", "alice", "viewer", "granite-fjord-11")  # 16 characters
    set_setting.perform(engine, "test", "password_min_length", "20")
    with pytest.raises(AccountError, match="at least 20 characters"):
        add_user.perform(engine, "test", "bob", "viewer", "granite-fjord-12")
    add_user.perform(engine, "test", "bob", "viewer", "granite-fjord-saddle-12")


@pytest.mark.parametrize("password", ["12345678", " " * 8, "carol3carol3"])
def test_the_command_line_refuses_weak_passwords(
    cli: CliRunner, engine: Engine, password: str
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    code, _, err = invoke(cli, "users", "add", "carol", "--password", password, "--db", url)
    assert code == 2 and "password" in err
    add_user.perform(engine, "test", "dave", "viewer", STRONG)
    code, _, err = invoke(cli, "users", "password", "dave", "--password", password, "--db", url)
    assert code == 2 and "password" in err
    with engine.connect() as connection:
        names = connection.execute(select(User.name)).scalars().all()
    assert names == ["dave"]
    code, out, _ = invoke(cli, "users", "add", "carol", "--password", STRONG, "--db", url)
    assert code == 0 and "carol" in out


@pytest.mark.parametrize("password", ["12345678", " " * 8, "erin3erin3erin3"])
def test_the_admin_pages_refuse_weak_passwords(client: TestClient, password: str) -> None:
    token = sign_in(client, "admin")
    form = {"csrf_token": token, "name": "erin", "role": "viewer", "password": password}
    page = client.post("/users", data=form)
    assert page.status_code == 422 and 'class="error"' in page.text and "password" in page.text
    answer = client.post("/users", data=form, headers={"Accept": "application/json"})
    assert answer.status_code == 422 and "password" in answer.json()["detail"]
    assert "erin" not in {u["name"] for u in client.get("/users.json").json()["users"]}
    reset = client.post("/users/viewer/password", data={"csrf_token": token, "password": password})
    assert reset.status_code == 422
    assert client.post("/users", data={**form, "password": STRONG}).status_code == 200
    assert "erin" in {u["name"] for u in client.get("/users.json").json()["users"]}


def test_one_s_own_change_follows_the_policy(client: TestClient) -> None:
    token = sign_in(client, "officer")
    form = {
        "csrf_token": token,
        "current_password": password_of("officer"),
        "new_password": "officer3officer3",
        "confirm_password": "officer3officer3",
    }
    page = client.post("/account/password", data=form)
    assert page.status_code == 422 and "name" in page.text


def test_resets_follow_the_policy(people: Engine) -> None:
    with pytest.raises(AccountError, match="only spaces"):
        reset_password.perform(people, "test", "viewer", " " * 20)
