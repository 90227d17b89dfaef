"""The sender hands the outbox to a real SMTP server (aiosmtpd on the loopback): each message
delivered once with its headers in UTF-8, marked sent in its own write; a refused recipient or an
unreachable server retried with a doubling wait, then marked failed; two senders at once never
send a message twice; a sender that dies after the server accepted a message sends it again
only once its lease has ended (at least once), with the same Message-ID."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from outbox_testing import BODY, queue, written_in
from sqlalchemy import Engine, Row, select, update

from smtp_testing import Inbox, config, free_port
from stdgap.bootstrap import open_store
from stdgap.notifications import claims, sender
from stdgap.notifications.models import FAILED, PENDING, SENDING, SENT, OutboxMessage
from stdgap.notifications.sender import send_due
from stdgap.store.audit import AuditEntry
from stdgap.store.settings import MAIL_MAX_ATTEMPTS, set_setting

ARABIC = ("layla@example.org", "ليلى الحسن", "ar")
CHINESE = ("wang@example.org", "王芳", "zh")


def soon() -> datetime:
    """A minute from now, whole seconds: after the messages a test has just queued."""
    return datetime.now().replace(microsecond=0) + timedelta(minutes=1)


class Clock:
    """A clock the test moves, starting :func:`soon`."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or soon()
        self.start = self.moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def rows(engine: Engine) -> dict[int, Row[Any]]:
    with engine.connect() as connection:
        found = connection.execute(select(OutboxMessage.__table__).order_by(OutboxMessage.id))
        return {row.id: row for row in found}


def actions(engine: Engine, prefix: str = "notification.") -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        found = connection.execute(
            select(AuditEntry.action, AuditEntry.target)
            .where(AuditEntry.action.like(prefix + "%"))
            .order_by(AuditEntry.id)
        )
        return [(row.action, row.target) for row in found]


def test_each_message_is_delivered_once_with_its_headers_in_utf8(
    engine: Engine, server: int, inbox: Inbox
) -> None:
    ids = queue(engine, ARABIC, CHINESE, meeting="اجتماع SG17 会议")
    clock = Clock()
    t0 = clock.start
    summary = send_due(engine, "cli:test", config(server), clock=clock)
    assert (summary.sent, summary.retrying, summary.failed) == (2, 0, 0)
    by_to = {str(m["To"].addresses[0].addr_spec): m for m in inbox.messages()}
    assert set(by_to) == {"layla@example.org", "wang@example.org"}
    for (address, name, language), message_id in zip((ARABIC, CHINESE), ids, strict=True):
        message = by_to[address]
        assert message["To"].addresses[0].display_name == name
        assert str(message["From"]) == "Observatoire stdgap <observatory@example.org>"
        assert str(message["Subject"]) == "Your application for اجتماع SG17 会议"
        assert str(message["Content-Language"]) == written_in(language, BODY)
        assert str(message["Auto-Submitted"]) == "auto-generated"
        assert message.get_content_type() == "text/plain"
        assert message.get_content_charset() == "utf-8"
        body = message.get_content().replace("\r\n", "\n")
        assert body == f"Dear {name},\nyour application for اجتماع SG17 会议 was received.\n"
        assert parsedate_to_datetime(str(message["Date"])) == t0.astimezone()
        assert str(message["Message-ID"]).startswith(f"<stdgap.{message_id}.")
        assert str(message["Message-ID"]).endswith("@example.org>")
    envelopes = sorted((mail_from, tuple(to)) for mail_from, to, _content in inbox.received)
    assert envelopes == [
        ("observatory@example.org", ("layla@example.org",)),
        ("observatory@example.org", ("wang@example.org",)),
    ]
    stored = rows(engine)
    for message_id in ids:
        row = stored[message_id]
        assert (row.status, row.attempts, row.sent_at, row.claimed_by) == (SENT, 1, t0, None)
    # one claim and one mark per message, each audited; a second run finds nothing to do
    assert actions(engine) == [
        ("notification.claim", str(ids[0])),
        ("notification.sent", str(ids[0])),
        ("notification.claim", str(ids[1])),
        ("notification.sent", str(ids[1])),
    ]
    assert send_due(engine, "cli:test", config(server), clock=clock).handled == 0
    assert len(inbox.received) == 2 and len(actions(engine)) == 4


