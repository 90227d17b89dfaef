"""Answering a survey: who may (the invited user signed in, or the holder of an invitation's
token), the checks of the answers (only questions whose condition holds, required ones
answered, values among the choices or on the scale), and the write.

A named survey's response may be changed until the deadline (it replaces the earlier one);
an anonymous survey's is stored without the user, the member or the invitation, and the
invitation only says that it was answered, so it cannot be changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from stdgap.i18n.translate import LazyText, _l
from stdgap.store.models import Member
from stdgap.store.unit import Unit, operation
from stdgap.surveys.errors import NotInvited, SurveyError, WrongState
from stdgap.surveys.models import (
    CLOSED,
    DRAFT,
    MULTIPLE,
    SCALE,
    SINGLE,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
)
from stdgap.surveys.operations import digest
from stdgap.surveys.questions import whole_number
from stdgap.surveys.stored import StoredQuestion, StoredSurvey, load

MAX_ANSWER = 5000
#: The actor of an anonymous survey's answers in the audit log, whoever sent them.
ANONYMOUS_ACTOR = "anonymous respondent"


@dataclass(frozen=True)
class Respondent:
    """Who answers: a signed-in user (``user_id``) and/or the token of an invitation."""

    user_id: int | None = None
    token: str | None = None


@dataclass(frozen=True)
class Invitation:
    pk: int
    member_pk: int | None
    user_id: int | None
    answered: bool


Answers = Mapping[str, Sequence[str]]
#: A checked answer: (question pk, choice, text) rows.
Rows = list[tuple[int, int | None, str | None]]


def find_invitation(
    connection: Connection, survey: StoredSurvey, respondent: Respondent
) -> Invitation | None:
    """The invitation of ``respondent`` to ``survey``: the token's, else the user's."""
    query = select(
        SurveyInvitation.id,
        SurveyInvitation.member_id,
        SurveyInvitation.user_id,
        SurveyInvitation.answered,
    ).where(SurveyInvitation.survey_id == survey.pk)
    row = None
    if respondent.token:
        row = connection.execute(
            query.where(SurveyInvitation.token_digest == digest(respondent.token))
        ).first()
    if row is None and respondent.user_id is not None:
        row = connection.execute(
            query.where(SurveyInvitation.user_id == respondent.user_id).order_by(
                SurveyInvitation.answered, SurveyInvitation.id
            )
        ).first()
    if row is None:
        return None
    return Invitation(row.id, row.member_id, row.user_id, bool(row.answered))


def shown(survey: StoredSurvey, answers: Answers) -> set[str]:
    """The keys of the questions shown for ``answers``: those without a condition, and those
    whose condition holds on an earlier question that is itself shown."""
    visible: set[str] = set()
    for stored in survey.questions:
        condition = stored.question.condition
        if condition is None or (
            condition.question in visible and condition.holds(answers.get(condition.question, ()))
        ):
            visible.add(stored.key)
    return visible


def check(survey: StoredSurvey, given: Answers) -> tuple[Rows, list[tuple[str, LazyText]]]:
    """The rows to store for the answers ``given`` (texts by question key), and the problems
    as (question key, message). Answers to questions not shown are dropped."""
    problems: list[tuple[str, LazyText]] = []
    for key in given:
        if survey.question(key) is None:
            problems.append((key, _l("%(key)s: there is no such question", key=key)))
    answers = {k: [v.strip() for v in values if v.strip()] for k, values in given.items()}
    visible = shown(survey, answers)
    rows: Rows = []
    for stored in survey.questions:
        values = answers.get(stored.key, []) if stored.key in visible else []
        if not values:
            if stored.key in visible and stored.question.required:
                problems.append((stored.key, _l("%(key)s: an answer is required", key=stored.key)))
            continue
        found, problem = _rows(stored, values)
        if problem is not None:
            problems.append((stored.key, problem))
        rows += found
    return rows, problems


def _rows(stored: StoredQuestion, values: list[str]) -> tuple[Rows, LazyText | None]:
    question, key = stored.question, stored.key
    if question.type in (SINGLE, MULTIPLE):
        if question.type == SINGLE and len(values) > 1:
            return [], _l("%(key)s: one answer only", key=key)
        if len(set(values)) != len(values):
            return [], _l("%(key)s: an option is chosen twice", key=key)
        unknown = [v for v in values if v not in question.options]
        if unknown:
            return [], _l(
                "%(key)s: %(value)r is not one of the options", key=key, value=unknown[0][:100]
            )
        return [(stored.pk, question.options.index(v), None) for v in values], None
    if len(values) > 1:
        return [], _l("%(key)s: one answer only", key=key)
    value = values[0]
    if question.type == SCALE:
        low, high = question.scale_min or 0, question.scale_max or 0
        number = whole_number(value, negative=low < 0)  # ASCII digits only
        if number is None or not low <= number <= high:
            return [], _l(
                "%(key)s: %(value)r is not on the scale from %(low)s to %(high)s",
                key=key,
                value=value[:100],
                low=low,
                high=high,
            )
        return [(stored.pk, number, None)], None
    if len(value) > MAX_ANSWER:
        return [], _l("%(key)s: 5000 characters at most", key=key)
    return [(stored.pk, None, value)], None


def not_accepting(survey: StoredSurvey, today: date) -> LazyText:
    """Why ``survey`` takes no answer on ``today``: closed, past its deadline, not open yet (a
    draft, or before its first day)."""
    if survey.status == CLOSED:
        return _l("%(survey)s is closed: it takes no more answers", survey=survey.survey_id)
    if survey.status == DRAFT:
        return _l("%(survey)s is not open yet", survey=survey.survey_id)
    if survey.opens is not None and today < survey.opens:
        return _l(
            "%(survey)s is not open yet: it takes answers from %(opens)s",
            survey=survey.survey_id,
            opens=survey.opens,
        )
    return _l(
        "%(survey)s is closed: its deadline was %(deadline)s",
        survey=survey.survey_id,
        deadline=survey.deadline,
    )


@dataclass(frozen=True)
class Receipt:
    survey_id: str
    anonymous: bool
    #: Whether an earlier response was replaced (a named survey's, before the deadline).
    changed: bool
    answered: int


def _target(survey_id: str, *args: Any, **kwargs: Any) -> str:
    return survey_id


@operation("surveys.respond", target=_target)
def respond(
    unit: Unit,
    survey_id: str,
    respondent: Respondent,
    answers: Answers,
    today: date | None = None,
) -> Receipt:
    """Store the answers of ``respondent`` (see the module): refused to someone not invited
    (403), when the survey is not open or past its deadline, or answered already when anonymous
    (409), and for a bad or missing answer (422, nothing stored)."""
    connection = unit.connection
    survey = load(connection, survey_id)
    today = today or date.today()
    if not survey.accepts_answers(today):
        raise WrongState(not_accepting(survey, today))
    invitation = find_invitation(connection, survey, respondent)
    if invitation is None:
        raise NotInvited(_l("you are not invited to answer %(survey)s", survey=survey_id))
    if invitation.answered and survey.anonymous:
        raise WrongState(_l("this invitation was answered already (answers are anonymous)"))
    rows, problems = check(survey, answers)
    if problems:
        raise SurveyError("; ".join(str(message) for _key, message in problems))
    member = None
    if invitation.member_pk is not None:
        member = connection.execute(
            select(Member.country, Member.type).where(Member.id == invitation.member_pk)
        ).first()
    changed = False
    if survey.anonymous:
        response = _insert(connection, survey, today, member, None, None, None)
    else:
        earlier = connection.execute(
            select(SurveyResponse.id).where(SurveyResponse.invitation_id == invitation.pk)
        ).scalar()
        if earlier is not None:
            changed = True
            connection.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == earlier))
            connection.execute(
                update(SurveyResponse).where(SurveyResponse.id == earlier).values(updated_on=today)
            )
            response = earlier
        else:
            response = _insert(
                connection,
                survey,
                today,
                member,
                invitation.member_pk,
                invitation.user_id or respondent.user_id,
                invitation.pk,
            )
    if rows:
        connection.execute(
            insert(SurveyAnswer),
            [
                {"response_id": response, "question_id": q, "choice": c, "text": t}
                for q, c, t in rows
            ],
        )
    connection.execute(
        update(SurveyInvitation).where(SurveyInvitation.id == invitation.pk).values(answered=True)
    )
    return Receipt(survey_id, survey.anonymous, changed, len({q for q, _c, _t in rows}))


def _insert(
    connection: Connection,
    survey: StoredSurvey,
    today: date,
    member: Any,
    member_pk: int | None,
    user_id: int | None,
    invitation_pk: int | None,
) -> int:
    found: int = connection.execute(
        insert(SurveyResponse)
        .values(
            survey_id=survey.pk,
            submitted_on=today,
            country=member.country if member is not None else None,
            member_type=member.type if member is not None else None,
            member_id=member_pk,
            user_id=user_id,
            invitation_id=invitation_pk,
        )
        .returning(SurveyResponse.id)
    ).scalar_one()
    return found


def actor_for(connection: Connection, survey_id: str, user_name: str | None) -> str:
    """Who the audit log names for an answer: nobody for an anonymous survey (the log would
    tie the answer to its author), else the user or the invitation's token."""
    survey = load(connection, survey_id)
    if survey.anonymous:
        return ANONYMOUS_ACTOR
    return user_name or "survey invitation"


def my_answers(
    connection: Connection, survey: StoredSurvey, respondent: Respondent
) -> dict[str, list[str]]:
    """The answers given earlier to a named survey by ``respondent`` (texts by key), to fill
    the form again; nothing for an anonymous one."""
    if survey.anonymous:
        return {}
    invitation = find_invitation(connection, survey, respondent)
    if invitation is None:
        return {}
    rows = connection.execute(
        select(SurveyAnswer.question_id, SurveyAnswer.choice, SurveyAnswer.text)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.invitation_id == invitation.pk)
        .order_by(SurveyAnswer.id)
    ).all()
    by_pk = {q.pk: q for q in survey.questions}
    found: dict[str, list[str]] = {}
    for question_id, choice, text in rows:
        stored = by_pk.get(question_id)
        if stored is None:
            continue
        found.setdefault(stored.key, []).append(_as_text(stored, choice, text))
    return found


def _as_text(stored: StoredQuestion, choice: int | None, text: str | None) -> str:
    if stored.question.type in (SINGLE, MULTIPLE) and choice is not None:
        return stored.question.options[choice]
    if stored.question.type == SCALE:
        return str(choice)
    return text or ""
