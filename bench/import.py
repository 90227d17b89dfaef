"""Import throughput: attendance rows per second, with full validation, on SQLite and PostgreSQL.

    python bench/import.py [--rows 1000000] [--pg URL] [--no-pg] [--no-sqlite]

Writes synthetic canonical files to a temporary folder, imports members, people and meetings
(not timed), then times the import of the attendance file: the whole `stdgap import` path
(reading, schema validation, reference checks, upsert, commit) but in-process, first into an
empty table and then again (idempotent: nothing changes). Prints wall and CPU time of this
process, and in the same run the floors: ``sqlite3 .import`` into a staging table plus id
mapping into ``attendance`` (one transaction, rolled back), and on PostgreSQL ``\\copy`` into a
staging table plus set-based id mapping, and a plain ``\\copy``. The machine is shared: compare
the ratios of one run, not figures of different runs.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

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


STAGE = (
    "CREATE TEMP TABLE stage (meeting_id TEXT, person_id TEXT, member_id TEXT, mode TEXT, "
    "fellowship TEXT, interpretation TEXT);"
)
MAP = (
    "INSERT INTO attendance (meeting_id, person_id, member_id, mode, fellowship, interpretation) "
    "SELECT m.id, p.id, b.id, coalesce(nullif(s.mode, ''), 'in_person'), s.fellowship = 'yes', "
    "nullif(s.interpretation, '') FROM stage s JOIN meetings m ON m.meeting_id = s.meeting_id "
    "JOIN people p ON p.person_id = s.person_id JOIN members b ON b.member_id = s.member_id;"
)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _floor(label: str, what: str, command: list[str], script: str, rows: int) -> float:
    cpu = _child_cpu()
    started = time.perf_counter()
    subprocess.run(command, input=script, text=True, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    cpu = _child_cpu() - cpu
    print(
        f"{label:10} {what:30} {elapsed:7.2f} s {rows / elapsed:>10,.0f} rows/s  "
        f"cpu {cpu:5.2f} s (child processes; the server's not counted)"
    )
    return elapsed


def floors(url: str, path: Path, rows: int, label: str) -> dict[str, float]:
    """The floors, each in a transaction rolled back (the store stays as it was)."""
    if url.startswith("sqlite"):
        if shutil.which("sqlite3") is None:
            print("(no sqlite3 command: no floor)")
            return {}
        database = url.removeprefix("sqlite:///")
        script = f"BEGIN;\n{STAGE}\n.import --csv --skip 1 {path} stage\n{MAP}\nROLLBACK;\n"
        command = ["sqlite3", database]
        name = "sqlite3 .import + map"
        return {name: _floor(label, f"floor: {name}", command, script, rows)}
    if shutil.which("psql") is None:
        print("(no psql command: no floor)")
        return {}
    parts = urlsplit(url)
    target = f"{parts.scheme}://{parts.netloc}{parts.path}"
    schema = parts.query.split("%3D")[-1]
    head = f"SET search_path TO {schema};\nBEGIN;\n{STAGE}\n"
    copy = f"\\copy stage FROM '{path}' CSV HEADER\n"
    command = ["psql", "-q", "-v", "ON_ERROR_STOP=1", target]
    end = "\nROLLBACK;\n"
    mapped = _floor(label, "floor: \\copy + map", command, head + copy + MAP + end, rows)
    plain = _floor(label, "floor: plain \\copy", command, head + copy + "ROLLBACK;\n", rows)
    return {"\\copy + map": mapped, "plain \\copy": plain}


def measure(url: str, paths: dict[str, Path], rows: int, label: str) -> None:
    engine = open_store(url)
    setup = [Source.from_path(paths[kind], kind) for kind in ("members", "people", "meetings")]
    run_import.perform(engine, "bench", setup)
    found = floors(url, paths["attendance"], rows, label)
    for attempt in ("first import", "re-import (unchanged)"):
        cpu = time.process_time()
        started = time.perf_counter()
        report = run_import.perform(
            engine, "bench", [Source.from_path(paths["attendance"], "attendance")]
        )
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        counts = report.counts["attendance"]
        print(
            f"{label:10} {attempt:30} {elapsed:7.2f} s {rows / elapsed:>10,.0f} rows/s  "
            f"cpu {cpu:5.2f} s  (inserted {counts.inserted:,}, unchanged {counts.unchanged:,})"
        )
        ratios = ", ".join(f"{elapsed / floor:.2f}x {name}" for name, floor in found.items())
        print(f"{'':10} {'':30} time / floor: {ratios}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), args.rows)
        if not args.no_sqlite:
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
