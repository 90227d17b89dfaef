"""Optimal matching of mentees to mentors with capacities, as a minimum-cost flow.

source → mentee (capacity 1) → mentor (capacity 1 per allowed pair, cost −score) → slot k of
the mentor (capacity 1, cost load_penalty·k, k < capacity) → sink; and source → sink for the
mentees left unmatched. The flow of least cost maximises Σ score − Σ load penalties: the best
one-to-many matching. Scores are rounded to 1/1000 and the costs are integers, so OR-Tools'
cost-scaling solver (exact on integers) returns an optimum. A pair's score is the sum of its
components (:func:`components`), so every match can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stdgap.mentorship.rules import Weights

SCALE = 1000
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class MentorProfile:
    key: str
    study_groups: frozenset[str]
    questions: frozenset[str]
    languages: frozenset[str]
    region: str | None
    gender: str | None
    capacity: int


@dataclass(frozen=True)
class MenteeProfile:
    key: str
    study_groups: frozenset[str]
    questions: frozenset[str]
    languages: frozenset[str]
    region: str | None
    prefer_same_region: bool = False
    preferred_mentor_gender: str | None = None


@dataclass(frozen=True)
class Matching:
    pairs: dict[str, str]  # mentee → mentor
    value: float  # Σ scores − Σ load penalties


def components(mentor: MentorProfile, mentee: MenteeProfile, weights: Weights) -> dict[str, float]:
    """The parts of a pair's score (their sum is the score); empty when the pair is not allowed."""
    if weights.require_language and not mentor.languages & mentee.languages:
        return {}
    if weights.require_study_group and not mentor.study_groups & mentee.study_groups:
        return {}
    parts = {"base": weights.weight_base}
    if mentee.study_groups:
        shared = len(mentor.study_groups & mentee.study_groups) / len(mentee.study_groups)
        parts["study_groups"] = weights.weight_study_group * shared
    if mentee.questions:
        shared = len(mentor.questions & mentee.questions) / len(mentee.questions)
        parts["questions"] = weights.weight_question * shared
    if mentee.region is not None and mentor.region == mentee.region:
        parts["region"] = weights.weight_region
        if mentee.prefer_same_region:
            parts["region_preferred"] = weights.weight_region_preferred
    wanted = mentee.preferred_mentor_gender
    if wanted is not None and mentor.gender == wanted:
        parts["gender_preferred"] = weights.weight_gender_preferred
    return {name: round(value, 3) for name, value in parts.items() if value}


