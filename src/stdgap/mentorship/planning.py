"""Planning a cycle's matching (nothing written): the profiles as the solver sees them on the
day of the matching, the optimal proposal for the mentees not yet in a kept pair, and why each
mentee left without a mentor is (the same reasons for the officer's review page)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from stdgap.i18n.translate import _, ngettext
from stdgap.mentorship.fields import utc_offset
from stdgap.mentorship.matching import MenteeProfile, MentorProfile, components, match
from stdgap.mentorship.models import (
    CONFIRMED,
    PROPOSED,
    Mentee,
    Mentor,
    MentorshipExclusion,
    MentorshipMatch,
)
from stdgap.mentorship.rules import Weights
from stdgap.mentorship.scores import Bools, score_matrix
from stdgap.programmes.errors import ProgrammeError


@dataclass(frozen=True)
class MatchResult:
    mentee: str
    mentor: str | None
    score: float
    components: dict[str, float]
    reason: str
    #: ``proposed`` or ``confirmed`` (None: not matched); ``pinned``: set by an officer.
    status: str | None = None
    pinned: bool = False


@dataclass
class Plan:
    """A cycle's matching (nothing written): each mentee's result and the profiles it used."""

    results: list[MatchResult]
    mentors: list[Mentor]
    mentees: list[Mentee]
    held: dict[int, MentorshipMatch] = field(default_factory=dict)


def split(text: str, fold: bool = False) -> frozenset[str]:
    return frozenset((part.casefold() if fold else part) for part in text.split(";") if part)


def mentor_profile(row: Mentor, on: date, taken: int = 0) -> MentorProfile:
    return MentorProfile(
        row.person_ref,
        split(row.study_groups),
        split(row.questions),
        split(row.languages),
        row.region,
        row.gender,
        row.capacity if row.available else 0,
        split(row.expertise, fold=True),
        utc_offset(row.time_zone, on),
        taken,
    )


def mentee_profile(row: Mentee, on: date) -> MenteeProfile:
    return MenteeProfile(
        row.person_ref,
        split(row.study_groups),
        split(row.questions),
        split(row.languages),
        row.region,
        row.prefer_same_region,
        row.preferred_mentor_gender,
        split(row.expertise, fold=True),
        utc_offset(row.time_zone, on),
    )


def _profiles(session: Session, cycle: str) -> tuple[list[Mentor], list[Mentee]]:
    mentors = list(session.scalars(select(Mentor).where(Mentor.cycle == cycle).order_by(Mentor.id)))
    mentees = list(session.scalars(select(Mentee).where(Mentee.cycle == cycle).order_by(Mentee.id)))
    if not mentees:
        raise ProgrammeError(_("cycle %(cycle)r has no mentees", cycle=cycle))
    return mentors, mentees


def reasons(
    mentees: list[MenteeProfile],
    mentors: list[MentorProfile],
    weights: Weights,
    excluded: frozenset[tuple[str, str]] = frozenset(),
) -> list[str]:
    """Why each of ``mentees`` has no mentor, given what the mentors have taken (every pair
    checked at once, as the matching scores them)."""
    if not mentees:
        return []
    capacity = np.array([m.capacity for m in mentors], dtype=np.int64)
    taken = np.array([m.taken for m in mentors], dtype=np.int64)
    if mentors:
        _scores, allowed = score_matrix(mentors, mentees, weights)
    else:
        allowed = np.zeros((len(mentees), 0), dtype=bool)
    allowed &= (capacity > 0)[None, :]
    column = {m.key: j for j, m in enumerate(mentors)}
    for i, mentee in enumerate(mentees):
        for mentee_key, mentor_key in excluded:
            if mentee_key == mentee.key and mentor_key in column:
                allowed[i, column[mentor_key]] = False
    compatible = [int(count) for count in allowed.sum(axis=1)]
    roomy: Bools = np.any(allowed & (capacity > taken)[None, :], axis=1)
    room = [bool(free) for free in roomy]
    return [_reason(n, free, weights) for n, free in zip(compatible, room, strict=True)]


def _reason(compatible: int, room: bool, weights: Weights) -> str:
    if not compatible:
        if weights.require_study_group:
            return _("no available mentor shares a language and a study group with them")
        return _("no available mentor shares a language with them")
    if room:
        return _("not matched yet: run the matching to propose a mentor")
    return ngettext(
        "the %(num)s compatible mentor is at capacity with mentees for whom they score higher",
        "the %(num)s compatible mentors are at capacity with mentees for whom they score higher",
        compatible,
        num=compatible,
    )


def _too_old(row: Mentee, on: date, weights: Weights) -> str | None:
    limit = weights.mentee_age_limit
    if limit and row.birth_year is not None and on.year - row.birth_year >= limit:
        age = on.year - row.birth_year
        return _("not next generation: %(age)s in %(year)s", age=age, year=on.year)
    return None


def plan_matching(connection: Connection, cycle: str, on: date, rule_set: str = "default") -> Plan:
    """The optimal matching of the mentees of ``cycle`` who are not in a confirmed or pinned
    pair (nothing written)."""
    with Session(bind=connection) as session:
        weights = Weights.load(connection, rule_set)
        mentor_rows, mentee_rows = _profiles(session, cycle)
        held = {
            pair.mentee_id: pair
            for pair in session.scalars(
                select(MentorshipMatch).where(
                    MentorshipMatch.cycle == cycle,
                    (MentorshipMatch.status == CONFIRMED) | MentorshipMatch.pinned,
                )
            )
        }
        taken: dict[int, int] = {}
        for pair in held.values():
            taken[pair.mentor_id] = taken.get(pair.mentor_id, 0) + 1
        mentors = [mentor_profile(r, on, taken.get(r.id, 0)) for r in mentor_rows]
        ref_of_mentor = {r.id: r.person_ref for r in mentor_rows}
        excluded = _exclusions(connection, cycle)
        results: dict[str, MatchResult] = {}
        free: list[MenteeProfile] = []
        for row in mentee_rows:
            kept = held.get(row.id)
            if kept is not None:
                results[row.person_ref] = MatchResult(
                    row.person_ref,
                    ref_of_mentor[kept.mentor_id],
                    kept.score,
                    dict(kept.components),
                    _("confirmed") if kept.status == CONFIRMED else _("set by an officer"),
                    kept.status,
                    kept.pinned,
                )
                continue
            too_old = _too_old(row, on, weights)
            if too_old:
                results[row.person_ref] = MatchResult(row.person_ref, None, 0.0, {}, too_old)
                continue
            free.append(mentee_profile(row, on))
        matching = match(mentors, free, weights, excluded)
        by_mentor = {m.key: m for m in mentors}
        load: dict[str, int] = {}
        for chosen in matching.pairs.values():
            load[chosen] = load.get(chosen, 0) + 1
        after = [replace(m, taken=m.taken + load.get(m.key, 0)) for m in mentors]
        left = [mentee for mentee in free if mentee.key not in matching.pairs]
        for mentee, reason in zip(left, reasons(left, after, weights, excluded), strict=True):
            results[mentee.key] = MatchResult(mentee.key, None, 0.0, {}, reason)
        for mentee in free:
            mentor_key = matching.pairs.get(mentee.key)
            if mentor_key is None:
                continue
            parts = components(by_mentor[mentor_key], mentee, weights)
            score = round(sum(parts.values()), 3)
            why = " + ".join(f"{name} {value:g}" for name, value in parts.items())
            results[mentee.key] = MatchResult(mentee.key, mentor_key, score, parts, why, PROPOSED)
    return Plan([results[r.person_ref] for r in mentee_rows], mentor_rows, mentee_rows, held)


def _exclusions(connection: Connection, cycle: str) -> frozenset[tuple[str, str]]:
    mentee, mentor = Mentee.person_ref, Mentor.person_ref
    query = (
        select(mentee, mentor)
        .select_from(MentorshipExclusion)
        .join(Mentee, Mentee.id == MentorshipExclusion.mentee_id)
        .join(Mentor, Mentor.id == MentorshipExclusion.mentor_id)
        .where(MentorshipExclusion.cycle == cycle)
    )
    return frozenset((row[0], row[1]) for row in connection.execute(query))


def unmatched(
    connection: Connection, cycle: str, on: date, rule_set: str = "default"
) -> list[MatchResult]:
    """The mentees of ``cycle`` in no pair, each with the reason (given the pairs as they are)."""
    with Session(bind=connection) as session:
        weights = Weights.load(connection, rule_set)
        mentor_rows = list(session.scalars(select(Mentor).where(Mentor.cycle == cycle)))
        mentee_rows = list(
            session.scalars(select(Mentee).where(Mentee.cycle == cycle).order_by(Mentee.person_ref))
        )
        load: dict[int, int] = {}
        paired: set[int] = set()
        query = select(MentorshipMatch.mentor_id, MentorshipMatch.mentee_id).where(
            MentorshipMatch.cycle == cycle
        )
        for mentor_id, mentee_id in connection.execute(query):
            load[mentor_id] = load.get(mentor_id, 0) + 1
            paired.add(mentee_id)
        mentors = [mentor_profile(r, on, load.get(r.id, 0)) for r in mentor_rows]
        alone = [row for row in mentee_rows if row.id not in paired]
        young = [row for row in alone if not _too_old(row, on, weights)]
        profiles = [mentee_profile(row, on) for row in young]
        why = dict(
            zip(
                [row.id for row in young],
                reasons(profiles, mentors, weights, _exclusions(connection, cycle)),
                strict=True,
            )
        )
    return [
        MatchResult(
            row.person_ref, None, 0.0, {}, why.get(row.id) or _too_old(row, on, weights) or ""
        )
        for row in alone
    ]
