"""Indicator engine against like-for-like baselines, in one run on one store (a SQLite file, or
any store without the DuckDB figure):

1. cold: stdgap with neither the memory nor the Parquet cache (reads the store, builds the facts,
   writes the Parquet cache, answers the whole catalogue by year,group,status); beside it DuckDB
   reading every row of the same tables' columns from the same SQLite file into its own tables
   (the sqlite extension; skipped with a note when duckdb is not installed:
   pip install -e '.[bench]') and the pandas baseline's read (read_sql) + compute; the ratios
   stdgap / DuckDB read and stdgap / pandas read+compute.
2. warm: stdgap from the Parquet cache once, then in memory (best of 3, the kept aggregations
   forgotten before each) by year,group,status and by year,region, beside the pandas baseline's
   compute only (its frames read before the clock starts), and the same question asked again
   (its aggregations kept); the ratios, and the cells of the indicators pandas computes checked
   one by one (the differing ones counted by indicator).
3. after an import of 10,000 new attendance rows (new meeting, person, member triples of
   existing ids): the import's time, the first whole-catalogue answer in the same process (the
   cache follows the change log), then after another such import the first answer of a "new
   process" (memory cleared, the Parquet cache of the earlier version on disk), each with the
   seconds spent in cache.snapshot_for and incremental.advance; then a full rebuild (caches
   cleared) and the number of cells in which it differs from that answer.

    python bench/indicators.py --store URL            # an existing store (e.g. the large demo:
                                                       #   stdgap demo --scale large --db URL)
    python bench/indicators.py --synthetic 2000000    # builds (or reuses) a synthetic store
    options: --db URL (where --synthetic writes; default a file under /tmp), --no-pandas,
    --no-import (leaves the store unchanged), --import-rows N (default 10,000),
    --import-meetings K (the imported rows at K meetings drawn at random; default any meeting)

Each figure with the peak RSS (resource.getrusage); the load average first. The imports change
the store: a reused synthetic store grows by 2 x N rows a run.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import random
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]  # no pandas-stubs in dev
from sqlalchemy import Engine, text

from stdgap.bootstrap import open_store
from stdgap.indicators import cache
from stdgap.indicators.cache import clear_memory
from stdgap.indicators.compute import compute, forget_aggregations
from stdgap.indicators.request import IndicatorRequest
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source

GROUPINGS = (["year", "group", "status"], ["year", "region"])
COUNTRIES = [
    "KEN",
    "CHE",
    "USA",
    "CHN",
    "BTN",
    "IND",
    "BRA",
    "DEU",
    "SEN",
    "JPN",
    "RUS",
    "UKR",
    "FJI",
    "EGY",
    "ARG",
    "KOR",
    "STP",
    "NPL",
    "FRA",
    "GBR",
]
GROUPS = [
    "TSAG",
    "SG2",
    "SG3",
    "SG5",
    "SG9",
    "SG11",
    "SG12",
    "SG13",
    "SG15",
    "SG16",
    "SG17",
    "SG20",
    "SG21",
    "SG3RG-AFR",
    "SG5RG-ARB",
]
TYPES = ["member_state", "sector_member", "sector_member", "associate", "academia"]
Key = tuple[Any, ...]
Cells = dict[Key, tuple[Any, Any, Any]]
IMPORT_ROWS = 10_000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- synthetic store


def synthetic_sources(rows: int, seed: int = 7) -> list[Source]:
    rng = random.Random(seed)
    years = list(range(2000, 2026))
    n_people = max(rows // 40, 50)
    n_members = 2_000
    per_year = 6  # meetings of each group a year
    meetings = [
        (f"{g}-{y}-{k}", g, f"{y}-{1 + 2 * k:02d}-{rng.randint(1, 28):02d}")
        for g in GROUPS
        for y in years
        for k in range(per_year)
    ]
    by_group_year: dict[tuple[str, int], list[str]] = {}
    for meeting_id, group, start in meetings:
        by_group_year.setdefault((group, int(start[:4])), []).append(meeting_id)
    members = [
        {
            "member_id": f"M{i}",
            "name": f"Member {i}",
            "type": TYPES[i % len(TYPES)],
            "country": COUNTRIES[i % len(COUNTRIES)],
        }
        for i in range(n_members)
    ]
    people = [
        {
            "person_id": f"P{i}",
            "gender": rng.choice(["F", "M", "M", "X", ""]),
            "birth_year": rng.choice([""] + [str(y) for y in range(1950, 2002)]),
        }
        for i in range(n_people)
    ]

    def attendance() -> Iterator[dict[str, str]]:
        made = 0
        while made < rows:
            for i in range(n_people):
                start = rng.choice(years)
                home = f"M{rng.randrange(n_members)}"
                groups = rng.sample(GROUPS, 2)
                for year in range(start, min(start + rng.randint(1, 8), 2026)):
                    for group in groups:
                        for meeting in rng.sample(by_group_year[group, year], rng.randint(1, 4)):
                            member = home if rng.random() < 0.95 else f"M{rng.randrange(40)}"
                            yield {
                                "meeting_id": meeting,
                                "person_id": f"P{i}",
                                "member_id": member,
                                "mode": "remote" if rng.random() < 0.3 else "in_person",
                                "fellowship": "yes" if rng.random() < 0.03 else "no",
                            }
                            made += 1
                            if made >= rows:
                                return

    def contributions() -> Iterator[dict[str, str]]:
        for index in range(rows // 50):
            meeting = meetings[rng.randrange(len(meetings))][0]
            sources = rng.sample(range(n_members), rng.choice([1, 1, 1, 2, 3]))
            yield {
                "doc_id": f"C{index}",
                "meeting_id": meeting,
                "sources": ";".join(f"M{s}" for s in sources),
                "level": rng.choice(["question", "working_party", "plenary"]),
            }

    def roles() -> Iterator[dict[str, str]]:
        for index in range(3_000):
            start = rng.choice(years)
            end = "" if rng.random() < 0.2 else f"{min(start + rng.randint(0, 4), 2025)}-12-31"
            yield {
                "person_id": f"P{rng.randrange(n_people)}",
                "member_id": f"M{index % 500}",
                "group": rng.choice(GROUPS),
                "role": rng.choice(["chair", "vice_chair"]),
                "start": f"{start}-0{rng.randint(1, 9)}-01",
                "end": end,
            }

    def source(kind: str, header: list[str], made: Any) -> Source:
        return Source.from_rows(f"synthetic:{kind}", kind, header, made)

    return [
        source("members", ["member_id", "name", "type", "country"], members),
        source("people", ["person_id", "gender", "birth_year"], people),
        source(
            "meetings",
            ["meeting_id", "group", "start"],
            ({"meeting_id": m, "group": g, "start": s} for m, g, s in meetings),
        ),
        source(
            "attendance",
            ["meeting_id", "person_id", "member_id", "mode", "fellowship"],
            _unique(attendance()),
        ),
        source("contributions", ["doc_id", "meeting_id", "sources", "level"], contributions()),
        source("roles", ["person_id", "member_id", "group", "role", "start", "end"], roles()),
    ]


def _unique(rows: Iterator[dict[str, str]]) -> Iterator[dict[str, str]]:
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row["meeting_id"], row["person_id"], row["member_id"])
        if key not in seen:
            seen.add(key)
            yield row


def attendance_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM attendance")).scalar_one())


# ---------------------------------------------------------------- the pandas baseline


@dataclass
class PandasTables:
    """The store's tables as pandas frames, dates parsed (the read step of the baseline)."""

    att: pd.DataFrame
    meetings: pd.DataFrame
    members: pd.DataFrame
    people: pd.DataFrame
    cls: pd.DataFrame
    contributions: pd.DataFrame
    sources: pd.DataFrame
    roles: pd.DataFrame
    groups: pd.DataFrame
    transition: bool


