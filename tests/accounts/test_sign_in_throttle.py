"""Sign-ins are throttled in the store (so every worker agrees): from the 10th failure in a row
for one name, or from one address, attempts wait 1 s, doubling up to the longest wait; while they
wait even the right password is refused unchecked; a success starts the name's count again;
every checked failure is in the audit log, with the name tried, the address and why."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sign_in_clock import Clock
from sqlalchemy import Engine, func, select

from stdgap.accounts import passwords, signin, throttle
from stdgap.accounts.models import SignInFailure
from stdgap.accounts.queries import audit_rows
from stdgap.store.audit import AuditEntry
from stdgap.store.settings import set_setting
from web_testing import password_of, problem

HOUR = timedelta(hours=1)


def attempt(engine: Engine, name: str, password: str, address: str) -> str | int:
    """ "ok", "wrong", or the seconds to wait."""
    try:
        signin.sign_in(engine, name, password, address, HOUR)
    except signin.Throttled as throttled:
        return throttled.wait
    except signin.WrongCredentials:
        return "wrong"
    return "ok"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords checked, in order."""
    checked: list[str] = []
    lock = threading.Lock()
    verify = passwords.verify

    def counting(stored: str | None, password: str) -> bool:
        with lock:
            checked.append(password)
        return verify(stored, password)

    monkeypatch.setattr(passwords, "verify", counting)
    return checked


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_name_waits_from_its_tenth_failure_and_longer_after_each(
    people: Engine, clock: Clock, checks: list[str]
) -> None:
    # every attempt from another address: only the name's count matters
    outcomes = [attempt(people, "analyst", "wrong", f"10.0.0.{n}") for n in range(1, 10)]
    assert outcomes == ["wrong"] * 9
    assert attempt(people, "analyst", "wrong", "10.0.1.10") == 1
    assert len(checks) == 10
    # while it waits, the right password is refused without being checked
    assert attempt(people, "analyst", password_of("analyst"), "10.0.1.11") == 1
    assert len(checks) == 10
    clock.advance(0.5)
    assert attempt(people, "analyst", password_of("analyst"), "10.0.1.12") == 1  # 0.5 s, rounded up
    clock.advance(0.6)
    assert attempt(people, "analyst", "wrong", "10.0.1.13") == 2
    clock.advance(2)
    assert attempt(people, "analyst", "wrong", "10.0.1.14") == 4
    clock.advance(4)
    assert attempt(people, "analyst", "wrong", "10.0.1.15") == 8
    assert len(checks) == 13
    clock.advance(8)
    assert attempt(people, "analyst", password_of("analyst"), "10.0.1.16") == "ok"
    # a success starts the name's count again
    outcomes = [attempt(people, "analyst", "wrong", f"10.0.2.{n}") for n in range(1, 10)]
    assert outcomes == ["wrong"] * 9
    assert attempt(people, "analyst", "wrong", "10.0.2.10") == 1
    # other names are not slowed
    assert attempt(people, "officer", password_of("officer"), "10.0.3.1") == "ok"


def test_an_address_waits_from_its_tenth_failure_whatever_the_names(
    people: Engine, clock: Clock, checks: list[str]
) -> None:
    names = ["analyst", "viewer", "nobody", "x y", "admin", "mallory", "officer", "a", "b"]
    assert [attempt(people, name, "guess", "192.0.2.7") for name in names] == ["wrong"] * 9
    assert attempt(people, "someone-else", "guess", "192.0.2.7") == 1
    assert attempt(people, "viewer", password_of("viewer"), "192.0.2.7") == 1
    assert len(checks) == 10
    # another address is not slowed, and the names tried once each are not either
    assert attempt(people, "viewer", password_of("viewer"), "192.0.2.8") == "ok"
    clock.advance(1)
    # a success does not clear the address's count (a guesser with an account of their own
    # would clear it between guesses)
    assert attempt(people, "viewer", password_of("viewer"), "192.0.2.7") == "ok"
    assert attempt(people, "analyst", "guess", "192.0.2.7") == 2


def test_the_longest_wait_and_the_first_throttled_failure_are_settings(
    people: Engine, clock: Clock
) -> None:
    set_setting.perform(people, "test", "sign_in_throttle_from", "3")
    set_setting.perform(people, "test", "sign_in_wait_max_seconds", "4")
    waits = []
    for n in range(7):
        waits.append(attempt(people, "officer", "wrong", f"10.1.0.{n}"))
        clock.advance(60)
    assert waits == ["wrong", "wrong", 1, 2, 4, 4, 4]


def test_a_count_is_forgotten_after_a_quiet_hour(people: Engine, clock: Clock) -> None:
    for n in range(9):
        assert attempt(people, "officer", "wrong", f"10.2.0.{n}") == "wrong"
    clock.advance(3601)
    for n in range(9):
        assert attempt(people, "officer", "wrong", f"10.2.1.{n}") == "wrong"
    assert attempt(people, "officer", "wrong", "10.2.2.1") == 1
    # a name is slowed, never locked for longer than the longest wait (15 minutes)
    waits = []
    for n in range(15):
        clock.advance(900)
        waits.append(attempt(people, "officer", "wrong", f"10.2.4.{n}"))
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900, 900]
    clock.advance(900)
    assert attempt(people, "officer", password_of("officer"), "10.2.3.1") == "ok"