def test_a_refused_recipient_is_retried_with_a_doubling_wait_then_failed(
    engine: Engine, server: int, inbox: Inbox
) -> None:
    set_setting.perform(engine, "test", MAIL_MAX_ATTEMPTS, "3")
    inbox.refused.add("gone@example.org")
    bad, good = queue(engine, ("gone@example.org", "Gone", "en"), ("ok@example.org", "Ok", "fr"))
    clock = Clock()
    t0 = clock.start
    first = send_due(engine, "cli:test", config(server), clock=clock)
    assert (first.sent, first.retrying, first.failed, first.server_fault) == (1, 1, 0, None)
    row = rows(engine)[bad]
    assert (row.status, row.attempts, row.next_attempt_at) == (
        PENDING,
        1,
        t0 + timedelta(minutes=2),
    )
    assert (
        row.last_error.startswith("recipient refused: 550 5.1.1")
        and "no such mailbox" in row.last_error
    )
    assert rows(engine)[good].status == SENT
    clock.advance(seconds=119)
    assert send_due(engine, "cli:test", config(server), clock=clock).handled == 0  # not due yet
    clock.advance(seconds=1)
    assert send_due(engine, "cli:test", config(server), clock=clock).retrying == 1
    row = rows(engine)[bad]
    assert (row.attempts, row.next_attempt_at) == (2, clock() + timedelta(minutes=4))
    clock.advance(minutes=4)
    last = send_due(engine, "cli:test", config(server), clock=clock)
    assert (last.failed, last.retrying) == (1, 0)
    row = rows(engine)[bad]
    assert (row.status, row.attempts) == (FAILED, 3) and "550" in row.last_error
    clock.advance(days=2)
    assert send_due(engine, "cli:test", config(server), clock=clock).handled == 0
    assert [to for _from, to, _content in inbox.received] == [["ok@example.org"]]


def test_an_unreachable_server_stops_the_run_and_its_message_waits(engine: Engine) -> None:
    ids = queue(engine, ARABIC, CHINESE)
    clock = Clock()
    t0 = clock.start
    summary = send_due(engine, "cli:test", config(free_port(), timeout=2), clock=clock)
    assert summary.server_fault and "127.0.0.1" in summary.server_fault
    assert (summary.sent, summary.retrying) == (0, 1)  # the second message was not tried
    stored = rows(engine)
    assert (stored[ids[0]].status, stored[ids[0]].attempts) == (PENDING, 1)
    assert stored[ids[0]].next_attempt_at == t0 + timedelta(minutes=2)
    assert "refused" in stored[ids[0]].last_error.lower()
    assert (stored[ids[1]].status, stored[ids[1]].attempts) == (PENDING, 0)


def test_two_senders_at_once_never_send_a_message_twice(
    engine: Engine, server: int, inbox: Inbox
) -> None:
    ids = queue(engine, *[(f"p{n}@example.org", f"P {n}", "en") for n in range(30)])
    inbox.delay = 0.02
    url = engine.url.render_as_string(hide_password=False)
    engines = [open_store(url), open_store(url)]
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(own: Engine) -> None:
        try:
            results.append(send_due(own, "cli:test", config(server)))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(own,)) for own in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for own in engines:
        own.dispose()
    assert errors == []
    assert sorted(result.sent for result in results) != [0, 30], "the senders did not overlap"
    assert sum(result.sent for result in results) == 30
    delivered = inbox.message_ids()
    assert len(delivered) == len(set(delivered)) == 30
    assert {row.status for row in rows(engine).values()} == {SENT}
    assert {row.attempts for row in rows(engine).values()} == {1}
    assert len(ids) == 30


class Died(BaseException):
    """The sender's process dies (killed, the machine down) at this point."""