def pandas_read(engine: Engine) -> PandasTables:
    """The read step of the pandas baseline: read_sql of every table it needs, dates parsed."""
    with engine.connect() as c:
        att = pd.read_sql(
            text("SELECT meeting_id, person_id, member_id, mode, fellowship FROM attendance"), c
        )
        meetings = pd.read_sql(
            text(
                "SELECT m.id AS meeting_id, m.start, g.code AS grp "
                "FROM meetings m JOIN groups g ON g.id = m.group_id"
            ),
            c,
        )
        members = pd.read_sql(text("SELECT id AS member_id, type, country FROM members"), c)
        people = pd.read_sql(text("SELECT id AS person_id, gender, birth_year FROM people"), c)
        cls = pd.read_sql(
            text("SELECT country, attribute, value, valid_from, valid_to FROM classifications"), c
        )
        contributions = pd.read_sql(
            text("SELECT id AS contribution_id, meeting_id, level FROM contributions"), c
        )
        sources = pd.read_sql(
            text("SELECT contribution_id, member_id FROM contribution_sources"), c
        )
        roles = pd.read_sql(
            text(
                "SELECT id AS role_id, person_id, member_id, group_id, role, "
                'start, "end" FROM roles'
            ),
            c,
        )
        groups = pd.read_sql(text("SELECT id AS group_id, code AS grp FROM groups"), c)
        setting = c.execute(
            text("SELECT value FROM settings WHERE key = 'transition_counts_as_developing'")
        ).scalar()
    for frame, cols in (
        (meetings, ["start"]),
        (cls, ["valid_from", "valid_to"]),
        (roles, ["start", "end"]),
    ):
        for col in cols:
            frame[col] = pd.to_datetime(frame[col])
    return PandasTables(
        att,
        meetings,
        members,
        people,
        cls,
        contributions,
        sources,
        roles,
        groups,
        setting is None or setting == "true",
    )