def test_failed_sign_ins_are_in_the_audit_log(people: Engine, clock: Clock) -> None:
    attempt(people, "analyst", "wrong", "198.51.100.1")
    attempt(people, "nobody", "wrong", "198.51.100.2")
    attempt(people, "cli:root [bold]", "wrong", "198.51.100.3")
    attempt(people, "analyst", password_of("analyst"), "198.51.100.4")
    _, rows = audit_rows(people, 4)
    ok, bad_name, unknown, wrong = rows
    assert (wrong["who"], wrong["action"], wrong["target"]) == (
        "analyst",
        "sign-in failed",
        "198.51.100.1",
    )
    assert wrong["details"]["reason"] == "wrong password"
    assert wrong["details"]["failures"] == {"name": 1, "address": 1}
    assert (unknown["who"], unknown["details"]["reason"]) == ("nobody", "unknown name")
    assert (bad_name["who"], bad_name["details"]["reason"]) == ("(not a name)", "not a name")
    assert bad_name["details"]["name"] == "'cli:root [bold]'"
    assert (ok["who"], ok["action"], ok["target"]) == ("analyst", "sign-in", "198.51.100.4")
    # names the system acts under are not names anyone signs in with
    attempt(people, "System", "wrong", "198.51.100.5")
    _, (reserved,) = audit_rows(people, 1)
    assert (reserved["who"], reserved["details"]["name"]) == ("(not a name)", "'System'")


def test_a_disabled_account_fails_like_a_wrong_password(people: Engine, clock: Clock) -> None:
    from stdgap.accounts.operations import disable_user

    disable_user.perform(people, "test", "officer")
    assert attempt(people, "officer", password_of("officer"), "10.3.0.1") == "wrong"
    _, rows = audit_rows(people, 1)
    assert rows[0]["details"]["reason"] == "account disabled"


def test_refused_attempts_write_nothing(people: Engine, clock: Clock) -> None:
    for n in range(10):
        attempt(people, "viewer", "wrong", f"10.4.0.{n}")
    audited = _count(people, AuditEntry)
    with people.connect() as connection:
        before = connection.execute(select(SignInFailure).order_by(SignInFailure.key)).all()
    for _ in range(50):
        assert attempt(people, "viewer", "wrong", "10.4.1.1") == 1
    assert _count(people, AuditEntry) == audited
    with people.connect() as connection:
        after = connection.execute(select(SignInFailure).order_by(SignInFailure.key)).all()
    assert after == before


def test_attempts_made_at_once_are_counted_one_after_the_other(
    people: Engine, checks: list[str]
) -> None:
    """Workers racing: 40 wrong guesses at once get 9 answers "wrong", then waits; at most
    10 passwords are checked."""
    outcomes: list[str | int] = []
    start = threading.Barrier(40)

    def guess(n: int) -> None:
        start.wait()
        outcomes.append(attempt(people, "admin", f"guess-{n}", f"10.5.{n}.1"))

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("wrong") == 9
    assert len(checks) == 10
    with people.connect() as connection:
        assert throttle.failures(connection, (throttle.NAME, "admin")) == 10


def test_two_hundred_wrong_passwords_are_throttled_from_the_tenth(client: TestClient) -> None:
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    statuses = []
    for n in range(200):
        response = client.post(
            "/api/v1/session",
            json={"name": "admin", "password": f"wrong-{n}"},
            headers={"X-CSRF-Token": anonymous},
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            body = problem(response, 429)
            assert body["type"].endswith("throttled")
            assert int(response.headers["retry-after"]) >= 1
            assert body["retry_after"] == int(response.headers["retry-after"])
    assert statuses[:9] == [401] * 9
    assert statuses[9:] == [429] * 191
    right = client.post(
        "/api/v1/session",
        json={"name": "admin", "password": password_of("admin")},
        headers={"X-CSRF-Token": anonymous},
    )
    assert right.status_code == 429


def test_the_sign_in_form_says_when_to_try_again(
    client_from: Callable[[str], TestClient],
) -> None:
    browser = client_from("203.0.113.9")
    token = browser.get("/api/v1/session").json()["csrf_token"]
    form = {"name": "viewer", "password": "wrong", "csrf_token": token}
    answers = [browser.post("/login", data=form) for _ in range(10)]
    assert [a.status_code for a in answers] == [401] * 9 + [429]
    assert answers[-1].headers["retry-after"] == "1"
    assert "too many failed sign-ins" in answers[-1].text
    # another address may still sign in as someone else
    other = client_from("203.0.113.10")
    token = other.get("/api/v1/session").json()["csrf_token"]
    form = {"name": "analyst", "password": password_of("analyst"), "csrf_token": token}
    assert other.post("/login", data=form, follow_redirects=False).status_code == 303


def test_a_hash_of_older_parameters_is_replaced_at_sign_in(
    people: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Passwords are hashed with 19 MiB of memory (not argon2-cffi's 64 MiB); a hash made with
    other parameters still signs in, and is replaced by one of today's parameters."""
    from argon2 import PasswordHasher
    from argon2.low_level import Type
    from argon2.profiles import get_default_parameters
    from sqlalchemy import update

    from stdgap.accounts.models import User

    monkeypatch.setattr(passwords, "hasher", passwords.HASHER)  # the real one, not the tests'
    assert passwords.hasher.memory_cost == 19_456
    old = PasswordHasher.from_parameters(get_default_parameters())
    assert old.type is Type.ID and old.memory_cost != passwords.hasher.memory_cost
    secret = password_of("viewer")
    with people.begin() as connection:
        connection.execute(
            update(User).where(User.name == "viewer").values(password_hash=old.hash(secret))
        )
    assert attempt(people, "viewer", secret, "192.0.2.7") == "ok"
    with people.connect() as connection:
        stored = connection.execute(select(User.password_hash).where(User.name == "viewer"))
        rehashed = stored.scalar_one()
    assert "m=19456" in rehashed and not passwords.needs_rehash(rehashed)
    assert attempt(people, "viewer", secret, "192.0.2.7") == "ok"
