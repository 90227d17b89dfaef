"""The index kept up to date: after each write the index a process keeps (the old one with
the changed items put in) answers exactly as an index made anew from the store — the same
ids in the same order, scores, totals, facets' counts, corrections — and only a large change
makes it anew."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from stdgap.knowledge import index
from stdgap.knowledge.index import Query
from stdgap.knowledge.items import ItemInput, add_item, edit_item, withdraw_item

QUERIES = [
    Query(""),
    Query("quantum"),
    Query("quantom"),
    Query("photonique"),
    Query("photoniqe"),
    Query("machine learning", sg=("SG13",)),
    Query("réseaux optiques"),
    Query("Y.3172"),
    Query("Y.9999"),
    Query("networks", status=("withdrawn",)),
    Query("", sg=("TSAG",)),
    Query("", year=(1999,)),
    Query("", language=("ar",), type=("guideline",)),
    Query("framework", year=(2012, 1999), language=("fr",)),
]


def _answers(found: index.SearchIndex) -> list[Any]:
    return [found.search(q, 0, 100) for q in QUERIES]


def _writes(world: Engine) -> list[Any]:
    def edit(item_id: str, item: ItemInput) -> None:
        edit_item.perform(world, "test", item_id, item)

    return [
        lambda: add_item.perform(
            world,
            "test",
            ItemInput(
                "NEW-1",
                "Réseaux photoniques quantiques",
                "guideline",
                number="Y.9999",
                summary="Photonique et quantum.",
                study_group="TSAG",
                date="1999-05-01",
                languages="fr, ar",
            ),
        ),
        lambda: edit(
            "ITU-T Y.3172",
            ItemInput("x", "Zebra telemetry", "supplement", study_group="SG2", date="2024-01-01"),
        ),
        lambda: withdraw_item.perform(world, "test", "ITU-T Y.3800"),
        lambda: edit("NEW-1", ItemInput("x", "Autre titre", "guideline", number="Y.3172")),
        lambda: add_item.perform(
            world, "test", ItemInput("AAA-0", "Quantum framework networks", "guideline")
        ),
    ]


def test_an_index_kept_up_to_date_answers_as_one_made_anew(
    world: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = index.build
    anew = []

    def counted(engine: Engine) -> index.SearchIndex:
        anew.append(engine)
        return made(engine)

    monkeypatch.setattr(index, "build", counted)
    before = index.current(world)
    for write in _writes(world):
        write()
        kept = index.current(world)
        assert kept is not before and kept.revision == index.revision(world)
        fresh = made(world)
        assert kept.size == fresh.size
        assert _answers(kept) == _answers(fresh)
        before = kept
    assert len(anew) <= 1  # only the first search of the process, none after a write


def test_a_large_change_makes_the_index_anew(
    world: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.current(world)
    made = index.build
    anew = []
    monkeypatch.setattr(index, "build", lambda engine: anew.append(1) or made(engine))
    monkeypatch.setattr(index, "DELTA", 0)
    edit_item.perform(world, "test", "ITU-T Y.3172", ItemInput("x", "Zebra", "supplement"))
    assert index.current(world).search(Query("zebra")).ids == ["ITU-T Y.3172"]
    assert anew == []  # one item of some sixty: put in
    for number in range(10):
        add_item.perform(world, "test", ItemInput(f"N-{number}", "Zebra", "guideline"))
    assert index.current(world).search(Query("zebra")).total == 11
    assert anew == [1]
