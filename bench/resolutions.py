"""Parse the five seed texts and print the wall time (target: under 1 s in total).

Run from the project root: ``.venv/bin/python bench/resolutions.py [SEED_DIR]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.parsed import Collection
from stdgap.resolutions.parser import parse_file

TARGET_SECONDS = 1.0


def main() -> int:
    root = Path(__file__).resolve().parents[1]
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "seeds"
    files = sorted(seeds.glob("0*.txt"))
    if not files:
        print(f"no seed texts in {seeds}")
        return 1
    start = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        parsed = parse_file(path)
        took = time.perf_counter() - t0
        if isinstance(parsed, Collection):
            what = f"collection: {len(parsed.extracts)} extracts"
        else:
            what = f"resolution {parsed.number}: {sum(len(s.clauses) for s in parsed.operative)}"
            what += " clauses"
        print(f"{path.name:<28} {took * 1000:7.1f} ms  {what}")
    parse_total = time.perf_counter() - start
    t0 = time.perf_counter()
    for path in files:
        to_akn(parse_file(path))
    akn_total = time.perf_counter() - t0
    print(f"parse, {len(files)} files: {parse_total:.3f} s (target < {TARGET_SECONDS:.0f} s)")
    print(f"parse + Akoma Ntoso, {len(files)} files: {akn_total:.3f} s")
    return 0 if parse_total < TARGET_SECONDS else 2


if __name__ == "__main__":
    raise SystemExit(main())