def pandas_cells(engine: Engine, by: list[str]) -> dict[Key, tuple[Any, Any, Any]]:
    """The whole catalogue with pandas: read_sql, merge, groupby (no cache, no tricks)."""
    return pandas_compute(pandas_read(engine), by)


def pandas_compute(t: PandasTables, by: list[str]) -> dict[Key, tuple[Any, Any, Any]]:
    """The compute step of the pandas baseline: merge, groupby (the frames are not changed)."""
    att, meetings, members, people = t.att, t.meetings, t.members, t.people
    cls, contributions, sources, roles, groups = (
        t.cls,
        t.contributions,
        t.sources,
        t.roles,
        t.groups,
    )
    transition = t.transition

    def classify(frame: pd.DataFrame) -> pd.DataFrame:
        pairs = frame[["country", "date"]].drop_duplicates()
        m = pairs.merge(cls, on="country")
        ok = (m.valid_from.isna() | (m.valid_from <= m.date)) & (
            m.valid_to.isna() | (m.date < m.valid_to)
        )
        wide = (
            m[ok]
            .pivot_table(
                index=["country", "date"], columns="attribute", values="value", aggfunc="last"
            )
            .reset_index()
        )
        for name in ("itu_region", "developing", "transition", "ldc", "lldc", "sids"):
            if name not in wide:
                wide[name] = None
        wide["status"] = wide.developing.eq("true") | (wide.transition.eq("true") & transition)
        wide["status"] = wide.status.map({True: "developing", False: "developed"})
        wide["region"] = wide.itu_region.fillna("unknown")
        for name in ("ldc", "lldc", "sids"):
            wide[name] = wide[name].eq("true").map({True: "true", False: "false"})
        keep = wide[["country", "date", "status", "region", "ldc", "lldc", "sids"]]
        return frame.merge(keep, on=["country", "date"], how="left")

    a = att.merge(meetings, on="meeting_id").merge(members, on="member_id")
    a = a.rename(columns={"start": "date", "grp": "group"})
    a = classify(a).merge(people, on="person_id")
    a["year"] = a.date.dt.year
    a["remote"] = a["mode"].eq("remote")
    a["fellowship"] = a.fellowship.astype(bool)
    a["dev"] = a.status.eq("developing")
    a["member_type"] = a["type"]
    a["gender"] = a.gender.fillna("unknown")
    first = a.groupby("person_id").date.min().rename("first_date")
    a = a.merge(first, left_on="person_id", right_index=True)
    a["first"] = a.date.eq(a.first_date)
    years = a[["person_id", "year"]].drop_duplicates()
    years = years.merge(first, left_on="person_id", right_index=True)
    kept = set(years[years.year == years.first_date.dt.year + 1].person_id)
    a["kept"] = a["first"] & a.person_id.isin(kept)
    a["young"] = (a.year - a.birth_year) < 35
    out: dict[Key, tuple[Any, Any, Any]] = {}

    def put(indicator: str, num: pd.Series, den: pd.Series | None = None) -> None:
        for key, value in num.items():
            key = key if isinstance(key, tuple) else (key,)
            if den is None:
                out[indicator, *key] = (int(value), None, None)
            else:
                d = den.get(key if len(key) > 1 else key[0], 0)
                out[indicator, *key] = (value / d if d else None, value, d)

    def nunique(frame: pd.DataFrame, column: str, index: pd.Index) -> pd.Series:
        return frame.groupby(by)[column].nunique().reindex(index, fill_value=0)

    g = a.groupby(by)
    persons = g.person_id.nunique()
    rows = g.size()
    idx = rows.index
    put("participants", persons)
    put("attendances", rows)
    put("developing_participant_share", nunique(a[a.dev], "person_id", idx), persons)
    put("developing_attendance_share", g.dev.sum(), rows)
    sector = a[a.dev & a.member_type.eq("sector_member")]
    put("developing_sector_members", nunique(sector, "member_id", idx))
    put("remote_share", g.remote.sum(), rows)
    put("fellowship_attendances", g.fellowship.sum())
    known = nunique(a[a.gender.isin(["F", "M", "X"])], "person_id", idx)
    put("women_share", nunique(a[a.gender.eq("F")], "person_id", idx), known)
    born = nunique(a[a.birth_year.notna()], "person_id", idx)
    put("young_share", nunique(a[a.young], "person_id", idx), born)
    put("gender_unknown_share", persons - known, persons)
    put("birth_year_unknown_share", persons - born, persons)
    new = nunique(a[a["first"]], "person_id", idx)
    put("newcomer_share", new, persons)
    put("retention_rate", nunique(a[a.kept], "person_id", idx), new)

    s = sources.merge(contributions, on="contribution_id").merge(meetings, on="meeting_id")
    s = s.merge(members, on="member_id").rename(columns={"start": "date", "grp": "group"})
    s = classify(s)
    s["year"] = s.date.dt.year
    s["member_type"] = s["type"]
    s["weight"] = 1 / s.groupby("contribution_id").member_id.transform("size")
    s["w_dev"] = s.weight.where(s.status.eq("developing"), 0.0)
    s["w_drafting"] = s.weight.where(s.level.isin(["question", "working_party"]), 0.0)
    gs = s.groupby(by)
    weight = gs.weight.sum().round(9)
    put("contributions", gs.contribution_id.nunique())
    # per contribution: developing sources ÷ all its sources; once per contribution per cell
    s["dev_fraction"] = s.groupby("contribution_id").w_dev.transform("sum")
    once = s.drop_duplicates([*by, "contribution_id"]).groupby(by)
    put(
        "developing_contribution_share",
        once.dev_fraction.sum().round(9),
        gs.contribution_id.nunique(),
    )
    put("drafting_stage_share", gs.w_drafting.sum().round(9), weight)

    r = roles[roles.role.isin(["chair", "vice_chair"])].merge(groups, on="group_id")
    r = r.merge(members, on="member_id").merge(people, on="person_id")
    r = r.rename(columns={"start": "date", "grp": "group"})
    r = classify(r)
    r["member_type"] = r["type"]
    r["gender"] = r.gender.fillna("unknown")
    horizon = max(meetings.start.dt.year.max(), r.date.dt.year.max())
    last = r["end"].dt.year.fillna(horizon).astype(int)
    r["year"] = [list(range(y0, y1 + 1)) for y0, y1 in zip(r.date.dt.year, last, strict=True)]
    r = r.explode("year").dropna(subset=["year"])
    r["year"] = r.year.astype(int)
    gr = r.groupby(by)
    positions = gr.role_id.nunique()
    put("leadership_positions", positions)
    put(
        "developing_leadership_share",
        nunique(r[r.status.eq("developing")], "role_id", positions.index),
        positions,
    )
    put(
        "women_leadership_share",
        nunique(r[r.gender.eq("F")], "role_id", positions.index),
        nunique(r[r.gender.isin(["F", "M", "X"])], "role_id", positions.index),
    )
    return out