@pytest.mark.parametrize("dies", ["after the server accepted", "before the server is reached"])
def test_a_sender_that_dies_leaves_its_message_for_another_once_the_lease_ends(
    engine: Engine, server: int, inbox: Inbox, monkeypatch: pytest.MonkeyPatch, dies: str
) -> None:
    (message_id,) = queue(engine, CHINESE)
    clock = Clock()
    t0 = clock.start

    def die(*_args: Any) -> None:
        raise Died

    if dies == "after the server accepted":
        monkeypatch.setattr(sender, "_accepted", die)
    else:
        monkeypatch.setattr(sender.smtp, "connect", die)
    with pytest.raises(Died):
        send_due(engine, "cli:test", config(server), clock=clock)
    monkeypatch.undo()
    delivered_before = len(inbox.received)
    assert delivered_before == (1 if dies == "after the server accepted" else 0)
    row = rows(engine)[message_id]
    assert (row.status, row.attempts) == (SENDING, 1)
    assert row.lease_until == t0 + config(server).lease
    # another sender, while the lease lasts: nothing sent
    clock.advance(seconds=config(server).lease.total_seconds() - 1)
    assert send_due(engine, "cli:test", config(server), clock=clock).handled == 0
    clock.advance(seconds=2)
    again = send_due(engine, "cli:test", config(server), clock=clock)
    assert again.sent == 1
    row = rows(engine)[message_id]
    assert (row.status, row.attempts) == (SENT, 2)
    ids = inbox.message_ids()
    assert len(ids) == delivered_before + 1
    assert len(set(ids)) == 1, "a copy sent again has the same Message-ID"
    clock.advance(days=1)
    assert send_due(engine, "cli:test", config(server), clock=clock).handled == 0


def test_a_sender_whose_lease_ended_cannot_mark_a_message_another_took_over(
    engine: Engine,
) -> None:
    (message_id,) = queue(engine, ARABIC)
    t0, lease = soon(), timedelta(minutes=5)
    first = claims.claim(engine, "a", "sender-a", t0, lease)
    assert first is not None and first.id == message_id and first.attempts == 1
    assert claims.claim(engine, "b", "sender-b", t0 + timedelta(minutes=4), lease) is None
    second = claims.claim(engine, "b", "sender-b", t0 + timedelta(minutes=6), lease)
    assert second is not None and second.id == message_id and second.attempts == 2
    assert claims.mark_sent.perform(engine, "a", message_id, "sender-a", t0) is False
    assert claims.mark_sent.perform(engine, "b", message_id, "sender-b", t0) is True
    assert rows(engine)[message_id].status == SENT
    # nothing was written when nothing was claimed
    assert [action for action, _ in actions(engine)] == [
        "notification.claim",
        "notification.claim",
        "notification.sent",
        "notification.sent",
    ]


def test_retry_sends_a_failed_message_again_with_its_attempts_counted_afresh(
    engine: Engine, server: int, inbox: Inbox
) -> None:
    sent, failed = queue(engine, ARABIC, CHINESE)
    t0 = soon()
    with engine.begin() as connection:
        connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == failed)
            .values(status=FAILED, attempts=8, last_error="550 no")
        )
    send_due(engine, "cli:test", config(server), clock=Clock(t0))
    assert rows(engine)[failed].status == FAILED
    claims.retry.perform(engine, "admin", failed, t0)
    for refused in (sent, 999):
        with pytest.raises(ValueError, match=str(refused)):
            claims.retry.perform(engine, "admin", refused, t0)
    assert (rows(engine)[failed].status, rows(engine)[failed].attempts) == (PENDING, 0)
    send_due(engine, "cli:test", config(server), clock=Clock(t0 + timedelta(seconds=1)))
    assert rows(engine)[failed].status == SENT
    assert len(inbox.received) == 2
    assert ("notification.retry", str(failed)) in actions(engine)


def test_the_wait_doubles_and_is_at_most_a_day() -> None:
    first = timedelta(minutes=2)
    waits = [claims.backoff(n, first) for n in (1, 2, 3, 4)]
    assert waits == [first, first * 2, first * 4, first * 8]
    assert claims.backoff(40, first) == timedelta(days=1)
    assert claims.backoff(1000, timedelta(days=1)) == timedelta(days=1)


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b"])
def test_a_subject_with_a_line_break_goes_out_on_one_line_and_blocks_nobody(
    engine: Engine, server: int, inbox: Inbox, separator: str
) -> None:
    ids = queue(
        engine,
        ("first@example.org", "First", "en"),
        ARABIC,
        meeting=f"SG17{separator}Bcc: victim@example.org",
    )
    summary = send_due(engine, "cli:test", config(server), clock=Clock())
    assert (summary.sent, summary.retrying, summary.failed) == (2, 0, 0)
    subjects = {str(m["Subject"]) for m in inbox.messages()}
    assert subjects == {"Your application for SG17 Bcc: victim@example.org"}
    for message in inbox.messages():
        assert message["Bcc"] is None
    envelopes = sorted(tuple(to) for _from, to, _content in inbox.received)
    assert envelopes == [("first@example.org",), ("layla@example.org",)]
    assert {rows(engine)[i].status for i in ids} == {SENT}
