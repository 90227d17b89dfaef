"""Indicator engine: the whole catalogue by year,group,status and by year,region, cold and warm,
against a plain pandas implementation of the same definitions (checked cell by cell).

    python bench/indicators.py --store URL            # an existing store (e.g. the large demo:
                                                       #   stdgap demo --scale large --db URL)
    python bench/indicators.py --synthetic 2000000    # builds (or reuses) a synthetic store
    options: --db URL (where --synthetic writes; default a file under /tmp), --no-pandas

Prints seconds, the speed-up over pandas and the peak RSS (resource.getrusage).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import pandas as pd
from sqlalchemy import Engine, text

from stdgap.bootstrap import open_store
from stdgap.indicators.cache import clear_memory
from stdgap.indicators.compute import compute
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


def pandas_cells(engine: Engine, by: list[str]) -> dict[Key, tuple[Any, Any, Any]]:
    """The whole catalogue with pandas: read_sql, merge, groupby (no cache, no tricks)."""
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
    transition = setting is None or setting == "true"
    for frame, cols in (
        (meetings, ["start"]),
        (cls, ["valid_from", "valid_to"]),
        (roles, ["start", "end"]),
    ):
        for col in cols:
            frame[col] = pd.to_datetime(frame[col])

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
        for cell in compute(engine, IndicatorRequest.of(None, by, min_cell=1))
    }


def same(left: dict[Key, tuple[Any, Any, Any]], right: dict[Key, tuple[Any, Any, Any]]) -> int:
    """The number of cells that differ (printing the first few)."""
    bad = 0
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
        if not equal:
            bad += 1
            if bad <= 5:
                print(f"  differs: {key}: engine {a} pandas {b}")
    return bad


def timed(label: str, run: Any) -> float:
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    print(f"{label:<48} {seconds:8.3f} s   peak RSS {peak_rss_mb():7.0f} MB")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="URL of an existing store to measure")
    parser.add_argument("--synthetic", type=int, help="attendance rows of a synthetic store")
    parser.add_argument("--db", help="where --synthetic writes (reused if already filled)")
    parser.add_argument("--no-pandas", action="store_true")
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
    os.environ["STDGAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="stdgap-bench-cache-")
    clear_memory()
    first, second = GROUPINGS
    f, s = ",".join(first), ",".join(second)
    timed(f"cold (read store, build facts) by {f}", lambda: engine_cells(engine, first))
    clear_memory()
    timed(f"warm from Parquet cache, by {f}", lambda: engine_cells(engine, first))
    warm = {g: 0.0 for g in (f, s)}
    for _ in range(3):
        warm[f] = timed(
            f"warm in memory, whole catalogue by {f}", lambda: engine_cells(engine, first)
        )
        warm[s] = timed(
            f"warm in memory, whole catalogue by {s}", lambda: engine_cells(engine, second)
        )
    engine_peak = peak_rss_mb()
    print(f"peak RSS of the engine: {engine_peak:.0f} MB")
    if args.no_pandas:
        return
    for by, label in ((first, f), (second, s)):
        ours = engine_cells(engine, by)
        started = time.perf_counter()
        theirs = pandas_cells(engine, by)
        seconds = time.perf_counter() - started
        name = f"pandas baseline by {label}"
        print(f"{name:<48} {seconds:8.3f} s   peak RSS {peak_rss_mb():7.0f} MB")
        bad = same(ours, theirs)
        print(f"  {len(ours):,} cells; {bad} differ; speed-up warm {seconds / warm[label]:.0f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