def engine_cells(engine: Engine, by: list[str]) -> dict[Key, tuple[Any, Any, Any]]:
    return {
        (cell.indicator, *cell.dims.values()): (cell.value, cell.numerator, cell.denominator)
        for cell in compute(engine, IndicatorRequest.of(None, by, min_cell=1, exact=True))
    }


def same(left: Cells, right: Cells) -> int:
    """The number of cells that differ (printing the first few and the count by indicator);
    when ``right`` is the pandas baseline, only the cells of the indicators it computes."""
    indicators = {key[0] for key in right}
    left = {key: cell for key, cell in left.items() if key[0] in indicators}
    bad = 0
    by_indicator: dict[str, int] = {}
    left_out: dict[str, int] = {}
    for key in sorted(set(left) | set(right), key=str):
        a, b = left.get(key), right.get(key)
        equal = (
            a is not None
            and b is not None
            and all(
                (x is None and y is None)
                or (
                    x is not None
                    and y is not None
                    and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)
                )
                for x, y in zip(a, b, strict=True)
            )
        )
        if not equal and a is not None and a[0] is None and b is not None:
            # stdgap gives no figure where the indicator cannot be told from the stored data
            # (newcomers in its first year, retention in its last); pandas counts anyway
            left_out[key[0]] = left_out.get(key[0], 0) + 1
        elif not equal:
            bad += 1
            by_indicator[key[0]] = by_indicator.get(key[0], 0) + 1
            if bad <= 3:
                print(f"  differs: {key}: {a} vs {b}")
    if by_indicator:
        print(
            "  differing cells by indicator:",
            ", ".join(f"{k} {n}" for k, n in by_indicator.items()),
        )
    if left_out:
        print(
            "  cells without a figure in stdgap (first or last year of the data), by indicator:",
            ", ".join(f"{k} {n}" for k, n in left_out.items()),
        )
    return bad


