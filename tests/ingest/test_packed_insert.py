"""New attendance rows of a large SQLite import go in packed (a JSON array of 64-bit integers
that SQLite unpacks), the rows with an interpretation by ``executemany``: the stored rows are
exactly the file's, on both stores, and the change log holds each key once (SQLite, where the
import logs the keys itself): the exact rows up to ``COARSE_ROWS``, the meetings beyond."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text

from stdgap.ingest import attendance_write
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store import bulk

DATA = Path(__file__).parent.parent / "data" / "small"
PEOPLE = 700


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _column(kind: str, name: str) -> list[str]:
    with (DATA / f"{kind}.csv").open(encoding="utf-8") as handle:
        return [row[name] for row in csv.DictReader(handle)]


def _attendance(
    tmp_path: Path, seed: int, modes: tuple[str, ...] = ("remote", "in_person")
) -> tuple[Path, set[tuple[str, str, str, str, int, str]]]:
    """About 1,600 rows over the small data set's meetings, a tenth with an interpretation."""
    rng = random.Random(seed)
    meetings, members = _column("meetings", "meeting_id"), _column("members", "member_id")
    chosen: dict[tuple[str, str, str], list[str]] = {}
    for meeting in meetings:
        for number in rng.sample(range(PEOPLE), 600):
            key = (meeting, f"Q{number}", rng.choice(members))
            mode = rng.choice(modes)
            fellowship = rng.choice(["yes", "no"])
            spoken = rng.choice(["fr", "ar"]) if rng.random() < 0.1 else ""
            chosen[key] = [*key, mode, fellowship, spoken]
    rows = sorted(chosen.values())
    header = ["meeting_id", "person_id", "member_id", "mode", "fellowship", "interpretation"]
    expected = {(m, p, b, mode, int(f == "yes"), i) for m, p, b, mode, f, i in rows}
    return _write(tmp_path / "attendance.csv", header, rows), expected


def _setup(engine: Engine, tmp_path: Path) -> None:
    people = _write(
        tmp_path / "people.csv",
        ["person_id", "gender", "birth_year", "country", "member_id"],
        [[f"Q{n}", "F", "1980", "", ""] for n in range(PEOPLE)],
    )
    sources = [Source.from_path(DATA / f"{kind}.csv", kind) for kind in ("members", "meetings")]
    run_import.perform(engine, "test", [*sources, Source.from_path(people, "people")])


def _stored(engine: Engine) -> set[tuple[object, ...]]:
    query = text(
        "SELECT m.meeting_id, p.person_id, b.member_id, a.mode, a.fellowship, "
        "coalesce(a.interpretation, '') FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
        "JOIN people p ON p.id = a.person_id JOIN members b ON b.id = a.member_id "
        "WHERE p.person_id LIKE 'Q%'"
    )
    with engine.connect() as connection:
        return {(m, p, b, mode, int(f), i) for m, p, b, mode, f, i in connection.execute(query)}


def _logged(engine: Engine) -> list[tuple[object, ...]]:
    query = text(
        "SELECT row_key, key2, key3 FROM fact_changes WHERE table_name = 'attendance' "
        "AND row_key IN (SELECT id FROM meetings)"
    )
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def _import(engine: Engine, path: Path) -> list[str]:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        run_import.perform(engine, "test", [Source.from_path(path, "attendance")])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return statements


@pytest.mark.parametrize("coarse", [False, True])
def test_a_large_import_stores_every_row_and_logs_each_key_once(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coarse: bool
) -> None:
    if coarse:
        monkeypatch.setattr(bulk, "COARSE_ROWS", 100)
    _setup(engine, tmp_path)
    path, expected = _attendance(tmp_path, seed=int(coarse))
    statements = _import(engine, path)
    assert _stored(engine) == expected
    if engine.dialect.name != "sqlite":
        return
    assert any("json_each" in statement for statement in statements)
    logged = _logged(engine)
    assert len(logged) == len(set(logged))  # once each
    with engine.connect() as connection:
        ids = connection.execute(
            text(
                "SELECT meeting_id, person_id, member_id FROM attendance "
                "WHERE person_id IN (SELECT id FROM people WHERE person_id LIKE 'Q%')"
            )
        ).all()
    assert len(ids) == len(expected)
    if coarse:
        assert set(logged) == {(meeting, None, None) for meeting, _, _ in ids}
    else:
        assert set(logged) == {tuple(row) for row in ids}


def test_rows_that_cannot_be_packed_go_in_row_by_row(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room for one mode only, a file of two modes is written by executemany alone."""
    monkeypatch.setattr(attendance_write, "_PACKED_MODES", 1)
    _setup(engine, tmp_path)
    path, expected = _attendance(tmp_path, seed=3)
    statements = _import(engine, path)
    assert _stored(engine) == expected
    assert not any("json_each" in statement for statement in statements)


@pytest.mark.parametrize(("cap", "modes"), [(1, ("remote",)), (8, ("remote", "in_person"))])
def test_the_number_of_modes_told_apart_may_change(
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cap: int,
    modes: tuple[str, ...],
) -> None:
    """The statement unpacks as many modes as the packing leaves room for: one (a file of one
    mode) or eight (three bits)."""
    monkeypatch.setattr(attendance_write, "_PACKED_MODES", cap)
    _setup(engine, tmp_path)
    path, expected = _attendance(tmp_path, seed=cap, modes=modes)
    statements = _import(engine, path)
    assert _stored(engine) == expected
    assert (engine.dialect.name == "sqlite") == any("json_each" in s for s in statements)
