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

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from stdgap.i18n.translate import _, ngettext
from stdgap.mentorship import notices
from stdgap.mentorship.access import NotFound
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


def _unmatched_reason(
    mentee: MenteeProfile,
    mentors: list[MentorProfile],
    weights: Weights,
    excluded: frozenset[tuple[str, str]] = frozenset(),
) -> str:
    compatible = [
        m
        for m in mentors
        if m.capacity > 0 and (mentee.key, m.key) not in excluded and components(m, mentee, weights)
    ]
    if not compatible:
        if weights.require_study_group:
            return _("no available mentor shares a language and a study group with them")
        return _("no available mentor shares a language with them")
    if any(m.capacity > m.taken for m in compatible):
        return _("not matched yet: run the matching to propose a mentor")
    return ngettext(
        "the %(num)s compatible mentor is at capacity with mentees for whom they score higher",
        "the %(num)s compatible mentors are at capacity with mentees for whom they score higher",
        len(compatible),
        num=len(compatible),
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
        for mentee in free:
            mentor_key = matching.pairs.get(mentee.key)
            if mentor_key is None:
                reason = _unmatched_reason(mentee, after, weights, excluded)
                results[mentee.key] = MatchResult(mentee.key, None, 0.0, {}, reason)
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
        excluded = _exclusions(connection, cycle)
        found: list[MatchResult] = []
        for row in mentee_rows:
            if row.id in paired:
                continue
            reason = _too_old(row, on, weights) or _unmatched_reason(
                mentee_profile(row, on), mentors, weights, excluded
            )
            found.append(MatchResult(row.person_ref, None, 0.0, {}, reason))
    return found


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
