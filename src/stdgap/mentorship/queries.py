"""Reading a cycle's matches and following mentees up (sessions, outcome, participation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from stdgap.mentorship.models import Mentee, Mentor, MentorshipMatch, MentorshipSession
from stdgap.registry.participation import Later, later_participation


@dataclass(frozen=True)
class PairFollowup:
    mentee: str
    mentor: str
    score: float
    matched_on: date
    sessions: int
    minutes: int
    outcome: str
    later: Later


def followup(engine: Engine, cycle: str) -> list[PairFollowup]:
    """Every pair of the cycle with its sessions, outcome and the mentee's later participation."""
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
        .where(MentorshipMatch.cycle == cycle)
        .order_by(Mentee.person_ref)
    )
    with engine.connect() as connection:
        rows = list(connection.execute(query))
        later = later_participation(connection, {row[0]: row[3] for row in rows})
    return [
        PairFollowup(mentee, mentor_ref, score, on, int(n), int(minutes), outcome, later[mentee])
        for mentee, mentor_ref, score, on, n, minutes, outcome in rows
    ]
