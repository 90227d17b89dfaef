"""Following mentees up: each confirmed pair's sessions and outcome, what the mentee did after
being matched (meetings attended, their delegation's contributions there, leadership roles
taken, from the store), and the same summed up by cohort (a cycle)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from stdgap.mentorship.models import CONFIRMED, Mentee, Mentor, MentorshipMatch, MentorshipSession
from stdgap.registry.participation import Later, later_participation


@dataclass(frozen=True)
class PairFollowup:
    cycle: str
    mentee: str
    mentor: str
    score: float
    matched_on: date
    sessions: int
    minutes: int
    outcome: str
    later: Later

    def record(self) -> dict[str, Any]:
        found = asdict(self)
        later = found.pop("later")
        return {
            **found,
            "later_meetings": later["meetings"],
            "later_contributions": later["contributions"],
            "later_roles": later["roles"],
        }


@dataclass(frozen=True)
class Cohort:
    cycle: str
    pairs: int
    sessions: int
    minutes: int
    completed: int
    ended_early: int
    attended: int  # mentees at a meeting after being matched
    contributed: int  # … whose delegation contributed to such a meeting
    led: int  # … who took a leadership role since


def followup(engine: Engine, cycle: str | None = None) -> list[PairFollowup]:
    """Every confirmed pair (of ``cycle``, or of every cycle) with its sessions, outcome and the
    mentee's later participation."""
    mentor = aliased(Mentor)
    sessions = (
        select(
            MentorshipSession.match_id,
            func.count().label("n"),
            func.sum(MentorshipSession.minutes).label("minutes"),
        )
        .group_by(MentorshipSession.match_id)
        .subquery()
    )
    query = (
        select(
            MentorshipMatch.cycle,
            Mentee.person_ref,
            mentor.person_ref,
            MentorshipMatch.score,
            MentorshipMatch.matched_on,
            func.coalesce(sessions.c.n, 0),
            func.coalesce(sessions.c.minutes, 0),
            MentorshipMatch.outcome,
        )
        .join(Mentee, Mentee.id == MentorshipMatch.mentee_id)
        .join(mentor, mentor.id == MentorshipMatch.mentor_id)
        .outerjoin(sessions, sessions.c.match_id == MentorshipMatch.id)
        .where(MentorshipMatch.status == CONFIRMED)
        .order_by(MentorshipMatch.cycle, Mentee.person_ref)
    )
    if cycle is not None:
        query = query.where(MentorshipMatch.cycle == cycle)
    with engine.connect() as connection:
        rows = list(connection.execute(query))
        since: dict[str, date] = {}
        for row in rows:  # a mentee of several cycles: from their first matching
            since[row[1]] = min(row[4], since.get(row[1], row[4]))
        later = later_participation(connection, since)
    return [
        PairFollowup(c, mentee, mentor_ref, score, on, int(n), int(minutes), outcome, later[mentee])
        for c, mentee, mentor_ref, score, on, n, minutes, outcome in rows
    ]


def cohorts(pairs: list[PairFollowup]) -> list[Cohort]:
    """The pairs summed up by cycle, the latest first."""
    found: dict[str, list[PairFollowup]] = {}
    for pair in pairs:
        found.setdefault(pair.cycle, []).append(pair)
    return [
        Cohort(
            cycle,
            len(members),
            sum(p.sessions for p in members),
            sum(p.minutes for p in members),
            sum(p.outcome == "completed" for p in members),
            sum(p.outcome == "ended_early" for p in members),
            sum(p.later.meetings > 0 for p in members),
            sum(p.later.contributions > 0 for p in members),
            sum(p.later.roles > 0 for p in members),
        )
        for cycle, members in sorted(found.items(), reverse=True)
    ]
