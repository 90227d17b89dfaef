"""The API of a CxO meeting's consultation of developing countries (Res. 68 resolves 2), under
``/api/v1/cxo/meetings/{id}/consultation``: sending it (``cxo.manage``), reading it (everyone;
its answers by question for those who set the agenda or read survey results) and adding an
answer to the agenda (``cxo.manage``). Included in :data:`stdgap.cxo.api.api`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.cxo import consultation, consulted
from stdgap.cxo.service import attempt, manager, may, meeting
from stdgap.http.api import OBJECT
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.render import DataResponse
from stdgap.permissions import Account
from stdgap.surveys.api import QuestionIn

consultation_api = APIRouter()
MeetingId = Annotated[str, PathParam(min_length=1, max_length=100)]


class ConsultationIn(BaseModel):
    regions: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=10, description='ITU regions consulted, or ["all"]'
    )
    deadline: date = Field(description="The last day to answer (before the meeting)")
    questions: list[QuestionIn] | None = Field(
        None, max_length=200, description="The questionnaire (default: priority topics, …)"
    )
    users: list[Annotated[str, Field(max_length=300)]] = Field(
        default_factory=list,
        max_length=500,
        description='Users invited by their accounts: "name" or "name member"',
    )
    title: str | None = Field(None, max_length=300)
    anonymous: bool = False


class FromAnswerIn(BaseModel):
    question: str = Field(min_length=1, max_length=60, description="The question's key")
    answer: str = Field(min_length=1, max_length=2000, description="An option, or a free text")
    title: str | None = Field(None, max_length=500, description="Default: the answer")
    objective: str | None = Field(None, max_length=100, description="e.g. T.2")
    work_item: str | None = Field(None, max_length=300)


def user_pairs(given: list[str]) -> tuple[tuple[str, str | None], ...]:
    """``name`` or ``name member`` (a space, comma or '=' between) → (name, member)."""
    found = []
    for text in given:
        parts = text.replace(",", " ").replace("=", " ").split()
        if not parts:
            continue
        found.append((parts[0], " ".join(parts[1:]) or None))
    return tuple(found)


def consultation_data(request: Request, meeting_id: str) -> dict[str, Any]:
    """The meeting's consultation, and its answers for those who set the agenda or read the
    results of surveys (exact for ``surveys.results``, as the surveys publish them)."""
    meeting(request, meeting_id)
    engine = engine_of(request)
    summary = consulted.summary(engine, meeting_id)
    sets_agenda = may(request, "cxo.manage")
    named = summary is not None and not summary.get("anonymous", False)
    # those who set the agenda read a named consultation's answers as they are: they turn
    # them into agenda items (an anonymous one keeps the surveys' protection)
    exact = may(request, "surveys.results") or (sets_agenda and named)
    sees = exact or sets_agenda or may(request, "surveys.manage")
    return {
        "meeting_id": meeting_id,
        "consultation": summary,
        "exact": exact if sees else False,
        "answers": consulted.answers(engine, meeting_id, exact) if sees else None,
    }


@consultation_api.get(
    "/meetings/{meeting_id}/consultation",
    responses=OBJECT,
    summary="A meeting's consultation of developing countries; its answers for officers",
)
def read(request: Request, meeting_id: MeetingId) -> Response:
    return DataResponse(consultation_data(request, meeting_id))


@consultation_api.post(
    "/meetings/{meeting_id}/consultation",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Send the consultation of developing countries before the meeting (officers)",
)
def consult(
    request: Request,
    meeting_id: MeetingId,
    body: ConsultationIn,
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)
    questions = [q.question() for q in body.questions] if body.questions else None
    spec = consultation.ConsultationInput(
        body.regions, body.deadline, questions, user_pairs(body.users), body.title, body.anonymous
    )
    sent = attempt(
        lambda: consultation.consult.perform(engine_of(request), account.name, meeting_id, spec)
    )
    return DataResponse(
        {**sent_record(sent), **consultation_data(request, meeting_id)}, status_code=201
    )


def sent_record(sent: consultation.Consulted) -> dict[str, Any]:
    return {
        "survey_id": sent.survey_id,
        "regions": sent.regions,
        "invited": sent.invited,
        "queued": sent.queued,
        "without_address": sent.without_address,
    }


@consultation_api.post(
    "/meetings/{meeting_id}/consultation/agenda",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Add an answer of the consultation to the agenda (officers)",
)
def add_to_agenda(
    request: Request,
    meeting_id: MeetingId,
    body: FromAnswerIn,
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)
    position = attempt(
        lambda: consultation.add_from_consultation.perform(
            engine_of(request),
            account.name,
            meeting_id,
            body.question,
            body.answer,
            body.title,
            body.objective,
            body.work_item,
        )
    )
    agenda = meeting(request, meeting_id)["agenda"]
    return DataResponse(
        {"meeting_id": meeting_id, "position": position, "agenda": agenda}, status_code=201
    )
