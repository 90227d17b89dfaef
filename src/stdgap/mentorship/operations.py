"""Matching a cycle's mentees to its mentors, and following the pairs up (sessions, outcome).

:func:`match_cycle` reads the profiles and rules, solves the matching (:mod:`.matching`) and
explains every mentee's result: the mentor and the score's components, or why no mentor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.orm import Session

from stdgap.mentorship.matching import (
    MenteeProfile,
    MentorProfile,
    components,
    match,
)
from stdgap.mentorship.models import Mentee, Mentor, MentorshipMatch, MentorshipSession
from stdgap.mentorship.rules import Weights
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.unit import Unit, operation

OUTCOMES = ("ongoing", "completed", "ended_early")


@dataclass(frozen=True)
class MatchResult:
    mentee: str
    mentor: str | None
    score: float
    components: dict[str, float]
    reason: str


def _set(text: str) -> frozenset[str]:
    return frozenset(part for part in text.split(";") if part)


def _profiles(session: Session, cycle: str) -> tuple[list[Mentor], list[Mentee]]:
    mentors = list(session.scalars(select(Mentor).where(Mentor.cycle == cycle).order_by(Mentor.id)))
    mentees = list(session.scalars(select(Mentee).where(Mentee.cycle == cycle).order_by(Mentee.id)))
    if not mentees:
        raise ProgrammeError(f"cycle '{cycle}' has no mentees")
    return mentors, mentees


def _unmatched_reason(mentee: MenteeProfile, mentors: list[MentorProfile], weights: Weights) -> str:
    allowed = [m for m in mentors if m.capacity > 0 and components(m, mentee, weights)]
    if not allowed:
        needs = "a language" + (" and a study group" if weights.require_study_group else "")
        return f"no available mentor shares {needs} with them"
    return (
        f"the {len(allowed)} compatible mentor(s) are at capacity with mentees "
        "for whom they score higher"
    )


def plan_matching(
    connection: Connection, cycle: str, on: date, rule_set: str = "default"
) -> tuple[list[MatchResult], list[Mentor], list[Mentee]]:
    """The optimal matching of the mentees of ``cycle`` (nothing written): each mentee's
    result, and the profiles it was made of."""
    with Session(bind=connection) as session:
        weights = Weights.load(connection, rule_set)
        mentor_rows, mentee_rows = _profiles(session, cycle)
        mentors = [
            MentorProfile(
                r.person_ref,
                _set(r.study_groups),
                _set(r.questions),
                _set(r.languages),
                r.region,
                r.gender,
                r.capacity if r.available else 0,
            )
            for r in mentor_rows
        ]
        results: dict[str, MatchResult] = {}
        mentees: list[MenteeProfile] = []
        limit = weights.mentee_age_limit
        for row in mentee_rows:
            if limit and row.birth_year is not None and on.year - row.birth_year >= limit:
                reason = f"not next generation: {on.year - row.birth_year} in {on.year}"
                results[row.person_ref] = MatchResult(row.person_ref, None, 0.0, {}, reason)
                continue
            mentees.append(
                MenteeProfile(
                    row.person_ref,
                    _set(row.study_groups),
                    _set(row.questions),
                    _set(row.languages),
                    row.region,
                    row.prefer_same_region,
                    row.preferred_mentor_gender,
                )
            )
        matching = match(mentors, mentees, weights)
        by_mentor = {m.key: m for m in mentors}
        for mentee in mentees:
            mentor_key = matching.pairs.get(mentee.key)
            if mentor_key is None:
                reason = _unmatched_reason(mentee, mentors, weights)
                results[mentee.key] = MatchResult(mentee.key, None, 0.0, {}, reason)
                continue
            parts = components(by_mentor[mentor_key], mentee, weights)
            score = round(sum(parts.values()), 3)
            why = " + ".join(f"{name} {value:g}" for name, value in parts.items())
            results[mentee.key] = MatchResult(mentee.key, mentor_key, score, parts, why)
    return [results[row.person_ref] for row in mentee_rows], mentor_rows, mentee_rows


@operation("mentorship.match")
def match_cycle(unit: Unit, cycle: str, on: date, rule_set: str = "default") -> list[MatchResult]:
    """Match the mentees of ``cycle`` optimally; the matches replace the cycle's earlier ones
    (refused when those already have sessions)."""
    results, mentor_rows, mentee_rows = plan_matching(unit.connection, cycle, on, rule_set)
    _save(unit.connection, cycle, on, mentor_rows, mentee_rows, {r.mentee: r for r in results})
    unit.details["matched"] = sum(1 for result in results if result.mentor is not None)
    return results


def _save(
    connection: Connection,
    cycle: str,
    on: date,
    mentor_rows: list[Mentor],
    mentee_rows: list[Mentee],
    results: dict[str, MatchResult],
) -> None:
    old = select(MentorshipMatch.id).where(MentorshipMatch.cycle == cycle)
    held = connection.execute(
        select(func.count()).where(MentorshipSession.match_id.in_(old))
    ).scalar_one()
    if held:
        raise ProgrammeError(f"cycle '{cycle}' has matches with sessions: not re-matched")
    connection.execute(delete(MentorshipMatch).where(MentorshipMatch.cycle == cycle))
    mentor_pk = {row.person_ref: row.id for row in mentor_rows}
    mentee_pk = {row.person_ref: row.id for row in mentee_rows}
    rows = [
        {
            "cycle": cycle,
            "mentor_id": mentor_pk[result.mentor],
            "mentee_id": mentee_pk[result.mentee],
            "score": result.score,
            "components": result.components,
            "matched_on": on,
            "outcome": "ongoing",
        }
        for result in results.values()
        if result.mentor is not None
    ]
    if rows:
        connection.execute(insert(MentorshipMatch), rows)


def _match_pk(connection: Connection, cycle: str, mentee: str) -> int:
    found = connection.execute(
        select(MentorshipMatch.id)
        .join(Mentee, Mentee.id == MentorshipMatch.mentee_id)
        .where(MentorshipMatch.cycle == cycle, Mentee.person_ref == mentee)
    ).scalar_one_or_none()
    if found is None:
        raise ProgrammeError(f"'{mentee}' has no mentor in cycle '{cycle}'")
    return found


def _pair(cycle: str, mentee: str, *args: object, **kwargs: object) -> str:
    return f"{cycle}/{mentee}"


@operation("mentorship.session", target=_pair)
def add_session(
    unit: Unit, cycle: str, mentee: str, held_on: date, minutes: int, topic: str | None
) -> None:
    if minutes <= 0:
        raise ProgrammeError("a session lasts a positive number of minutes")
    connection = unit.connection
    pk = _match_pk(connection, cycle, mentee)
    connection.execute(
        insert(MentorshipSession).values(match_id=pk, held_on=held_on, minutes=minutes, topic=topic)
    )


@operation("mentorship.outcome", target=_pair)
def set_outcome(unit: Unit, cycle: str, mentee: str, outcome: str, note: str | None) -> None:
    if outcome not in OUTCOMES:
        raise ProgrammeError(f"outcome must be one of {', '.join(OUTCOMES)}")
    connection = unit.connection
    pk = _match_pk(connection, cycle, mentee)
    connection.execute(
        update(MentorshipMatch)
        .where(MentorshipMatch.id == pk)
        .values(outcome=outcome, outcome_note=note)
    )
