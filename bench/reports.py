"""Annual report of the `itu` demo in DOCX, PDF and HTML: seconds per format and in total.

    python bench/reports.py [--store URL] [--year 2025] [--out DIR]

Builds the `itu` demo store in a temporary SQLite file unless --store names one. The indicator
cache is warmed first (as on a server that has answered once since the last import), then each
report is built once (its queries), its charts drawn once (SVG, and that SVG's PNG) and shared by
the three formats, as ``write_reports`` and ``stdgap report annual --out a.docx --out a.pdf
--out a.html`` do. Target: all three ≤ 3 s in total.

Last, that very command in a fresh process (``python -m stdgap report annual`` with the three
``--out``), twice: its wall time, and the time it reports itself (from the command's start,
after the interpreter and the command line are loaded). It loads the writers' libraries in the
background while the report's figures are computed, as a server's worker does once it starts,
and lays the PDF out in a process of its own (:mod:`stdgap.documents.pdf_process`) while it
draws the charts and writes the DOCX and HTML.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.charts.render import clear_drawn_charts, render_all
from stdgap.demo.load import load_demo
from stdgap.documents.output import write_report
from stdgap.documents.warm import warm_writers
from stdgap.indicators.compute import compute
from stdgap.indicators.request import IndicatorRequest
from stdgap.reports.annual import build_annual_report


def _formats(engine: Engine, year: int, out: Path, label: str) -> float:
    """Seconds to build the report and write it in the three formats (each printed)."""
    print(f"-- {label}")
    started = time.perf_counter()
    report = build_annual_report(engine, year)
    total = time.perf_counter() - started
    print(f"report  {total:6.2f} s  (queries)")
    started = time.perf_counter()
    render_all([chart.spec for chart in report.charts()], png=True)
    elapsed = time.perf_counter() - started
    total += elapsed
    print(f"charts  {elapsed:6.2f} s  ({len(report.charts())}, SVG and PNG)")
    for suffix in (".docx", ".pdf", ".html"):
        started = time.perf_counter()
        write_report(report, out / f"annual-{year}{suffix}")
        elapsed = time.perf_counter() - started
        total += elapsed
        size = (out / f"annual-{year}{suffix}").stat().st_size
        print(f"{suffix[1:]:7} {elapsed:6.2f} s  {size / 1024:8.0f} KiB")
    print(f"total   {total:6.2f} s")
    return total


def _command(url: str, year: int, out: Path) -> tuple[float, float]:
    """Wall seconds of ``stdgap report annual`` in three formats in a fresh process, and the
    seconds it reports itself."""
    outs = [
        arg for suffix in (".docx", ".pdf", ".html") for arg in ("--out", str(out / f"cli{suffix}"))
    ]
    command = [sys.executable, "-m", "stdgap", "report", "annual", "--year", str(year), *outs]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--db", url], capture_output=True, text=True, check=False, timeout=300
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the command failed: {done.stderr or done.stdout}")
    said = re.search(r"written in ([0-9.]+) s", " ".join(done.stdout.split()))
    return wall, float(said.group(1)) if said else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", help="store URL with the itu demo (default: build one)")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--out", type=Path, help="folder for the reports (default: temporary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.store or f"sqlite:///{folder}/itu.db"
        engine = open_store(url)
        if not args.store:
            started = time.perf_counter()
            load_demo(engine, "itu", 2024)
            print(f"itu demo store built in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        compute(engine, IndicatorRequest.of(["participants"], ["year"]))
        print(f"indicator cache warmed in {time.perf_counter() - started:.2f} s")
        out = args.out or Path(folder)
        first = _formats(engine, args.year, out, "first report of a fresh process")
        warm_writers()
        clear_drawn_charts()
        again = _formats(engine, args.year, out, "a warm process (a server's worker)")
        print(f"all three formats: first {first:.2f} s, warm {again:.2f} s (target ≤ 3 s)")
        print("-- the command in a fresh process (stdgap report annual, three --out)")
        for attempt in (1, 2):
            wall, said = _command(url, args.year, out)
            print(f"run {attempt}: {wall:6.2f} s wall, {said:.1f} s from the command's start")
        engine.dispose()


if __name__ == "__main__":
    main()
