"""The consultation of developing countries before a CxO meeting (Res. 68 resolves 2), written
through the surveys capability: a survey of purpose ``consultation`` whose subject is the
meeting, sent to the developing-country members of the chosen ITU regions (or all), and agenda
items taken from its answers (source ``consultation``, with the survey and the question).

Each write is one operation of this capability (one transaction, one audit row) that calls the
surveys' operations with its own unit; the surveys' refusals come back as CxO refusals (404
unknown, 409 not now, 422 a bad value)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select, update

from stdgap.cxo.errors import CxoError, Unknown, WrongState
from stdgap.cxo.lookup import meeting_key
from stdgap.cxo.meetings import AgendaInput, add_agenda_item, regions_named
from stdgap.cxo.models import CxoAgendaItem, CxoMeeting
from stdgap.i18n.translate import _l
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.store.unit import Unit, operation
from stdgap.surveys import errors as survey_errors
from stdgap.surveys import operations as surveys
from stdgap.surveys.models import MULTIPLE, SINGLE, TEXT, SurveyAnswer
from stdgap.surveys.questionnaire import checked_questionnaire
from stdgap.surveys.questions import QuestionInput
from stdgap.surveys.stored import StoredSurvey, load
from stdgap.surveys.targeting import Target

#: A questionnaire file's questions, checked (ImportFailed naming file, line, column, value).
questions_from_file = checked_questionnaire
PURPOSE = "consultation"
#: The priority topics the default questionnaire offers (any may be added to the agenda).
TOPICS = (
    "Artificial intelligence and its standards",
    "Digital health",
    "Intelligent transport systems",
    "Digital financial services",
    "Security and trust",
    "Climate change, energy efficiency and e-waste",
    "Smart sustainable cities",
    "Bridging the standardization gap",
)


def survey_id_of(meeting_id: str) -> str:
    """The id of a meeting's consultation survey."""
    return f"{meeting_id}-consultation"


def default_questions(theme: str) -> list[QuestionInput]:
    """The default questionnaire: the priority topics (a multiple choice), what the CTOs should
    discuss (free text), and the needs of developing countries for the theme (free text)."""
    return [
        QuestionInput(
            "topics",
            MULTIPLE,
            str(_l("Which topics should the meeting give priority to?")),
            TOPICS,
            True,
        ),
        QuestionInput("discuss", TEXT, str(_l("What should the CTOs discuss?"))),
        QuestionInput(
            "needs",
            TEXT,
            str(
                _l(
                    "What does your country need most in standardization for %(theme)s?",
                    theme=theme,
                )
            ),
        ),
    ]


@contextmanager
def survey_refusals() -> Iterator[None]:
    """The surveys' refusals as CxO refusals (404, 409, 422), their message kept."""
    try:
        yield
    except survey_errors.UnknownSurvey as error:
        raise Unknown(error.message) from None
    except survey_errors.WrongState as error:
        raise WrongState(error.message) from None
    except survey_errors.SurveyError as error:
        raise CxoError(error.message) from None


@dataclass(frozen=True)
class ConsultationInput:
    """A consultation to send: the ITU regions (names, or ``all``), the deadline, the
    questions (None: the default questionnaire) and users invited by their accounts (user
    name, the member they answer for)."""

    regions: Sequence[str]
    deadline: date
    questions: list[QuestionInput] | None = None
    users: tuple[tuple[str, str | None], ...] = ()
    title: str | None = None
    anonymous: bool = False


@dataclass(frozen=True)
class Consulted:
    survey_id: str
    regions: list[str]
    invited: int
    queued: int
    without_address: int


def _meeting_target(meeting_id: str, *args: object, **kwargs: object) -> str:
    return meeting_id


def existing(unit: Unit, meeting_id: str) -> StoredSurvey | None:
    """The meeting's consultation survey, if it has one."""
    try:
        return load(unit.connection, survey_id_of(meeting_id))
    except survey_errors.UnknownSurvey:
        return None


