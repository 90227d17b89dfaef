"""Reads of surveys: plain functions of an Engine returning dataclasses or records.

For other capabilities: :func:`survey_of_subject` (the surveys about a meeting or an event),
:func:`answers_by_question` (the exact answers of a survey, free texts included: the caller
decides who sees them), :func:`summary` of one survey.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from stdgap.accounts.models import User
from stdgap.store.models import Member
from stdgap.surveys import results
from stdgap.surveys.models import (
    DRAFT,
    MULTIPLE,
    SCALE,
    SINGLE,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from stdgap.surveys.stored import StoredSurvey, load


@dataclass(frozen=True)
class SurveySummary:
    survey_id: str
    title: str
    purpose: str
    anonymous: bool
    status: str
    opens: date | None
    deadline: date
    subject: str | None
    questions: int
    invited: int
    answered: int
    responses: int

    def record(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


@dataclass(frozen=True)
class SurveyFilter:
    status: str | None = None
    purpose: str | None = None
    subject: str | None = None
    #: Drafts are shown to those who manage surveys only.
    drafts: bool = False


def _count(connection: Connection, model: Any, column: Any, where: Any = None) -> dict[int, int]:
    query = select(column, func.count()).select_from(model).group_by(column)
    if where is not None:
        query = query.where(where)
    return {key: int(n) for key, n in connection.execute(query)}


def list_surveys(engine: Engine, filters: SurveyFilter | None = None) -> list[SurveySummary]:
    """Surveys, newest deadline first (with their counts)."""
    filters = filters or SurveyFilter()
    query = select(Survey).order_by(Survey.deadline.desc(), Survey.survey_id)
    if filters.status:
        query = query.where(Survey.status == filters.status)
    if filters.purpose:
        query = query.where(Survey.purpose == filters.purpose)
    if filters.subject:
        query = query.where(Survey.subject == filters.subject)
    if not filters.drafts:
        query = query.where(Survey.status != DRAFT)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
        questions = _count(connection, SurveyQuestion, SurveyQuestion.survey_id)
        invited = _count(connection, SurveyInvitation, SurveyInvitation.survey_id)
        answered = _count(
            connection,
            SurveyInvitation,
            SurveyInvitation.survey_id,
            SurveyInvitation.answered.is_(True),
        )
        responses = _count(connection, SurveyResponse, SurveyResponse.survey_id)
    return [
        SurveySummary(
            row.survey_id,
            row.title,
            row.purpose,
            bool(row.anonymous),
            row.status,
            row.opens,
            row.deadline,
            row.subject,
            questions.get(row.id, 0),
            invited.get(row.id, 0),
            answered.get(row.id, 0),
            responses.get(row.id, 0),
        )
        for row in rows
    ]


def summary(engine: Engine, survey_id: str) -> SurveySummary | None:
    found = [s for s in list_surveys(engine, SurveyFilter(drafts=True)) if s.survey_id == survey_id]
    return found[0] if found else None


def survey_of_subject(engine: Engine, subject: str) -> list[SurveySummary]:
    """The surveys about ``subject`` (a meeting's or an event's id), drafts included."""
    return list_surveys(engine, SurveyFilter(subject=subject, drafts=True))


def stored(engine: Engine, survey_id: str) -> StoredSurvey:
    """The survey with its questions (UnknownSurvey when there is none)."""
    with engine.connect() as connection:
        return load(connection, survey_id)


def question_record(survey: StoredSurvey) -> list[dict[str, Any]]:
    found = []
    for stored_question in survey.questions:
        q = stored_question.question
        found.append(
            {
                "key": q.key,
                "position": stored_question.position,
                "type": q.type,
                "text": q.text,
                "options": list(q.options),
                "required": q.required,
                "condition": q.condition.record() if q.condition else None,
                "condition_text": q.condition.text() if q.condition else None,
                "scale": (
                    {
                        "min": q.scale_min,
                        "max": q.scale_max,
                        "min_label": q.min_label,
                        "max_label": q.max_label,
                    }
                    if q.type == SCALE
                    else None
                ),
            }
        )
    return found


def survey_record(engine: Engine, survey_id: str) -> dict[str, Any]:
    """A survey's terms, questions and counts, as the pages and the API show them."""
    survey = stored(engine, survey_id)
    counts = summary(engine, survey_id)
    return {
        "survey_id": survey.survey_id,
        "title": survey.title,
        "purpose": survey.purpose,
        "anonymous": survey.anonymous,
        "description": survey.description,
        "opens": survey.opens,
        "deadline": survey.deadline,
        "status": survey.status,
        "subject": survey.subject,
        "target": survey.target,
        "accepting": survey.accepts_answers(date.today()),
        "invited": counts.invited if counts else 0,
        "answered": counts.answered if counts else 0,
        "responses": counts.responses if counts else 0,
        "questions": question_record(survey),
    }