def timed(label: str, run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    report(label, seconds)
    return seconds


def report(label: str, seconds: float, note: str = "") -> None:
    print(f"{label:<58} {seconds:8.3f} s   peak RSS {peak_rss_mb():7.0f} MB{note}", flush=True)


def ratio(label: str, ours: float, theirs: float) -> None:
    print(f"  ratio {label}: {ours / theirs:.2f}", flush=True)


# ---------------------------------------------------------------- the DuckDB baseline

#: What DuckDB reads of each table: the columns stdgap reads (stdgap.indicators.load).
DUCKDB_TABLES = {
    "attendance": "meeting_id, person_id, member_id, mode, fellowship",
    "meetings": "id, group_id, start",
    "groups": "id, code",
    "members": "id, type, country",
    "people": "id, gender, birth_year",
    "contributions": "id, meeting_id, level",
    "contribution_sources": "contribution_id, member_id",
    "roles": 'id, person_id, member_id, group_id, role, start, "end"',
    "classifications": "country, attribute, value, valid_from, valid_to",
}


def duckdb_read(engine: Engine) -> tuple[float, int] | str:
    """Seconds DuckDB takes to read every row of the tables stdgap reads from the same SQLite
    file into its own in-memory tables (the sqlite extension), and the rows read; or why not."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return "not a SQLite file"
    try:
        import duckdb

        extension_package = importlib.import_module("duckdb_extension_sqlite")
    except ImportError:
        return "duckdb not installed (pip install -e '.[bench]')"
    extension = sqlite_extension_path(extension_package)
    with duckdb.connect() as connection:
        connection.execute(f"LOAD '{extension}'")
        started = time.perf_counter()
        connection.execute(f"ATTACH '{database}' AS store (TYPE sqlite, READ_ONLY)")
        rows = 0
        for table, columns in DUCKDB_TABLES.items():
            connection.execute(f"CREATE TABLE {table} AS SELECT {columns} FROM store.{table}")
            counted = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
            rows += int(counted[0]) if counted else 0
        return time.perf_counter() - started, rows


def sqlite_extension_path(module: object) -> str:
    """The .duckdb_extension file the package duckdb-extension-sqlite ships, copied under the
    extension's own name (LOAD finds its entry point by the file's name: sqlite_scanner)."""
    folder = Path(str(getattr(module, "__file__", ""))).parent
    found = sorted(folder.rglob("*.duckdb_extension"))
    if not found:
        raise SystemExit(f"no .duckdb_extension file under {folder}")
    named = Path(tempfile.gettempdir()) / "stdgap-bench-duckdb" / "sqlite_scanner.duckdb_extension"
    named.parent.mkdir(exist_ok=True)
    shutil.copyfile(found[0], named)
    return str(named)


# ---------------------------------------------------------------- an import of new rows


def new_attendance(
    engine: Engine, count: int, seed: int, at_meetings: int = 0
) -> list[dict[str, str]]:
    """``count`` attendance rows not yet in the store: new (meeting, person, member) triples
    of existing meetings, people and members (at ``at_meetings`` meetings drawn at random,
    or at any meeting when 0)."""
    rng = random.Random(seed)
    exists = text(
        "SELECT 1 FROM attendance WHERE meeting_id = :m AND person_id = :p AND member_id = :b"
    )
    with engine.connect() as c:
        meetings = list(c.execute(text("SELECT id, meeting_id FROM meetings")).all())
        people = list(c.execute(text("SELECT id, person_id FROM people")).all())
        members = list(c.execute(text("SELECT id, member_id FROM members")).all())
        if at_meetings:
            meetings = rng.sample(meetings, min(at_meetings, len(meetings)))
        chosen: set[tuple[int, int, int]] = set()
        rows: list[dict[str, str]] = []
        while len(rows) < count:
            meeting, person, member = rng.choice(meetings), rng.choice(people), rng.choice(members)
            key = (meeting[0], person[0], member[0])
            if key in chosen or c.execute(exists, dict(zip("mpb", key, strict=True))).first():
                continue
            chosen.add(key)
            rows.append(
                {
                    "meeting_id": meeting[1],
                    "person_id": person[1],
                    "member_id": member[1],
                    "mode": "remote" if rng.random() < 0.3 else "in_person",
                    "fellowship": "yes" if rng.random() < 0.03 else "no",
                }
            )
    return rows


def import_rows(engine: Engine, rows: list[dict[str, str]], label: str) -> float:
    header = ["meeting_id", "person_id", "member_id", "mode", "fellowship"]
    started = time.perf_counter()
    run_import.perform(engine, "bench", [Source.from_rows(label, "attendance", header, rows)])
    return time.perf_counter() - started


class StepClock:
    """Seconds spent in stdgap.indicators.cache.snapshot_for and .incremental.advance (as
    called by the cache), to tell which step of an answer after a change takes the time."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __enter__(self) -> StepClock:
        self.saved = {name: getattr(cache, name) for name in ("snapshot_for", "advance")}
        for name, function in self.saved.items():
            setattr(cache, name, self._clocked(name, function))
        return self

    def __exit__(self, *_: object) -> None:
        for name, function in self.saved.items():
            setattr(cache, name, function)

    def _clocked(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def clocked(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self.seconds[name] = self.seconds.get(name, 0.0) + spent

        return clocked

    def note(self) -> str:
        parts = [f"{name} {spent:.3f} s" for name, spent in self.seconds.items()]
        return f"   ({', '.join(parts)})" if parts else ""


def answer_after_import(engine: Engine, label: str, by: list[str]) -> Cells:
    with StepClock() as clock:
        started = time.perf_counter()
        cells = engine_cells(engine, by)
        seconds = time.perf_counter() - started
    report(label, seconds, clock.note())
    return cells


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="URL of an existing store to measure")
    parser.add_argument("--synthetic", type=int, help="attendance rows of a synthetic store")
    parser.add_argument("--db", help="where --synthetic writes (reused if already filled)")
    parser.add_argument("--no-pandas", action="store_true")
    parser.add_argument("--no-import", action="store_true", help="leave the store unchanged")
    parser.add_argument("--import-rows", type=int, default=IMPORT_ROWS)
    parser.add_argument(
        "--import-meetings",
        type=int,
        default=0,
        help="the imported rows at this many meetings (default: any meeting)",
    )
    args = parser.parse_args()
    if not args.store and not args.synthetic:
        parser.error("give --store URL or --synthetic N")
    url = args.store or args.db or f"sqlite:////tmp/stdgap-bench-{args.synthetic}.db"
    engine = open_store(url)
    if args.synthetic and attendance_rows(engine) == 0:
        started = time.perf_counter()
        run_import.perform(engine, "bench", synthetic_sources(args.synthetic))
        print(f"built synthetic store in {time.perf_counter() - started:.0f} s")
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"attendance rows: {attendance_rows(engine):,}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    cache_dir = Path(tempfile.mkdtemp(prefix="stdgap-bench-cache-"))
    try:
        measure(engine, args, cache_dir)
    finally:
        clear_memory()
        shutil.rmtree(cache_dir, ignore_errors=True)


def measure(engine: Engine, args: argparse.Namespace, cache_dir: Path) -> None:
    os.environ["STDGAP_CACHE_DIR"] = str(cache_dir)
    first, second = GROUPINGS
    f, s = ",".join(first), ",".join(second)

    print(f"\n1. cold: read the store, then the whole catalogue by {f}")
    cold = cold_answer(engine, cache_dir, first)
    report(f"stdgap cold (read store, build facts, answer) by {f}", cold[0])
    found = duckdb_read(engine)
    if isinstance(found, str):
        print(f"  DuckDB baseline skipped: {found}")
    else:
        report(f"DuckDB read of the same tables ({found[1]:,} rows)", found[0])
        ratio("stdgap cold / DuckDB read", cold[0], found[0])
    tables: PandasTables | None = None
    if not args.no_pandas:
        started = time.perf_counter()
        tables = pandas_read(engine)
        read = time.perf_counter() - started
        report("pandas read (read_sql of the tables)", read)
        started = time.perf_counter()
        theirs = pandas_compute(tables, first)
        computed = time.perf_counter() - started
        report(f"pandas read + compute by {f}", read + computed)
        ratio("stdgap cold / pandas read+compute", cold[0], read + computed)
        bad = same(cold[1], theirs)
        print(f"  {len(theirs):,} cells of pandas' indicators; {bad} differ from stdgap's")

    print("\n2. warm: the facts in memory")
    clear_memory()
    timed(f"stdgap from the Parquet cache by {f}", lambda: engine_cells(engine, first))
    warm = {f: math.inf, s: math.inf}
    kept = {f: math.inf, s: math.inf}
    for _ in range(3):
        for by, label in ((first, f), (second, s)):
            forget_aggregations()  # the computation itself, as pandas' compute is timed
            started = time.perf_counter()
            engine_cells(engine, by)
            warm[label] = min(warm[label], time.perf_counter() - started)
            started = time.perf_counter()
            engine_cells(engine, by)  # the same question again: its aggregations kept
            kept[label] = min(kept[label], time.perf_counter() - started)
    for label in (f, s):
        report(f"stdgap warm in memory by {label} (best of 3)", warm[label])
        report("  the same again, its aggregations kept (best of 3)", kept[label])
        if tables is None:
            continue
        started = time.perf_counter()
        theirs = pandas_compute(tables, label.split(","))
        computed = time.perf_counter() - started
        report(f"pandas compute only by {label}", computed)
        ratio("stdgap warm / pandas compute", warm[label], computed)
        bad = same(engine_cells(engine, label.split(",")), theirs)
        print(f"  {len(theirs):,} cells of pandas' indicators; {bad} differ from stdgap's")
    del tables
    print(f"peak RSS so far: {peak_rss_mb():.0f} MB")
    if args.no_import:
        return

    n = args.import_rows
    where = f"at {args.import_meetings} meetings" if args.import_meetings else "at any meeting"
    print(f"\n3. after an import of {n:,} new attendance rows ({where})")
    seconds = import_rows(
        engine, new_attendance(engine, n, 1, args.import_meetings), "bench:import-1"
    )
    report(f"import of {n:,} rows", seconds)
    answer_after_import(engine, f"stdgap first answer after it, same process, by {f}", first)
    seconds = import_rows(
        engine, new_attendance(engine, n, 2, args.import_meetings), "bench:import-2"
    )
    report(f"another import of {n:,} rows", seconds)
    clear_memory()  # a new process: the Parquet cache of the earlier version stays
    after = answer_after_import(engine, f"stdgap first answer, new process, by {f}", first)
    cache.wait_for_writes()
    rebuilt = cold_answer(engine, cache_dir, first)
    report(f"stdgap full rebuild (cold) by {f}", rebuilt[0])
    bad = same(after, rebuilt[1])
    print(f"  {len(after):,} cells; {bad} cells differ (after-import answer vs full rebuild)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


def cold_answer(engine: Engine, cache_dir: Path, by: list[str]) -> tuple[float, Cells]:
    """The first answer with neither the memory nor the Parquet cache."""
    clear_memory()
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir()
    started = time.perf_counter()
    cells = engine_cells(engine, by)
    return time.perf_counter() - started, cells


if __name__ == "__main__":
    main()
