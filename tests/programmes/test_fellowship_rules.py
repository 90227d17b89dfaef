"""Eligibility rules, read on the dated classification at the meeting's date, each editable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from programme_world import (
    world_fixture,  # noqa: F401 - the fixture 'world'
    write,
)
from sqlalchemy import Engine

from stdgap.fellowships.applications import ApplicationInput, add_application
from stdgap.fellowships.calls import add_call
from stdgap.fellowships.operations import Decision, allocate, plan
from stdgap.fellowships.rules import BOOK, FellowshipRules
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.programmes.rules import RuleError


def _call(engine: Engine, call: str, meeting: str, budget: int = 100_000) -> None:
    add_call.perform(
        engine, "test", call, meeting, budget, full_cost=4000, partial_cost=2000, history=True
    )


def _apply(engine: Engine, app_id: str, call: str, person: str, country: str, **kw: object) -> None:
    member = f"MS-{country}"
    add_application.perform(
        engine, "test", ApplicationInput(app_id, call, person, member, country, **kw)
    )  # type: ignore[arg-type]


def _again(engine: Engine, calls: list[str]) -> list[Decision]:
    """The decisions of a dry run of calls allocated already (their decisions are final)."""
    with engine.connect() as connection:
        return plan(connection, calls).decisions


def _by_id(decisions: list[Decision]) -> dict[str, Decision]:
    return {d.application_id: d for d in decisions}


def _member(engine: Engine, member: str, country: str, kind: str = "member_state") -> None:
    header = ["member_id", "name", "type", "country"]
    rows = [dict(zip(header, [member, member, kind, country], strict=True))]
    run_import.perform(engine, "test", [Source.from_rows("m", "members", header, rows)])


def _set(engine: Engine, key: str, value: str) -> None:
    with engine.begin() as connection:
        BOOK.set(connection, "default", key, value)


def test_graduated_ldc_is_prioritised_before_its_graduation_only(world: Engine) -> None:
    # Bhutan left the LDC list on 2023-12-13
    _call(world, "F-2023", "SG5-2023-06")
    _call(world, "F-2024", "SG5-2024-06")
    _apply(world, "A-2023", "F-2023", "BTN-1", "BTN", gender="M", birth_year=1970)
    _apply(world, "A-2024", "F-2024", "BTN-1", "BTN", gender="M", birth_year=1970)
    before = _by_id(allocate.perform(world, "test", ["F-2023"]).decisions)["A-2023"]
    after = _by_id(allocate.perform(world, "test", ["F-2024"]).decisions)["A-2024"]
    assert before.value == 2.0 and after.value == 1.0
    assert "LDC" in before.reason or before.decision == "full"


def test_ldc_priority_decides_when_the_budget_is_short(world: Engine) -> None:
    # one fellowship affordable; Nepal (an LDC) outranks Bhutan after Bhutan's graduation
    _call(world, "F", "SG5-2024-06", budget=4000)
    _apply(world, "A-BTN", "F", "BTN-1", "BTN", gender="M", birth_year=1970, request="full")
    _apply(world, "A-NPL", "F", "NPL-1", "NPL", gender="M", birth_year=1970, request="full")
    result = _by_id(allocate.perform(world, "test", ["F"]).decisions)
    assert result["A-NPL"].decision == "full"
    assert result["A-BTN"].decision == "not_granted"
    assert result["A-BTN"].rule == "budget"
    assert "budget: 0 CHF left of 4,000 CHF for F" in result["A-BTN"].reason
    assert "lowest: A-NPL, 2; this application, as a full fellowship: 1" in result["A-BTN"].reason


def test_country_status_and_classes(world: Engine) -> None:
    _call(world, "F", "SG5-2024-06")
    _apply(world, "A-CHE", "F", "CHE-1", "CHE")
    _apply(world, "A-FJI", "F", "FJI-1", "FJI")
    result = _by_id(allocate.perform(world, "test", ["F"]).decisions)
    assert result["A-CHE"].decision == "ineligible"
    assert result["A-CHE"].rule == "eligibility"
    assert "the delegation's country CHE is not developing on 2024-06-03" in result["A-CHE"].reason
    assert result["A-FJI"].decision == "full"
    _set(world, "eligible_classes", "ldc;sids")
    result = _by_id(_again(world, ["F"]))
    assert result["A-FJI"].decision == "full"  # a SIDS
    _set(world, "eligible_classes", "ldc")
    assert _by_id(_again(world, ["F"]))["A-FJI"].decision == "ineligible"


def test_income_group_and_country_lists(world: Engine) -> None:
    _call(world, "F", "SG5-2024-06")
    _apply(world, "A-BOL", "F", "BOL-1", "BOL")
    _apply(world, "A-NPL", "F", "NPL-1", "NPL")
    _set(world, "eligible_income_groups", "low")
    result = _by_id(allocate.perform(world, "test", ["F"]).decisions)
    assert result["A-BOL"].decision == "ineligible" and "income group" in result["A-BOL"].reason
    _set(world, "eligible_income_groups", "")
    _set(world, "excluded_countries", "NPL")
    assert _by_id(_again(world, ["F"]))["A-NPL"].decision == "ineligible"
    _set(world, "excluded_countries", "")
    _set(world, "eligible_countries", "NPL")
    result = _by_id(_again(world, ["F"]))
    assert result["A-BOL"].decision == "ineligible" and result["A-NPL"].decision == "full"


def test_women_next_generation_and_contributors_come_first(world: Engine) -> None:
    _call(world, "F", "SG5-2025-01")
    _apply(world, "A-W", "F", "BOL-1", "BOL", gender="F", birth_year=1980)
    _apply(world, "A-Y", "F", "FJI-1", "FJI", gender="M", birth_year=1991)  # 34 in 2025
    _apply(world, "A-C", "F", "KEN-2", "KEN", gender="M", birth_year=1970, contributions=2)
    _apply(world, "A-O", "F", "KEN-1", "KEN", gender="X", birth_year=1990)  # 35 in 2025
    result = _by_id(allocate.perform(world, "test", ["F"]).decisions)
    assert result["A-W"].value == 1.5 and result["A-Y"].value == 1.5
    assert result["A-C"].value == 1.5 and result["A-O"].value == 1.0
    _set(world, "next_generation_age", "36")
    assert _by_id(_again(world, ["F"]))["A-O"].value == 1.5


def test_late_applications_and_non_members_are_ineligible(world: Engine) -> None:
    add_call.perform(
        world,
        "test",
        "F",
        "SG5-2025-01",
        10_000,
        4000,
        2000,
        closes=date(2024, 12, 1),
        history=True,
    )
    _apply(world, "A-LATE", "F", "BOL-1", "BOL", submitted=date(2024, 12, 2))
    _member(world, "MS-ABW", "ABW")
    _apply(world, "A-ABW", "F", "ABW-1", "ABW")  # Aruba: not an ITU Member State
    result = _by_id(allocate.perform(world, "test", ["F"]).decisions)
    assert "after the call closed on 2024-12-01" in result["A-LATE"].reason
    assert "the delegation's country ABW is not an ITU Member State" in result["A-ABW"].reason


def test_one_full_or_two_partials_per_country_and_a_yearly_cap_per_person(world: Engine) -> None:
    _call(world, "F1", "SG5-2025-01")
    _call(world, "F2", "SG17-2025-03")
    _apply(world, "A1", "F1", "KEN-1", "KEN", request="full")
    _apply(world, "A2", "F1", "KEN-2", "KEN", request="either")
    _apply(world, "A3", "F2", "KEN-1", "KEN", request="either")
    result = _by_id(allocate.perform(world, "test", ["F1"]).decisions)
    assert result["A1"].decision == "full" and result["A2"].decision == "not_granted"
    assert result["A2"].rule == "country_cap" and "per-country cap: KEN" in result["A2"].reason
    later = _by_id(allocate.perform(world, "test", ["F2"]).decisions)["A3"]
    assert later.decision == "not_granted" and later.rule == "person_cap"
    assert "KEN-1 already holds 2 of 2 unit(s) of fellowship in 2025" in later.reason
    _set(world, "person_units_per_year", "3")
    assert _by_id(_again(world, ["F2"]))["A3"].decision == "partial"


def test_rules_file_and_bad_values(world: Engine, tmp_path: Path) -> None:
    path = write(
        tmp_path / "rules.toml",
        'weight_ldc = 2\neligible_classes = ["ldc", "sids"]\n[strict]\nmin_region_share = 0.2',
    )
    values = BOOK.read_file(path, "default")
    assert values == {"weight_ldc": "2", "eligible_classes": "ldc;sids"}
    assert BOOK.read_file(path, "strict") == {"min_region_share": "0.2"}
    with world.begin() as connection:
        BOOK.set_many(connection, "default", values)
        rules = FellowshipRules.load(connection)
    assert rules.weight_ldc == 2.0 and rules.eligible_classes == ("ldc", "sids")
    with pytest.raises(RuleError, match="not a valid float"), world.begin() as connection:
        BOOK.set(connection, "default", "weight_ldc", "lots")
    with pytest.raises(RuleError, match="unknown rule"), world.begin() as connection:
        BOOK.set(connection, "default", "weight_cats", "1")
    with pytest.raises(RuleError, match="above the maximum"), world.begin() as connection:
        BOOK.set(connection, "default", "min_region_share", "2")
