"""A survey as stored, read in a write or a read: its row and its questions in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from stdgap.i18n.translate import _l
from stdgap.surveys.errors import UnknownSurvey
from stdgap.surveys.models import OPEN, Survey, SurveyQuestion
from stdgap.surveys.questions import Condition, QuestionInput


@dataclass(frozen=True)
class StoredQuestion:
    pk: int
    position: int
    question: QuestionInput

    @property
    def key(self) -> str:
        return self.question.key


@dataclass(frozen=True)
class StoredSurvey:
    pk: int
    survey_id: str
    title: str
    purpose: str
    anonymous: bool
    description: str | None
    opens: date | None
    deadline: date
    status: str
    target: dict[str, Any] | None
    subject: str | None
    questions: tuple[StoredQuestion, ...]

    def accepts_answers(self, today: date) -> bool:
        """Open, and today between its first day and its deadline."""
        started = self.opens is None or self.opens <= today
        return self.status == OPEN and started and today <= self.deadline

    def question(self, key: str) -> StoredQuestion | None:
        return next((q for q in self.questions if q.key == key), None)


def load(connection: Connection, survey_id: str) -> StoredSurvey:
    """The survey ``survey_id`` with its questions; UnknownSurvey (404) when there is none."""
    row = connection.execute(select(Survey).where(Survey.survey_id == survey_id)).first()
    if row is None:
        raise UnknownSurvey(_l("no survey %(value)r", value=survey_id))
    survey = row
    rows = connection.execute(
        select(SurveyQuestion)
        .where(SurveyQuestion.survey_id == survey.id)
        .order_by(SurveyQuestion.position)
    ).all()
    questions = tuple(
        StoredQuestion(
            q.id,
            q.position,
            QuestionInput(
                q.key,
                q.type,
                q.text,
                tuple(q.options or ()),
                bool(q.required),
                Condition.of(q.condition),
                q.scale_min,
                q.scale_max,
                q.min_label,
                q.max_label,
            ),
        )
        for q in rows
    )
    return StoredSurvey(
        survey.id,
        survey.survey_id,
        survey.title,
        survey.purpose,
        bool(survey.anonymous),
        survey.description,
        survey.opens,
        survey.deadline,
        survey.status,
        survey.target,
        survey.subject,
        questions,
    )
