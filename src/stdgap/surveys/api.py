"""The surveys' REST API (``/api/v1/surveys``): the list and a survey (public once open; drafts
for officers), creating one with its questions, adding questions, who a target invites, opening,
reminding and closing (officers), answering (the invited user, or an invitation's token), the
results (see :func:`stdgap.surveys.web_common.results_for`), the invitations (officers) and the
export of the responses (analysts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, StrictInt

from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.surveys import answering, export, operations, queries
from stdgap.surveys.answering import Respondent
from stdgap.surveys.models import PURPOSES, STATES
from stdgap.surveys.questions import Condition, QuestionInput, parse_condition
from stdgap.surveys.targeting import Target, population
from stdgap.surveys.web_common import analyst, attempt, manager, may, results_for, survey_for

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {**PROBLEM_RESPONSES[422], "description": "Conflict (not open, past the deadline …)"}
}
api = APIRouter(prefix="/api/v1/surveys", responses={**PROBLEM_RESPONSES, **CONFLICT})
SurveyId = Annotated[str, Path(min_length=1, max_length=100)]


@api.get("", responses=PAGE, summary="Surveys (filters: status, purpose, subject)")
def surveys(
    request: Request,
    status: Annotated[str | None, Query(max_length=10, description=", ".join(STATES))] = None,
    purpose: Annotated[str | None, Query(max_length=20, description=", ".join(PURPOSES))] = None,
    subject: Annotated[str | None, Query(max_length=300)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = queries.SurveyFilter(status, purpose, subject, may(request, "surveys.manage"))
    found = queries.list_surveys(engine_of(request), filters)
    return paginate([s.record() for s in found], limit, offset)


class ConditionIn(BaseModel):
    question: str = Field(min_length=1, max_length=60)
    op: str = Field("equals", pattern="^(equals|includes)$")
    values: list[str] = Field(min_length=1, max_length=50)


class QuestionIn(BaseModel):
    key: str = Field(min_length=1, max_length=60)
    type: str = Field(description="single, multiple, scale or text", max_length=20)
    text: str = Field(min_length=1, max_length=1000)
    options: list[Annotated[str, Field(max_length=300)]] = Field(
        default_factory=list, max_length=50
    )
    required: bool = False
    condition: ConditionIn | str | None = Field(
        None, description='{"question", "op", "values"} or "KEY = A|B" / "KEY includes A|B"'
    )
    min: StrictInt | None = Field(None, ge=-100, le=100, description="A scale's lowest value")
    max: StrictInt | None = Field(None, ge=-100, le=100, description="A scale's highest value")
    min_label: str | None = Field(None, max_length=200)
    max_label: str | None = Field(None, max_length=200)

    def question(self) -> QuestionInput:
        condition: Condition | None = None
        if isinstance(self.condition, str):
            try:
                condition = parse_condition(self.condition)
            except ValueError:
                raise Problem(
                    422,
                    _l("condition: %(value)r is not a condition", value=self.condition),
                    "bad-survey",
                ) from None
        elif self.condition is not None:
            condition = Condition(
                self.condition.question, self.condition.op, tuple(self.condition.values)
            )
        return QuestionInput(
            self.key,
            self.type,
            self.text,
            tuple(self.options),
            self.required,
            condition,
            self.min,
            self.max,
            self.min_label,
            self.max_label,
        )


class SurveyIn(BaseModel):
    survey_id: str = Field(min_length=1, max_length=100)
    title: str = Field(min_length=1, max_length=300)
    purpose: str = Field("consultation", description=", ".join(PURPOSES), max_length=20)
    deadline: date
    anonymous: bool = False
    opens: date | None = None
    description: str | None = Field(None, max_length=5000)
    subject: str | None = Field(None, max_length=300, description="e.g. a meeting's id")
    questions: list[QuestionIn] = Field(default_factory=list, max_length=200)


@api.post(
    "",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Create a survey (a draft) with its questions (officers)",
)
def create(request: Request, body: SurveyIn, account: Account = Depends(manager)) -> Response:
    questions = [q.question() for q in body.questions]
    engine = engine_of(request)
    attempt(
        lambda: operations.create_with_questions.perform(
            engine,
            account.name,
            body.survey_id,
            body.title,
            body.purpose,
            body.deadline,
            questions,
            body.anonymous,
            body.opens,
            body.description,
            body.subject,
        )
    )
    return DataResponse(queries.survey_record(engine, body.survey_id), status_code=201)


@api.get("/{survey_id}", responses=OBJECT, summary="A survey: its terms and questions")
def one(request: Request, survey_id: SurveyId) -> Response:
    survey_for(request, survey_id)
    return DataResponse(queries.survey_record(engine_of(request), survey_id))


@api.post(
    "/{survey_id}/questions",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Add questions after the others, before the survey opens (officers)",
)
def add_questions(
    request: Request,
    survey_id: SurveyId,
    body: QuestionIn | list[QuestionIn],
    account: Account = Depends(manager),
) -> Response:
    given = body if isinstance(body, list) else [body]
    engine = engine_of(request)
    questions = [item.question() for item in given]
    attempt(lambda: operations.add_questions.perform(engine, account.name, survey_id, questions))
    return DataResponse(queries.survey_record(engine, survey_id), status_code=201)


class TargetIn(BaseModel):
    member_types: list[str] = Field(default_factory=list, max_length=10)
    classes: list[str] = Field(
        default_factory=list, max_length=10, description="developing, developed, ldc, lldc, sids"
    )
    regions: list[str] = Field(default_factory=list, max_length=10)
    members: list[str] = Field(default_factory=list, max_length=5000)
    users: list[tuple[str, str | None] | str] = Field(
        default_factory=list, max_length=5000, description="user names, or [user, member]"
    )
    contacts: bool = Field(True, description="Invite the members' contacts by e-mail")
    on: date | None = Field(None, description="The day the countries' classes are read on")

    def target(self) -> Target:
        users = tuple((u, None) if isinstance(u, str) else (u[0], u[1]) for u in self.users)
        return Target(
            tuple(self.member_types),
            tuple(self.classes),
            tuple(self.regions),
            tuple(self.members),
            users,
            self.contacts,
            self.on,
        )


@api.post(
    "/{survey_id}/target",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Who a target population would invite (nothing written; officers)",
)
def preview(
    request: Request, survey_id: SurveyId, body: TargetIn, account: Account = Depends(manager)
) -> Response:
    survey_for(request, survey_id)

    def work() -> dict[str, Any]:
        with engine_of(request).connect() as connection:
            found = population(connection, body.target(), date.today())
        return {
            "on": found.on,
            "members": found.members,
            "invitees": [
                {
                    "name": i.name,
                    "member": i.member,
                    "email": i.email,
                    "user": i.user_id is not None,
                }
                for i in found.invitees
            ],
            "without_contact": found.without_contact,
        }

    return DataResponse(attempt(work))


@api.post(
    "/{survey_id}/open",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Open a draft to its target population: invitations and their e-mails (officers)",
)
def open_survey(
    request: Request, survey_id: SurveyId, body: TargetIn, account: Account = Depends(manager)
) -> Response:
    engine = engine_of(request)
    sent = attempt(
        lambda: operations.open_survey.perform(engine, account.name, survey_id, body.target())
    )
    return DataResponse({**queries.survey_record(engine, survey_id), "sent": sent.__dict__})


@api.post(
    "/{survey_id}/remind",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="E-mail again those invited who have not answered (officers)",
)
def remind(request: Request, survey_id: SurveyId, account: Account = Depends(manager)) -> Response:
    engine = engine_of(request)
    sent = attempt(lambda: operations.remind.perform(engine, account.name, survey_id))
    return DataResponse({**queries.survey_record(engine, survey_id), "sent": sent.__dict__})


@api.post(
    "/{survey_id}/close",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Close an open survey (officers)",
)
def close(request: Request, survey_id: SurveyId, account: Account = Depends(manager)) -> Response:
    engine = engine_of(request)
    attempt(lambda: operations.close_survey.perform(engine, account.name, survey_id))
    return DataResponse(queries.survey_record(engine, survey_id))


class ResponseIn(BaseModel):
    token: str | None = Field(None, max_length=100, description="The invitation's token")
    answers: dict[
        Annotated[str, Field(max_length=60)],
        Annotated[str, Field(max_length=5000)] | list[Annotated[str, Field(max_length=5000)]],
    ] = Field(description="Answers by question key: a text, or a list of options")


@api.post(
    "/{survey_id}/responses",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Answer a survey (the invited user, or the holder of an invitation's token)",
)
def answer(request: Request, survey_id: SurveyId, body: ResponseIn) -> Response:
    survey = survey_for(request, survey_id)
    account = current_user(request)
    respondent = Respondent(account.id if account else None, body.token or None)
    if respondent.user_id is None and respondent.token is None:
        raise Problem(401, _l("sign in, or give the token of your invitation"), "unauthorized")
    given = {k: [v] if isinstance(v, str) else list(v) for k, v in body.answers.items()}
    engine = engine_of(request)

    def work() -> answering.Receipt:
        with engine.connect() as connection:
            actor = answering.actor_for(
                connection, survey.survey_id, account.name if account else None
            )
        return answering.respond.perform(engine, actor, survey_id, respondent, given)

    return DataResponse(attempt(work).__dict__, status_code=201)


@api.get(
    "/{survey_id}/results",
    responses=OBJECT,
    summary="Results by question (by=status|region|member_type), through the disclosure control",
)
def survey_results(
    request: Request,
    survey_id: SurveyId,
    by: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    survey = survey_for(request, survey_id)
    return DataResponse(results_for(request, survey, by or None))


@api.get(
    "/{survey_id}/invitations",
    responses=PAGE,
    summary="Who was invited and whether they answered (officers)",
)
def invitations(
    request: Request,
    survey_id: SurveyId,
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(manager),
) -> Response:
    survey_for(request, survey_id)
    found = attempt(lambda: queries.invitations(engine_of(request), survey_id))
    return paginate(found, limit, offset)


@api.get(
    "/{survey_id}/export",
    summary="The responses as CSV or XLSX (analysts)",
    responses={200: {"description": "The file"}},
)
def export_responses(
    request: Request,
    survey_id: SurveyId,
    format: Annotated[str, Query(pattern="^(csv|xlsx)$")] = "csv",
    account: Account = Depends(analyst),
) -> Response:
    survey_for(request, survey_id)
    body = attempt(lambda: export.export(engine_of(request), survey_id, format))
    return Response(
        body,
        media_type=export.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{survey_id}-responses.{format}"'},
    )
