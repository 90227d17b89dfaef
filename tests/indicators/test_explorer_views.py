"""The explorer's charts and tables from cells: small multiples instead of a tangle of lines,
legends never cut short, a text alternative saying what is drawn, totals under each group."""

from __future__ import annotations

from typing import Any

from stdgap.i18n.translate import use
from stdgap.indicators.explorer_charts import (
    MAX_LINES,
    MAX_PANELS,
    explorer_charts,
    format_locale,
    spec_for,
)
from stdgap.indicators.explorer_tables import tables, totals_request
from stdgap.indicators.request import IndicatorRequest

REGIONS = ["Africa", "Americas", "Arab States", "Asia-Pacific", "CIS", "Europe"]


def cell(indicator: str, value: float | None, **dims: Any) -> dict[str, Any]:
    return {"indicator": indicator, "value": value, "flag": None, **dims}


def test_one_line_per_value_while_few_with_a_complete_legend() -> None:
    rows = [
        cell("participants", 10 * i + y, year=2020 + y, status=s)
        for y in range(3)
        for i, s in enumerate(["developing", "developed"])
    ]
    spec, left_out = spec_for("participants", rows, ["year", "status"]) or ({}, "")
    assert spec["mark"]["type"] == "line" and "facet" not in spec
    assert spec["encoding"]["color"]["field"] == "series"
    assert spec["config"]["legend"]["symbolLimit"] == 0  # no "…and 2 more"
    assert {v["series"] for v in spec["data"]["values"]} == {"developing", "developed"}
    assert left_out == ""


def test_two_dimensions_over_years_are_small_multiples() -> None:
    rows = [
        cell("participants", 1 + y + i, year=2020 + y, region=r, status=s)
        for y in range(6)
        for i, r in enumerate(REGIONS)
        for s in ("developing", "developed")
    ]  # 12 combinations of 6 years: once 12 lines
    spec, _ = spec_for("participants", rows, ["year", "region", "status"]) or ({}, "")
    assert spec["facet"]["field"] == "panel" and spec["facet"]["title"] == "Region"
    assert spec["facet"]["sort"] == REGIONS  # in the order of the cells
    assert spec["spec"]["encoding"]["color"]["title"] == "Development status"
    assert {v["panel"] for v in spec["data"]["values"]} == set(REGIONS)
    assert {v["series"] for v in spec["data"]["values"]} == {"developing", "developed"}


def test_many_values_of_one_dimension_are_panels_and_the_biggest_kept() -> None:
    countries = [f"C{i:02}" for i in range(MAX_PANELS + 6)]
    rows = [
        cell("participants", i + 1, year=2020 + y, country=c)
        for y in range(2)
        for i, c in enumerate(countries)
    ]
    assert len(countries) > MAX_LINES
    spec, left_out = spec_for("participants", rows, ["year", "country"]) or ({}, "")
    assert "color" not in spec["spec"]["encoding"]  # one line a panel
    kept = {v["panel"] for v in spec["data"]["values"]}
    assert kept == set(countries[-MAX_PANELS:])
    assert left_out.startswith(f"{MAX_PANELS} panels of {len(countries)} drawn")


def test_the_text_alternative_says_what_over_which_years_and_range() -> None:
    rows = [
        cell("developing_participant_share", 0.25 + y / 10, year=2020 + y) for y in range(3)
    ] + [cell("developing_participant_share", None, year=2023)]
    (chart,) = explorer_charts(rows, ["year"])
    assert chart.description == (
        "Chart of Share of participants from developing countries by Year, 2020–2022: "
        "3 values, from 25.0 % to 45.0 %."
    )
    assert chart.spec["description"] == chart.description
    tips = [t["field"] for t in chart.spec["encoding"]["tooltip"]]
    assert tips == ["year", "value"]
    assert explorer_charts([cell("participants", None, year=2020)], ["year"]) == []


def test_totals_follow_their_group_and_skip_shares_of_a_total() -> None:
    asked = IndicatorRequest.of(["participants", "participants_share_of_total"], ["year", "region"])
    margin = totals_request(asked)
    assert margin is not None
    assert margin.by == ("year",) and margin.indicators == ("participants",)
    assert totals_request(IndicatorRequest.of(["participants"], ["region", "year"])) is None
    rows = [cell("participants", 1, year=y, region=r) for y in (2020, 2021) for r in ("A", "B")]
    totals = [cell("participants", 2, year=y) for y in (2020, 2021, 2022)]
    out = tables(rows, totals, ["year", "region"])["participants"]
    shown = [(r["year"], r.get("region"), bool(r.get("total"))) for r in out]
    assert shown == [
        (2020, "A", False),
        (2020, "B", False),
        (2020, None, True),
        (2021, "A", False),
        (2021, "B", False),
        (2021, None, True),
        (2022, None, True),  # a total without rows of its own still shows
    ]


def test_charts_write_numbers_as_the_pages_do() -> None:
    with use("fr"):
        french = format_locale()
    assert (french["decimal"], french["thousands"], french["percent"]) == (",", "\u202f", "\xa0%")
    with use("en"):
        assert format_locale()["percent"] == " %"  # the house style: 12.3 %
