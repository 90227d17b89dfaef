"""Disclosure control: on random stores, no cell about persons can be solved for from the exact
cells of every grouping the public can ask for; perturbation is the same every time; the
attacker itself finds the leak of cell-by-cell suppression."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import stores

from disclosure_attack import Release, recovered
from stdgap.indicators.catalogue import CATALOGUE, DIMENSIONS
from stdgap.indicators.cells import Cell
from stdgap.indicators.compute import cells_of
from stdgap.indicators.disclosure import noise, perturb, protect
from stdgap.indicators.facts import Facts, build_facts
from stdgap.indicators.flags import NO_NEXT_YEAR
from stdgap.indicators.formats import record
from stdgap.indicators.load import Tables
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.suppress import suppress

PUBLIC_MIN_CELL = 5
ATTACKED = (
    "participants",
    "attendances",
    "fellowship_attendances",
    "women_share",
    "newcomer_share",
    "young_share",
    "developing_participant_share",
    "leadership_held",
    "women_leadership_held_share",
    "roles_held",
)
SPLITS = [d for d in DIMENSIONS if d not in ("year", "gender")]


def _release(
    facts: Facts,
    indicators: list[str],
    by: tuple[str, ...],
    public_min_cell: int = PUBLIC_MIN_CELL,
) -> Release:
    request = IndicatorRequest.of(indicators, by)
    cells = cells_of(facts, request)
    published = protect(cells, request, public_min_cell)
    return Release(by, [record(c) for c in published], [record(c) for c in cells])


def _groupings(extra: str) -> list[tuple[str, ...]]:
    """Every grouping of year, gender and ``extra`` the public can ask for (with none)."""
    dims = ("year", extra, "gender")
    return [combo for n in range(4) for combo in itertools.combinations(dims, n)]


@settings(max_examples=40, deadline=None)
@given(tables=stores(), extra=st.sampled_from(SPLITS), secret=st.integers(0, 2**62))
def test_no_cell_about_persons_is_solved_for(tables: Tables, extra: str, secret: int) -> None:
    """All groupings at once: a stronger attacker than any pair of them."""
    facts = build_facts(replace(tables, secret=secret))
    releases = []
    for by in _groupings(extra):
        asked = [i for i in ATTACKED if set(by) <= set(CATALOGUE[i].dimensions)]
        releases.append(_release(facts, asked, by))
    for indicator in ATTACKED:
        if extra in CATALOGUE[indicator].dimensions:
            assert recovered(releases, indicator) == [], (indicator, extra)


@settings(max_examples=30, deadline=None)
@given(tables=stores(), extra=st.sampled_from(SPLITS))
def test_a_cell_gets_the_same_figure_however_it_is_asked_for(tables: Tables, extra: str) -> None:
    """The cell (year Y, gender F) is the same whether asked alone, with the other dimensions
    filtered, or among others: its noise comes from its records, not from the question."""
    facts = build_facts(tables)
    wide = _release(facts, ["women_share", "participants"], ("year", "gender"))
    for item in wide.published:
        if item["protection"] == "suppressed":
            continue
        narrow = _release_where(facts, item)
        assert narrow == [
            {key: value for key, value in item.items() if key not in ("year", "gender")}
        ]


def _release_where(facts: Facts, item: dict[str, object]) -> list[dict[str, object]]:
    where = {"year": str(item["year"]), "gender": str(item["gender"])}
    request = IndicatorRequest.of([str(item["indicator"])], (), where)
    return [record(c) for c in protect(cells_of(facts, request), request, PUBLIC_MIN_CELL)]


def test_the_noise_table_is_unbiased_symmetric_and_bounded() -> None:
    deltas = Counter(noise(key) for key in range(256))
    assert sum(delta * count for delta, count in deltas.items()) == 0
    assert set(deltas) == set(range(-3, 4))
    assert all(deltas[delta] == deltas[-delta] for delta in range(1, 4))
    assert deltas[3] < deltas[2] < deltas[1] < deltas[0]  # extremes are the rarest
    assert perturb(1, 0) >= 0 and perturb(0, 0) == 0  # a key of 0 gets −3; never below 0


def test_a_published_size_is_never_under_the_minimum_and_a_withheld_cell_is_suppressed() -> None:
    """A cell of exact size 5 or 6 whose noise takes it under five is suppressed (else a
    published 3 would mean exactly 5); a withheld cell about persons says only suppressed."""
    request = IndicatorRequest.of(["participants"], ("year", "gender"))
    low_key = next(key for key in range(256) if noise(key) == -2)
    high_key = next(key for key in range(256) if noise(key) == 2)
    cells = [
        Cell("participants", {"year": 2024, "gender": "F"}, 6, keys=(low_key, None)),
        Cell("participants", {"year": 2024, "gender": "M"}, 5, keys=(high_key, None)),
        Cell("participants", {"year": 2024, "gender": "X"}, 40, keys=(high_key, None)),
    ]
    cells[2] = replace(cells[2], flag=NO_NEXT_YEAR)
    women, men, withheld = protect(cells, request, PUBLIC_MIN_CELL)
    assert women.protection == "suppressed" and women.value is None
    assert men.protection == "perturbed" and men.value == 7
    assert withheld.protection == "suppressed" and withheld.value is None


def test_a_share_of_the_total_under_a_lower_perturbed_total_keeps_its_count_s_figure() -> None:
    """Five men and one person of no stated gender: the men's count gets +1 (6, published),
    the total of six gets −2 (4). The men's share of the total is published with the count's
    6 as numerator and a denominator raised to it, not clipped to 4 and suppressed."""
    request = IndicatorRequest.of(
        ["participants", "participants_share_of_total"], ("year", "gender")
    )
    up_key = next(key for key in range(256) if noise(key) == 1)
    down_key = next(key for key in range(256) if noise(key) == -2)
    where = {"year": 2024, "gender": "M"}
    count = Cell("participants", where, 5, keys=(up_key, None))
    share = Cell(
        "participants_share_of_total",
        where,
        5 / 6,
        numerator=5,
        denominator=6,
        keys=(up_key, down_key),
    )
    alone, of_total = protect([count, share], request, PUBLIC_MIN_CELL)
    assert alone.protection == of_total.protection == "perturbed"
    assert alone.value == of_total.numerator == 6
    assert of_total.denominator == 6 and of_total.value == 1.0


def test_the_attacker_finds_the_leak_of_cell_by_cell_suppression() -> None:
    """The first round's rule (exact cells, the small ones suppressed): by year 6 persons, by
    year and gender 5 men and 1 woman suppressed; the woman is recovered by subtraction."""
    total = Cell("participants", {"year": 2024}, 6)
    men = Cell("participants", {"year": 2024, "gender": "M"}, 5)
    women = Cell("participants", {"year": 2024, "gender": "F"}, 1)
    releases = [
        Release(("year",), [record(c) for c in suppress([total], 5)], [record(total)]),
        Release(
            ("year", "gender"),
            [record(c) for c in suppress([men, women], 5)],
            [record(men), record(women)],
        ),
    ]
    assert recovered(releases, "participants") == [
        "value of ('year', 'gender')=(2024, 'M') published exactly",
        "value of ('year', 'gender')=(2024, 'F'): 1 recovered",
    ]


@settings(max_examples=30, deadline=None)
@given(tables=stores(), extra=st.sampled_from(["region", "country", "status", "member_type"]))
def test_a_share_of_the_total_hides_what_its_count_hides(tables: Tables, extra: str) -> None:
    """A region's share of all fellowships, or a gender's share of all participants, is the
    cell's own count over the total: suppressed exactly when that count is, and its numerator
    is the count's published figure."""
    facts = build_facts(tables)
    for count, by in (
        ("fellowship_attendances", ("year", extra)),
        ("participants", ("year", extra, "gender")),
    ):
        release = _release(facts, [count, f"{count}_share_of_total"], by)
        found: dict[tuple[object, ...], dict[str, dict[str, object]]] = {}
        for item in release.published:
            found.setdefault(tuple(item[d] for d in by), {})[str(item["indicator"])] = item
        for cells in found.values():
            alone, share = cells[count], cells[f"{count}_share_of_total"]
            assert alone["suppressed"] == share["suppressed"], (alone, share)
            if not share["suppressed"]:
                assert share["numerator"] == alone["value"]


@settings(max_examples=30, deadline=None)
@given(tables=stores(), extra=st.sampled_from(["region", "country", "status", "member_type"]))
def test_a_share_of_a_public_total_divides_by_the_total_as_published(
    tables: Tables, extra: str
) -> None:
    """Persons of a year and region split by gender: the total over genders is public record,
    published exactly by the same request without gender, and the shares divide by it (raised
    only to a numerator perturbed above it)."""
    facts = build_facts(tables)
    totals = _release(facts, ["participants"], ("year", extra), public_min_cell=1)
    published = {(item["year"], item[extra]): item["value"] for item in totals.published}
    by = ("year", extra, "gender")
    shares = _release(facts, ["participants_share_of_total"], by, public_min_cell=1)
    for item in shares.published:
        if item["suppressed"]:
            continue
        total = published[(item["year"], item[extra])]
        assert item["denominator"] == max(total, item["numerator"]), item
