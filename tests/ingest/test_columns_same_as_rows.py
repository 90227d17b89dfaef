"""Attendance read a column at a time (plain CSV files) gives exactly what the row-wise path
gives (hypothesis): on random files of good and bad rows — blank, short and too wide rows,
blank lines and lines of commas, CRLF, a byte-order mark, padded, long and unknown ids, bad
modes and booleans, duplicates within a file and across two files, one of them quoted (read
row-wise) — the same error list, or the same stored rows, counts and audited row counts."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from stdgap.ingest import attendance_write, context, looked_up_ids, pipeline
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.plaincsv import read_plain
from stdgap.ingest.sources import Source
from stdgap.store.unit import transaction
from stdgap.tabular.errors import ImportFailed

_examples = itertools.count()


@pytest.fixture(autouse=True, params=["by key", "by meeting"])
def stored_rows_read(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored rows a file's rows are compared with: looked up by key (a meeting with few
    rows in the file, as here) or read for the whole meeting (a file of a meeting's attendance)."""
    from stdgap.ingest.handlers import attendance as row_wise

    if request.param == "by meeting":
        monkeypatch.setattr(attendance_write, "SPARSE_ROWS", 1)
        monkeypatch.setattr(row_wise, "SPARSE_ROWS", 1)


COLUMNS = ["meeting_id", "person_id", "member_id", "mode", "fellowship", "interpretation"]
VALUES = {
    "meeting_id": ["M1", "M2", "M3", " M1 ", "M9", "", "x" * 301],
    "person_id": ["P1", "P2", "P3", "P1 ", "P9", ""],
    "member_id": ["A", "B", "Z", ""],
    "mode": ["remote", "in_person", "In Person", "REMOTE", "teleport", ""],
    "fellowship": ["yes", "no", "true", "0", "maybe", ""],
    "interpretation": ["fr", "", "es", "y" * 301],
    "note": ["", "hello"],
}

GOOD = {
    "meeting_id": ["M1", "M2", "M3", " M1 "],
    "person_id": ["P1", "P2", "P3", "P1 "],
    "member_id": ["A", "B"],
    "mode": ["remote", "in_person", "In Person", "REMOTE", ""],
    "fellowship": ["yes", "no", "true", "0", ""],
    "interpretation": ["fr", "", "es"],
    "note": ["", "hello"],
}

cells = st.sampled_from(sorted({value for values in VALUES.values() for value in values}))


@st.composite
def rows(draw: st.DrawFn, header: list[str], clean: bool) -> str:
    kinds = ["row", "row", "blank", "commas"] if clean else ["row"] * 4 + ["blank", "commas"]
    kind = draw(st.sampled_from(kinds if clean else [*kinds, "short", "wide"]))
    if kind == "blank":
        return ""
    if kind == "commas":
        return "," * draw(st.integers(0, len(header) + 2))
    values = [draw(st.sampled_from((GOOD if clean else VALUES).get(name, [""]))) for name in header]
    if kind == "short":
        values = values[: draw(st.integers(1, len(header)))]
    if kind == "wide":
        values += [draw(cells) for _ in range(draw(st.integers(1, 2)))]
    return ",".join(values)


