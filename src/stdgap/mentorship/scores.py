"""A pair's score and its components: for one pair (explained), and for every pair at once.

A component is a weight times a share, rounded to thousandths (:func:`part`); the score is their
sum. :func:`score_matrix` computes the same numbers for every mentee × mentor pair in
thousandths, with numpy: sets as bitsets (shared items are popcounts of an AND), each
component looked up in a table of every (size, shared) it can take, so that the matrix and
:func:`components` never disagree by a rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from stdgap.mentorship.rules import Weights

SCALE = 1000
Ints = npt.NDArray[np.int64]
Scores = npt.NDArray[np.signedinteger[Any]]
Bools = npt.NDArray[np.bool_]
Counts = npt.NDArray[np.uint8]
Words = npt.NDArray[np.uint64]
DAY = 24 * 60


@dataclass(frozen=True)
class MentorProfile:
    key: str
    study_groups: frozenset[str]
    questions: frozenset[str]
    languages: frozenset[str]
    region: str | None
    gender: str | None
    capacity: int
    expertise: frozenset[str] = frozenset()
    #: Offset from UTC on the day of the matching, in minutes (None: not given).
    utc_offset: int | None = None
    #: Mentees the mentor already has in the cycle (confirmed or set by hand): the slots from
    #: ``taken`` to ``capacity - 1`` are left.
    taken: int = 0


@dataclass(frozen=True)
class MenteeProfile:
    key: str
    study_groups: frozenset[str]
    questions: frozenset[str]
    languages: frozenset[str]
    region: str | None
    prefer_same_region: bool = False
    preferred_mentor_gender: str | None = None
    expertise: frozenset[str] = frozenset()
    utc_offset: int | None = None


#: The components that are a share of the mentee's items the mentor has:
#: (component, weight attribute, profile attribute).
OVERLAPS = (
    ("study_groups", "weight_study_group", "study_groups"),
    ("questions", "weight_question", "questions"),
    ("expertise", "weight_expertise", "expertise"),
)


def part(weight: float, share: float) -> float:
    """One component's value: ``weight`` × ``share``, rounded to thousandths."""
    return round(weight * share, 3)


def milli(value: float) -> int:
    return round(value * SCALE)


def gap_minutes(one: int, other: int) -> int:
    """Minutes between two offsets from UTC, around the clock (at most 12 hours)."""
    difference = abs(one - other) % DAY
    return min(difference, DAY - difference)


def closeness(gap: int, span_hours: float) -> float:
    """1 for the same time, falling linearly to 0 at ``span_hours`` apart."""
    if span_hours <= 0:
        return 1.0 if gap == 0 else 0.0
    return max(0.0, 1.0 - gap / (span_hours * 60))


def not_allowed(mentor: MentorProfile, mentee: MenteeProfile, weights: Weights) -> bool:
    """Whether the pair cannot be made at all (one person, no shared language …)."""
    if mentor.key == mentee.key:
        return True
    if weights.require_language and not mentor.languages & mentee.languages:
        return True
    return weights.require_study_group and not mentor.study_groups & mentee.study_groups


def components(mentor: MentorProfile, mentee: MenteeProfile, weights: Weights) -> dict[str, float]:
    """The parts of a pair's score (their sum is the score); empty when the pair is not allowed."""
    if not_allowed(mentor, mentee, weights):
        return {}
    parts = {"base": part(weights.weight_base, 1.0)}
    for name, weight, attribute in OVERLAPS:
        wanted: frozenset[str] = getattr(mentee, attribute)
        if wanted:
            shared = len(getattr(mentor, attribute) & wanted)
            parts[name] = part(getattr(weights, weight), shared / len(wanted))
    if mentee.region is not None and mentor.region == mentee.region:
        parts["region"] = part(weights.weight_region, 1.0)
        if mentee.prefer_same_region:
            parts["region_preferred"] = part(weights.weight_region_preferred, 1.0)
    wanted_gender = mentee.preferred_mentor_gender
    if wanted_gender is not None and mentor.gender == wanted_gender:
        parts["gender_preferred"] = part(weights.weight_gender_preferred, 1.0)
    if mentee.utc_offset is not None and mentor.utc_offset is not None:
        gap = gap_minutes(mentee.utc_offset, mentor.utc_offset)
        parts["time_zone"] = part(weights.weight_time_zone, closeness(gap, weights.time_zone_span))
    return {name: value for name, value in parts.items() if value}


