"""``stdgap notifications send | list | retry``: the SMTP server from the environment, what was
done printed; ``--watch`` keeps sending until stopped (SIGTERM: it finishes the message in hand
and exits 0); the outbox listed as a table, JSON or CSV; failed messages sent again."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from typing import Any

import pytest
from outbox_testing import queue
from sqlalchemy import Engine, select, update
from typer.testing import CliRunner

from smtp_testing import HOST, SENDER, Inbox, free_port
from stdgap.notifications import cli as notifications_cli
from stdgap.notifications.models import FAILED, PENDING, SENT, OutboxMessage


def env(port: int, **more: str) -> dict[str, str]:
    return {
        "STDGAP_SMTP_HOST": HOST,
        "STDGAP_SMTP_PORT": str(port),
        "STDGAP_SMTP_TLS": "none",
        "STDGAP_SMTP_FROM": SENDER,
        "STDGAP_SMTP_TIMEOUT": "3",
        **more,
    }


def run(cli: CliRunner, url: str, *args: str, environment: dict[str, str] | None = None) -> Any:
    from stdgap.cli.main import app

    return cli.invoke(app, ["--db", url, "notifications", *args], env=environment)


def statuses(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        found = connection.execute(select(OutboxMessage.status).order_by(OutboxMessage.id))
        return list(found.scalars())


def test_send_delivers_what_is_due_and_says_so(
    engine: Engine, store_url: str, cli: CliRunner, server: int, inbox: Inbox
) -> None:
    first, second = queue(engine, ("a@example.org", "A", "en"), ("b@example.org", "B", "fr"))
    done = run(cli, store_url, "send", environment=env(server))
    assert done.exit_code == 0, done.output
    assert f"sent #{first} (fellowship.submitted)" in done.stdout
    assert f"sent #{second} (fellowship.submitted)" in done.stdout
    assert "2 sent, 0 to retry, 0 failed" in done.stdout
    assert len(inbox.received) == 2 and statuses(engine) == [SENT, SENT]
    again = run(cli, store_url, "send", environment=env(server))
    assert again.exit_code == 0 and "0 sent, 0 to retry, 0 failed" in again.stdout


def test_send_without_a_server_or_with_an_unreachable_one_fails_clearly(
    engine: Engine, store_url: str, cli: CliRunner
) -> None:
    queue(engine, ("a@example.org", "A", "en"))
    unset = run(cli, store_url, "send", environment={"STDGAP_SMTP_HOST": ""})
    assert unset.exit_code == 2 and "STDGAP_SMTP_HOST is not set" in unset.output
    secret = "correct-horse-battery-9"
    settings = env(free_port(), STDGAP_SMTP_USER="mailer", STDGAP_SMTP_PASSWORD=secret)
    down = run(cli, store_url, "send", environment=settings)
    assert down.exit_code == 1
    assert f"SMTP server: {HOST}:" in down.stderr and "next at" in down.stdout
    assert secret not in down.output
    assert statuses(engine) == [PENDING]


def test_watch_keeps_sending_until_stopped(
    engine: Engine,
    store_url: str,
    cli: CliRunner,
    server: int,
    inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queue(engine, ("a@example.org", "A", "en"))
    naps: list[int] = []

    def nap(seconds: int, stop: Any) -> None:
        naps.append(seconds)
        if len(naps) == 1:  # while it waits, a programme queues another message
            queue(engine, ("b@example.org", "B", "en"))
        else:
            stop.asked = True

    monkeypatch.setattr(notifications_cli, "_sleep", nap)
    done = run(cli, store_url, "send", "--watch", "7", environment=env(server))
    assert done.exit_code == 0, done.output
    assert naps == [7, 7]
    assert [to for _from, to, _content in inbox.received] == [["a@example.org"], ["b@example.org"]]
    assert done.stdout.count("1 sent, 0 to retry, 0 failed") == 2
    assert statuses(engine) == [SENT, SENT]


def test_a_watching_sender_stops_on_sigterm(
    engine: Engine, store_url: str, server: int, inbox: Inbox
) -> None:
    queue(engine, ("a@example.org", "A", "en"))
    command = [sys.executable, "-m", "stdgap", "--db", store_url, "notifications", "send"]
    process = subprocess.Popen(
        [*command, "--watch", "1"],
        env={**os.environ, **env(server)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not inbox.received and time.monotonic() < deadline:
            time.sleep(0.1)
        assert inbox.received, "the watching sender sent nothing"
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "1 sent, 0 to retry, 0 failed" in out
    assert statuses(engine) == [SENT]


def test_list_and_retry(engine: Engine, store_url: str, cli: CliRunner) -> None:
    sent, failed, pending = queue(
        engine,
        ("a@example.org", "A", "en"),
        ("=cmd@example.org", "=HYPERLINK(1)", "en"),
        ("c@example.org", "C", "en"),
    )
    with engine.begin() as connection:
        connection.execute(
            update(OutboxMessage).where(OutboxMessage.id == sent).values(status=SENT)
        )
        connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == failed)
            .values(status=FAILED, attempts=8, last_error="550 no such mailbox")
        )
    listed = run(cli, store_url, "list", "--status", "failed", "--format", "json")
    assert listed.exit_code == 0, listed.output
    body = json.loads(listed.stdout)
    assert body["total"] == 1 and [m["id"] for m in body["items"]] == [failed]
    assert body["items"][0]["last_error"] == "550 no such mailbox"
    table = run(cli, store_url, "list")
    assert table.exit_code == 0 and "Outbox (1–3 of 3)" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run(cli, store_url, "list", "--format", "csv").stdout)))
    assert [int(row["id"]) for row in rows] == [pending, failed, sent]
    assert rows[1]["recipient"] == "'=cmd@example.org"  # not a formula in a spreadsheet
    bad = run(cli, store_url, "list", "--status", "lost")
    assert bad.exit_code == 2 and "--status 'lost'" in bad.output
    refused = run(cli, store_url, "retry", str(sent))
    assert refused.exit_code == 2 and f"message {sent} is sent" in refused.output
    assert run(cli, store_url, "retry").exit_code == 2
    done = run(cli, store_url, "retry", str(failed))
    assert done.exit_code == 0 and statuses(engine) == [SENT, PENDING, PENDING]
    with engine.begin() as connection:
        connection.execute(
            update(OutboxMessage).where(OutboxMessage.id == pending).values(status=FAILED)
        )
    every = run(cli, store_url, "retry", "--failed")
    assert every.exit_code == 0 and "1 failed message(s)" in every.stdout
    assert statuses(engine) == [SENT, PENDING, PENDING]
