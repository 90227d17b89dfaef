"""Benchmark of the knowledge search: a generated catalogue of 100,000 items (SQLite by
default, or --db: a store that holds items already is used as it is), the index's build
time, p50/p95 times of a set of queries (each query as a page of the portal asks it: the
index's answer, the facets and the page's records), the time of the first search after one
item (then 100 items) is edited, and the time to make the index anew.

    .venv/bin/python bench/search.py [--items 100000] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select, update

from stdgap.bootstrap import open_store
from stdgap.knowledge import index, search
from stdgap.knowledge.index import Query
from stdgap.knowledge.items import ItemInput, edit_item, terms_of
from stdgap.knowledge.models import KnowledgeItem

TOPICS = [
    "machine learning",
    "quantum key distribution",
    "optical fibre",
    "passive optical network",
    "video coding",
    "cybersecurity",
    "incident response",
    "Internet of things",
    "smart cities",
    "climate change",
    "e-waste",
    "quality of service",
    "numbering plan",
    "signalling security",
    "cloud computing",
    "network slicing",
    "synchronization",
    "accessibility",
    "digital health",
    "mobile money",
    "réseaux de nouvelle génération",
    "apprentissage automatique",
    "sécurité des réseaux",
    "fibre optique",
    "villes intelligentes",
    "qualité de service",
]
WORDS = [
    "framework",
    "architecture",
    "requirements",
    "overview",
    "guidelines",
    "deployment",
    "management",
    "protocol",
    "interface",
    "performance",
    "measurement",
    "testing",
    "interoperability",
    "security",
    "privacy",
    "energy",
    "efficiency",
    "rural",
    "broadband",
    "access",
    "transport",
    "core",
    "edge",
    "data",
    "model",
    "service",
    "operator",
    "regulator",
    "developing",
    "countries",
    "capacity",
    "building",
    "evaluation",
    "reference",
    "functional",
]
TYPES = [
    "recommendation",
    "supplement",
    "technical_paper",
    "technical_report",
    "guideline",
    "best_practice",
    "training",
    "elearning",
]
GROUPS = ["SG2", "SG3", "SG5", "SG11", "SG12", "SG13", "SG15", "SG16", "SG17", "SG20"]
QUERIES = [
    "machine learning",
    "quantum",
    "quantom",
    "optical networks",
    "réseaux",
    "security framework",
    "smart cities energy",
    "machne lerning",
    "Y.3172",
    "video coding performance",
    "fibre optique rurale",
    "cloud",
    "testing interoperability",
    "climate change emissions",
    "qualité de service mobile",
    "",
]


def generate(n: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    now = datetime.now().replace(microsecond=0)
    rows = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        words = " ".join(rng.choices(WORDS, k=30))
        row: dict[str, object] = {
            "item_id": f"ITU-T Y.{i}",
            "number": f"Y.{i}",
            "title": f"{topic.capitalize()}: {' '.join(rng.choices(WORDS, k=5))}",
            "summary": f"This document covers {topic} and {words}.",
            "type": rng.choice(TYPES),
            "study_group": rng.choice(GROUPS),
            "question": None,
            "status": rng.choice(["in_force"] * 4 + ["superseded", "draft"]),
            "published": datetime(2000 + i % 26, 1 + i % 12, 1).date(),
            "languages": rng.sample(["ar", "zh", "en", "fr", "ru", "es"], k=rng.randint(1, 6)),
            "keywords": [topic, rng.choice(WORDS)],
            "links": {},
        }
        row.update(terms_of(row, []))
        row.update(added_at=now, changed_at=now, revision=1)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="stdgap-bench-"))
    url = args.db or f"sqlite:///{folder / 'bench.db'}"
    engine = open_store(url)
    with engine.connect() as connection:
        stored = connection.execute(select(func.count(KnowledgeItem.id))).scalar() or 0
    if stored:
        print(f"{stored} items in the store already (generation skipped)")
    else:
        started = time.perf_counter()
        rows = generate(args.items)
        analysed = time.perf_counter() - started
        with engine.begin() as connection:  # a benchmark's own store: straight in, no audit
            for start in range(0, len(rows), 5000):
                connection.execute(insert(KnowledgeItem), rows[start : start + 5000])
        print(
            f"{args.items} items generated and analysed in {analysed:.1f} s, stored in "
            f"{time.perf_counter() - started - analysed:.1f} s"
        )
    started, cpu = time.perf_counter(), time.process_time()
    built = index.current(engine)
    print(
        f"index built in {time.perf_counter() - started:.2f} s "
        f"(CPU {time.process_time() - cpu:.2f} s): {built.size} items, "
        f"{len(built.terms)} terms, {len(built.keys)} postings"
    )
    times: list[float] = []
    cpus: list[float] = []
    for _ in range(5):
        for q in QUERIES:
            for facets in ({}, {"sg": ("SG13",)}, {"type": ("recommendation",), "year": (2020,)}):
                started, cpu = time.perf_counter(), time.process_time()
                search.search(engine, Query(q, **facets))
                times.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
    for label, found in (("", times), (" (CPU time: less of the machine's load)", cpus)):
        found.sort()
        p95 = found[int(len(found) * 0.95) - 1]
        print(
            f"{len(found)} queries{label}: p50 {statistics.median(found):.1f} ms, "
            f"p95 {p95:.1f} ms, max {found[-1]:.1f} ms"
        )
    for label, names in (("1 item edited", 1), ("100 items edited", 100)):
        started = time.perf_counter()
        if names == 1:
            edit_item.perform(
                engine, "bench", "ITU-T Y.500", ItemInput("x", f"Zebra {time.time()}", "guideline")
            )
        else:
            with engine.begin() as connection:  # as an import would: one new revision
                after = index.revision(engine) + 1
                connection.execute(
                    update(KnowledgeItem)
                    .where(KnowledgeItem.id.between(1000, 1000 + names - 1))
                    .values(title_terms=f"zebra {time.time()}", revision=after)
                )
        written = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        found = search.search(engine, Query("zebra"))
        print(
            f"{label} (written in {written * 1000:.0f} ms), the next search in "
            f"{(time.perf_counter() - started) * 1000:.0f} ms "
            f"(CPU {(time.process_time() - cpu) * 1000:.0f} ms; {found['total']} found)"
        )
    started, cpu = time.perf_counter(), time.process_time()
    index.build(engine)
    print(
        f"index made anew in {time.perf_counter() - started:.2f} s "
        f"(CPU {time.process_time() - cpu:.2f} s)"
    )


if __name__ == "__main__":
    main()
