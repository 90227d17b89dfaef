"""Eligibility is decided on the delegation: the country of the member a person attends for, on
its classification at the meeting date; the person's nationality is a second rule (the store
setting fellowship_nationality); one store setting says whether economies in transition count
as developing, for the indicators and the fellowships alike."""

from __future__ import annotations

from datetime import date

import pytest
from programme_world import world_fixture  # noqa: F401 - the fixture 'world'
from sqlalchemy import Engine

from stdgap.fellowships.applications import ApplicationInput, add_application
from stdgap.fellowships.calls import add_call
from stdgap.fellowships.operations import Decision, plan
from stdgap.fellowships.rules import BOOK
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.programmes.errors import ProgrammeError
from stdgap.programmes.rules import RuleError
from stdgap.reference.classification import TRANSITION_SETTING, ClassificationReader
from stdgap.store.settings import FELLOWSHIP_NATIONALITY, set_setting

MEMBERS = [
    ("MS-FRA", "France", "member_state", "FRA"),
    ("SM-USCO", "A US company", "sector_member", "USA"),
    ("AC-KEN", "University of Nairobi", "academia", "KEN"),
    ("AS-KEN", "A Kenyan associate", "associate", "KEN"),
    ("MS-BLR", "Belarus", "member_state", "BLR"),
]


def _members(engine: Engine) -> None:
    header = ["member_id", "name", "type", "country"]
    rows = [dict(zip(header, member, strict=True)) for member in MEMBERS]
    run_import.perform(engine, "test", [Source.from_rows("m", "members", header, rows)])


def _apply(engine: Engine, app_id: str, person: str, member: str, nationality: str) -> None:
    entry = ApplicationInput(app_id, "F", person, member, nationality, request="full")
    add_application.perform(engine, "test", entry)


def _decide(engine: Engine) -> dict[str, Decision]:
    """The decisions of a dry run (an allocation stored is final: the tests decide again)."""
    with engine.connect() as connection:
        return {d.application_id: d for d in plan(connection, ["F"]).decisions}


@pytest.fixture
def call(world: Engine) -> Engine:
    _members(world)
    add_call.perform(world, "test", "F", "SG5-2025-01", 100_000, 4000, 2000, history=True)
    _apply(world, "KEN@FRA", "KEN-1", "MS-FRA", "KEN")  # a Kenyan attending for France
    _apply(world, "NPL@US", "NPL-1", "SM-USCO", "NPL")  # a Nepali for a US company
    _apply(world, "CHE@KEN", "CHE-1", "MS-KEN", "CHE")  # a Swiss national for Kenya
    _apply(world, "KEN@UNI", "KEN-2", "AC-KEN", "KEN")  # Kenyan academia
    _apply(world, "KEN@ASSOC", "K-3", "AS-KEN", "KEN")  # a Kenyan associate
    _apply(world, "BLR", "BLR-1", "MS-BLR", "BLR")  # an economy in transition
    return world


def test_the_delegation_s_country_decides(call: Engine) -> None:
    result = _decide(call)
    for developed in ("KEN@FRA", "NPL@US"):
        assert result[developed].decision == "ineligible"
        assert result[developed].rule == "eligibility"
    assert result["KEN@FRA"].country == "FRA" and result["KEN@FRA"].nationality == "KEN"
    assert "the delegation's country FRA is not developing on 2025-01-20" in (
        result["KEN@FRA"].reason
    )
    assert "the delegation's country USA is not developing" in result["NPL@US"].reason
    # the nationality is not checked by default; academia of an eligible country is eligible;
    # the two share Kenya's one full fellowship for the meeting
    kenya = {result["CHE@KEN"].decision, result["KEN@UNI"].decision}
    assert kenya == {"full", "not_granted"}
    assert {result["CHE@KEN"].rule, result["KEN@UNI"].rule} == {"granted", "country_cap"}
    assert result["KEN@ASSOC"].decision == "ineligible"
    assert "AS-KEN, is a associate; fellowships go to delegations of member_state" in (
        result["KEN@ASSOC"].reason
    )


def test_the_nationality_is_a_second_rule_set_in_the_store(call: Engine) -> None:
    set_setting.perform(call, "test", FELLOWSHIP_NATIONALITY, "eligible")
    result = _decide(call)
    assert result["CHE@KEN"].decision == "ineligible"
    assert "the applicant's nationality CHE is not developing" in result["CHE@KEN"].reason
    assert result["KEN@UNI"].decision == "full"
    set_setting.perform(call, "test", FELLOWSHIP_NATIONALITY, "same")
    result = _decide(call)
    assert "the applicant's nationality (CHE) is not the delegation's country (KEN)" in (
        result["CHE@KEN"].reason
    )
    assert result["KEN@UNI"].decision == "full"


def test_one_setting_decides_whether_economies_in_transition_are_developing(
    call: Engine,
) -> None:
    on = date(2025, 1, 20)
    with call.connect() as connection:
        assert ClassificationReader(connection, ["BLR"]).status("BLR", on).developing
    assert _decide(call)["BLR"].decision == "full"
    set_setting.perform(call, "test", TRANSITION_SETTING, "false")
    with call.connect() as connection:
        assert not ClassificationReader(connection, ["BLR"]).status("BLR", on).developing
    refused = _decide(call)["BLR"]
    assert refused.decision == "ineligible"
    assert "BLR is not developing on 2025-01-20 (it is in none of the classes" in refused.reason


def test_transition_is_not_a_class_of_the_rules(world: Engine) -> None:
    transition = pytest.raises(RuleError, match="'transition' is not one of developing, ldc")
    with transition, world.begin() as connection:
        BOOK.set(connection, "default", "eligible_classes", "developing;transition")
    observer = pytest.raises(RuleError, match="'observer' is not one of member_state")
    with observer, world.begin() as connection:
        BOOK.set(connection, "default", "eligible_member_types", "observer")


def test_an_application_names_a_member_of_the_store(world: Engine) -> None:
    add_call.perform(world, "test", "F", "SG5-2025-01", 100_000, 4000, 2000, history=True)
    with pytest.raises(ProgrammeError, match="member_id: unknown member 'MS-NOWHERE'"):
        _apply(world, "X", "KEN-1", "MS-NOWHERE", "KEN")
