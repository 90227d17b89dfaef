"""Attacks on the cache kept current by the change log: writes through the application's own
paths, long runs of writes, restores, a second process; each compares the updated cache with a
full rebuild."""

from __future__ import annotations

from typing import Any

import pytest
from facts_compare import assert_same_facts, full_rebuild
from sqlalchemy import Engine, text

from stdgap.indicators.cache import snapshot_for
from stdgap.store import changes
from stdgap.store.unit import transaction


def _one(engine: Engine, sql: str, **values: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(text(sql), values).scalar_one()


def test_a_change_after_a_long_run_of_writes_that_logged_none_is_followed(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writes that log no change (a setting, a forum post) pruned the log down to nothing; on
    SQLite the next change then took id 1 again, below the last change the cache had seen,
    and the cache skipped it: the figures of before were served as current."""
    monkeypatch.setattr(changes, "KEEP_WRITES", 20)
    snapshot_for(loaded)
    with transaction(loaded, "test", "test.write") as unit:  # some change logged
        unit.connection.execute(text("UPDATE people SET gender = 'F' WHERE id = 1"))
    for _ in range(60):  # until a write prunes the log of every change but the newest
        with transaction(loaded, "test", "test.nothing"):
            pass
        snapshot_for(loaded)  # a server answering between the writes
        if _one(loaded, "SELECT COUNT(*) FROM fact_changes") <= 1:
            break
    assert _one(loaded, "SELECT COUNT(*) FROM fact_changes") <= 1
    with transaction(loaded, "test", "test.write") as unit:
        unit.connection.execute(
            text(
                "DELETE FROM attendance WHERE meeting_id = (SELECT MIN(meeting_id) FROM attendance)"
            )
        )
    assert_same_facts(snapshot_for(loaded).facts, full_rebuild(loaded))
