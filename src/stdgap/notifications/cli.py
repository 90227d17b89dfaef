"""``stdgap notifications …``: send the outbox through the SMTP server (once, or as a service
with ``--watch``), list it, retry failed messages."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Annotated

import typer

from stdgap.console.common import DbOption, actor, console, err_console, fail, store
from stdgap.console.records import FormatOption, check_format, emit_rows

app = typer.Typer(
    add_completion=False,
    help="E-mail notifications: the outbox and its sender.",
    no_args_is_help=True,
)


class _Stop:
    """Set by SIGTERM or Ctrl-C: the sender finishes the message in hand, then stops."""

    def __init__(self) -> None:
        self.asked = False

    def __call__(self) -> bool:
        return self.asked

    def ask(self, _signal: int, _frame: FrameType | None) -> None:
        self.asked = True


def _progress(outcome: object) -> None:
    from stdgap.notifications.sender import Outcome

    assert isinstance(outcome, Outcome)
    what = f"#{outcome.id} ({outcome.kind})"
    if outcome.status == "sent":
        console.print(f"sent {what}")
    elif outcome.status == "failed":
        console.print(f"failed {what} after {outcome.attempts} attempt(s): {outcome.error}")
    elif outcome.status == "lost":
        console.print(f"{what}: taken over by another sender (its lease had ended)")
    else:
        when = outcome.retry_at.isoformat(sep=" ") if outcome.retry_at else "later"
        console.print(f"{what}: attempt {outcome.attempts} failed, next at {when}: {outcome.error}")


@app.command("send")
def send(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Send at most this many messages", show_default=False)
    ] = None,
    watch: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Keep sending: look for messages due every SECONDS until stopped "
            "(SIGTERM or Ctrl-C)",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Send the e-mail due now through the SMTP server of STDGAP_SMTP_* (docs/notifications.md):
    each message marked sent in its own write, a failure retried later (mail_retry_seconds,
    doubling) and marked failed after mail_max_attempts."""
    from stdgap.notifications.sender import send_due
    from stdgap.notifications.smtp import SmtpConfigError, from_env

    try:
        config = from_env()
    except SmtpConfigError as error:
        fail(str(error))
    engine = store(ctx, db)
    stop = _Stop()
    fault: str | None = None
    previous = signal.signal(signal.SIGTERM, stop.ask)
    try:
        while True:
            try:
                summary = send_due(
                    engine, actor(), config, limit=limit, stop=stop, progress=_progress
                )
            except KeyboardInterrupt:
                stop.asked = True
                break
            fault = summary.server_fault
            if fault:
                err_console.print(f"SMTP server: {fault}", markup=False, highlight=False)
            if watch is None or summary.handled or summary.server_fault:
                console.print(
                    f"{summary.sent} sent, {summary.retrying} to retry, {summary.failed} failed"
                    + (f", {summary.lost} taken over" if summary.lost else "")
                )
            if watch is None or stop():
                break
            _sleep(watch, stop)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if watch is None and fault:
        raise typer.Exit(1)


def _sleep(seconds: int, stop: _Stop) -> None:
    ends = time.monotonic() + seconds
    try:
        while not stop() and time.monotonic() < ends:
            time.sleep(min(0.5, max(ends - time.monotonic(), 0)))
    except KeyboardInterrupt:
        stop.asked = True


@app.command("list")
def list_messages(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(help="Only messages pending, sending, sent or failed", show_default=False),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Messages to show")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Newest messages to skip")] = 0,
    output_format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """The outbox, newest first: kind, recipient, status, attempts, next attempt, last error."""
    from stdgap.notifications.models import STATUSES
    from stdgap.notifications.queries import outbox

    check_format(output_format)
    if status is not None and status not in STATUSES:
        fail(f"--status {status!r}: use one of {', '.join(STATUSES)}")
    total, rows = outbox(store(ctx, db), status, limit, offset)
    columns = ["id", "created_at", "kind", "recipient", "status", "attempts"]
    columns += ["next_attempt_at", "sent_at", "last_error"]
    emit_rows(rows, columns, output_format, "Outbox", total, offset)


@app.command("retry")
def retry(
    ctx: typer.Context,
    message_id: Annotated[
        int | None,
        typer.Argument(help="The message's id (see notifications list)", show_default=False),
    ] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Every failed message")] = False,
    db: DbOption = None,
) -> None:
    """Send a failed message again at the next run, its attempts counted afresh."""
    from stdgap.notifications import claims
    from stdgap.notifications.outbox import NotificationError, now

    if (message_id is None) == (not failed):
        fail("give a message id or --failed (not both)")
    engine = store(ctx, db)
    if failed:
        count = claims.retry_failed.perform(engine, actor(), now())
        console.print(f"{count} failed message(s) will be sent at the next run")
        return
    assert message_id is not None
    try:
        claims.retry.perform(engine, actor(), message_id, now())
    except NotificationError as error:
        fail(str(error))
    console.print(f"message {message_id} will be sent at the next run")
