"""The matching is optimal: the min-cost flow equals brute force on small random instances."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.mentorship.matching import (
    MenteeProfile,
    MentorProfile,
    components,
    match,
    matching_value,
)
from stdgap.mentorship.rules import Weights

GROUPS = ["SG5", "SG13", "SG17"]
QUESTIONS = ["Q1/5", "Q2/13", "Q4/17"]
LANGUAGES = ["en", "fr", "es"]


def subsets(items: list[str]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(items), max_size=len(items))


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[MentorProfile], list[MenteeProfile], Weights]:
    region = st.none() | st.sampled_from(["Africa", "Europe"])
    mentors = [
        MentorProfile(
            f"R{j}",
            draw(subsets(GROUPS)),
            draw(subsets(QUESTIONS)),
            draw(subsets(LANGUAGES)),
            draw(region),
            draw(st.sampled_from([None, "F", "M"])),
            draw(st.integers(0, 2)),
        )
        for j in range(draw(st.integers(1, 3)))
    ]
    mentees = [
        MenteeProfile(
            f"E{i}",
            draw(subsets(GROUPS)),
            draw(subsets(QUESTIONS)),
            draw(subsets(LANGUAGES)),
            draw(region),
            draw(st.booleans()),
            draw(st.sampled_from([None, "F"])),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    weights = Weights(
        load_penalty=draw(st.sampled_from([0.0, 0.1, 2.5])),
        require_study_group=draw(st.booleans()),
    )
    return mentors, mentees, weights


def brute_force(
    mentors: list[MentorProfile], mentees: list[MenteeProfile], weights: Weights
) -> float:
    best = 0.0
    for chosen in product([None, *(m.key for m in mentors)], repeat=len(mentees)):
        pairs = {e.key: r for e, r in zip(mentees, chosen, strict=True) if r is not None}
        value = matching_value(mentors, mentees, weights, pairs)
        if value is not None:
            best = max(best, value)
    return best


@settings(max_examples=150, deadline=None)
@given(instances())
def test_matching_is_optimal_against_brute_force(
    instance: tuple[list[MentorProfile], list[MenteeProfile], Weights],
) -> None:
    mentors, mentees, weights = instance
    result = match(mentors, mentees, weights)
    assert matching_value(mentors, mentees, weights, result.pairs) == result.value
    assert abs(result.value - brute_force(mentors, mentees, weights)) < 1e-6


def test_components_explain_the_score() -> None:
    mentor = MentorProfile(
        "R",
        frozenset({"SG5", "SG17"}),
        frozenset({"Q4/17"}),
        frozenset({"en", "fr"}),
        "Africa",
        "F",
        2,
    )
    mentee = MenteeProfile(
        "E",
        frozenset({"SG17"}),
        frozenset({"Q4/17", "Q2/13"}),
        frozenset({"fr"}),
        "Africa",
        True,
        "F",
    )
    assert components(mentor, mentee, Weights()) == {
        "base": 1.0,
        "study_groups": 3.0,
        "questions": 2.0,
        "region": 1.0,
        "region_preferred": 2.0,
        "gender_preferred": 1.0,
    }
    stranger = MenteeProfile("X", frozenset(), frozenset(), frozenset({"ru"}), None)
    assert components(mentor, stranger, Weights()) == {}
    assert match([mentor], [stranger], Weights()).pairs == {}


def test_capacity_spreads_mentees_by_score() -> None:
    busy = MentorProfile("R1", frozenset({"SG5"}), frozenset(), frozenset({"en"}), None, None, 1)
    other = MentorProfile("R2", frozenset(), frozenset(), frozenset({"en"}), None, None, 1)
    a = MenteeProfile("A", frozenset({"SG5"}), frozenset(), frozenset({"en"}), None)
    b = MenteeProfile("B", frozenset({"SG5", "SG13"}), frozenset(), frozenset({"en"}), None)
    # A gains 3 from R1, B only 1.5: A gets R1, B gets R2
    assert match([busy, other], [a, b], Weights()).pairs == {"A": "R1", "B": "R2"}
