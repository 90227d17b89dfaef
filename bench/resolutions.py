"""Parse and validate 100 resolution texts (the test fixtures of six languages and five layouts,
repeated with varied numbers, places, clause counts and page furniture), print texts per second;
then the five seed texts, if present, with their wall time (target: under 1 s in total).

Run from the project root: ``.venv/bin/python bench/resolutions.py [SEED_DIR]``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.parsed import Collection
from stdgap.resolutions.parser import parse_file, parse_text, recognised

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "resolutions"))

from texts import ALL, DECISION, FINAL_ACTS, FINAL_ACTS_FR, RA, UNGA  # noqa: E402

TARGET_SECONDS = 1.0
COUNT = 100


def variants(count: int, seed: int = 17) -> list[str]:
    """``count`` texts: each fixture with another number and place, extra clauses, and page
    breaks with running heads and page numbers at random line breaks."""
    rng = random.Random(seed)
    fixtures = [FINAL_ACTS, FINAL_ACTS_FR, DECISION, RA, UNGA, *ALL.values()]
    out: list[str] = []
    for k in range(count):
        text = fixtures[k % len(fixtures)]
        text = text.replace(" 9 ", f" {10 + k} ").replace("Sampletown", f"Town{k}")
        lines = text.rstrip("\n").split("\n")
        more = range(3, 3 + rng.randint(0, 12))
        if fixtures[k % len(fixtures)] is UNGA:
            extra = [f"{n + 2}. Decides to carry out task {n} of {k};" for n in more]
            lines = lines[:-2]  # before the closing "48th plenary meeting" and its date
        else:
            extra = [f"{n}\tto carry out task {n} of {k};" for n in more]
        lines += extra
        for _ in range(rng.randint(0, 4)):
            at = rng.randint(1, len(lines) - 1)
            lines.insert(at, f"\fRes. {k}\n- {rng.randint(1, 99)} -")
        out.append("\n".join(lines) + "\n")
    return out


def bench_generated() -> bool:
    texts = variants(COUNT)
    start = time.perf_counter()
    bad = 0
    for text in texts:
        parsed = parse_text(text)
        if not recognised(parsed) or errors(to_akn(parsed)):
            bad += 1
    took = time.perf_counter() - start
    print(
        f"{COUNT} generated texts parsed and Akoma Ntoso-validated in {took:.3f} s: "
        f"{COUNT / took:.0f} texts/s ({bad} failed)"
    )
    return bad == 0


def bench_seeds(seeds: Path) -> bool:
    files = sorted(seeds.glob("0*.txt"))
    if not files:
        print(f"no seed texts in {seeds}")
        return True
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
    print(f"parse, {len(files)} seed files: {parse_total:.3f} s (target < {TARGET_SECONDS:.0f} s)")
    return parse_total < TARGET_SECONDS


def main() -> int:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    ok = bench_generated()
    ok = bench_seeds(seeds) and ok
    return 0 if ok else 2


if __name__ == "__main__":
    raise SystemExit(main())
