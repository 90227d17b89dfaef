"""Matching a cycle's mentees to its mentors: proposed pairs, an officer's exclusions and
adjustments, then confirmation.

:func:`match_cycle` proposes the optimal matching of the mentees not yet in a confirmed pair or
in one an officer set (``pinned``), within what their mentors have left of their capacity and
never with an excluded pair; it replaces the cycle's earlier proposals. An officer may exclude a
proposed pair (:func:`exclude_pair`) or set one by hand (:func:`assign_pair`), then confirms
the proposals (:func:`confirm_cycle`), which tells both members by e-mail. Every mentee's result
is explained: the mentor and the score's components, or why no mentor.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from stdgap.i18n.translate import _
from stdgap.mentorship import notices
from stdgap.mentorship.access import NotFound
from stdgap.mentorship.matching import components
from stdgap.mentorship.models import (
    CONFIRMED,
    PROPOSED,
    Mentee,
    Mentor,
    MentorshipExclusion,
    MentorshipMatch,
)
from stdgap.mentorship.planning import MatchResult, mentee_profile, mentor_profile, plan_matching
from stdgap.mentorship.rules import Weights
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.keys import storable
from stdgap.store.unit import Unit, operation

OUTCOMES = ("ongoing", "completed", "ended_early")


def _cycle(cycle: str, *args: object, **kwargs: object) -> str:
    return cycle


@operation("mentorship.match", target=_cycle)
def match_cycle(unit: Unit, cycle: str, on: date, rule_set: str = "default") -> list[MatchResult]:
    """Propose the optimal matching of ``cycle``; it replaces the earlier proposals (pairs that
    are confirmed or were set by an officer stay)."""
    plan = plan_matching(unit.connection, cycle, on, rule_set)
    connection = unit.connection
    connection.execute(
        delete(MentorshipMatch).where(
            MentorshipMatch.cycle == cycle,
            MentorshipMatch.status == PROPOSED,
            MentorshipMatch.pinned.is_(False),
        )
    )
    mentor_pk = {row.person_ref: row.id for row in plan.mentors}
    mentee_pk = {row.person_ref: row.id for row in plan.mentees}
    rows = [
        {
            "cycle": cycle,
            "mentor_id": mentor_pk[result.mentor],
            "mentee_id": mentee_pk[result.mentee],
            "score": result.score,
            "components": result.components,
            "matched_on": on,
            "outcome": "ongoing",
            "status": PROPOSED,
            "pinned": False,
        }
        for result in plan.results
        if result.mentor is not None and mentee_pk[result.mentee] not in plan.held
    ]
    if rows:
        connection.execute(insert(MentorshipMatch), rows)
    unit.details["proposed"] = len(rows)
    return plan.results


@operation("mentorship.confirm", target=_cycle)
def confirm_cycle(unit: Unit, cycle: str, on: date) -> int:
    """Confirm every proposed pair of ``cycle`` and tell both members; how many pairs."""
    connection = unit.connection
    query = (
        select(
            MentorshipMatch.id, Mentor.person_ref, Mentor.user_id, Mentee.person_ref, Mentee.user_id
        )
        .join(Mentor, Mentor.id == MentorshipMatch.mentor_id)
        .join(Mentee, Mentee.id == MentorshipMatch.mentee_id)
        .where(MentorshipMatch.cycle == cycle, MentorshipMatch.status == PROPOSED)
        .order_by(MentorshipMatch.id)
    )
    pairs = list(connection.execute(query))
    if not pairs:
        raise ProgrammeError(_("cycle %(cycle)r has no proposed pair to confirm", cycle=cycle))
    connection.execute(
        update(MentorshipMatch)
        .where(MentorshipMatch.id.in_([pair[0] for pair in pairs]))
        .values(status=CONFIRMED, confirmed_on=on)
    )
    queued = sum(
        notices.pair_matched(unit, cycle, (mentor, mentor_user), (mentee, mentee_user))
        for _pk, mentor, mentor_user, mentee, mentee_user in pairs
    )
    unit.details.update(confirmed=len(pairs), notified=queued)
    return len(pairs)


def _pair_target(pair_id: int, *args: object, **kwargs: object) -> str:
    return f"pair {pair_id}"


@operation("mentorship.exclude", target=_pair_target)
def exclude_pair(unit: Unit, pair_id: int) -> str:
    """Take a proposed pair out and never propose it again; the pair's cycle."""
    connection = unit.connection
    if not storable(pair_id):
        raise NotFound(_("no pair %(pair)s", pair=pair_id))
    pair = connection.execute(
        select(
            MentorshipMatch.cycle,
            MentorshipMatch.mentee_id,
            MentorshipMatch.mentor_id,
            MentorshipMatch.status,
        ).where(MentorshipMatch.id == pair_id)
    ).first()
    if pair is None:
        raise NotFound(_("no pair %(pair)s", pair=pair_id))
    if pair.status != PROPOSED:
        raise ProgrammeError(_("a confirmed pair cannot be excluded"))
    connection.execute(delete(MentorshipMatch).where(MentorshipMatch.id == pair_id))
    known = connection.execute(
        select(MentorshipExclusion.cycle).where(
            MentorshipExclusion.mentee_id == pair.mentee_id,
            MentorshipExclusion.mentor_id == pair.mentor_id,
        )
    ).first()
    if known is None:
        connection.execute(
            insert(MentorshipExclusion).values(
                mentee_id=pair.mentee_id, mentor_id=pair.mentor_id, cycle=pair.cycle
            )
        )
    return str(pair.cycle)


