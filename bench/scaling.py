"""The catalogue's shape of query on a generated attendance-like Parquet set (docs/scaling.md).

Generates ``--rows`` attendance rows (default 50 M) in chunks with NumPy, as Parquet partitioned by
``body=…/year=…`` under a temporary folder, then answers a representative catalogue question —
distinct participants, attendances and the developing share by year × region × group — with:

- ``polars-lazy``: ``pl.scan_parquet`` over the partitions, streaming engine;
- ``polars-filtered``: the same with a filter on one body and five years (partition pruning and
  predicate pushdown: only those files are read);
- ``duckdb``: ``read_parquet`` over the partitions (when duckdb is installed);
- ``polars-in-memory``: the whole set read into one DataFrame first, then grouped — what the
  engine's in-memory columnar cache does today.

Each runs in its own process, so its peak resident memory (VmHWM) is its own. The answers
of the lazy engines are checked equal. Usage::

    .venv/bin/python bench/scaling.py --rows 50000000
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

YEARS = (2000, 2024)
REGIONS = 6
GROUPS = 60
ENGINES = ("polars-lazy", "polars-filtered", "duckdb", "polars-in-memory")


def generate(folder: Path, rows: int, bodies: int, chunk: int, seed: int = 18) -> float:
    """Write ``rows`` attendance-like rows under ``folder``; returns the seconds it took."""
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    persons = max(rows // 40, 1000)  # about 40 attendances per person over the years
    members = max(persons // 20, 100)
    meetings = max(rows // 200, 100)  # about 200 attendance rows per meeting
    member_region = rng.integers(0, REGIONS, members, dtype=np.int8)
    member_dev = rng.random(members) < 0.55
    person_member = rng.integers(0, members, persons, dtype=np.int32)
    meeting_year = rng.integers(YEARS[0], YEARS[1] + 1, meetings).astype(np.int16)
    meeting_group = rng.integers(0, GROUPS, meetings, dtype=np.int16)
    meeting_body = rng.integers(0, bodies, meetings, dtype=np.int8)
    for index, start in enumerate(range(0, rows, chunk)):
        n = min(chunk, rows - start)
        meeting = rng.integers(0, meetings, n, dtype=np.int32)
        person = rng.integers(0, persons, n, dtype=np.int32)
        member = person_member[person]
        frame = pl.DataFrame(
            {
                "body": meeting_body[meeting],
                "year": meeting_year[meeting],
                "meeting_id": meeting,
                "person_id": person,
                "member_id": member,
                "group": meeting_group[meeting],
                "region": member_region[member],
                "dev": member_dev[member],
                "remote": rng.random(n) < 0.3,
                "fellowship": rng.random(n) < 0.02,
            }
        )
        for (body, year), part in frame.partition_by(["body", "year"], as_dict=True).items():
            where = folder / f"body={body}" / f"year={year}"
            where.mkdir(parents=True, exist_ok=True)
            part.drop("body", "year").write_parquet(where / f"part-{index:04d}.parquet")
    return time.perf_counter() - started


def _polars_query(rows: pl.LazyFrame) -> pl.LazyFrame:
    return rows.group_by("year", "region", "group").agg(
        pl.len().alias("attendances"),
        pl.col("dev").sum().alias("developing_attendances"),
        pl.col("person_id").n_unique().alias("participants"),
        pl.col("person_id").filter("dev").n_unique().alias("developing_participants"),
    )


_DUCKDB_SQL = """
SELECT year, region, "group", count(*) AS attendances,
       sum(dev::INTEGER) AS developing_attendances,
       count(DISTINCT person_id) AS participants,
       count(DISTINCT person_id) FILTER (WHERE dev) AS developing_participants
FROM read_parquet('{glob}', hive_partitioning = true)
GROUP BY ALL
"""


def run(engine: str, folder: Path) -> pl.DataFrame:
    glob = str(folder / "**" / "*.parquet")
    if engine == "duckdb":
        import duckdb

        connection = duckdb.connect()
        connection.execute("SET threads = 2")
        table = connection.execute(_DUCKDB_SQL.format(glob=glob)).to_arrow_table()
        found = pl.from_arrow(table)
        assert isinstance(found, pl.DataFrame)
        return found
    scan = pl.scan_parquet(glob, hive_partitioning=True)
    if engine == "polars-filtered":
        scan = scan.filter((pl.col("body") == 0) & (pl.col("year") >= YEARS[1] - 4))
    if engine == "polars-in-memory":
        whole = scan.collect()  # the cache's way: every row in memory, then grouped
        return _polars_query(whole.lazy()).collect()
    return _polars_query(scan).collect(engine="streaming")


def _peak_kib() -> int:
    """This process's peak resident memory in KiB: VmHWM, which starts afresh at exec (unlike
    ``ru_maxrss``, which a child inherits from the parent that forked it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def child(engine: str, folder: Path) -> None:
    """Run one engine in this process and print its figures as JSON."""
    before = _peak_kib()
    started = time.perf_counter()
    found = run(engine, folder)
    seconds = time.perf_counter() - started
    peak = _peak_kib()
    columns = ["year", "region", "group"]
    found = found.with_columns(pl.col(c).cast(pl.Int64) for c in columns)
    found = found.with_columns(pl.all().exclude(columns).cast(pl.Int64)).sort(columns)
    checksum = [int(found[c].sum()) for c in found.columns if c not in columns]
    total = found.select(pl.col("developing_attendances").sum() / pl.col("attendances").sum())
    print(
        json.dumps(
            {
                "engine": engine,
                "seconds": round(seconds, 2),
                "peak_mib": round(peak / 1024),
                "start_mib": round(before / 1024),
                "cells": found.height,
                "checksum": checksum,
                "developing_share": round(float(total.item()), 4),
            }
        )
    )


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.parquet"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=50_000_000)
    parser.add_argument("--bodies", type=int, default=4, help="standards bodies side by side")
    parser.add_argument("--chunk", type=int, default=10_000_000, help="rows generated at once")
    parser.add_argument("--folder", type=Path, help="keep the set here (default: a temp folder)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder)
        return
    temporary = args.folder is None
    folder = args.folder or Path(tempfile.mkdtemp(prefix="stdgap-scaling-", dir="/tmp"))
    try:
        if not any(folder.rglob("*.parquet")):
            seconds = generate(folder, args.rows, args.bodies, args.chunk)
            print(f"generated {args.rows:,} rows in {seconds:.1f} s", flush=True)
        files = len(list(folder.rglob("*.parquet")))
        print(f"{files} Parquet files, {_size(folder) / 2**20:.0f} MiB, in {folder}", flush=True)
        results = []
        for engine in args.engines.split(","):
            if engine == "duckdb":
                try:
                    import duckdb  # noqa: F401
                except ImportError:
                    print("duckdb: not installed, skipped")
                    continue
            done = subprocess.run(
                [sys.executable, __file__, "--child", engine, "--folder", str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            results.append(result)
            print(
                f"{engine:18} {result['seconds']:7.2f} s  peak {result['peak_mib']:6} MiB "
                f"(interpreter and imports: {result['start_mib']} MiB)  "
                f"{result['cells']} cells, developing share {result['developing_share']}",
                flush=True,
            )
        whole = [r for r in results if r["engine"] != "polars-filtered"]
        same = len({json.dumps(r["checksum"]) for r in whole}) <= 1
        print("answers of the whole-set engines agree:", same)
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
