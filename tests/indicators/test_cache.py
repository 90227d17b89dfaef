"""The cache never answers for content other than the store's current one."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from stdgap.indicators import cache
from stdgap.indicators.cache import clear_memory
from stdgap.indicators.sources import registry
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap_testing import compute


def _attendances(engine: Engine) -> dict[int, int | float | None]:
    return {
        int(c.dims["year"]): c.value for c in compute(engine, ["attendances"], ["year"], min_cell=1)
    }


def test_new_rows_are_seen_at_once(loaded: Engine, tmp_path: Path) -> None:
    assert _attendances(loaded) == {2023: 6, 2024: 7, 2025: 3}
    extra = tmp_path / "attendance.csv"
    extra.write_text(
        "meeting_id,person_id,member_id\nSG3-2025-03,P2,MS-CHE\nSG3-2025-03,P3,MS-KEN\n"
    )
    run_import.perform(loaded, "test", [Source.from_path(extra, "attendance")])
    assert _attendances(loaded) == {2023: 6, 2024: 7, 2025: 5}
    meetings = tmp_path / "meetings.csv"
    meetings.write_text("meeting_id,group,start\nSG5-2026-01,SG5,2026-01-12\n")
    more = tmp_path / "more.csv"
    more.write_text("meeting_id,person_id,member_id\nSG5-2026-01,P1,MS-BTN\n")
    run_import.perform(
        loaded,
        "test",
        [Source.from_path(meetings, "meetings"), Source.from_path(more, "attendance")],
    )
    assert _attendances(loaded) == {2023: 6, 2024: 7, 2025: 5, 2026: 1}


def test_a_new_process_reads_the_parquet_cache(loaded: Engine, private_cache: Path) -> None:
    first = compute(loaded, by=["year", "group"], min_cell=1)
    cache.wait_for_writes()  # written in the background, after the answer
    written = list(private_cache.rglob("*.parquet"))
    facts = {path.stem for path in written if not path.stem.startswith(("raw-", "extra-"))}
    assert facts == set(registry())  # one file per fact source, and the tables they came from
    assert {"raw-attendance", "raw-people"} <= {path.stem for path in written}
    clear_memory()
    assert compute(loaded, by=["year", "group"], min_cell=1) == first
    for path in written:  # a damaged cache is rebuilt, not trusted
        path.write_bytes(b"not parquet")
    clear_memory()
    assert compute(loaded, by=["year", "group"], min_cell=1) == first


def test_cache_switched_off(loaded: Engine, private_cache: Path, monkeypatch: object) -> None:
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("STDGAP_CACHE_DIR", "off")
    assert _attendances(loaded)[2024] == 7
    assert not private_cache.exists()


def test_an_answer_asked_by_many_at_once_is_computed_once(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdgap.indicators import answers
    from stdgap.indicators.request import IndicatorRequest

    answers.clear()
    calls: list[int] = []
    real = answers.compute

    def slow(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        time.sleep(0.5)  # the others arrive meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(answers, "compute", slow)
    request = IndicatorRequest.of(("attendances",), ("year",), {})
    start = threading.Barrier(6)
    found: list[Any] = []

    def ask() -> None:
        start.wait()
        found.append(answers.records(loaded, request))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(calls) == 1
    assert len(found) == 6 and all(answer == found[0] for answer in found)
    assert answers.records(loaded, request) == found[0] and len(calls) == 1


def test_a_failed_answer_is_told_to_everyone_waiting(
    loaded: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdgap.indicators import answers
    from stdgap.indicators.request import IndicatorRequest

    answers.clear()

    def failing(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        raise RuntimeError("the store went away")

    monkeypatch.setattr(answers, "compute", failing)
    request = IndicatorRequest.of(("attendances",), ("year",), {})
    start = threading.Barrier(3)
    errors: list[str] = []

    def ask() -> None:
        start.wait()
        try:
            answers.records(loaded, request)
        except RuntimeError as error:
            errors.append(str(error))

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == ["the store went away"] * 3
    assert len(answers._flights) == 0


def test_a_newer_snapshot_does_not_wait_for_the_older_one_s_cache_write(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Two imports a moment apart: the second answer supersedes the first one's pending Parquet
    write without waiting for it to finish, if it is already being written."""
    writing, release = threading.Event(), threading.Event()
    written: list[Path] = []

    def slow_write(folder: Path, snapshot: Any) -> None:
        writing.set()
        release.wait(10)
        written.append(folder)

    monkeypatch.setattr(cache, "_write", slow_write)
    first, second = tmp_path / "store" / "v1", tmp_path / "store" / "v2"
    cache._write_later(first, object())  # type: ignore[arg-type]
    writer = threading.Thread(target=cache._pending[str(first.parent)].write)  # as its timer
    writer.start()
    assert writing.wait(5)
    started = time.perf_counter()
    cache._write_later(second, object())  # type: ignore[arg-type]
    waited = time.perf_counter() - started
    release.set()
    writer.join(5)
    cache.wait_for_writes()
    assert waited < 1.0  # not held until the first write ends (it is released only now)
    assert written == [first, second]