def _assign_target(cycle: str, mentee: str, mentor: str, *args: object, **kwargs: object) -> str:
    return f"{cycle}/{mentee} → {mentor}"


@operation("mentorship.assign", target=_assign_target)
def assign_pair(
    unit: Unit, cycle: str, mentee: str, mentor: str, on: date, rule_set: str = "default"
) -> MatchResult:
    """Set a mentee's mentor by hand (a proposed pair that the matching keeps); the rules must
    allow the pair and the mentor must have room."""
    connection = unit.connection
    with Session(bind=connection) as session:
        mentee_row = session.scalars(
            select(Mentee).where(Mentee.cycle == cycle, Mentee.person_ref == mentee)
        ).first()
        mentor_row = session.scalars(
            select(Mentor).where(Mentor.cycle == cycle, Mentor.person_ref == mentor)
        ).first()
        if mentee_row is None:
            raise ProgrammeError(_("no mentee %(who)r in cycle %(cycle)r", who=mentee, cycle=cycle))
        if mentor_row is None:
            raise ProgrammeError(_("no mentor %(who)r in cycle %(cycle)r", who=mentor, cycle=cycle))
        current = session.scalars(
            select(MentorshipMatch).where(MentorshipMatch.mentee_id == mentee_row.id)
        ).first()
        if current is not None and current.status == CONFIRMED:
            raise ProgrammeError(_("%(who)s is already in a confirmed pair", who=mentee))
        others = session.scalars(
            select(MentorshipMatch.id).where(
                MentorshipMatch.mentor_id == mentor_row.id,
                MentorshipMatch.mentee_id != mentee_row.id,
            )
        ).all()
        if not mentor_row.available:
            raise ProgrammeError(_("%(who)s is not available in this cycle", who=mentor))
        if len(others) >= mentor_row.capacity:
            raise ProgrammeError(
                _(
                    "%(who)s already has %(count)s mentee(s), their capacity: exclude one of "
                    "their proposed pairs first",
                    who=mentor,
                    count=len(others),
                )
            )
        weights = Weights.load(connection, rule_set)
        parts = components(mentor_profile(mentor_row, on), mentee_profile(mentee_row, on), weights)
        if not parts:
            raise ProgrammeError(
                _("the rules do not allow this pair (one person, or no language in common)")
            )
        mentee_pk, mentor_pk = mentee_row.id, mentor_row.id
    connection.execute(delete(MentorshipMatch).where(MentorshipMatch.mentee_id == mentee_pk))
    connection.execute(
        delete(MentorshipExclusion).where(
            MentorshipExclusion.mentee_id == mentee_pk, MentorshipExclusion.mentor_id == mentor_pk
        )
    )
    score = round(sum(parts.values()), 3)
    connection.execute(
        insert(MentorshipMatch).values(
            cycle=cycle,
            mentor_id=mentor_pk,
            mentee_id=mentee_pk,
            score=score,
            components=parts,
            matched_on=on,
            outcome="ongoing",
            status=PROPOSED,
            pinned=True,
        )
    )
    return MatchResult(mentee, mentor, score, parts, _("set by an officer"), PROPOSED, True)


def match_pk(connection: Connection, cycle: str, mentee: str) -> int:
    """The id of the pair of ``mentee`` in ``cycle``."""
    found = connection.execute(
        select(MentorshipMatch.id)
        .join(Mentee, Mentee.id == MentorshipMatch.mentee_id)
        .where(MentorshipMatch.cycle == cycle, Mentee.person_ref == mentee)
    ).scalar_one_or_none()
    if found is None:
        raise ProgrammeError(_("%(who)r has no mentor in cycle %(cycle)r", who=mentee, cycle=cycle))
    return found


def _pair(cycle: str, mentee: str, *args: object, **kwargs: object) -> str:
    return f"{cycle}/{mentee}"


@operation("mentorship.outcome", target=_pair)
def set_outcome(unit: Unit, cycle: str, mentee: str, outcome: str, note: str | None) -> None:
    if outcome not in OUTCOMES:
        raise ProgrammeError(_("outcome must be one of %(values)s", values=", ".join(OUTCOMES)))
    connection = unit.connection
    pk = match_pk(connection, cycle, mentee)
    connection.execute(
        update(MentorshipMatch)
        .where(MentorshipMatch.id == pk)
        .values(outcome=outcome, outcome_note=note)
    )