def invitations(engine: Engine, survey_id: str) -> list[dict[str, Any]]:
    """Who was invited, for whom, and whether they answered (not what)."""
    with engine.connect() as connection:
        survey = load(connection, survey_id)
        rows = connection.execute(
            select(
                SurveyInvitation.name,
                SurveyInvitation.email,
                SurveyInvitation.answered,
                SurveyInvitation.reminders,
                Member.member_id,
                User.name.label("user"),
            )
            .outerjoin(Member, Member.id == SurveyInvitation.member_id)
            .outerjoin(User, User.id == SurveyInvitation.user_id)
            .where(SurveyInvitation.survey_id == survey.pk)
            .order_by(SurveyInvitation.id)
        ).all()
    return [
        {
            "name": row.name,
            "member": row.member_id,
            "user": row.user,
            "email": row.email,
            "answered": bool(row.answered),
            "reminders": int(row.reminders),
        }
        for row in rows
    ]


def invited_to(engine: Engine, user_id: int) -> list[dict[str, Any]]:
    """The open surveys a user is invited to, and whether they answered."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Survey.survey_id, Survey.title, Survey.deadline, SurveyInvitation.answered)
            .join(SurveyInvitation, SurveyInvitation.survey_id == Survey.id)
            .where(SurveyInvitation.user_id == user_id, Survey.status != DRAFT)
            .order_by(Survey.deadline, Survey.survey_id)
        ).all()
    return [
        {
            "survey_id": r.survey_id,
            "title": r.title,
            "deadline": r.deadline,
            "answered": bool(r.answered),
        }
        for r in rows
    ]


@dataclass(frozen=True)
class QuestionAnswers:
    """The exact answers to one question: how many responses chose each value (options in
    order, scale values from low to high), and the free texts."""

    key: str
    text: str
    type: str
    respondents: int
    counts: dict[str, int]
    texts: tuple[str, ...]


def answers_by_question(engine: Engine, survey_id: str) -> list[QuestionAnswers]:
    """Every question of a survey with its exact answers (for analysts and other
    capabilities: the CxO agenda takes chosen answers from them)."""
    with engine.connect() as connection:
        survey = load(connection, survey_id)
        rows = connection.execute(
            select(
                SurveyAnswer.question_id,
                SurveyAnswer.response_id,
                SurveyAnswer.choice,
                SurveyAnswer.text,
            )
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == survey.pk)
            .order_by(SurveyAnswer.id)
        ).all()
    found = []
    for stored_question in survey.questions:
        q = stored_question.question
        mine = [r for r in rows if r.question_id == stored_question.pk]
        counts: dict[str, int] = {}
        if q.type in (SINGLE, MULTIPLE):
            counts = {option: 0 for option in q.options}
            for r in mine:
                counts[q.options[r.choice]] += 1
        elif q.type == SCALE and q.scale_min is not None and q.scale_max is not None:
            counts = {str(v): 0 for v in range(q.scale_min, q.scale_max + 1)}
            for r in mine:
                counts[str(r.choice)] = counts.get(str(r.choice), 0) + 1
        texts = tuple(r.text for r in mine if r.text)
        if survey.anonymous:  # not in the order they came: that could pair them with invitees
            texts = tuple(sorted(texts))
        respondents = len({r.response_id for r in mine})
        found.append(QuestionAnswers(q.key, q.text, q.type, respondents, counts, texts))
    return found


def free_texts(engine: Engine, survey_id: str) -> dict[str, list[str]]:
    """The free-text answers by question key (analysts and admins only)."""
    return {a.key: list(a.texts) for a in answers_by_question(engine, survey_id) if a.texts}


def export_rows(engine: Engine, survey_id: str) -> tuple[list[str], list[list[Any]]]:
    """The responses as a table: one row each, one column per question (a multiple choice's
    options joined with '; '); the member and user only for a named survey."""
    with engine.connect() as connection:
        survey = load(connection, survey_id)
        responses = connection.execute(
            select(
                SurveyResponse.id,
                SurveyResponse.submitted_on,
                SurveyResponse.updated_on,
                SurveyResponse.country,
                SurveyResponse.member_type,
                Member.member_id,
                User.name.label("user"),
            )
            .outerjoin(Member, Member.id == SurveyResponse.member_id)
            .outerjoin(User, User.id == SurveyResponse.user_id)
            .where(SurveyResponse.survey_id == survey.pk)
            .order_by(SurveyResponse.id)
        ).all()
        answers = connection.execute(
            select(
                SurveyAnswer.response_id,
                SurveyAnswer.question_id,
                SurveyAnswer.choice,
                SurveyAnswer.text,
            )
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == survey.pk)
            .order_by(SurveyAnswer.id)
        ).all()
    by_pk = {q.pk: q for q in survey.questions}
    cells: dict[tuple[int, str], list[str]] = {}
    for a in answers:
        stored_question = by_pk[a.question_id]
        q = stored_question.question
        value = (
            q.options[a.choice]
            if q.type in (SINGLE, MULTIPLE) and a.choice is not None
            else str(a.choice)
            if q.type == SCALE
            else a.text or ""
        )
        cells.setdefault((a.response_id, q.key), []).append(value)
    keys = [q.key for q in survey.questions]
    if survey.anonymous:
        return _anonymous_rows(engine, survey, [r.id for r in responses], cells, keys)
    header = ["response", "submitted_on", "updated_on", "country", "member_type", "member", "user"]
    rows = []
    for number, r in enumerate(responses, start=1):
        row: list[Any] = [number, r.submitted_on, r.updated_on, r.country, r.member_type]
        row += [r.member_id, r.user]
        row += ["; ".join(cells.get((r.id, key), [])) for key in keys]
        rows.append(row)
    return header + keys, rows


def _anonymous_rows(
    engine: Engine,
    survey: StoredSurvey,
    responses: list[int],
    cells: dict[tuple[int, str], list[str]],
    keys: list[str],
) -> tuple[list[str], list[list[Any]]]:
    """An anonymous survey's responses with nothing that could tie one to its author: no day,
    country or member type (with the invitations, which say who answered, a Member State alone
    of its type in its country would be named), the country groups only where they cannot
    single out a respondent (:func:`stdgap.surveys.results.anonymous_groups`), and the rows in
    the order of their answers, not of their arrival."""
    groups = results.anonymous_groups(engine, survey)
    found = []
    for pk in responses:
        answers = ["; ".join(cells.get((pk, key), [])) for key in keys]
        found.append([*groups.get(pk, ("", "")), *answers])
    found.sort(key=lambda row: (row[2:], row[:2]))
    rows = [[number, *row] for number, row in enumerate(found, start=1)]
    return ["response", "developing", "region", *keys], rows
