"""The matching is optimal: the min-cost flow equals brute force on small random instances,
solved whole or sparse (then proven optimal by potentials, or solved whole as a fallback); the
vectorised scores equal the explained components, pair by pair."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdgap.mentorship import flow
from stdgap.mentorship.matching import (
    MenteeProfile,
    MentorProfile,
    components,
    match,
    matching_value,
)
from stdgap.mentorship.rules import Weights
from stdgap.mentorship.scores import milli, score_matrix

GROUPS = ["SG5", "SG13", "SG17"]
QUESTIONS = ["Q1/5", "Q2/13", "Q4/17"]
LANGUAGES = ["en", "fr", "es"]
TOPICS = ["security", "iot", "ai"]
OFFSETS = [None, 0, 60, 180, -300, 330]  # minutes east of UTC (India: +5:30)


def subsets(items: list[str]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(items), max_size=len(items))


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[MentorProfile], list[MenteeProfile], Weights]:
    region = st.none() | st.sampled_from(["Africa", "Europe"])
    mentors = []
    for j in range(draw(st.integers(1, 4))):
        capacity = draw(st.integers(0, 2))
        mentors.append(
            MentorProfile(
                f"R{j}",
                draw(subsets(GROUPS)),
                draw(subsets(QUESTIONS)),
                draw(subsets(LANGUAGES)),
                draw(region),
                draw(st.sampled_from([None, "F", "M"])),
                capacity,
                draw(subsets(TOPICS)),
                draw(st.sampled_from(OFFSETS)),
                draw(st.integers(0, capacity)),  # mentees they already have
            )
        )
    mentees = [
        MenteeProfile(
            f"E{i}",
            draw(subsets(GROUPS)),
            draw(subsets(QUESTIONS)),
            draw(subsets(LANGUAGES)),
            draw(region),
            draw(st.booleans()),
            draw(st.sampled_from([None, "F"])),
            draw(subsets(TOPICS)),
            draw(st.sampled_from(OFFSETS)),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    if draw(st.booleans()):  # one person, mentor and mentee: never their own mentor
        mentees[0] = MenteeProfile(mentors[0].key, *[getattr(mentees[0], f) for f in FIELDS])
    weights = Weights(
        load_penalty=draw(st.sampled_from([0.0, 0.1, 2.5])),
        require_study_group=draw(st.booleans()),
        weight_time_zone=draw(st.sampled_from([0.0, 1.0, 2.5])),
        time_zone_span=draw(st.sampled_from([0.0, 3.0, 6.0])),
    )
    return mentors, mentees, weights


FIELDS = [name for name in MenteeProfile.__dataclass_fields__ if name != "key"]


def brute_force(
    mentors: list[MentorProfile],
    mentees: list[MenteeProfile],
    weights: Weights,
    excluded: frozenset[tuple[str, str]] = frozenset(),
) -> float:
    best = 0.0
    for chosen in product([None, *(m.key for m in mentors)], repeat=len(mentees)):
        pairs = {e.key: r for e, r in zip(mentees, chosen, strict=True) if r is not None}
        value = matching_value(mentors, mentees, weights, pairs, excluded)
        if value is not None:
            best = max(best, value)
    return best


Instance = tuple[list[MentorProfile], list[MenteeProfile], Weights]


@settings(max_examples=150, deadline=None)
@given(instances(), st.sampled_from([1, 2, 50]), st.booleans())
def test_matching_is_optimal_against_brute_force(
    instance: Instance, keep: int, exclude: bool
) -> None:
    """Whole (keep ≥ mentors) or sparse first (keep 1 or 2, then proven or extended)."""
    mentors, mentees, weights = instance
    excluded = frozenset({(mentees[-1].key, mentors[-1].key)}) if exclude else frozenset()
    result = match(mentors, mentees, weights, excluded, keep=keep)
    assert matching_value(mentors, mentees, weights, result.pairs, excluded) == result.value
    assert abs(result.value - brute_force(mentors, mentees, weights, excluded)) < 1e-6


@settings(max_examples=60, deadline=None)
@given(instances())
def test_the_fallbacks_solve_the_whole_graph_optimally(instance: Instance) -> None:
    """Without rounds of Bellman-Ford or sparse attempts left, the whole graph is solved."""
    mentors, mentees, weights = instance
    best = brute_force(mentors, mentees, weights)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flow, "ROUNDS", 0)
        assert abs(match(mentors, mentees, weights, keep=1).value - best) < 1e-6
        patch.setattr(flow, "ROUNDS", 400)
        patch.setattr(flow, "ATTEMPTS", 1)
        assert abs(match(mentors, mentees, weights, keep=1).value - best) < 1e-6


@settings(max_examples=100, deadline=None)
@given(instances())
def test_the_score_matrix_sums_the_components_of_each_pair(instance: Instance) -> None:
    mentors, mentees, weights = instance
    scores, allowed = score_matrix(mentors, mentees, weights)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            parts = components(mentor, mentee, weights)
            assert bool(allowed[i, j]) == bool(parts), (mentee, mentor)
            if parts:
                assert int(scores[i, j]) == sum(milli(v) for v in parts.values())


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
    near = MentorProfile(
        "N", frozenset(), frozenset(), frozenset({"fr"}), None, None, 1,
        frozenset({"ai"}), utc_offset=120,
    )  # fmt: skip
    tzed = MenteeProfile(
        "T", frozenset(), frozenset(), frozenset({"fr"}), None,
        expertise=frozenset({"ai", "iot"}), utc_offset=60,
    )  # fmt: skip
    assert components(near, tzed, Weights()) == {
        "base": 1.0,
        "expertise": 1.0,  # 2 × one of the mentee's two fields
        "time_zone": 0.833,  # 1 × (1 - 1 h / 6 h)
    }
    assert components(near, tzed, Weights(time_zone_span=1)) == {"base": 1.0, "expertise": 1.0}
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


def test_a_mentor_s_taken_mentees_use_their_capacity_and_cost_their_rank() -> None:
    full = MentorProfile("R1", frozenset({"SG5"}), frozenset(), frozenset({"en"}), None, None, 2,
                         taken=2)  # fmt: skip
    half = MentorProfile("R2", frozenset(), frozenset(), frozenset({"en"}), None, None, 2,
                         taken=1)  # fmt: skip
    a = MenteeProfile("A", frozenset({"SG5"}), frozenset(), frozenset({"en"}), None)
    result = match([full, half], [a], Weights())
    assert result.pairs == {"A": "R2"} and result.value == 0.9  # 1 - 0.1 for the second slot
    assert match([full], [a], Weights()).pairs == {}
    excluded = frozenset({("A", "R2")})
    assert match([full, half], [a], Weights(), excluded).pairs == {}
