"""Every indicator can be split by each of its dimensions, as the catalogue says ("any
combination may be asked for"), on a store where some rows have no value of a dimension: an
event registrant of no member, a spending of no beneficiary country, a beneficiary that is no
member's country. Such rows are in the cell "unknown", and a country no member has is named."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from sqlalchemy import Engine, text
from test_properties import stores

from stdgap.demo.load import load_demo
from stdgap.events import facts as event_facts
from stdgap.fund import facts as fund_facts
from stdgap.fund.vocabulary import PROGRAMMES
from stdgap.indicators.catalogue import CATALOGUE, GENDERS, MEMBER_TYPES, REGIONS, ROLES
from stdgap.indicators.compute import UNKNOWN, cells_of, compute
from stdgap.indicators.facts import build_facts
from stdgap.indicators.load import Tables
from stdgap.indicators.request import IndicatorRequest

CLOSED = {
    "region": set(REGIONS),
    "status": {"developing", "developed"},
    "ldc": {"true", "false"},
    "lldc": {"true", "false"},
    "sids": {"true", "false"},
    "gender": set(GENDERS),
    "member_type": {*MEMBER_TYPES, UNKNOWN},
    "role": set(ROLES),
}


@pytest.fixture
def demo(engine: Engine) -> Engine:
    load_demo(engine, "small", 11)
    return engine


def test_every_indicator_by_each_of_its_dimensions(demo: Engine) -> None:
    with demo.connect() as connection:
        countries = {row[0] for row in connection.execute(text("SELECT alpha3 FROM countries"))}
    dimensions = sorted({d for indicator in CATALOGUE.values() for d in indicator.dimensions})
    for dimension in dimensions:
        chosen = [i for i, indicator in CATALOGUE.items() if dimension in indicator.dimensions]
        request = IndicatorRequest.of(chosen, [dimension], min_cell=1, exact=True)
        cells = compute(demo, request)
        assert {cell.indicator for cell in cells} <= set(chosen)
        values = {cell.dims[dimension] for cell in cells}
        if dimension == "country":
            assert values <= countries | {UNKNOWN}, values - countries
        elif dimension in CLOSED:
            assert values <= CLOSED[dimension], values - CLOSED[dimension]


@settings(max_examples=25, deadline=None)
@given(tables=stores())
def test_rows_of_no_value_or_a_country_of_no_member_have_their_cell(tables: Tables) -> None:
    """A registrant of no member is of member type "unknown"; a spending of no beneficiary is
    of country "unknown"; a beneficiary or registrant country no member has (NZL) keeps its
    name. Their cells add up to the totals."""
    meeting = int(tables.meetings["id"][0])
    tables.extra["event_registrations"] = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "meeting_id": [meeting] * 3,
            "member_pk": [None, int(tables.members["id"][0]), None],
            "country": ["NZL", None, None],
            "confirmed": [1, 1, 1],
            "attended": [1, 0, 1],
        },
        schema=event_facts._SCHEMA,
    )
    tables.extra["fund_entries"] = pl.DataFrame(
        {
            "id": [1, 2, 3],
            "day": [date(2024, 5, 1)] * 3,
            "programme": [next(iter(PROGRAMMES))] * 3,
            "country": ["NZL", None, str(tables.members["country"][0])],
            "amount": [100.0, 250.0, 40.0],
        },
        schema=fund_facts._SCHEMA,
    )
    facts = build_facts(tables)

    def cells(indicator: str, by: str) -> dict[str, float]:
        request = IndicatorRequest.of([indicator], [by], min_cell=1, exact=True)
        return {str(c.dims[by]): c.value or 0 for c in cells_of(facts, request)}

    by_type = cells("event_registrations", "member_type")
    assert by_type[UNKNOWN] == 2 and sum(by_type.values()) == 3
    spent = cells("fund_spending", "country")
    assert spent["NZL"] == 100.0 and spent[UNKNOWN] == 250.0 and sum(spent.values()) == 390.0
    registered = cells("event_registrations", "country")
    assert registered["NZL"] == 1 and sum(registered.values()) == 3
