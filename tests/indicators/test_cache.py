"""The cache never answers for content other than the store's current one."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from stdgap.indicators.cache import clear_memory
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
    written = list(private_cache.rglob("*.parquet"))
    assert len(written) == 3
    clear_memory()
    assert compute(loaded, by=["year", "group"], min_cell=1) == first
    for path in written:  # a damaged cache is rebuilt, not trusted
        path.write_bytes(b"not parquet")
    clear_memory()
    assert compute(loaded, by=["year", "group"], min_cell=1) == first


def test_cache_switched_off(loaded: Engine, private_cache: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("STDGAP_CACHE_DIR", "off")
    assert _attendances(loaded)[2024] == 7
    assert not private_cache.exists()