@st.composite
def files(draw: st.DrawFn) -> str:
    optional = draw(st.lists(st.sampled_from(["mode", "fellowship", "interpretation", "note"])))
    header = ["meeting_id", "person_id", "member_id", *dict.fromkeys(optional)]
    header = draw(st.permutations(header))
    lines = [",".join(draw(st.sampled_from([name, name.upper()])) for name in header)]
    clean = draw(st.booleans())  # good rows only (the import may go through), or any
    lines += draw(st.lists(rows(header, clean), max_size=6 if clean else 25))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    end = draw(st.sampled_from(["", newline]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + newline.join(lines) + end


STORE = """\
members.csv
member_id,name,type,country
A,Alpha,academia,KEN
B,Beta,academia,CHE
---
people.csv
person_id
P1
P2
P3
---
meetings.csv
meeting_id,group,start
M1,SG5,2024-01-01
M2,SG5,2024-02-01
M3,SG5,2024-03-01
---
attendance.csv
meeting_id,person_id,member_id,mode,fellowship,interpretation
M1,P1,A,remote,yes,fr
M1,P2,B,in_person,no,
M2,P1,A,in_person,no,es
"""


class Rolled(Exception):
    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome


def _load(engine: Engine, folder: Path) -> None:
    sources = []
    for part in STORE.split("---\n"):
        name, body = part.split("\n", 1)
        path = folder / name
        path.write_text(body, encoding="utf-8")
        sources.append(Source.from_path(path, path.stem))
    run_import.perform(engine, "test", sources)


def _outcome(
    engine: Engine, paths: list[Path], columns: bool, looked_up: bool = False, whole: bool = False
) -> Any:
    """What importing ``paths`` does (rolled back): the errors, or the rows, counts and audit;
    ``looked_up``: the people's ids looked up as they are met, as in a large store (``whole``:
    the whole table read at the first lookup, as for a large file)."""
    old = pipeline.COLUMNS_AT_A_TIME
    old_whole = context.LOAD_WHOLE_PEOPLE
    old_read_whole = looked_up_ids.READ_WHOLE_ABOVE
    pipeline.COLUMNS_AT_A_TIME = columns
    context.LOAD_WHOLE_PEOPLE = -1 if looked_up else old_whole
    looked_up_ids.READ_WHOLE_ABOVE = 0 if whole else old_read_whole
    try:
        with transaction(engine, "test", "import") as unit:
            report = run_import(unit, [Source.from_path(path, "attendance") for path in paths])
            stored = unit.connection.execute(
                text(
                    "SELECT m.meeting_id, p.person_id, b.member_id, a.mode, a.fellowship, "
                    "a.interpretation FROM attendance a JOIN meetings m ON m.id = a.meeting_id "
                    "JOIN people p ON p.id = a.person_id JOIN members b ON b.id = a.member_id"
                )
            ).all()
            counts = {kind: vars(c) for kind, c in report.counts.items()}
            if unit.connection.dialect.name == "postgresql":  # the triggers are on again
                role = "SELECT current_setting('session_replication_role')"
                assert unit.connection.exec_driver_sql(role).scalar_one() == "origin"
            audit = {verb: dict(tables) for verb, tables in unit.rows.items()}
            raise Rolled(("written", sorted(map(tuple, stored)), counts, report.rows_read, audit))
    except ImportFailed as failure:
        return ("failed", [str(error) for error in failure.errors])
    except Rolled as rolled:
        return rolled.outcome
    finally:
        pipeline.COLUMNS_AT_A_TIME = old
        context.LOAD_WHOLE_PEOPLE = old_whole
        looked_up_ids.READ_WHOLE_ABOVE = old_read_whole


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    _load(engine, tmp_path)
    return engine


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=files(), second=st.none() | files(), quote_second=st.booleans())
def test_columns_and_rows_agree(
    loaded: Engine, tmp_path: Path, first: str, second: str | None, quote_second: bool
) -> None:
    folder = tmp_path / f"example-{next(_examples)}"
    folder.mkdir()
    paths = [folder / "attendance.csv"]
    paths[0].write_bytes(first.encode("utf-8"))
    if second is not None:
        if quote_second:  # not plain: read row-wise, after or before a plain one
            second = second.replace("P", '"P', 1).replace("P", 'P"', 1) if "P" in second else second
        paths.append(folder / "attendance-2.csv")
        paths[1].write_bytes(second.encode("utf-8"))
    assert read_plain(paths[0], str(paths[0])) is not None
    outcome = _outcome(loaded, paths, columns=True)
    event(outcome[0])
    assert outcome == _outcome(loaded, paths, columns=False)
    assert outcome == _outcome(loaded, paths, columns=True, looked_up=True)
    assert outcome == _outcome(loaded, paths, columns=False, looked_up=True)
    assert outcome == _outcome(loaded, paths, columns=True, looked_up=True, whole=True)
    assert _outcome(loaded, paths[::-1], columns=True) == _outcome(
        loaded, paths[::-1], columns=False
    )


@pytest.mark.parametrize("may_skip_triggers", [True, False])
def test_a_clean_file_is_read_a_column_at_a_time(
    loaded: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, may_skip_triggers: bool
) -> None:
    """Rows inserted, updated and left as they were, counted alike in the report and the audit;
    on PostgreSQL with the foreign keys' triggers turned off or not (a role that may not)."""
    if not may_skip_triggers:
        monkeypatch.setattr(attendance_write, "_may_skip_triggers", lambda cursor: False)
    path = tmp_path / "attendance.csv"
    path.write_text(
        "meeting_id,person_id,member_id,mode\nM1,P1,A,in_person\nM3,P3,B,\nM1,P2,B,in_person\n",
        encoding="utf-8",
    )
    outcome = _outcome(loaded, [path], columns=True)
    assert outcome[0] == "written"
    assert outcome[2] == {"attendance": {"inserted": 1, "updated": 1, "unchanged": 1}}
    assert outcome[4]["inserted"] == {"attendance": 1}
    assert outcome[4]["updated"] == {"attendance": 1}
    new = tmp_path / "new.csv"  # meetings without stored attendance: copied straight in
    new.write_text("meeting_id,person_id,member_id\nM3,P1,A\nM3,P2,B\n", encoding="utf-8")
    outcome = _outcome(loaded, [new], columns=True)
    assert outcome[2] == {"attendance": {"inserted": 2, "updated": 0, "unchanged": 0}}
    assert ("M3", "P2", "B", "in_person", False, None) in outcome[1]


@pytest.mark.parametrize(
    "body",
    [
        'meeting_id,person_id,member_id\n"M1",P1,A\n',
        "meeting_id,person_id,member_id\nM1,P1,A\rM2,P1,A\n",
        "meeting_id,person_id,member_id\nM\xe9,P1,A\n",
        "meeting_id,person_id,member_id\nM1,P1\x00,A\n",
    ],
)
def test_files_that_are_not_plain_are_read_row_wise(tmp_path: Path, body: str) -> None:
    path = tmp_path / "attendance.csv"
    path.write_bytes(body.encode("latin-1"))
    assert read_plain(path, "attendance.csv") is None