def test_after_an_import_only_the_changed_source_is_aggregated_again(
    loaded: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import of attendance leaves the contribution and role frames as they were: their
    aggregations are taken again, the attendance's computed again, and the figures are those of
    a cache built from nothing."""
    from stdgap.indicators import compute as engine_compute

    computed: list[str] = []
    real = engine_compute._aggregated

    def counted(source: Any, *args: Any) -> Any:
        computed.append(source.name)
        return real(source, *args)

    monkeypatch.setattr(engine_compute, "_aggregated", counted)
    by = ["year", "group"]
    compute(loaded, by=by, min_cell=1)
    assert {"attendance", "contributions", "roles"} <= set(computed)
    computed.clear()
    compute(loaded, by=by, min_cell=1)
    assert computed == []  # the same request on the same frames: nothing aggregated again
    extra = tmp_path / "attendance.csv"
    extra.write_text("meeting_id,person_id,member_id\nSG3-2025-03,P2,MS-CHE\n")
    run_import.perform(loaded, "test", [Source.from_path(extra, "attendance")])
    after = compute(loaded, by=by, min_cell=1)
    assert "attendance" in computed
    assert "contributions" not in computed and "roles" not in computed
    clear_memory()
    monkeypatch.setenv("STDGAP_CACHE_DIR", "off")
    assert compute(loaded, by=by, min_cell=1) == after


def test_a_late_write_of_an_older_version_leaves_the_newer_cache(
    loaded: Engine, private_cache: Path
) -> None:
    """Version 2's cache is written while version 1's write is still under way: version 1's,
    finishing last, neither replaces nor deletes it. A temporary folder left by a write cut off
    long ago is removed; one of a write under way is not."""
    import dataclasses
    import os

    snapshot = cache.snapshot_for(loaded)
    cache.wait_for_writes()
    parent = private_cache / "store"
    parent.mkdir(parents=True)
    stale, fresh = parent / ".tmp-cut-off", parent / ".tmp-under-way"
    stale.mkdir()
    fresh.mkdir()
    long_ago = time.time() - 2 * cache.ABANDONED_SECONDS
    os.utime(stale, (long_ago, long_ago))
    made = time.monotonic()
    older = dataclasses.replace(snapshot, made=made, key=("v1", *snapshot.key[1:]))
    newer = dataclasses.replace(snapshot, made=made + 1, key=("v2", *snapshot.key[1:]))
    cache._write(parent / "v2", newer)
    cache._write(parent / "v1", older)
    kept = sorted(path.name for path in parent.iterdir())
    assert kept == [".tmp-under-way", "v2"]
    assert cache._read(parent / "v2") is not None
