"""Sessions of a confirmed pair: logged by its mentor or mentee (or an officer, or the command
line); the other member is told by e-mail."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import aliased

from stdgap.i18n.translate import _
from stdgap.mentorship import notices
from stdgap.mentorship.access import Actor, NotFound
from stdgap.mentorship.models import CONFIRMED, Mentee, Mentor, MentorshipMatch, MentorshipSession
from stdgap.mentorship.operations import match_pk
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.unit import Unit, operation

TOPICS_LIMIT = 300
NOTES_LIMIT = 5000
LONGEST = 600  # minutes


def _pair_target(actor: Actor, pair_id: int, *args: object, **kwargs: object) -> str:
    return f"pair {pair_id}"


def _check(held_on: date, minutes: int, topics: str | None, notes: str | None) -> None:
    if not 0 < minutes <= LONGEST:
        raise ProgrammeError(_("a session lasts from 1 to %(longest)s minutes", longest=LONGEST))
    if held_on > date.today() + timedelta(days=1):  # a day's slack: the user's time zone
        raise ProgrammeError(_("a session is logged once held: %(day)s is ahead", day=held_on))
    if topics is not None and len(topics) > TOPICS_LIMIT:
        raise ProgrammeError(_("topics: at most %(count)s characters", count=TOPICS_LIMIT))
    if notes is not None and len(notes) > NOTES_LIMIT:
        raise ProgrammeError(_("notes: at most %(count)s characters", count=NOTES_LIMIT))


@operation("mentorship.session", target=_pair_target)
def log_session(
    unit: Unit,
    actor: Actor,
    pair_id: int,
    held_on: date,
    minutes: int,
    topics: str | None,
    notes: str | None = None,
) -> int:
    """Log a session of the confirmed pair ``pair_id`` (its members and officers only); the
    session's id."""
    connection = unit.connection
    mentor, mentee = aliased(Mentor), aliased(Mentee)
    pair = connection.execute(
        select(
            MentorshipMatch.cycle,
            MentorshipMatch.status,
            MentorshipMatch.matched_on,
            mentor.person_ref.label("mentor"),
            mentor.user_id.label("mentor_user"),
            mentee.person_ref.label("mentee"),
            mentee.user_id.label("mentee_user"),
        )
        .join(mentor, mentor.id == MentorshipMatch.mentor_id)
        .join(mentee, mentee.id == MentorshipMatch.mentee_id)
        .where(MentorshipMatch.id == pair_id)
    ).first()
    if pair is None:
        raise NotFound(_("no pair %(pair)s", pair=pair_id))
    actor.check(pair.mentor_user, pair.mentee_user)
    if pair.status != CONFIRMED:
        raise ProgrammeError(_("sessions are logged for confirmed pairs only"))
    topics = topics.strip() if topics and topics.strip() else None
    notes = notes.strip() if notes and notes.strip() else None
    _check(held_on, minutes, topics, notes)
    if held_on < pair.matched_on:
        raise ProgrammeError(
            _("the pair was matched on %(day)s: a session cannot be earlier", day=pair.matched_on)
        )
    session_id: int = connection.execute(
        insert(MentorshipSession)
        .values(
            match_id=pair_id,
            held_on=held_on,
            minutes=minutes,
            topic=topics,
            notes=notes,
            logged_by=actor.name[:100],
        )
        .returning(MentorshipSession.id)
    ).scalar_one()
    members = [(pair.mentor, pair.mentor_user), (pair.mentee, pair.mentee_user)]
    unit.details["notified"] = notices.session_logged(
        unit, pair.cycle, members, actor.user_id, actor.name, held_on, minutes, topics
    )
    return session_id


def _mentee_target(actor: Actor, cycle: str, mentee: str, *args: object, **kwargs: object) -> str:
    return f"{cycle}/{mentee}"


@operation("mentorship.session", target=_mentee_target)
def add_session(
    unit: Unit,
    actor: Actor,
    cycle: str,
    mentee: str,
    held_on: date,
    minutes: int,
    topics: str | None,
    notes: str | None = None,
) -> int:
    """Log a session of ``mentee``'s pair in ``cycle`` (see :func:`log_session`)."""
    pair_id = match_pk(unit.connection, cycle, mentee)
    return log_session(unit, actor, pair_id, held_on, minutes, topics, notes)
