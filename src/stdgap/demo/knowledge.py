# ruff: noqa: E501 - a table of prose: titles and summaries on one line each
"""The demo's knowledge catalogue: a few hundred items made from templates (titles and
summaries across the study groups, some in French) and two reading lists; written through the
knowledge capability's import (one audited write), so running the demo again changes nothing."""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from stdgap.knowledge.items import import_file
from stdgap.knowledge.lists import ListInput, save_list
from stdgap.knowledge.queries import lists

# (SG, series, subjects)
SUBJECTS = {
    "SG2": (
        "E",
        ["numbering plans", "service quality of numbering resources", "network management"],
    ),
    "SG3": (
        "D",
        ["international mobile roaming", "mobile financial services", "competition policy"],
    ),
    "SG5": (
        "L",
        ["e-waste management", "energy efficiency of data centres", "climate change adaptation"],
    ),
    "SG11": ("Q", ["signalling security", "combating counterfeit devices", "conformance testing"]),
    "SG12": (
        "P",
        [
            "quality of service of mobile networks",
            "quality of experience of video",
            "speech quality",
        ],
    ),
    "SG13": (
        "Y",
        [
            "machine learning in future networks",
            "quantum key distribution networks",
            "network slicing for IMT-2020",
            "cloud computing",
        ],
    ),
    "SG15": ("G", ["optical fibre cables", "passive optical networks", "time synchronization"]),
    "SG16": ("H", ["video coding", "accessibility of ICT services", "digital health"]),
    "SG17": ("X", ["cybersecurity", "identity management", "incident response teams"]),
    "SG20": (
        "Y",
        ["smart sustainable cities", "Internet of things platforms", "smart agriculture"],
    ),
}
FRENCH = {
    "machine learning in future networks": "l'apprentissage automatique dans les réseaux futurs",
    "optical fibre cables": "les câbles à fibre optique",
    "cybersecurity": "la cybersécurité",
    "smart sustainable cities": "les villes intelligentes et durables",
    "e-waste management": "la gestion des déchets électroniques",
    "quality of service of mobile networks": "la qualité de service des réseaux mobiles",
}
KINDS = [
    (
        "recommendation",
        "Requirements and framework for {s}",
        "This Recommendation specifies requirements, a functional architecture and reference points for {s}, with use cases from developing countries.",
    ),
    (
        "supplement",
        "Supplement on use cases of {s}",
        "This Supplement collects deployment use cases of {s} and lessons learnt by operators and regulators.",
    ),
    (
        "technical_paper",
        "Technical paper on the deployment of {s}",
        "A technical paper on planning, costs and interoperability when deploying {s} in low-income settings.",
    ),
    (
        "technical_report",
        "Technical report on the state of {s}",
        "A technical report surveying standards, gaps and open issues in {s}.",
    ),
    (
        "guideline",
        "Guidelines for implementing {s}",
        "Guidelines for national administrations on implementing {s}: policy, regulation and capacity building.",
    ),
    (
        "best_practice",
        "Best practices in {s}",
        "Best practices collected from member states on {s}.",
    ),
    (
        "training",
        "Training material on {s}",
        "Slides and exercises for a workshop on {s} for engineers and regulators.",
    ),
    (
        "elearning",
        "E-learning course on {s}",
        "A self-paced online course introducing {s}, with quizzes and a certificate.",
    ),
]
FRENCH_KINDS = [
    (
        "guideline",
        "Lignes directrices sur {s}",
        "Lignes directrices à l'intention des administrations nationales sur {s}, la réglementation et le renforcement des capacités.",
    ),
    (
        "training",
        "Formation sur {s}",
        "Supports de formation et exercices sur {s} pour les ingénieurs et les régulateurs.",
    ),
]
HEADER = [
    "item_id",
    "number",
    "title",
    "summary",
    "type",
    "study_group",
    "question",
    "status",
    "date",
    "languages",
    "keywords",
    "url_en",
    "url_fr",
]


def catalogue_rows(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for group, (series, subjects) in SUBJECTS.items():
        sg = int(group[2:])
        for number, subject in enumerate(subjects):
            for k, (kind, title, summary) in enumerate(KINDS):
                code = f"{series}.{sg * 100 + number * 10 + k}"
                item_id = (
                    f"ITU-T {code}"
                    if kind in ("recommendation", "supplement")
                    else f"{group}-{kind[:4].upper()}-{number}{k}"
                )
                status = rng.choice(["in_force"] * 5 + ["superseded", "draft"])
                year = rng.randint(2012, 2025)
                languages = (
                    "en, fr, es"
                    if rng.random() < 0.4
                    else "ar, zh, en, fr, ru, es"
                    if rng.random() < 0.2
                    else "en"
                )
                rows.append(
                    [
                        item_id,
                        code if kind in ("recommendation", "supplement") else "",
                        title.format(s=subject),
                        summary.format(s=subject),
                        kind,
                        group,
                        f"Q{number + 1}/{sg}",
                        status,
                        f"{year}-{rng.randint(1, 12):02d}-15",
                        languages,
                        f"{subject}; {group}",
                        f"https://www.itu.int/rec/T-REC-{code}/en",
                        "",
                    ]
                )
            french = FRENCH.get(subject)
            if french:
                for k, (kind, title, summary) in enumerate(FRENCH_KINDS):
                    rows.append(
                        [
                            f"{group}-FR-{number}{k}",
                            "",
                            title.format(s=french),
                            summary.format(s=french),
                            kind,
                            group,
                            f"Q{number + 1}/{sg}",
                            "in_force",
                            f"{rng.randint(2015, 2025)}-06-15",
                            "fr",
                            french,
                            "",
                            "https://www.itu.int/fr/",
                        ]
                    )
    return rows


def generate_knowledge(engine: Engine, seed: int, actor: str) -> dict[str, int]:
    """Import the demo catalogue (again: nothing changes) and write its two reading lists."""
    rows = catalogue_rows(seed)
    with tempfile.TemporaryDirectory(prefix="stdgap-demo-") as folder:
        path = Path(folder) / "catalogue.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(HEADER)
            writer.writerows(rows)
        counts = import_file(engine, actor, path, "demo:knowledge")
    if not lists(engine):
        ids = [r[0] for r in rows]
        save_list.perform(
            engine,
            actor,
            ListInput(
                "sg13-machine-learning",
                "Machine learning in future networks",
                "SG13",
                "machine learning",
                "Where to start on ML in networks.",
                [i for i in ids if "machine learning" in rows[ids.index(i)][2]][:8],
            ),
        )
        save_list.perform(
            engine,
            actor,
            ListInput(
                "cybersecurity-starter",
                "Cybersecurity for new delegates",
                "SG17",
                "cybersecurity",
                "",
                [r[0] for r in rows if r[5] == "SG17"][:8],
            ),
        )
    return {"items": len(rows), **counts}
