"""Optimal matching of mentees to mentors with capacities.

The value of a matching is Σ score − Σ load penalties: a mentor's second, third … mentee counts
``load_penalty`` less each, which spreads mentees when scores are level. A pair's score is the
sum of its components (:mod:`.scores`), so every match can be explained; the best matching is a
minimum-cost flow (:mod:`.flow`), solved exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stdgap.mentorship.flow import KEEP, Network, optimal_flow
from stdgap.mentorship.rules import Weights
from stdgap.mentorship.scores import (
    SCALE,
    MenteeProfile,
    MentorProfile,
    components,
    milli,
    score_matrix,
)

__all__ = [
    "Matching",
    "MenteeProfile",
    "MentorProfile",
    "components",
    "match",
    "matching_value",
]


@dataclass(frozen=True)
class Matching:
    pairs: dict[str, str]  # mentee → mentor
    value: float  # Σ scores − Σ load penalties


def match(
    mentors: list[MentorProfile],
    mentees: list[MenteeProfile],
    weights: Weights,
    excluded: frozenset[tuple[str, str]] = frozenset(),
    keep: int = KEEP,
) -> Matching:
    """The matching of greatest value: every mentee at most once, every mentor within the
    capacity left to them (``capacity - taken``); the (mentee, mentor) pairs in ``excluded``
    are not made. ``keep``: see :func:`stdgap.mentorship.flow.optimal_flow`."""
    capacity = np.array([max(mentor.capacity, 0) for mentor in mentors], dtype=np.int64)
    first = np.array([max(mentor.taken, 0) for mentor in mentors], dtype=np.int64)
    if not mentees or not mentors or not (capacity > first).any():
        return Matching({}, 0.0)
    scores, allowed = score_matrix(mentors, mentees, weights)
    if excluded:
        row = {mentee.key: i for i, mentee in enumerate(mentees)}
        column = {mentor.key: j for j, mentor in enumerate(mentors)}
        for mentee_key, mentor_key in excluded:
            if mentee_key in row and mentor_key in column:
                allowed[row[mentee_key], column[mentor_key]] = False
    network = Network(scores, allowed, first, capacity, milli(weights.load_penalty))
    flow = optimal_flow(network, keep)
    pairs = {mentees[i].key: mentors[flow.chosen[i]].key for i in np.flatnonzero(flow.chosen >= 0)}
    return Matching(pairs, round(-flow.cost / SCALE, 3))


def matching_value(
    mentors: list[MentorProfile],
    mentees: list[MenteeProfile],
    weights: Weights,
    pairs: dict[str, str],
    excluded: frozenset[tuple[str, str]] = frozenset(),
) -> float | None:
    """Σ score − Σ load penalties of ``pairs``; None when a pair is not allowed or a mentor is
    over capacity (the tests' brute force uses it)."""
    by_mentor = {mentor.key: mentor for mentor in mentors}
    by_mentee = {mentee.key: mentee for mentee in mentees}
    load: dict[str, int] = {}
    total = 0
    for mentee_key, mentor_key in pairs.items():
        parts = components(by_mentor[mentor_key], by_mentee[mentee_key], weights)
        if not parts or (mentee_key, mentor_key) in excluded:
            return None
        mentor = by_mentor[mentor_key]
        rank = load.get(mentor_key, max(mentor.taken, 0))
        if rank >= mentor.capacity:
            return None
        load[mentor_key] = rank + 1
        total += sum(milli(value) for value in parts.values()) - milli(weights.load_penalty) * rank
    return round(total / SCALE, 3)
