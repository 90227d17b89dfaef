"""Leadership as ITU counts it, against values computed by hand: chairs and vice-chairs apart
(``role``), the positions held on the reference date (a role that ends on it no longer counts,
one that starts on it does), the reference date as a setting, and each region's share of all
positions.

Developing on the role's start date: KEN, NGA (Africa), BRA (Americas); developed: FRA (Europe),
USA (Americas). Held on 31 December (✓) or not (·):

    role  person  member  kind          start       end         2022 2023 2024 2025
    R1    P1      MS-KEN  chair  SG5    2022-01-01  2024-12-31   ✓    ✓    ·    ·   (ends on it)
    R2    P2      MS-FRA  chair  SG5    2024-12-31  —            ·    ·    ✓    ✓   (starts on it)
    R3    P3      MS-NGA  vice   SG5    2022-01-01  —            ✓    ✓    ✓    ✓
    R4    P4      MS-USA  vice   SG3    2023-06-01  2025-03-01   ·    ✓    ✓    ·
    R5    P5      MS-BRA  chair  SG3    2023-01-01  —            ·    ✓    ✓    ✓
    R6    P6      MS-KEN  rapporteur    2024-02-01  —            ·    ·    ✓    ✓
    R7    P1      MS-USA  vice   SG3    2025-12-31  —            ·    ·    ·    ✓   (starts on it)
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from factories import make_meeting, make_member, make_person, make_role
from stdgap.indicators.cells import Cell
from stdgap.store.settings import set_setting
from stdgap_testing import compute

MEMBERS = {"MS-KEN": "KEN", "MS-NGA": "NGA", "MS-BRA": "BRA", "MS-FRA": "FRA", "MS-USA": "USA"}
ROLES = [
    ("P1", "MS-KEN", "chair", "2022-01-01", "2024-12-31", "SG5"),
    ("P2", "MS-FRA", "chair", "2024-12-31", "", "SG5"),
    ("P3", "MS-NGA", "vice_chair", "2022-01-01", "", "SG5"),
    ("P4", "MS-USA", "vice_chair", "2023-06-01", "2025-03-01", "SG3"),
    ("P5", "MS-BRA", "chair", "2023-01-01", "", "SG3"),
    ("P6", "MS-KEN", "rapporteur", "2024-02-01", "", "SG3"),
    ("P1", "MS-USA", "vice_chair", "2025-12-31", "", "SG3"),
]


@pytest.fixture
def leaders(engine: Engine) -> Engine:
    for member, country in MEMBERS.items():
        make_member(engine, member, country=country)
    for number in range(1, 7):
        make_person(engine, f"P{number}", "MS-KEN", gender="F" if number % 2 else "M")
    make_meeting(engine, "SG5-2025-01", group="SG5", start="2025-03-10")
    make_meeting(engine, "SG3-2025-01", group="SG3", start="2025-05-10")
    for person, member, role, start, end, group in ROLES:
        make_role(engine, person, member, role, start, end, group)
    return engine


def _values(cells: list[Cell]) -> dict[tuple[Any, ...], Any]:
    """Cells as {(indicator, *dims): value or (numerator, denominator)}, zero counts left out."""
    found: dict[tuple[Any, ...], Any] = {}
    for cell in cells:
        key = (cell.indicator, *cell.dims.values())
        if cell.is_share:
            found[key] = (cell.numerator, cell.denominator)
        elif cell.value:
            found[key] = cell.value
    return found


def test_chairs_and_vice_chairs_apart_by_status(leaders: Engine) -> None:
    cells = compute(leaders, ["leadership_held"], ["year", "role", "status"], min_cell=1)
    assert _values(cells) == {
        ("leadership_held", 2022, "chair", "developing"): 1,
        ("leadership_held", 2022, "vice_chair", "developing"): 1,
        ("leadership_held", 2023, "chair", "developing"): 2,
        ("leadership_held", 2023, "vice_chair", "developing"): 1,
        ("leadership_held", 2023, "vice_chair", "developed"): 1,
        ("leadership_held", 2024, "chair", "developing"): 1,
        ("leadership_held", 2024, "chair", "developed"): 1,
        ("leadership_held", 2024, "vice_chair", "developing"): 1,
        ("leadership_held", 2024, "vice_chair", "developed"): 1,
        ("leadership_held", 2025, "chair", "developing"): 1,
        ("leadership_held", 2025, "chair", "developed"): 1,
        ("leadership_held", 2025, "vice_chair", "developing"): 1,
        ("leadership_held", 2025, "vice_chair", "developed"): 1,
    }
    assert {cell.protection for cell in cells} == {"exact"}


def test_held_on_the_date_does_not_count_outgoing_and_incoming_together(leaders: Engine) -> None:
    cells = compute(
        leaders,
        ["leadership_held", "leadership_positions", "developing_leadership_held_share"],
        ["year", "role"],
        where={"year": "2024"},
        min_cell=1,
    )
    assert _values(cells) == {
        ("leadership_held", 2024, "chair"): 2,  # R2 and R5; R1 left on the date
        ("leadership_held", 2024, "vice_chair"): 2,
        ("leadership_positions", 2024, "chair"): 3,  # R1, R2 and R5 were each chair that year
        ("leadership_positions", 2024, "vice_chair"): 2,
        ("developing_leadership_held_share", 2024, "chair"): (1, 2),
        ("developing_leadership_held_share", 2024, "vice_chair"): (1, 2),
    }


def test_every_kind_of_position_by_role(leaders: Engine) -> None:
    cells = compute(leaders, ["roles_held", "developing_roles_held_share"], ["role"], min_cell=1)
    got = _values(compute(leaders, ["roles_held"], ["year", "role"], min_cell=1))
    assert got == {
        ("roles_held", 2022, "chair"): 1,
        ("roles_held", 2022, "vice_chair"): 1,
        ("roles_held", 2023, "chair"): 2,
        ("roles_held", 2023, "vice_chair"): 2,
        ("roles_held", 2024, "chair"): 2,
        ("roles_held", 2024, "vice_chair"): 2,
        ("roles_held", 2024, "rapporteur"): 1,
        ("roles_held", 2025, "chair"): 2,
        ("roles_held", 2025, "vice_chair"): 2,
        ("roles_held", 2025, "rapporteur"): 1,
    }
    # Without the year, a role counts once if it is held on the date of any year.
    assert _values(cells)[("developing_roles_held_share", "rapporteur")] == (1, 1)


def test_each_regions_share_of_all_positions(leaders: Engine) -> None:
    cells = compute(leaders, ["leadership_held_share_of_total"], ["year", "region"], min_cell=1)
    assert _values(cells) == {
        ("leadership_held_share_of_total", 2022, "Africa"): (2, 2),
        ("leadership_held_share_of_total", 2023, "Africa"): (2, 4),
        ("leadership_held_share_of_total", 2023, "Americas"): (2, 4),
        ("leadership_held_share_of_total", 2024, "Africa"): (1, 4),
        ("leadership_held_share_of_total", 2024, "Americas"): (2, 4),
        ("leadership_held_share_of_total", 2024, "Europe"): (1, 4),
        ("leadership_held_share_of_total", 2025, "Africa"): (1, 4),
        ("leadership_held_share_of_total", 2025, "Americas"): (2, 4),
        ("leadership_held_share_of_total", 2025, "Europe"): (1, 4),
    }
    public = compute(leaders, ["leadership_held_share_of_total"], ["year", "region"])
    assert {cell.protection for cell in public} == {"exact"}  # public record, never suppressed
    assert _values(public) == _values(cells)


def test_the_reference_date_is_a_setting(leaders: Engine) -> None:
    set_setting.perform(leaders, "test", "leadership_reference_date", "06-30")
    cells = compute(leaders, ["leadership_held"], ["year", "role"], min_cell=1)
    assert _values(cells) == {
        ("leadership_held", 2022, "chair"): 1,
        ("leadership_held", 2022, "vice_chair"): 1,
        ("leadership_held", 2023, "chair"): 2,
        ("leadership_held", 2023, "vice_chair"): 2,
        ("leadership_held", 2024, "chair"): 2,  # R1 still, R2 not yet
        ("leadership_held", 2024, "vice_chair"): 2,
        ("leadership_held", 2025, "chair"): 2,
        ("leadership_held", 2025, "vice_chair"): 1,  # R4 left in March, R7 not yet
    }
