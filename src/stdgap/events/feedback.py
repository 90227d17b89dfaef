"""The feedback survey of an event, written through the surveys capability: a survey of purpose
``feedback`` whose subject is the event's meeting, with a default questionnaire (an overall
rating, how useful it was, what was missing when the rating is low, comments), sent to the
registrants who attended and have an account, and linked to the event. One operation of this
capability (one transaction, one audit row) calling the surveys' operations with its unit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from stdgap.accounts.models import User
from stdgap.events.errors import EventError, UnknownEvent, WrongTime
from stdgap.events.models import Event, EventRegistration
from stdgap.events.operations import event_named, set_feedback_survey
from stdgap.events.vocabulary import CONFIRMED
from stdgap.i18n.translate import _l
from stdgap.store.models import Member
from stdgap.store.unit import Unit, operation
from stdgap.surveys import errors as survey_errors
from stdgap.surveys import operations as surveys
from stdgap.surveys.models import SCALE, TEXT
from stdgap.surveys.questionnaire import checked_questionnaire
from stdgap.surveys.questions import Condition, QuestionInput
from stdgap.surveys.targeting import Target

#: A questionnaire file's questions, checked (ImportFailed naming file, line, column, value).
questions_from_file = checked_questionnaire
PURPOSE = "feedback"


def survey_id_of(event_id: str) -> str:
    """The id of an event's feedback survey."""
    return f"{event_id}-feedback"


def default_questions() -> list[QuestionInput]:
    """An overall rating (1-5), how useful the event was (1-5), what was missing (shown when
    the rating is 2 or less) and comments."""
    return [
        QuestionInput(
            "rating",
            SCALE,
            str(_l("Overall, how would you rate the event?")),
            (),
            True,
            None,
            1,
            5,
            str(_l("poor")),
            str(_l("excellent")),
        ),
        QuestionInput(
            "useful",
            SCALE,
            str(_l("How useful was it for your work?")),
            (),
            False,
            None,
            1,
            5,
            str(_l("not at all")),
            str(_l("very")),
        ),
        QuestionInput(
            "missing",
            TEXT,
            str(_l("What was missing?")),
            condition=Condition("rating", "equals", ("1", "2")),
        ),
        QuestionInput("comments", TEXT, str(_l("Any other comments?"))),
    ]


@contextmanager
def survey_refusals() -> Iterator[None]:
    """The surveys' refusals as the events' (404, 409, 422), their message kept."""
    try:
        yield
    except survey_errors.UnknownSurvey as error:
        raise UnknownEvent(error.message) from None
    except survey_errors.WrongState as error:
        raise WrongTime(error.message) from None
    except survey_errors.SurveyError as error:
        raise EventError(error.message) from None


@dataclass(frozen=True)
class FeedbackSent:
    survey_id: str
    invited: int
    queued: int


def attendees(unit: Unit, event_pk: int, today: date) -> tuple[tuple[str, str | None], ...]:
    """The users who attended (confirmed, ticked as present, with an account), each with the
    member they attended for when it is a current member of the store."""
    rows = unit.connection.execute(
        select(User.name, EventRegistration.member_ref)
        .join(User, User.id == EventRegistration.user_id)
        .where(
            EventRegistration.event_id == event_pk,
            EventRegistration.status == CONFIRMED,
            EventRegistration.attended.is_(True),
            User.active.is_(True),
        )
        .order_by(EventRegistration.id)
    ).all()
    members = {
        row.member_id
        for row in unit.connection.execute(select(Member.member_id, Member.left)).all()
        if row.left is None or row.left > today
    }
    found: dict[str, str | None] = {}
    for name, member in rows:
        found.setdefault(name, member if member in members else None)
    return tuple(found.items())


@operation("events.feedback_survey", target=lambda event_id, *a, **k: event_id)
def create_feedback_survey(
    unit: Unit,
    event_id: str,
    deadline: date,
    questions: list[QuestionInput] | None = None,
    anonymous: bool = True,
    today: date | None = None,
) -> FeedbackSent:
    """Create the event's feedback survey (the default questionnaire unless ``questions``),
    send it to the registrants who attended and have an account, and link it to the event."""
    event = event_named(unit.connection, event_id)
    today = today or date.today()
    if event.start > today:
        raise WrongTime(_l("%(id)s starts on %(day)s: not yet held", id=event_id, day=event.start))
    linked = unit.connection.execute(
        select(Event.feedback_survey).where(Event.id == event.pk)
    ).scalar()
    if linked:
        raise WrongTime(
            _l("%(id)s has a feedback survey already (%(survey)s)", id=event_id, survey=linked)
        )
    users = attendees(unit, event.pk, today)
    if not users:
        raise WrongTime(
            _l("%(id)s: no one with an account is marked as having attended", id=event_id)
        )
    survey_id = survey_id_of(event_id)
    with survey_refusals():
        surveys.create_with_questions(
            unit,
            survey_id,
            str(_l("Your feedback on %(event)s", event=event.title))[:300],
            PURPOSE,
            deadline,
            questions or default_questions(),
            anonymous,
            None,
            str(
                _l(
                    "How was %(event)s? Your answers help improve the next events.",
                    event=event.title,
                )
            ),
            event_id,
        )
        sent = surveys.open_survey(unit, survey_id, Target(users=users, contacts=False), today)
    set_feedback_survey(unit, event_id, survey_id)
    unit.details["survey"] = survey_id
    return FeedbackSent(survey_id, sent.invited, sent.queued)