def _incidence(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> Matrix:
    matrix = np.zeros((len(sets), max(len(vocabulary), 1)))
    for row, items in enumerate(sets):
        for item in items:
            matrix[row, vocabulary[item]] = 1.0
    return matrix


def _shared_share(mentees: list[frozenset[str]], mentors: list[frozenset[str]]) -> Matrix:
    """share[i, j] = |mentee_i ∩ mentor_j| / |mentee_i| (0 for an empty mentee set)."""
    vocabulary = {item: n for n, item in enumerate(sorted(set().union(*mentees, *mentors)))}
    left, right = _incidence(mentees, vocabulary), _incidence(mentors, vocabulary)
    sizes = np.maximum(left.sum(axis=1), 1.0)
    result: Matrix = (left @ right.T) / sizes[:, None]
    return result


def _codes(values: list[str | None]) -> npt.NDArray[np.int64]:
    table: dict[str, int] = {}
    return np.array([-1 if v is None else table.setdefault(v, len(table)) for v in values])


def score_matrix(
    mentors: list[MentorProfile], mentees: list[MenteeProfile], weights: Weights
) -> tuple[Matrix, npt.NDArray[np.bool_]]:
    """Scores (mentee × mentor) as :func:`components` sums them, and which pairs are allowed."""
    w = weights
    languages = _shared_share([e.languages for e in mentees], [r.languages for r in mentors])
    groups = _shared_share([e.study_groups for e in mentees], [r.study_groups for r in mentors])
    questions = _shared_share([e.questions for e in mentees], [r.questions for r in mentors])
    allowed = np.ones(languages.shape, dtype=bool)
    if w.require_language:
        allowed &= languages > 0
    if w.require_study_group:
        allowed &= groups > 0
    regions = _codes([e.region for e in mentees] + [r.region for r in mentors])
    mentee_region, mentor_region = regions[: len(mentees)], regions[len(mentees) :]
    same = (mentee_region[:, None] == mentor_region[None, :]) & (mentee_region[:, None] >= 0)
    prefers = np.array([e.prefer_same_region for e in mentees], dtype=bool)
    genders = _codes([e.preferred_mentor_gender for e in mentees] + [r.gender for r in mentors])
    wanted, actual = genders[: len(mentees)], genders[len(mentees) :]
    gender_ok = (wanted[:, None] == actual[None, :]) & (wanted[:, None] >= 0)
    scores = (
        round(w.weight_base, 3)
        + np.round(w.weight_study_group * groups, 3)
        + np.round(w.weight_question * questions, 3)
        + same
        * (round(w.weight_region, 3) + prefers[:, None] * round(w.weight_region_preferred, 3))
        + gender_ok * round(w.weight_gender_preferred, 3)
    )
    return scores, allowed


def match(mentors: list[MentorProfile], mentees: list[MenteeProfile], weights: Weights) -> Matching:
    """The matching of greatest value (every mentee at most once, mentors within capacity)."""
    from ortools.graph.python import (  # type: ignore[import-untyped]  # imported when needed
        min_cost_flow,
    )

    n, m = len(mentees), len(mentors)
    capacities = np.array([max(mentor.capacity, 0) for mentor in mentors], dtype=np.int64)
    if n == 0 or m == 0 or capacities.sum() == 0:
        return Matching({}, 0.0)
    scores, allowed = score_matrix(mentors, mentees, weights)
    cost = np.rint(-scores * SCALE).astype(np.int64)
    ei, ej = np.nonzero(allowed & (capacities[None, :] > 0))
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    one = np.ones(n, dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(np.full(n, source), np.arange(n), one, one * 0)
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        ei, n + ej, np.ones(len(ei), dtype=np.int64), cost[ei, ej]
    )
    slot_mentor = np.repeat(np.arange(m), capacities)
    slot_rank = np.concatenate([np.arange(c) for c in capacities])
    slot_cost = np.rint(slot_rank * weights.load_penalty * SCALE).astype(np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(
        n + slot_mentor,
        np.full(len(slot_mentor), sink),
        np.ones(len(slot_mentor), np.int64),
        slot_cost,
    )
    flow.add_arc_with_capacity_and_unit_cost(source, sink, n, 0)
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"the matching could not be solved ({status})")
    used = flow.flows(pair_arcs) > 0
    pairs = {mentees[i].key: mentors[j].key for i, j in zip(ei[used], ej[used], strict=True)}
    return Matching(pairs, round(-flow.optimal_cost() / SCALE, 3))


def matching_value(
    mentors: list[MentorProfile],
    mentees: list[MenteeProfile],
    weights: Weights,
    pairs: dict[str, str],
) -> float | None:
    """Σ score − Σ load penalties of ``pairs``; None when a pair is not allowed or a mentor is
    over capacity (the tests' brute force uses it)."""
    by_mentor = {mentor.key: mentor for mentor in mentors}
    by_mentee = {mentee.key: mentee for mentee in mentees}
    load: dict[str, int] = {}
    total = 0.0
    for mentee_key, mentor_key in pairs.items():
        parts = components(by_mentor[mentor_key], by_mentee[mentee_key], weights)
        if not parts:
            return None
        rank = load.get(mentor_key, 0)
        if rank >= by_mentor[mentor_key].capacity:
            return None
        load[mentor_key] = rank + 1
        total += sum(parts.values()) - weights.load_penalty * rank
    return round(total, 3)
