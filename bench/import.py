"""Import throughput: attendance rows per second, with full validation, on SQLite and PostgreSQL.

    python bench/import.py [--rows 1000000] [--pg URL] [--no-pg]

Writes synthetic canonical files to a temporary folder, imports members, people and meetings
(not timed), then times the import of the attendance file: the whole `stdgap import` path
(reading, schema validation, reference checks, upsert, commit) but in-process.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from stdgap.bootstrap import open_store
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source

COUNTRIES = ["KEN", "CHE", "USA", "CHN", "BTN", "IND", "BRA", "DEU", "SEN", "JPN"]


def write_files(folder: Path, rows: int, seed: int = 1) -> dict[str, Path]:
    rng = random.Random(seed)
    people = max(rows // 20, 100)
    meetings = max(rows // 2_000, 10)
    paths = {kind: folder / f"{kind}.csv" for kind in ("members", "people", "meetings")}
    with paths["members"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["member_id", "name", "type", "country"])
        for index in range(200):
            country = COUNTRIES[index % len(COUNTRIES)]
            out.writerow([f"M{index}", f"Member {index}", "sector_member", country])
    with paths["people"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["person_id", "gender", "birth_year", "member_id"])
        for index in range(people):
            out.writerow([f"P{index}", rng.choice("FMM"), 1950 + index % 50, f"M{index % 200}"])
    with paths["meetings"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["meeting_id", "group", "start", "kind", "format"])
        for index in range(meetings):
            year = 2017 + index % 10
            out.writerow(
                [f"MT{index}", f"SG{index % 20 + 1}", f"{year}-03-01", "plenary", "hybrid"]
            )
    attendance = folder / "attendance.csv"
    with attendance.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["meeting_id", "person_id", "member_id", "mode", "fellowship", "interpretation"]
        )
        per_meeting = rows // meetings
        for meeting in range(meetings):
            count = per_meeting if meeting < meetings - 1 else rows - per_meeting * (meetings - 1)
            for person in rng.sample(range(people), count):
                out.writerow(
                    [
                        f"MT{meeting}",
                        f"P{person}",
                        f"M{person % 200}",
                        "remote" if person % 3 == 0 else "in_person",
                        "yes" if person % 17 == 0 else "no",
                        "fr" if person % 11 == 0 else "",
                    ]
                )
    paths["attendance"] = attendance
    return paths


def measure(url: str, paths: dict[str, Path], rows: int, label: str) -> None:
    engine = open_store(url)
    setup = [Source.from_path(paths[kind], kind) for kind in ("members", "people", "meetings")]
    run_import.perform(engine, "bench", setup)
    for attempt in ("first import", "re-import (unchanged)"):
        started = time.perf_counter()
        report = run_import.perform(
            engine, "bench", [Source.from_path(paths["attendance"], "attendance")]
        )
        elapsed = time.perf_counter() - started
        counts = report.counts["attendance"]
        print(
            f"{label:10} {attempt:22} {rows:>10,} rows {elapsed:7.2f} s "
            f"{rows / elapsed:>10,.0f} rows/s  (inserted {counts.inserted:,}, "
            f"unchanged {counts.unchanged:,})"
        )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), args.rows)
        measure(f"sqlite:///{folder}/bench.db", paths, args.rows, "SQLite")
        if not args.no_pg:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = open_store.__globals__["make_engine"](args.pg)
            with admin.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            try:
                measure(
                    f"{args.pg}?options=-csearch_path%3D{schema}", paths, args.rows, "PostgreSQL"
                )
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
