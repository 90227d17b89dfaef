"""Every indicator against values computed by hand from the CSV files of tests/data/indicators.

Developing on the meeting's date: BTN, KEN (and SM-KE), RUS and UKR (economies in transition);
developed: CHE (and AC-CH), USA (SM-US). Bhutan left the LDC list on 2023-12-13. P5 attends
for MS-RUS and SM-KE (at the same meeting in 2024); P4 and P7 have no known birth year, P4 no
gender. Role R1 (P2, chair) is open-ended, R2 spans 2021-2023, R5 is a rapporteur (counted only by
roles_held and its shares).
Year 2023: rows 1-6; 2024: rows 7-13; 2025: rows 14-16 of attendance.csv.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from sqlalchemy import Engine, text

from stdgap.indicators.cache import clear_memory
from stdgap.indicators.cells import Cell, IndicatorError
from stdgap.indicators.compute import cells_of
from stdgap.indicators.disclosure import protect
from stdgap.indicators.facts import build_facts
from stdgap.indicators.load import read_tables
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import Rule
from stdgap.store.version import bump_data_version
from stdgap_testing import compute

Expected = dict[tuple[str, int], int | tuple[float, float] | None]

BY_YEAR: Expected = {
    ("participants", 2023): 5,
    ("participants", 2024): 6,
    ("participants", 2025): 3,
    ("attendances", 2023): 6,
    ("attendances", 2024): 7,
    ("attendances", 2025): 3,
    ("developing_participant_share", 2023): (3, 5),
    ("developing_participant_share", 2024): (3, 6),
    ("developing_participant_share", 2025): (2, 3),
    ("developing_attendance_share", 2023): (4, 6),
    ("developing_attendance_share", 2024): (4, 7),
    ("developing_attendance_share", 2025): (2, 3),
    ("developing_sector_members", 2023): 0,
    ("developing_sector_members", 2024): 1,
    ("developing_sector_members", 2025): 0,
    ("remote_share", 2023): (2, 6),
    ("remote_share", 2024): (2, 7),
    ("remote_share", 2025): (1, 3),
    ("fellowship_attendances", 2023): 2,
    ("fellowship_attendances", 2024): 1,
    ("fellowship_attendances", 2025): 1,
    ("women_share", 2023): (2, 4),
    ("women_share", 2024): (2, 6),
    ("women_share", 2025): (2, 3),
    ("young_share", 2023): (3, 4),
    ("young_share", 2024): (1, 5),
    ("young_share", 2025): (1, 2),
    ("newcomer_share", 2023): None,  # the first year of the data: everyone is new (withheld)
    ("newcomer_share", 2024): (3, 6),
    ("newcomer_share", 2025): (0, 3),
    ("retention_rate", 2023): None,  # the first year of the data (withheld)
    ("retention_rate", 2024): (2, 3),
    ("retention_rate", 2025): None,  # no 2026 in the data yet (withheld)
    ("contributions", 2023): 2,
    ("contributions", 2024): 2,
    ("contributions", 2025): 1,
    ("developing_contribution_share", 2023): (0.5, 2),
    ("developing_contribution_share", 2024): (5 / 3, 2),
    ("developing_contribution_share", 2025): (0.5, 1),
    ("drafting_stage_share", 2023): (1, 2),
    ("drafting_stage_share", 2024): (1, 2),
    ("drafting_stage_share", 2025): (1, 1),
    ("leadership_positions", 2021): 1,
    ("leadership_positions", 2022): 2,
    ("leadership_positions", 2023): 3,
    ("leadership_positions", 2024): 3,
    ("leadership_positions", 2025): 3,
    ("developing_leadership_share", 2021): (1, 1),
    ("developing_leadership_share", 2022): (1, 2),
    ("developing_leadership_share", 2023): (1, 3),
    ("developing_leadership_share", 2024): (1, 3),
    ("developing_leadership_share", 2025): (0, 3),
    ("women_leadership_share", 2021): (1, 1),
    ("women_leadership_share", 2022): (1, 2),
    ("women_leadership_share", 2023): (1, 2),
    ("women_leadership_share", 2024): (0, 2),
    ("women_leadership_share", 2025): (1, 2),
    # held on 31 December: R2 (2021-06-01 to 2023-06-30), R1 (from 2022-03-01), R4 (2023-01-01 to
    # 2025-06-30), R6 (from 2025-01-01); R3 ends on 2024-12-31 itself, so it is not held then
    ("leadership_held", 2021): 1,
    ("leadership_held", 2022): 2,
    ("leadership_held", 2023): 2,
    ("leadership_held", 2024): 2,
    ("leadership_held", 2025): 2,
    ("developing_leadership_held_share", 2021): (1, 1),  # R2 for Bhutan
    ("developing_leadership_held_share", 2022): (1, 2),
    ("developing_leadership_held_share", 2023): (0, 2),
    ("developing_leadership_held_share", 2024): (0, 2),
    ("developing_leadership_held_share", 2025): (0, 2),
    ("women_leadership_held_share", 2021): (1, 1),  # P1
    ("women_leadership_held_share", 2022): (1, 2),
    ("women_leadership_held_share", 2023): (0, 1),  # P4's gender is unknown
    ("women_leadership_held_share", 2024): (0, 1),
    ("women_leadership_held_share", 2025): (1, 2),  # P7
    ("roles_held", 2021): 1,  # with R5, P3's rapporteur role from 2023
    ("roles_held", 2022): 2,
    ("roles_held", 2023): 3,
    ("roles_held", 2024): 3,
    ("roles_held", 2025): 3,
    ("developing_roles_held_share", 2021): (1, 1),
    ("developing_roles_held_share", 2022): (1, 2),
    ("developing_roles_held_share", 2023): (1, 3),  # R5 for Kenya
    ("developing_roles_held_share", 2024): (1, 3),
    ("developing_roles_held_share", 2025): (1, 3),
    ("women_roles_held_share", 2021): (1, 1),
    ("women_roles_held_share", 2022): (1, 2),
    ("women_roles_held_share", 2023): (1, 2),  # P3; P4's gender is unknown
    ("women_roles_held_share", 2024): (1, 2),
    ("women_roles_held_share", 2025): (2, 3),  # P3 and P7
    # shares of the total over every year: 16 attendances, 8 persons, 5 contributions, 4 roles
    # held on some 31 December (R1, R2, R4, R6), 4 attendances on a fellowship
    ("attendances_share_of_total", 2023): (6, 16),
    ("attendances_share_of_total", 2024): (7, 16),
    ("attendances_share_of_total", 2025): (3, 16),
    ("participants_share_of_total", 2023): (5, 8),
    ("participants_share_of_total", 2024): (6, 8),
    ("participants_share_of_total", 2025): (3, 8),
    ("contributions_share_of_total", 2023): (2, 5),
    ("contributions_share_of_total", 2024): (2, 5),
    ("contributions_share_of_total", 2025): (1, 5),
    ("leadership_held_share_of_total", 2021): (1, 4),
    ("leadership_held_share_of_total", 2022): (2, 4),
    ("leadership_held_share_of_total", 2023): (2, 4),
    ("leadership_held_share_of_total", 2024): (2, 4),
    ("leadership_held_share_of_total", 2025): (2, 4),
    ("fellowship_attendances_share_of_total", 2023): (2, 4),
    ("fellowship_attendances_share_of_total", 2024): (1, 4),
    ("fellowship_attendances_share_of_total", 2025): (1, 4),
    ("gender_unknown_share", 2023): (1, 5),  # P4
    ("gender_unknown_share", 2024): (0, 6),
    ("gender_unknown_share", 2025): (0, 3),
    ("birth_year_unknown_share", 2023): (1, 5),  # P4
    ("birth_year_unknown_share", 2024): (1, 6),  # P7
    ("birth_year_unknown_share", 2025): (1, 3),  # P7
}


def _by(cells: list[Cell], *dims: str) -> dict[tuple[object, ...], Cell]:
    return {(cell.indicator, *(cell.dims[d] for d in dims)): cell for cell in cells}


def _check(cell: Cell, expected: int | tuple[float, float] | None) -> None:
    assert not cell.suppressed
    if isinstance(expected, tuple):
        numerator, denominator = expected
        assert cell.numerator == pytest.approx(numerator)
        assert cell.denominator == pytest.approx(denominator)
        if denominator == 0:
            assert cell.value is None
        else:
            assert cell.value == pytest.approx(numerator / denominator)
    else:
        assert cell.value == expected
        assert cell.numerator is None and cell.denominator is None


def test_every_indicator_by_year(loaded: Engine) -> None:
    cells = _by(compute(loaded, by=["year"], min_cell=1), "year")
    assert set(cells) == set(BY_YEAR)
    for key, expected in BY_YEAR.items():
        _check(cells[key], expected)


def test_bhutan_is_ldc_only_before_its_graduation(loaded: Engine) -> None:
    cells = _by(
        compute(loaded, ["attendances", "participants"], ["year", "ldc"], min_cell=1), "year", "ldc"
    )
    assert cells["attendances", 2023, "true"].value == 1  # 2023-05, before 2023-12-13
    assert cells["attendances", 2023, "false"].value == 5  # including Bhutan on 2023-12-18
    assert cells["participants", 2023, "false"].value == 5
    assert ("attendances", 2024, "true") not in cells
    lldc = _by(compute(loaded, ["attendances"], ["year", "lldc"], min_cell=1), "year", "lldc")
    assert lldc["attendances", 2023, "true"].value == 2
    assert lldc["attendances", 2025, "true"].value == 1


def test_a_person_attending_for_two_members_counts_once(loaded: Engine) -> None:
    cells = _by(
        compute(loaded, ["participants", "attendances"], ["year", "member_type"], min_cell=1),
        "year",
        "member_type",
    )
    assert cells["participants", 2024, "member_state"].value == 4
    assert cells["participants", 2024, "sector_member"].value == 2
    assert cells["participants", 2024, "academia"].value == 1
    assert cells["attendances", 2024, "member_state"].value == 4  # P5 for MS-RUS
    assert cells["attendances", 2024, "sector_member"].value == 2  # P5 for SM-KE


def test_regions(loaded: Engine) -> None:
    cells = _by(compute(loaded, ["attendances"], ["year", "region"], min_cell=1), "year", "region")
    assert {k[2]: c.value for k, c in cells.items() if k[1] == 2023} == {
        "Africa": 1,
        "Americas": 1,
        "Asia-Pacific": 2,
        "CIS": 1,
        "Europe": 1,
    }
    assert {k[2]: c.value for k, c in cells.items() if k[1] == 2024} == {
        "Africa": 2,
        "Americas": 1,
        "CIS": 1,
        "Europe": 3,
    }


def test_contributions_split_among_sources_by_status(loaded: Engine) -> None:
    chosen = ["contributions", "developing_contribution_share", "drafting_stage_share"]
    cells = _by(
        compute(loaded, chosen, ["year", "status"], where={"year": "2024"}, min_cell=1), "status"
    )
    assert cells["contributions", "developing"].value == 2  # C3 and C4
    assert cells["contributions", "developed"].value == 1  # C3 (SM-US)
    share = cells["drafting_stage_share", "developing"]
    assert (share.numerator, share.denominator) == pytest.approx((2 / 3, 5 / 3))
    assert cells["drafting_stage_share", "developed"].value == pytest.approx(1.0)
    # INDICATORS.md: Σ over the cell's contributions of (developing sources ÷ sources) ÷ their
    # number. Developing cell: C3 (2 of 3 sources developing) and C4 (RUS) → (2/3 + 1) / 2.
    share = cells["developing_contribution_share", "developing"]
    assert (share.numerator, share.denominator) == pytest.approx((5 / 3, 2))
    assert share.value == pytest.approx(5 / 6)
    # Developed cell: C3 alone (its US source) → 2/3 over one contribution.
    share = cells["developing_contribution_share", "developed"]
    assert (share.numerator, share.denominator) == pytest.approx((2 / 3, 1))


def test_roles_without_year_count_each_role_once(loaded: Engine) -> None:
    cells = _by(compute(loaded, ["leadership_positions"], ["group"], min_cell=1), "group")
    assert cells["leadership_positions", "SG5"].value == 3
    assert cells["leadership_positions", "SG3"].value == 2
    two_years = compute(
        loaded, ["leadership_positions"], [], from_year=2022, to_year=2023, min_cell=1
    )
    assert [c.value for c in two_years] == [3]  # distinct roles: R1, R2, R4


def test_transition_setting(loaded: Engine) -> None:
    with loaded.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO settings (key, value) VALUES "
                "('transition_counts_as_developing', 'false')"
            )
        )
    clear_memory()
    cells = _by(compute(loaded, ["developing_attendance_share"], ["year"], min_cell=1), "year")
    assert (
        cells["developing_attendance_share", 2023].numerator,
        cells["developing_attendance_share", 2024].numerator,
        cells["developing_attendance_share", 2025].numerator,
    ) == (3, 2, 1)
    with loaded.begin() as connection:
        connection.execute(
            text("UPDATE settings SET value = 'true' WHERE key = 'transition_counts_as_developing'")
        )
        bump_data_version(connection)
    cells = _by(compute(loaded, ["developing_attendance_share"], ["year"], min_cell=1), "year")
    assert cells["developing_attendance_share", 2023].numerator == 4


def test_where_and_year_range(loaded: Engine) -> None:
    cells = compute(
        loaded,
        ["attendances", "women_share"],
        ["group"],
        where={"status": "developing"},
        from_year=2024,
        min_cell=1,
    )
    got = {(c.indicator, c.dims["group"]): (c.value, c.numerator, c.denominator) for c in cells}
    # 2024-2025, developing: SG3 rows P5 x2, P6 x2, P1; SG5 row P3
    assert got["attendances", "SG3"] == (5, None, None)
    assert got["attendances", "SG5"] == (1, None, None)
    assert got["women_share", "SG3"][1:] == (1, 3)  # P1 F, P5 X, P6 M
    assert float(Fraction(1, 3)) == pytest.approx(got["women_share", "SG3"][0])


def test_whole_store_without_dimensions(loaded: Engine) -> None:
    cells = {c.indicator: c for c in compute(loaded, by=[], min_cell=1)}
    assert cells["participants"].value == 8
    assert cells["attendances"].value == 16
    # Over every year everyone is a newcomer (8 of 8), and the newcomers of 2025 cannot have
    # come back yet: both are withheld, with the reason.
    assert cells["newcomer_share"].value is None
    assert cells["newcomer_share"].flag == "first_year"
    assert cells["retention_rate"].value is None
    assert cells["retention_rate"].flag == "first_year"
    later = {
        c.indicator: c for c in compute(loaded, by=[], from_year=2024, to_year=2024, min_cell=1)
    }
    assert (later["newcomer_share"].numerator, later["newcomer_share"].denominator) == (3, 6)
    assert later["newcomer_share"].flag is None


# By country of the attributed member: BTN rows 1, 5, 16 (P1); CHE rows 2, 10 (P2, MS-CHE) and
# 12, 15 (P7, AC-CH); KEN rows 3, 11 (P3, MS-KEN) and 7 (P5, SM-KE); RUS rows 6, 8 (P5); UKR rows
# 9, 14 (P6); USA rows 4 (P4) and 13 (P8). P5's first attendance (2023-12-18) is for RUS, so P5
# is a newcomer in RUS but not in KEN; P1, P4 and P8 never attend in the year after their first.
BY_COUNTRY: dict[tuple[str, str], int | tuple[float, float]] = {
    ("participants", "BTN"): 1,
    ("participants", "CHE"): 2,
    ("participants", "KEN"): 2,
    ("participants", "RUS"): 1,
    ("participants", "UKR"): 1,
    ("participants", "USA"): 2,
    ("attendances", "BTN"): 3,
    ("attendances", "CHE"): 4,
    ("attendances", "KEN"): 3,
    ("attendances", "RUS"): 2,
    ("attendances", "UKR"): 2,
    ("attendances", "USA"): 2,
    ("developing_attendance_share", "KEN"): (3, 3),
    ("developing_attendance_share", "CHE"): (0, 4),
    ("developing_sector_members", "KEN"): 1,  # SM-KE
    ("developing_sector_members", "USA"): 0,  # SM-US, developed
    ("remote_share", "BTN"): (1, 3),
    ("remote_share", "CHE"): (1, 4),
    ("remote_share", "USA"): (1, 2),
    ("fellowship_attendances", "BTN"): 3,
    ("fellowship_attendances", "UKR"): 1,
    ("women_share", "CHE"): (1, 2),  # P7 F, P2 M
    ("women_share", "KEN"): (1, 2),  # P3 F, P5 X
    ("women_share", "USA"): (0, 1),  # P8 M, P4 unknown
    ("young_share", "CHE"): (0, 1),  # P2 born 1970, P7 unknown
    ("young_share", "KEN"): (1, 2),  # P3 (1990) 33 in 2023; P5 (1989) 35 in 2024
    ("newcomer_share", "BTN"): (1, 1),
    ("newcomer_share", "CHE"): (2, 2),
    ("newcomer_share", "KEN"): (1, 2),
    ("newcomer_share", "RUS"): (1, 1),
    ("newcomer_share", "UKR"): (1, 1),
    ("newcomer_share", "USA"): (2, 2),
    ("retention_rate", "BTN"): (0, 1),
    ("retention_rate", "CHE"): (2, 2),  # P2 2023 → 2024, P7 2024 → 2025
    ("retention_rate", "KEN"): (1, 1),
    ("retention_rate", "RUS"): (1, 1),
    ("retention_rate", "UKR"): (1, 1),  # P6 2024 → 2025
    ("retention_rate", "USA"): (0, 2),
    ("gender_unknown_share", "USA"): (1, 2),
    ("gender_unknown_share", "CHE"): (0, 2),
    ("birth_year_unknown_share", "CHE"): (1, 2),
    ("birth_year_unknown_share", "USA"): (1, 2),
    ("birth_year_unknown_share", "KEN"): (0, 2),
    # Contributions, each source in its own country: C1 BTN ½ CHE ½ (question); C2 CHE 1
    # (plenary); C3 KEN ⅔ (MS-KEN and SM-KE) USA ⅓ (working party); C4 RUS 1 (plenary);
    # C5 CHE, UKR, KEN, USA ¼ each (question).
    ("contributions", "BTN"): 1,
    ("contributions", "CHE"): 3,
    ("contributions", "KEN"): 2,
    ("contributions", "RUS"): 1,
    ("contributions", "UKR"): 1,
    ("contributions", "USA"): 2,
    ("drafting_stage_share", "BTN"): (0.5, 0.5),
    ("drafting_stage_share", "CHE"): (0.75, 1.75),
    ("drafting_stage_share", "KEN"): (2 / 3 + 1 / 4, 2 / 3 + 1 / 4),
    ("drafting_stage_share", "RUS"): (0, 1),
    ("drafting_stage_share", "UKR"): (0.25, 0.25),
    ("drafting_stage_share", "USA"): (1 / 3 + 1 / 4, 1 / 3 + 1 / 4),
    # Developing share of each contribution, over all its sources: C1 ½, C2 0, C3 ⅔, C4 1, C5 ½;
    # a cell sums them over its contributions and divides by their number.
    ("developing_contribution_share", "BTN"): (1 / 2, 1),
    ("developing_contribution_share", "CHE"): (1, 3),
    ("developing_contribution_share", "KEN"): (7 / 6, 2),
    ("developing_contribution_share", "RUS"): (1, 1),
    ("developing_contribution_share", "UKR"): (1 / 2, 1),
    ("developing_contribution_share", "USA"): (7 / 6, 2),
    # Roles by nominating member: R1 (P2) and R6 (P7) CHE, R2 (P1) BTN, R3 (P6) UKR, R4 (P4) USA.
    ("leadership_positions", "CHE"): 2,
    ("leadership_positions", "BTN"): 1,
    ("leadership_positions", "UKR"): 1,
    ("leadership_positions", "USA"): 1,
    ("developing_leadership_share", "BTN"): (1, 1),
    ("developing_leadership_share", "CHE"): (0, 2),
    ("developing_leadership_share", "UKR"): (1, 1),
    ("women_leadership_share", "CHE"): (1, 2),
    ("women_leadership_share", "UKR"): (0, 1),
    ("women_leadership_share", "USA"): (0, 0),
}


def test_every_indicator_by_country(loaded: Engine) -> None:
    cells = _by(compute(loaded, by=["country"], min_cell=1), "country")
    countries = {"BTN", "CHE", "KEN", "RUS", "UKR", "USA"}
    assert {key[1] for key in cells} == countries
    assert {key for key in cells if key[0] == "participants"} == {
        ("participants", c) for c in countries
    }
    # R5 (MS-KEN) is a rapporteur: Kenya holds positions, but no chair or vice-chair.
    assert cells["leadership_positions", "KEN"].value == 0
    assert cells["roles_held", "KEN"].value == 1
    # Over every year newcomers and retention mislead (everyone is new in the first year):
    # published withheld, with the reason; the computation behind them is still checked.
    raw = _by(
        cells_of(build_facts(read_tables(loaded)), IndicatorRequest.of(None, ["country"])),
        "country",
    )
    for key, expected in BY_COUNTRY.items():
        if key[0] in ("newcomer_share", "retention_rate"):
            assert cells[key].value is None and cells[key].flag == "first_year"
            _check(raw[key], expected)
        else:
            _check(cells[key], expected)
    weights = sum(c.denominator or 0 for k, c in cells.items() if k[0] == "drafting_stage_share")
    assert weights == pytest.approx(5)  # every contribution weighs 1 in all


def test_a_multi_source_contribution_split_across_countries(loaded: Engine) -> None:
    chosen = ["contributions", "drafting_stage_share", "developing_contribution_share"]
    cells = _by(
        compute(loaded, chosen, ["year", "country"], where={"year": "2024"}, min_cell=1),
        "country",
    )
    assert {key[1] for key in cells} == {"KEN", "RUS", "USA"}
    assert cells["contributions", "KEN"].value == 1  # C3, from two Kenyan sources
    assert cells["contributions", "USA"].value == 1  # C3
    assert cells["contributions", "RUS"].value == 1  # C4
    _check(cells["drafting_stage_share", "KEN"], (2 / 3, 2 / 3))
    _check(cells["drafting_stage_share", "USA"], (1 / 3, 1 / 3))
    _check(cells["drafting_stage_share", "RUS"], (0, 1))
    _check(cells["developing_contribution_share", "KEN"], (2 / 3, 1))
    _check(cells["developing_contribution_share", "USA"], (2 / 3, 1))
    _check(cells["developing_contribution_share", "RUS"], (1, 1))


def test_by_country_within_a_region(loaded: Engine) -> None:
    europe = _by(compute(loaded, by=["country"], where={"region": "Europe"}, min_cell=1), "country")
    assert {key[1] for key in europe} == {"CHE", "UKR"}
    for indicator in ("participants", "attendances"):
        for country in ("CHE", "UKR"):
            _check(europe[indicator, country], BY_COUNTRY[indicator, country])
    assert europe["newcomer_share", "CHE"].flag == "first_year"  # over every year: withheld
    _check(europe["developing_attendance_share", "UKR"], (2, 2))
    _check(europe["drafting_stage_share", "CHE"], (0.75, 1.75))
    _check(europe["drafting_stage_share", "UKR"], (0.25, 0.25))
    _check(europe["women_leadership_share", "CHE"], (1, 2))
    africa = _by(
        compute(loaded, by=["year", "country"], where={"region": "Africa"}, min_cell=1),
        "year",
        "country",
    )
    assert {key[2] for key in africa} == {"KEN"}
    _check(africa["attendances", 2024, "KEN"], 2)  # P5 for SM-KE, P3 for MS-KEN
    _check(africa["participants", 2024, "KEN"], 2)
    _check(africa["newcomer_share", 2024, "KEN"], (0, 2))  # both first attended in 2023
    _check(africa["drafting_stage_share", 2025, "KEN"], (0.25, 0.25))


def test_where_country(loaded: Engine) -> None:
    cells = _by(
        compute(
            loaded, ["attendances", "newcomer_share"], ["year"], {"country": "KEN"}, min_cell=1
        ),
        "year",
    )
    _check(cells["attendances", 2023], 1)
    _check(cells["attendances", 2024], 2)
    _check(cells["newcomer_share", 2023], None)  # the first year of the data: withheld
    assert cells["newcomer_share", 2023].flag == "first_year"
    assert ("attendances", 2025) not in cells
    lower = compute(loaded, ["attendances"], [], {"country": "ken"}, min_cell=1)
    assert [c.value for c in lower] == [3]
    with pytest.raises(IndicatorError, match="no member of that country"):
        compute(loaded, ["attendances"], [], {"country": "FRA"})
    named = compute(loaded, ["attendances"], [], {"country": "Kenya"}, min_cell=1)
    assert [c.value for c in named] == [3]
    with pytest.raises(IndicatorError, match="no country of that code or name"):
        compute(loaded, ["attendances"], [], {"country": "Kenia Republic"})


def test_newcomers_by_country_keep_the_first_attendance_ever(loaded: Engine) -> None:
    """P5 attends for RUS in 2023, then for KEN and RUS in 2024: in 2024 P5 is no newcomer in
    either country, even though 2024 holds P5's first attendance for KEN."""
    cells = _by(
        compute(loaded, ["newcomer_share"], ["year", "country"], min_cell=1), "year", "country"
    )
    _check(cells["newcomer_share", 2023, "RUS"], None)  # the first year of the data: withheld
    _check(cells["newcomer_share", 2024, "RUS"], (0, 1))
    _check(cells["newcomer_share", 2024, "KEN"], (0, 2))
    _check(cells["newcomer_share", 2024, "UKR"], (1, 1))  # P6
    _check(cells["newcomer_share", 2024, "CHE"], (1, 2))  # P7 new, P2 not


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            date(2025, 6, 1),
            {2023: {"first_year"}, 2024: {"provisional"}, 2025: {"provisional", "no_next_year"}},
        ),
        (date(2026, 2, 1), {2023: {"first_year"}, 2024: set(), 2025: {"no_next_year"}}),
    ],
)
def test_cells_of_the_datas_edges_are_flagged(
    loaded: Engine, today: date, expected: dict[int, set[str]]
) -> None:
    """The data run from 2023 to 2025. Newcomers of 2023 are withheld (everyone is new in the
    first year), retention of 2025 too (2026 is not there); a year not over is provisional
    (retention of a year also while the next one is not over), and its figures are kept."""
    facts = build_facts(read_tables(loaded))
    request = IndicatorRequest.of(["newcomer_share", "retention_rate"], ["year"])
    cells = cells_of(facts, request, today)
    flags: dict[int, set[str]] = {}
    for cell in cells:
        flags.setdefault(int(cell.dims["year"]), set()).update({cell.flag} - {None})
    assert flags == expected
    published = protect(cells, request.with_rule(Rule(1, exact=True)), 5)
    for cell in published:
        withheld = cell.flag in ("first_year", "no_next_year")
        assert (cell.value is None) == withheld or cell.denominator == 0, cell
    # A year asked for by a filter is flagged as in a grouping by year.
    alone = IndicatorRequest.of(["newcomer_share"], [], {"year": "2023"})
    assert [cell.flag for cell in cells_of(facts, alone, today)] == ["first_year"]


def test_a_share_of_the_total_has_one_cell_per_value_and_the_whole_total(loaded: Engine) -> None:
    """By year and gender: one cell per gender whose parts add up to the year's 6 persons; a
    filter on the last dimension (region) keeps its cell but not its total."""
    cells = compute(
        loaded, ["participants_share_of_total"], ["year", "gender"], {"year": "2024"}, min_cell=1
    )
    assert sorted(str(c.dims["gender"]) for c in cells) == ["F", "M", "X", "unknown"]
    assert {c.denominator for c in cells} == {6}
    assert sum(c.numerator or 0 for c in cells) == 6
    europe = compute(
        loaded,
        ["attendances_share_of_total"],
        ["year", "region"],
        {"region": "Europe", "year": "2024"},
        min_cell=1,
    )
    assert [(c.dims["region"], c.denominator) for c in europe] == [("Europe", 7)]
