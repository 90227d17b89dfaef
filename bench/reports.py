"""Annual report of the `itu` demo in DOCX, PDF and HTML: seconds per format and in total.

    python bench/reports.py [--store URL] [--year 2025] [--out DIR]

Builds the `itu` demo store in a temporary SQLite file unless --store names one. The indicator
cache is warmed first (as on a server that has answered once since the last import), then each
format is built from scratch: queries, charts, layout. Target: all three ≤ 10 s in total.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from stdgap.bootstrap import open_store
from stdgap.demo.load import load_demo
from stdgap.documents.output import write_report
from stdgap.indicators.compute import compute
from stdgap.indicators.request import IndicatorRequest
from stdgap.reports.annual import build_annual_report


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
        total = 0.0
        for suffix in (".docx", ".pdf", ".html"):
            started = time.perf_counter()
            write_report(
                build_annual_report(engine, args.year), out / f"annual-{args.year}{suffix}"
            )
            elapsed = time.perf_counter() - started
            total += elapsed
            size = (out / f"annual-{args.year}{suffix}").stat().st_size
            print(f"{suffix[1:]:5} {elapsed:6.2f} s  {size / 1024:8.0f} KiB")
        print(f"all three formats: {total:.2f} s (target ≤ 10 s)")
        engine.dispose()


if __name__ == "__main__":
    main()
