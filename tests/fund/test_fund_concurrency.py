"""A double spend from two processes at once on PostgreSQL: each process tries to spend and to
reserve on the same earmark many times; the earmark's row is locked before its balance is read,
so what succeeds never exceeds what was received, and exactly as much succeeds as fits."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.fund import ledger, queries
from stdgap.fund.errors import FundError
from stores import Templates

EARMARK = "shared"
TRIES = 12


def _build(engine: Engine) -> None:
    ledger.add_donor.perform(engine, "test", "Donor", "other")
    ledger.add_earmark.perform(engine, "test", EARMARK, "general")
    ledger.receive.perform(engine, "test", "Donor", EARMARK, "1000")


def _spender(
    url: str, name: str, start: multiprocessing.synchronize.Event, out: multiprocessing.Queue[int]
) -> None:
    engine = open_store(url)
    start.wait(30)
    done = 0
    for attempt in range(TRIES):
        try:
            if attempt % 2:
                ledger.reserve.perform(engine, name, EARMARK, "100", "event", f"{name}-{attempt}")
            else:
                ledger.spend.perform(engine, name, EARMARK, "100", "event", f"{name}-{attempt}")
            done += 1
        except FundError:
            pass
    engine.dispose()
    out.put(done)


@pytest.fixture
def shared(templates: Templates, tmp_path: Path) -> Iterator[str]:
    url = templates.copy("postgresql", "fund-shared", _build, tmp_path)
    yield url
    templates.drop(url)


def test_two_processes_cannot_overspend(shared: str) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    out: multiprocessing.Queue[int] = context.Queue()
    workers = [
        context.Process(target=_spender, args=(shared, f"officer-{n}", start, out)) for n in (1, 2)
    ]
    for worker in workers:
        worker.start()
    start.set()
    done = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    assert sum(done) == 10  # 24 tries of 100 on 1,000: ten succeed, whoever wins each race
    engine = open_store(shared)
    try:
        balance = queries.balances(engine).earmarks[0].balance
    finally:
        engine.dispose()
    assert balance.available == 0
    assert balance.spent + balance.reserved == Decimal("1000")
