"""Every indicator against values computed by hand from the CSV files of tests/data/indicators.

Developing on the meeting's date: BTN, KEN (and SM-KE), RUS and UKR (economies in transition);
developed: CHE (and AC-CH), USA (SM-US). Bhutan left the LDC list on 2023-12-13. P5 attends
for MS-RUS and SM-KE (at the same meeting in 2024); P4 and P7 have no known birth year, P4 no
gender. Role R1 (P2, chair) is open-ended, R2 spans 2021-2023, R5 is a rapporteur (not counted).
Year 2023: rows 1-6; 2024: rows 7-13; 2025: rows 14-16 of attendance.csv.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from sqlalchemy import Engine, text

from stdgap.indicators import Cell, compute
from stdgap.indicators.cache import clear_memory
from stdgap.store.version import bump_data_version

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
    ("newcomer_share", 2023): (5, 5),
    ("newcomer_share", 2024): (3, 6),
    ("newcomer_share", 2025): (0, 3),
    ("retention_rate", 2023): (3, 5),
    ("retention_rate", 2024): (2, 3),
    ("retention_rate", 2025): (0, 0),
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
    assert cells["developing_contribution_share", "developing"].value == pytest.approx(1.0)
    assert cells["developing_contribution_share", "developed"].value == 0


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
    assert (cells["newcomer_share"].numerator, cells["newcomer_share"].denominator) == (8, 8)
    assert cells["retention_rate"].numerator == 5
