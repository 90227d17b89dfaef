"""A real SIGKILL in the middle of an import leaves the store as it was, on both databases."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, func, select

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Attendance

ROWS = 400_000


def _write_files(folder: Path) -> dict[str, Path]:
    files = {
        "members": folder / "members.csv",
        "people": folder / "people.csv",
        "meetings": folder / "meetings.csv",
        "attendance": folder / "attendance.csv",
    }
    with files["members"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["member_id", "name", "type", "country"])
        out.writerows([f"M{i}", f"Member {i}", "sector_member", "KEN"] for i in range(10))
    with files["people"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["person_id"])
        out.writerows([f"P{i}"] for i in range(4_000))
    with files["meetings"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["meeting_id", "group", "start"])
        out.writerows([f"MT{i}", "SG5", "2024-01-01"] for i in range(ROWS // 4_000))
    with files["attendance"].open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["meeting_id", "person_id", "member_id", "mode"])
        for meeting in range(ROWS // 4_000):
            out.writerows([f"MT{meeting}", f"P{p}", f"M{p % 10}", "remote"] for p in range(4_000))
    return files


def _attendance_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Attendance)).scalar_one())


def test_sigkill_mid_import_leaves_store_unchanged(
    engine: Engine, store_url: str, tmp_path: Path
) -> None:
    files = _write_files(tmp_path)
    run_import.perform(
        engine, "test", [Source.from_path(files[k], k) for k in ("members", "people", "meetings")]
    )
    engine.dispose()
    command = [
        sys.executable,
        "-m",
        "stdgap",
        "--db",
        store_url,
        "import",
        str(files["attendance"]),
    ]
    seen = []
    with subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:  # the import has written (uncommitted) rows once it says so
            seen.append(line)
            if "rows checked" in line:
                break
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, seen
    assert any("100,000 rows checked" in line for line in seen), seen
    assert _attendance_rows(engine) == 0
    # The store is usable: the same import now goes through whole.
    report = run_import.perform(
        engine, "test", [Source.from_path(files["attendance"], "attendance")]
    )
    assert report.counts["attendance"].inserted == ROWS
    assert _attendance_rows(engine) == ROWS