def _bitsets(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> Words:
    """Each set as bits over ``vocabulary`` (words of 64); unknown items are left out."""
    words = max(1, -(-len(vocabulary) // 64))
    masks = [sum(1 << vocabulary[item] for item in items if item in vocabulary) for items in sets]
    bits = np.zeros((len(sets), words), dtype=np.uint64)
    for word in range(words):
        bits[:, word] = [(mask >> (64 * word)) & 0xFFFF_FFFF_FFFF_FFFF for mask in masks]
    return bits


def _popcount(words: Words) -> Counts:
    counter = getattr(np, "bitwise_count", None)  # numpy 2
    if counter is not None:
        counted: Counts = counter(words).astype(np.uint8, copy=False)
        return counted
    table = np.array([bin(n).count("1") for n in range(256)], dtype=np.uint8)
    summed: Counts = table[words[..., None].view(np.uint8)].sum(axis=-1, dtype=np.uint8)
    return summed


def overlap(mentees: list[frozenset[str]], mentors: list[frozenset[str]]) -> tuple[Counts, Ints]:
    """(shared[i, j], size[i]): how many of mentee i's items mentor j has, and how many i has."""
    vocabulary: dict[str, int] = {}
    for items in mentors:
        for item in items:
            vocabulary.setdefault(item, len(vocabulary))
    left, right = _bitsets(mentees, vocabulary), _bitsets(mentors, vocabulary)
    shared = np.zeros((len(mentees), len(mentors)), dtype=np.uint8)
    for word in range(left.shape[1]):
        shared += _popcount(left[:, word, None] & right[None, :, word])
    sizes = np.array([len(items) for items in mentees], dtype=np.int64)
    return shared, sizes


def _dtype(weights: Weights) -> type[np.int16] | type[np.int32] | type[np.int64]:
    """The narrowest integers no score can overflow (less memory to go through)."""
    largest = sum(
        abs(getattr(weights, name))
        for name in (
            "weight_base",
            "weight_study_group",
            "weight_question",
            "weight_expertise",
            "weight_region",
            "weight_region_preferred",
            "weight_gender_preferred",
            "weight_time_zone",
        )
    )
    bound = (largest + 1) * SCALE
    if bound < 2**15 - 1:
        return np.int16
    return np.int32 if bound < 2**30 else np.int64


def _shares(weight: float, shared: Counts, sizes: Ints, dtype: type[np.integer]) -> Scores:
    """``weight`` × shared / size in thousandths, rounded as :func:`components` rounds it."""
    largest = int(sizes.max(initial=0))
    table = np.zeros((largest + 1, largest + 1), dtype=dtype)
    for size in range(1, largest + 1):
        for count in range(size + 1):
            table[size, count] = milli(part(weight, count / size))
    index = (sizes * (largest + 1)).astype(np.int32)[:, None] + shared
    result: Scores = table.ravel().take(index)
    return result


def _codes(
    mentees: list[str | None], mentors: list[str | None]
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """The values as integers, equal when the values are; a missing value (None) is -1 on the
    mentees' side and -2 on the mentors', so that it never equals anything."""
    table: dict[str, int] = {}

    def coded(values: list[str | None], missing: int) -> npt.NDArray[np.int32]:
        found = [missing if v is None else table.setdefault(v, len(table)) for v in values]
        return np.array(found, dtype=np.int32)

    return coded(mentees, -1), coded(mentors, -2)


def _intersect(mentees: list[frozenset[str]], mentors: list[frozenset[str]]) -> Bools:
    """Whether mentee i and mentor j have an item in common."""
    vocabulary: dict[str, int] = {}
    for items in mentors:
        for item in items:
            vocabulary.setdefault(item, len(vocabulary))
    left, right = _bitsets(mentees, vocabulary), _bitsets(mentors, vocabulary)
    common: Bools = (left[:, 0, None] & right[None, :, 0]) != 0
    for word in range(1, left.shape[1]):
        common |= (left[:, word, None] & right[None, :, word]) != 0
    return common


def _time_zones(mentors: list[MentorProfile], mentees: list[MenteeProfile], w: Weights) -> Scores:
    dtype = _dtype(w)
    mentee_known = np.array([e.utc_offset is not None for e in mentees], dtype=bool)
    mentor_known = np.array([r.utc_offset is not None for r in mentors], dtype=bool)
    if not (mentee_known.any() and mentor_known.any()):
        return np.zeros((len(mentees), len(mentors)), dtype=dtype)
    mine = np.array([e.utc_offset or 0 for e in mentees], dtype=np.int32)
    theirs = np.array([r.utc_offset or 0 for r in mentors], dtype=np.int32)
    difference = np.abs(mine[:, None] - theirs[None, :]) % DAY
    gaps = np.minimum(difference, DAY - difference)
    span = w.time_zone_span
    table = np.array(
        [milli(part(w.weight_time_zone, closeness(gap, span))) for gap in range(DAY // 2 + 1)],
        dtype=dtype,
    )
    result: Scores = np.where(mentee_known[:, None] & mentor_known[None, :], table[gaps], 0)
    return result.astype(dtype, copy=False)


def score_matrix(
    mentors: list[MentorProfile], mentees: list[MenteeProfile], weights: Weights
) -> tuple[Scores, Bools]:
    """Scores in thousandths (mentee × mentor), each the sum of :func:`components` of the
    pair, and which pairs are allowed (capacity aside)."""
    w = weights
    dtype = _dtype(w)
    scores: Scores = np.full(
        (len(mentees), len(mentors)), milli(part(w.weight_base, 1.0)), dtype=dtype
    )
    if w.require_language:
        allowed = _intersect([e.languages for e in mentees], [r.languages for r in mentors])
    else:
        allowed = np.ones(scores.shape, dtype=bool)
    for _name, weight, attribute in OVERLAPS:
        items: list[frozenset[str]] = [getattr(e, attribute) for e in mentees]
        required = attribute == "study_groups" and w.require_study_group
        if not required and not (getattr(w, weight) and any(items)):
            continue
        shared, sizes = overlap(items, [getattr(r, attribute) for r in mentors])
        if required:
            allowed &= shared > 0
        scores += _shares(getattr(w, weight), shared, sizes, dtype)
    mine, theirs = _codes([e.region for e in mentees], [r.region for r in mentors])
    prefers = np.array([e.prefer_same_region for e in mentees], dtype=bool)
    bonus = milli(part(w.weight_region, 1.0)) + prefers * milli(
        part(w.weight_region_preferred, 1.0)
    )
    same = mine[:, None] == theirs[None, :]
    np.add(scores, bonus.astype(dtype)[:, None], out=scores, where=same)
    wanted, actual = _codes(
        [e.preferred_mentor_gender for e in mentees], [r.gender for r in mentors]
    )
    wished = wanted[:, None] == actual[None, :]
    np.add(scores, dtype(milli(part(w.weight_gender_preferred, 1.0))), out=scores, where=wished)
    scores += _time_zones(mentors, mentees, w)
    mentee_keys, mentor_keys = _codes([e.key for e in mentees], [r.key for r in mentors])
    allowed &= mentee_keys[:, None] != mentor_keys[None, :]
    return scores, allowed
