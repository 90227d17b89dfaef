"""The e-mails of the mentorship, queued in the outbox inside the write that causes them: to both
members of a pair when an officer confirms it, and to the other member (both, when an officer
logs it) when a session is logged."""

from __future__ import annotations

from datetime import date

from stdgap.i18n.translate import N_
from stdgap.notifications.outbox import notify_user
from stdgap.store.unit import Unit

MATCHED = "mentorship.matched"
SESSION = "mentorship.session"

_TO_MENTOR = (
    N_("You mentor %(other)s (mentorship %(cycle)s)"),
    N_(
        "Dear %(name)s,\n\nyou have been matched with %(other)s, whom you will mentor in the "
        "mentorship cycle %(cycle)s.\n\nSign in to stdgap to see your pair, why it was made and "
        "to log your sessions.\n"
    ),
)
_TO_MENTEE = (
    N_("Your mentor is %(other)s (mentorship %(cycle)s)"),
    N_(
        "Dear %(name)s,\n\nyou have been matched with %(other)s, who will be your mentor in the "
        "mentorship cycle %(cycle)s.\n\nSign in to stdgap to see your pair, why it was made and "
        "to log your sessions.\n"
    ),
)
_SESSION = (
    N_("A mentoring session with %(other)s was logged"),
    N_(
        "Dear %(name)s,\n\n%(who)s logged a session of %(minutes)s minutes held on %(held_on)s "
        "in your mentorship with %(other)s (cycle %(cycle)s).\n\nTopics: %(topics)s\n"
    ),
)


def pair_matched(
    unit: Unit,
    cycle: str,
    mentor: tuple[str, int | None],
    mentee: tuple[str, int | None],
) -> int:
    """Tell both members of a confirmed pair ((reference, user id) each); messages queued."""
    queued = 0
    for user_id, message, other in (
        (mentor[1], _TO_MENTOR, mentee[0]),
        (mentee[1], _TO_MENTEE, mentor[0]),
    ):
        if user_id is not None:
            found = notify_user(unit, user_id, MATCHED, *message, other=other, cycle=cycle)
            queued += found is not None
    return queued


def session_logged(
    unit: Unit,
    cycle: str,
    members: list[tuple[str, int | None]],
    logged_by: int | None,
    who: str,
    held_on: date,
    minutes: int,
    topics: str | None,
) -> int:
    """Tell the members of the pair who did not log the session; messages queued."""
    queued = 0
    for position, (_ref, user_id) in enumerate(members):
        if user_id is None or user_id == logged_by:
            continue
        other = members[1 - position][0]
        found = notify_user(
            unit,
            user_id,
            SESSION,
            *_SESSION,
            other=other,
            cycle=cycle,
            who=who,
            held_on=held_on.isoformat(),
            minutes=minutes,
            topics=topics or "-",
        )
        queued += found is not None
    return queued
