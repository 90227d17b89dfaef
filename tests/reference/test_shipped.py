"""The shipped reference data: complete, consistent, dated where countries changed."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date

import pytest

from stdgap.reference.names import name_key
from stdgap.reference.shipped import (
    ClassificationRecord,
    load_aliases,
    load_classifications,
    load_countries,
)
from stdgap.reference.vocabulary import ATTRIBUTES


def _on(records: list[ClassificationRecord], attribute: str, day: date) -> dict[str, str]:
    return {
        r.country: r.value
        for r in records
        if r.attribute == attribute
        and (r.valid_from is None or r.valid_from <= day)
        and (r.valid_to is None or day < r.valid_to)
    }


def test_every_iso_country_with_unique_codes() -> None:
    countries = load_countries()
    assert len(countries) == 249
    for field in ("alpha3", "alpha2", "m49"):
        assert len({getattr(c, field) for c in countries}) == 249, field
    assert sum(c.itu_member for c in countries) == 194


def test_periods_cover_time_without_gaps_or_overlaps() -> None:
    by_pair: dict[tuple[str, str], list[ClassificationRecord]] = defaultdict(list)
    known = {c.alpha3 for c in load_countries()}
    for record in load_classifications():
        assert record.country in known
        assert record.attribute in ATTRIBUTES
        by_pair[(record.country, record.attribute)].append(record)
    for pair, rows in by_pair.items():
        rows.sort(key=lambda r: r.valid_from or date.min)
        assert rows[0].valid_from is None and rows[-1].valid_to is None, pair
        for earlier, later in itertools.pairwise(rows):
            assert earlier.valid_to == later.valid_from, pair


@pytest.mark.parametrize(
    ("country", "graduated"),
    [("VUT", date(2020, 12, 4)), ("BTN", date(2023, 12, 13)), ("STP", date(2024, 12, 13))],
)
def test_ldc_graduations_are_dated(country: str, graduated: date) -> None:
    records = load_classifications()
    assert _on(records, "ldc", graduated.replace(day=graduated.day - 1))[country] == "true"
    assert _on(records, "ldc", graduated)[country] == "false"


def test_group_sizes_match_the_public_lists() -> None:
    records = load_classifications()
    day = date(2025, 1, 1)
    assert Counter(_on(records, "ldc", day).values())["true"] == 44
    assert Counter(_on(records, "lldc", day).values())["true"] == 32
    sids = {country for country, value in _on(records, "sids", day).items() if value == "true"}
    assert len(sids) == 54 and "BHR" in sids  # M49's 53, and Bahrain, which UN-OHRLLS lists
    assert len(sids & {c.alpha3 for c in load_countries() if c.itu_member}) == 38
    regions = Counter(_on(records, "itu_region", day).values())
    assert set(regions) == {"Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe"}
    members = {c.alpha3 for c in load_countries() if c.itu_member}
    assert members <= set(_on(records, "itu_region", day))
    assert _on(records, "itu_region", day)["EGY"] == "Arab States"
    assert _on(records, "itu_region", day)["UKR"] == "Europe"
    assert _on(records, "transition", day)["RUS"] == "true"


def test_aliases_resolve_to_one_country_each() -> None:
    targets: dict[str, set[str]] = defaultdict(set)
    for alias, alpha3 in load_aliases():
        targets[name_key(alias)].add(alpha3)
    assert all(len(found) == 1 for found in targets.values())
