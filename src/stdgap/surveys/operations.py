"""The writes of surveys, each an operation (one transaction, one audit row): a survey, its
questions (one by one or from a file), opening it to a target population (the invitations and
their e-mails), reminders, closing. Answering is in :mod:`stdgap.surveys.answering`.

Other capabilities call these with their own unit (a CxO meeting and its consultation in one
write)::

    create_survey(unit, "CXO-2026-1-consult", "Consultation", "consultation", deadline,
                  subject="CXO-2026-1")
    add_question(unit, "CXO-2026-1-consult", QuestionInput("topics", "multiple", "...", (...)))
    open_survey(unit, "CXO-2026-1-consult", Target(classes=("developing",), regions=("Africa",)))
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select, update

from stdgap.i18n.translate import _l
from stdgap.notifications.outbox import notify_address, notify_user
from stdgap.store.models import Member
from stdgap.store.unit import Unit, operation
from stdgap.surveys import messages
from stdgap.surveys.errors import SurveyError, WrongState
from stdgap.surveys.models import (
    CLOSED,
    DRAFT,
    OPEN,
    PURPOSES,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
)
from stdgap.surveys.questionnaire import checked, read_questionnaire
from stdgap.surveys.questions import QuestionInput, problems
from stdgap.surveys.stored import StoredSurvey, load
from stdgap.surveys.targeting import Invitee, Target, population

SURVEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def respond_link(survey_id: str, token: str) -> str:
    return f"/surveys/{survey_id}/respond?token={token}"


@operation("surveys.create")
def create_survey(
    unit: Unit,
    survey_id: str,
    title: str,
    purpose: str,
    deadline: date,
    anonymous: bool = False,
    opens: date | None = None,
    description: str | None = None,
    subject: str | None = None,
) -> None:
    """A new survey, a draft until it is opened."""
    if not SURVEY_ID.fullmatch(survey_id):
        raise SurveyError(
            _l(
                "survey id: %(value)r is not an id (letters, digits, '.', '_' and '-', up to 100)",
                value=survey_id,
            )
        )
    if not title.strip() or len(title) > 300:
        raise SurveyError(_l("title: a survey's title is 1 to 300 characters"))
    if purpose not in PURPOSES:
        raise SurveyError(
            _l(
                "purpose: %(value)r is not one of %(allowed)s",
                value=purpose,
                allowed=", ".join(PURPOSES),
            )
        )
    if opens is not None and opens > deadline:
        raise SurveyError(_l("deadline: %(value)s is before the first day", value=deadline))
    if subject is not None and len(subject) > 300:
        raise SurveyError(_l("subject: 300 characters at most"))
    connection = unit.connection
    known = connection.execute(select(Survey.id).where(Survey.survey_id == survey_id)).first()
    if known is not None:
        raise SurveyError(_l("survey id: %(value)r exists already", value=survey_id))
    connection.execute(
        insert(Survey).values(
            survey_id=survey_id,
            title=title.strip(),
            purpose=purpose,
            anonymous=anonymous,
            description=(description or "").strip() or None,
            opens=opens,
            deadline=deadline,
            status=DRAFT,
            subject=(subject or "").strip() or None,
            created_at=_now(),
        )
    )


def _draft(unit: Unit, survey_id: str) -> StoredSurvey:
    survey = load(unit.connection, survey_id)
    if survey.status != DRAFT:
        raise WrongState(
            _l("the questionnaire of %(survey)s is fixed once it is open", survey=survey_id)
        )
    return survey


def _insert_question(unit: Unit, survey: StoredSurvey, question: QuestionInput, at: int) -> None:
    earlier = {q.key: q.question for q in survey.questions}
    found = problems(question, earlier)
    if found:
        field, message = found[0]
        raise SurveyError(_l("%(field)s: %(reason)s", field=field, reason=message))
    unit.connection.execute(
        insert(SurveyQuestion).values(
            survey_id=survey.pk,
            key=question.key,
            position=at,
            type=question.type,
            text=question.text.strip(),
            options=list(question.options) or None,
            scale_min=question.scale_min,
            scale_max=question.scale_max,
            min_label=question.min_label or None,
            max_label=question.max_label or None,
            required=question.required,
            condition=question.condition.record() if question.condition else None,
        )
    )


def _in_survey(survey_id: str, question: QuestionInput, *args: object, **kwargs: object) -> str:
    return f"{survey_id}/{question.key}"


@operation("surveys.question", target=_in_survey)
def add_question(unit: Unit, survey_id: str, question: QuestionInput) -> None:
    """Add a question after the others (a draft's only)."""
    survey = _draft(unit, survey_id)
    at = max((q.position for q in survey.questions), default=0) + 1
    _insert_question(unit, survey, question, at)


@operation("surveys.import_questions", target=lambda survey_id, path, *a, **k: survey_id)
def import_questions(unit: Unit, survey_id: str, path: Path, label: str | None = None) -> int:
    """Add the questions of a file (JSON, CSV or XLSX) after the others: every one checked,
    none added if one is wrong (ImportFailed naming file, line, column and value)."""
    survey = _draft(unit, survey_id)
    read = read_questionnaire(path, label or path.name)
    questions = checked(read, {q.key: q.question for q in survey.questions})
    at = max((q.position for q in survey.questions), default=0)
    for question in questions:
        at += 1
        _insert_question(unit, load(unit.connection, survey_id), question, at)
    return len(questions)


@dataclass(frozen=True)
class Sent:
    """What opening or reminding did: invitations made, e-mails queued, invitees without an
    address (users without one answer when signed in)."""

    invited: int
    queued: int
    without_address: int


def _notify(
    unit: Unit, survey: StoredSurvey, invitee: Invitee, token: str, kind: tuple[str, str, str]
) -> bool:
    params = {
        "title": survey.title,
        "deadline": survey.deadline.isoformat(),
        "link": respond_link(survey.survey_id, token),
        "for_member": _l(messages.FOR_MEMBER, member=invitee.member) if invitee.member else "",
        "anonymity": _l(messages.ANONYMOUS if survey.anonymous else messages.NAMED),
    }
    if invitee.user_id is not None:
        queued = notify_user(unit, invitee.user_id, kind[0], kind[1], kind[2], **params)
        return queued is not None
    if invitee.email:
        notify_address(
            unit, invitee.email, invitee.name, None, kind[0], kind[1], kind[2],
            name=invitee.name, **params,
        )  # fmt: skip
        return True
    return False


@operation("surveys.open", target=lambda survey_id, *a, **k: survey_id)
def open_survey(unit: Unit, survey_id: str, target: Target, today: date | None = None) -> Sent:
    """Open a draft to its target population: an invitation (with its token) to each member's
    contact and each user named, and its e-mail through the outbox."""
    survey = _draft(unit, survey_id)
    today = today or date.today()
    if not survey.questions:
        raise SurveyError(_l("%(survey)s has no question yet", survey=survey_id))
    if survey.deadline < today:
        raise WrongState(_l("the deadline of %(survey)s has passed", survey=survey_id))
    found = population(unit.connection, target, today)
    if not found.invitees:
        raise SurveyError(_l("the target population has no one to invite"))
    queued = missing = 0
    moment = _now()
    for invitee in found.invitees:
        token = secrets.token_urlsafe(24)
        unit.connection.execute(
            insert(SurveyInvitation).values(
                survey_id=survey.pk,
                member_id=invitee.member_pk,
                user_id=invitee.user_id,
                email=invitee.email,
                name=invitee.name[:300],
                token_digest=digest(token),
                answered=False,
                invited_at=moment,
                reminders=0,
            )
        )
        if _notify(unit, survey, invitee, token, messages.INVITED):
            queued += 1
        else:
            missing += 1
    checked = target.checked()
    record = Target(
        checked.member_types,
        checked.classes,
        checked.regions,
        checked.members,
        checked.users,
        checked.contacts,
        found.on,
    ).record()
    unit.connection.execute(
        update(Survey)
        .where(Survey.id == survey.pk)
        .values(status=OPEN, target=record, opened_at=moment)
    )
    unit.details["invited"] = len(found.invitees)
    return Sent(len(found.invitees), queued, missing)


@operation("surveys.remind", target=lambda survey_id, *a, **k: survey_id)
def remind(unit: Unit, survey_id: str, today: date | None = None) -> Sent:
    """E-mail again those invited who have not answered (an open survey, before its deadline);
    each gets a new link."""
    survey = load(unit.connection, survey_id)
    today = today or date.today()
    if survey.status != OPEN or survey.deadline < today:
        raise WrongState(
            _l("%(survey)s is not open: no reminder after its deadline", survey=survey_id)
        )
    rows = unit.connection.execute(
        select(
            SurveyInvitation.id,
            SurveyInvitation.name,
            SurveyInvitation.user_id,
            SurveyInvitation.email,
            SurveyInvitation.member_id,
        )
        .where(SurveyInvitation.survey_id == survey.pk, SurveyInvitation.answered.is_(False))
        .order_by(SurveyInvitation.id)
    ).all()
    members = dict(unit.connection.execute(select(Member.id, Member.member_id)).all())
    queued = missing = 0
    moment = _now()
    for row in rows:
        token = secrets.token_urlsafe(24)
        invitee = Invitee(
            row.name, row.member_id, members.get(row.member_id), row.user_id, row.email
        )
        if _notify(unit, survey, invitee, token, messages.REMINDED):
            queued += 1
            unit.connection.execute(
                update(SurveyInvitation)
                .where(SurveyInvitation.id == row.id)
                .values(
                    token_digest=digest(token),
                    reminded_at=moment,
                    reminders=SurveyInvitation.reminders + 1,
                )
            )
        else:
            missing += 1
    unit.details["reminded"] = queued
    return Sent(len(rows), queued, missing)


@operation("surveys.close", target=lambda survey_id, *a, **k: survey_id)
def close_survey(unit: Unit, survey_id: str) -> None:
    """Close an open survey: no more answers; its results are public (perturbed)."""
    survey = load(unit.connection, survey_id)
    if survey.status != OPEN:
        raise WrongState(_l("%(survey)s is not open", survey=survey_id))
    unit.connection.execute(
        update(Survey).where(Survey.id == survey.pk).values(status=CLOSED, closed_at=_now())
    )


@operation("surveys.create", target=lambda survey_id, *a, **k: survey_id)
def create_with_questions(
    unit: Unit,
    survey_id: str,
    title: str,
    purpose: str,
    deadline: date,
    questions: list[QuestionInput],
    anonymous: bool = False,
    opens: date | None = None,
    description: str | None = None,
    subject: str | None = None,
) -> None:
    """A new survey with its questions, in one write (nothing written if one is wrong)."""
    create_survey(unit, survey_id, title, purpose, deadline, anonymous, opens, description, subject)
    for question in questions:
        add_question(unit, survey_id, question)


@operation("surveys.questions", target=lambda survey_id, *a, **k: survey_id)
def add_questions(unit: Unit, survey_id: str, questions: list[QuestionInput]) -> None:
    """Add several questions after the others, in one write."""
    for question in questions:
        add_question(unit, survey_id, question)
