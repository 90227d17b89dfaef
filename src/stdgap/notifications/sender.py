"""Sending the outbox: each message due is claimed, handed to the SMTP server, then marked sent,
or retried later with an exponential backoff and marked failed after the last attempt.

No transaction is open while the server is spoken to: a claim and its mark are two short
writes of their own (:mod:`stdgap.notifications.claims`). Delivery is *at least once*: a sender
that stops between the server's acceptance and the mark (killed, the machine down, the store
unreachable) leaves its message ``sending``; when the claim's lease ends, another run sends it
again, with the same ``Message-ID``. A sender stopped by SIGTERM or Ctrl-C finishes the message
in hand first.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from stdgap.notifications import claims, smtp
from stdgap.notifications.mail import BadLetter, Letter, compose
from stdgap.notifications.models import FAILED, SENT
from stdgap.notifications.outbox import now
from stdgap.notifications.smtp import ServerFault, SmtpConfig

Clock = Callable[[], datetime]
LOST = "lost"


class MessageFault(Exception):
    """The server refused this message (its recipient, its sender, its content): the message
    is retried later; the next one is sent."""


@dataclass(frozen=True)
class Outcome:
    """What became of one message: ``sent``, ``pending`` (to retry at ``retry_at``),
    ``failed`` (the last attempt), or ``lost`` (another sender had taken it over)."""

    id: int
    kind: str
    status: str
    attempts: int
    error: str | None = None
    retry_at: datetime | None = None


@dataclass
class Summary:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    lost: int = 0
    #: Why the run stopped early: the server could not be used.
    server_fault: str | None = None

    @property
    def handled(self) -> int:
        return self.sent + self.retrying + self.failed + self.lost

    def count(self, outcome: Outcome) -> None:
        if outcome.status == SENT:
            self.sent += 1
        elif outcome.status == FAILED:
            self.failed += 1
        elif outcome.status == LOST:
            self.lost += 1
        else:
            self.retrying += 1


class Mailer:
    """One connection to the SMTP server for a run, opened when the first message needs it."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self.connection: smtplib.SMTP | None = None

    def send(self, letter: Letter, moment: datetime) -> None:
        config = self.config
        try:
            message = compose(
                letter, config.sender_name, config.sender_address, moment, config.site_url
            )
        except BadLetter as error:
            raise MessageFault(str(error)) from None
        if self.connection is None:
            self.connection = smtp.connect(config)
        try:
            self.connection.send_message(
                message, from_addr=config.sender_address, to_addrs=[letter.recipient]
            )
        except smtplib.SMTPServerDisconnected as error:
            self.drop()
            raise ServerFault(smtp.describe(error) or "the server closed the connection") from None
        except smtplib.SMTPResponseException as error:
            if error.smtp_code == 421:  # the service is closing the connection
                self.drop()
                raise ServerFault(smtp.describe(error)) from None
            raise MessageFault(smtp.describe(error)) from None
        except (smtplib.SMTPException, ValueError, UnicodeError) as error:
            raise MessageFault(smtp.describe(error)) from None
        except OSError as error:
            self.drop()
            raise ServerFault(smtp.describe(error)) from None

    def drop(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def close(self) -> None:
        smtp.close(self.connection)
        self.connection = None


def _accepted(letter: Letter) -> None:
    """Called when the server has accepted a message, before it is marked sent (a seam for the
    tests of a sender that stops there)."""


def send_due(
    engine: Engine,
    actor: str,
    config: SmtpConfig,
    *,
    clock: Clock = now,
    limit: int | None = None,
    stop: Callable[[], bool] = lambda: False,
    progress: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Send the messages due (at most ``limit``) until none is left, ``stop()`` is true, or the
    server cannot be used; what became of them."""
    with engine.connect() as connection:
        policy = claims.policy(connection)
    sender = claims.sender_id()
    summary = Summary()
    mailer = Mailer(config)
    try:
        while (limit is None or summary.handled < limit) and not stop():
            if not claims.anything_due(engine, clock()):
                break
            letter = claims.claim(engine, actor, sender, clock(), config.lease)
            if letter is None:
                break
            outcome = _send_one(engine, actor, sender, mailer, letter, clock, policy, summary)
            summary.count(outcome)
            if progress is not None:
                progress(outcome)
            if summary.server_fault is not None:
                break
    finally:
        mailer.close()
    return summary


def _send_one(
    engine: Engine,
    actor: str,
    sender: str,
    mailer: Mailer,
    letter: Letter,
    clock: Clock,
    policy: tuple[int, timedelta],
    summary: Summary,
) -> Outcome:
    try:
        mailer.send(letter, clock())
    except (MessageFault, ServerFault) as error:
        if isinstance(error, ServerFault):
            summary.server_fault = str(error)
        moment = clock()
        status = claims.mark_failed.perform(
            engine, actor, letter.id, sender, moment, letter.attempts, str(error), policy
        )
        waits = status not in (None, FAILED)
        retry_at = moment + claims.backoff(letter.attempts, policy[1]) if waits else None
        return Outcome(
            letter.id, letter.kind, status or LOST, letter.attempts, str(error), retry_at
        )
    _accepted(letter)
    marked = claims.mark_sent.perform(engine, actor, letter.id, sender, clock())
    return Outcome(letter.id, letter.kind, SENT if marked else LOST, letter.attempts)