@operation("cxo.consult", target=_meeting_target)
def consult(
    unit: Unit, meeting_id: str, spec: ConsultationInput, today: date | None = None
) -> Consulted:
    """Create the meeting's consultation survey and send it to the developing-country members
    of the chosen regions (or all), and record the regions on the meeting; one write."""
    key = meeting_key(unit.connection, meeting_id)
    assert key is not None
    today = today or date.today()
    if existing(unit, meeting_id) is not None:
        raise WrongState(
            _l(
                "%(meeting)s has a consultation already (%(survey)s)",
                meeting=meeting_id,
                survey=survey_id_of(meeting_id),
            )
        )
    regions = regions_named(list(spec.regions))
    if not regions:
        raise CxoError(
            _l(
                "regions: choose the regions consulted (%(regions)s, or all)",
                regions=", ".join(ITU_REGIONS),
            )
        )
    if spec.deadline > key.start:
        raise CxoError(
            _l(
                "deadline: %(value)s is after the meeting's first day (%(start)s)",
                value=spec.deadline.isoformat(),
                start=key.start.isoformat(),
            )
        )
    theme, title = unit.connection.execute(
        select(CxoMeeting.theme, CxoMeeting.title).where(CxoMeeting.id == key.pk)
    ).one()
    questions = spec.questions if spec.questions else default_questions(theme)
    survey_id = survey_id_of(meeting_id)
    every = set(regions) == set(ITU_REGIONS)
    with survey_refusals():
        surveys.create_with_questions(
            unit,
            survey_id,
            (spec.title or "").strip()
            or str(_l("Consultation before %(meeting)s", meeting=title))[:300],
            PURPOSE,
            spec.deadline,
            questions,
            spec.anonymous,
            None,
            str(
                _l(
                    "The consultation of developing countries before the CxO meeting "
                    "%(meeting)s on %(theme)s (Res. 68 resolves 2): its answers feed the agenda.",
                    meeting=meeting_id,
                    theme=theme,
                )
            ),
            meeting_id,
        )
        target = Target(
            classes=("developing",), regions=() if every else tuple(regions), users=spec.users
        )
        sent = surveys.open_survey(unit, survey_id, target, today)
    unit.connection.execute(
        update(CxoMeeting).where(CxoMeeting.id == key.pk).values(regions=regions)
    )
    unit.details["survey"] = survey_id
    return Consulted(survey_id, regions, sent.invited, sent.queued, sent.without_address)


def _value_of(connection: Connection, survey: StoredSurvey, question_key: str, answer: str) -> str:
    """The answer checked against its question: an option of a choice, else a text a
    respondent wrote (the agenda says it came from the consultation: it must have)."""
    stored = survey.question(question_key)
    if stored is None:
        keys = ", ".join(q.key for q in survey.questions)
        raise CxoError(
            _l(
                "question: '%(value)s' is not a question of %(survey)s (%(keys)s)",
                value=question_key,
                survey=survey.survey_id,
                keys=keys,
            )
        )
    question = stored.question
    text = " ".join(answer.split())
    if not text:
        raise CxoError(_l("answer: a value is required"))
    if question.type in (SINGLE, MULTIPLE) and text not in question.options:
        raise CxoError(
            _l(
                "answer: '%(value)s' is not an answer of %(question)s (%(options)s)",
                value=text[:100],
                question=question_key,
                options="|".join(question.options),
            )
        )
    if question.type not in (SINGLE, MULTIPLE):
        written = connection.execute(
            select(SurveyAnswer.text).where(
                SurveyAnswer.question_id == stored.pk, SurveyAnswer.text.is_not(None)
            )
        ).scalars()
        if text not in {" ".join(found.split()) for found in written if found}:
            raise CxoError(
                _l(
                    "answer: no respondent wrote '%(value)s' to %(question)s",
                    value=text[:100],
                    question=question_key,
                )
            )
    return text


@operation("cxo.agenda_from_consultation", target=_meeting_target)
def add_from_consultation(
    unit: Unit,
    meeting_id: str,
    question_key: str,
    answer: str,
    title: str | None = None,
    objective: str | None = None,
    work_item: str | None = None,
) -> int:
    """Add an answer of the meeting's consultation (an option of a choice, or a free text) to
    its agenda, as an item from the consultation naming the survey and the question; its
    position. The same answer twice is refused."""
    meeting_key(unit.connection, meeting_id)
    survey = existing(unit, meeting_id)
    if survey is None:
        raise WrongState(_l("%(meeting)s has no consultation", meeting=meeting_id))
    text = _value_of(unit.connection, survey, question_key, answer)
    item_title = " ".join((title or "").split()) or text[:500]
    key = meeting_key(unit.connection, meeting_id)
    assert key is not None
    taken = unit.connection.execute(
        select(CxoAgendaItem.position).where(
            CxoAgendaItem.cxo_meeting_id == key.pk,
            CxoAgendaItem.survey_id == survey.survey_id,
            CxoAgendaItem.question_key == question_key,
            CxoAgendaItem.title == item_title,
        )
    ).first()
    if taken is not None:
        raise WrongState(
            _l(
                "'%(value)s' is on the agenda already (item %(position)s)",
                value=item_title[:100],
                position=taken[0],
            )
        )
    unit.details["answer"] = text[:200]
    return add_agenda_item(
        unit,
        meeting_id,
        AgendaInput(item_title, objective, work_item, PURPOSE, survey.survey_id, question_key),
    )
