"""E-mail is queued in the outbox inside the write that causes it, in the recipient's language,
only for users with an address; a user's address and language are set through an audited
operation (and the CLI), and checked."""

from __future__ import annotations

from typing import Any

import pytest
from outbox_testing import written_in
from sqlalchemy import Engine, Row, select
from typer.testing import CliRunner

from stdgap.accounts.models import User
from stdgap.accounts.operations import AccountError, add_user, set_contact
from stdgap.cli.main import app
from stdgap.i18n.translate import use
from stdgap.notifications.models import PENDING, OutboxMessage
from stdgap.notifications.outbox import NotificationError, notify_address, notify_user
from stdgap.store.audit import AuditEntry
from stdgap.store.unit import transaction
from web_testing import password_of

SUBJECT = "Your application for %(meeting)s"
BODY = "Dear %(name)s,\nyour application for %(meeting)s was received."


def _outbox(engine: Engine) -> list[Row[Any]]:
    with engine.connect() as connection:
        return list(connection.execute(select(OutboxMessage.__table__)).all())


def _applicant(engine: Engine, email: str | None = "ada@example.org") -> int:
    account = add_user.perform(engine, "test", "ada", "applicant", password_of("applicant"))
    if email:
        set_contact.perform(engine, "test", "ada", email, "fr")
    return account.id


def test_a_message_to_a_user_goes_to_the_address_in_the_users_language(engine: Engine) -> None:
    user = _applicant(engine)
    with transaction(engine, "test", "fellowship.apply", data=False) as unit:
        queued = notify_user(unit, user, "fellowship.submitted", SUBJECT, BODY, meeting="SG17")
    [message] = _outbox(engine)
    assert queued == message.id
    assert (message.recipient, message.recipient_name, message.language) == (
        "ada@example.org",
        "ada",
        written_in("fr", BODY),
    )
    assert message.subject == "Your application for SG17"  # no French catalogue yet
    assert message.body.startswith("Dear ada,\n") and message.status == PENDING
    assert message.attempts == 0 and message.next_attempt_at <= message.created_at


def test_nothing_is_queued_when_the_write_fails_or_the_user_has_no_address(
    engine: Engine,
) -> None:
    user = _applicant(engine, email=None)
    with transaction(engine, "test", "fellowship.apply", data=False) as unit:
        assert notify_user(unit, user, "fellowship.submitted", SUBJECT, BODY, meeting="x") is None
    set_contact.perform(engine, "test", "ada", "ada@example.org", None)
    with pytest.raises(RuntimeError), transaction(engine, "test", "x", data=False) as unit:
        notify_user(unit, user, "fellowship.submitted", SUBJECT, BODY, meeting="SG17")
        raise RuntimeError("the write fails after queueing")
    assert _outbox(engine) == []


def test_addresses_are_checked_and_subjects_hold_one_line(engine: Engine) -> None:
    with transaction(engine, "test", "x", data=False) as unit:
        for bad in ("", "ada", "ada@", "a b@example.org", "ada@example", "<a@b.org>"):
            with pytest.raises(NotificationError):
                notify_address(unit, bad, "Ada", "en", "k", SUBJECT, BODY, meeting="m", name="A")
        notify_address(
            unit,
            " ada@example.org ",
            "Ada",
            "xx",
            "k",
            SUBJECT,
            BODY,
            meeting="A\r\nBcc: x",
            name="A",
        )
    [message] = _outbox(engine)
    assert message.recipient == "ada@example.org" and message.language == "en"
    assert "\n" not in message.subject and "\r" not in message.subject


def test_contact_is_set_checked_and_audited(engine: Engine) -> None:
    _applicant(engine, email=None)
    for email, language in (("not an address", None), (None, "de"), (None, "en-XA")):
        with pytest.raises(AccountError):
            set_contact.perform(engine, "test", "ada", email, language)
    with pytest.raises(AccountError):
        set_contact.perform(engine, "test", "nobody", "a@example.org", None)
    runner = CliRunner()
    url = engine.url.render_as_string(hide_password=False)
    done = runner.invoke(app, ["--db", url, "users", "contact", "ada", "--email", "a@example.org"])
    assert done.exit_code == 0, done.output
    refused = runner.invoke(app, ["--db", url, "users", "contact", "ada", "--language", "de"])
    assert refused.exit_code != 0 and "de" in refused.output
    with engine.connect() as connection:
        row = connection.execute(select(User.email, User.language).where(User.name == "ada")).one()
        actions = connection.execute(
            select(AuditEntry.action).where(AuditEntry.action == "user.contact")
        ).all()
    assert tuple(row) == ("a@example.org", None) and len(actions) == 1
    with use("en"):
        set_contact.perform(engine, "test", "ada", "", "ar")
    with engine.connect() as connection:
        row = connection.execute(select(User.email, User.language).where(User.name == "ada")).one()
    assert tuple(row) == (None, "ar")
