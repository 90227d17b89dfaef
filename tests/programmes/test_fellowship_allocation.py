"""The allocation is optimal: HiGHS's answer equals brute force on small random instances."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.fellowships.allocation import (
    Candidate,
    Kind,
    Limits,
    Option,
    check,
    objective,
    solve,
)
from stdgap.fellowships.explain import explain_all

REGIONS = ("Africa", "Americas", "Asia-Pacific")


def brute_force(candidates: list[Candidate], limits: Limits) -> float:
    best = 0.0
    choices: list[list[Kind | None]] = [[None, *c.options] for c in candidates]
    for combination in product(*choices):
        choice = {c.key: kind for c, kind in zip(candidates, combination, strict=True) if kind}
        if not check(candidates, limits, choice):
            best = max(best, objective(candidates, choice))
    return best


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Candidate], Limits]:
    count = draw(st.integers(1, 7))
    candidates: list[Candidate] = []
    for i in range(count):
        value = draw(st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5]))
        full_cost = draw(st.integers(2, 6)) * 500
        request = draw(st.sampled_from(["full", "partial", "either"]))
        options: dict[Kind, Option] = {}
        if request != "partial":
            options["full"] = Option(full_cost, value, 2)
        if request != "full":
            options["partial"] = Option(full_cost // 2, round(value * 0.5, 3), 1)
        candidates.append(
            Candidate(
                key=f"A{i}",
                call=draw(st.sampled_from(["C1", "C2"])),
                meeting=draw(st.sampled_from(["M1", "M2"])),
                country=draw(st.sampled_from(["KEN", "NPL", "BOL", "FJI"])),
                region=draw(st.sampled_from(REGIONS)),
                person=draw(st.sampled_from(["p1", "p2", "p3", "p4", "p5"])),
                year=2025,
                options=options,
                order=i,
            )
        )
    limits = Limits(
        budgets={"C1": draw(st.integers(0, 12)) * 500, "C2": draw(st.integers(0, 12)) * 500},
        country_units=draw(st.sampled_from([1, 2, 3])),
        person_units=draw(st.sampled_from([1, 2])),
        used_person_units={("p1", 2025): draw(st.integers(0, 1))},
        min_region_share=draw(st.sampled_from([0.0, 0.2, 0.4])),
        total_budget=draw(st.none() | st.integers(0, 15).map(lambda x: x * 500)),
    )
    return candidates, limits


@settings(max_examples=150, deadline=None)
@given(instances())
def test_allocation_is_optimal_against_brute_force(
    instance: tuple[list[Candidate], Limits],
) -> None:
    candidates, limits = instance
    allocation = solve(candidates, limits)
    assert allocation.optimal
    assert check(candidates, limits, allocation.choice) == []
    assert abs(allocation.value - brute_force(candidates, limits)) < 1e-6
    reasons = explain_all(candidates, limits, allocation)
    for candidate in candidates:
        granted = candidate.key in allocation.choice
        assert reasons[candidate.key].startswith("granted" if granted else "not granted")
        assert "solver stopped" not in reasons[candidate.key]


def _candidate(key: str, country: str, value: float, cost: int = 1000, **kw: object) -> Candidate:
    fields: dict[str, object] = {
        "call": "C1",
        "meeting": "M1",
        "region": "Africa",
        "person": key,
        "year": 2025,
    }
    fields.update(kw)
    return Candidate(
        key=key,
        country=country,
        options={"full": Option(cost, value, 2), "partial": Option(cost // 2, value / 2, 1)},
        **fields,  # type: ignore[arg-type]
    )


def test_one_full_or_two_partials_per_country_and_meeting() -> None:
    candidates = [_candidate("A", "KEN", 2.0), _candidate("B", "KEN", 1.0)]
    allocation = solve(candidates, Limits(budgets={"C1": 10_000}))
    # one full (2.0) beats two partials (1.0 + 0.5)
    assert allocation.choice == {"A": "full"}
    reasons = explain_all(candidates, Limits(budgets={"C1": 10_000}), allocation)
    assert "cap reached: KEN" in reasons["B"] and "lower value" in reasons["B"]


def test_budget_reason_names_lower_value() -> None:
    candidates = [_candidate("A", "KEN", 3.0), _candidate("B", "NPL", 1.0)]
    candidates[1] = Candidate(
        "B", "C1", "M1", "NPL", "Africa", "B", 2025, {"full": Option(1000, 1.0, 2)}
    )
    limits = Limits(budgets={"C1": 1000})
    allocation = solve(candidates, limits)
    assert allocation.choice == {"A": "full"}
    reason = explain_all(candidates, limits, allocation)["B"]
    assert "budget: 0 left of 1,000" in reason and "lower value (1)" in reason


def test_region_share_is_met_when_the_region_has_applicants() -> None:
    africa = [_candidate(f"A{i}", f"C{i}", 3.0) for i in range(4)]
    americas = [_candidate("B", "BOL", 1.0, region="Americas")]
    limits = Limits(budgets={"C1": 4000}, min_region_share=0.2)
    assert "B" not in solve(africa + americas, Limits(budgets={"C1": 4000})).choice
    allocation = solve(africa + americas, limits)
    assert "B" in allocation.choice and allocation.value == 11.0


def test_ties_go_to_the_earlier_application() -> None:
    candidates = [
        Candidate("late", "C1", "M1", "KEN", None, "p1", 2025, {"full": Option(1, 1.0, 2)}, 1),
        Candidate("early", "C1", "M1", "KEN", None, "p2", 2025, {"full": Option(1, 1.0, 2)}, 0),
    ]
    assert solve(candidates, Limits(budgets={"C1": 10})).choice == {"early": "full"}
