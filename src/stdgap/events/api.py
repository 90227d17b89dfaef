"""The events' REST API (``/api/v1/events``): the calendar and an event (public), creating
events, their materials, feedback survey and attendance, and the planner (officers), registering
and cancelling (any signed-in account), the registrations (officers and analysts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.events import attendance, operations, planning, queries
from stdgap.events import feedback as feedback_surveys
from stdgap.events.holidays import parse_holidays
from stdgap.events.operations import CategoryInput, EventInput, RegistrationInput
from stdgap.events.service import (
    acting_user,
    attempt,
    event,
    manager,
    reader,
    registrant,
)
from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES
from stdgap.http.render import DataResponse
from stdgap.permissions import Account
from stdgap.surveys.api import QuestionIn

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {**PROBLEM_RESPONSES[422], "description": "Conflict (not now: closed, full, held)"}
}
api = APIRouter(prefix="/api/v1/events", responses={**PROBLEM_RESPONSES, **CONFLICT})
EventId = Annotated[str, Path(min_length=1, max_length=100)]
Filter = Annotated[str | None, Query(max_length=40)]


@api.get("", responses=PAGE, summary="Events (filters: region, kind, year, when)")
def events(
    request: Request,
    region: Filter = None,
    kind: Filter = None,
    year: Filter = None,
    when: Annotated[str | None, Query(description="upcoming or past", max_length=10)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = attempt(lambda: queries.EventFilter.of(region, kind, year, when))
    return paginate(queries.list_events(engine_of(request), filters), limit, offset)


class CategoryIn(BaseModel):
    key: str = Field(min_length=1, max_length=40, description="e.g. delegate, speaker, press")
    label: str = Field("", max_length=200)
    capacity: int | None = Field(None, ge=1, le=1_000_000)


class EventIn(BaseModel):
    event_id: str = Field(min_length=1, max_length=100)
    title: str = Field(min_length=1, max_length=300)
    kind: str = Field(description="workshop, training, awareness, webinar or elearning")
    start: date
    end: date | None = None
    city: str | None = Field(None, max_length=300)
    host_country: str | None = Field(None, min_length=3, max_length=3)
    format: str = Field("in_person", description="in_person, virtual or hybrid")
    group: str = Field("TSB", min_length=1, max_length=300)
    region: str | None = Field(None, max_length=40)
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    registration_opens: date | None = None
    registration_closes: date | None = None
    languages: list[str] = Field(default_factory=list, max_length=10)
    description: str | None = Field(None, max_length=5000)
    categories: list[CategoryIn] = Field(default_factory=list, max_length=20)
    feedback_survey: str | None = Field(None, max_length=100)


@api.post(
    "",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Create an event: a meeting of its kind with its registration terms (officers)",
)
def create(request: Request, body: EventIn, account: Account = Depends(manager)) -> Response:
    spec = EventInput(
        body.event_id,
        body.title,
        body.kind,
        body.start,
        body.end,
        body.city,
        body.host_country.upper() if body.host_country else None,
        body.format,
        body.group.upper(),
        body.region,
        body.capacity,
        body.registration_opens,
        body.registration_closes,
        tuple(body.languages),
        body.description,
        tuple(CategoryInput(c.key, c.label or c.key, c.capacity) for c in body.categories),
        body.feedback_survey,
    )
    attempt(lambda: operations.create_event.perform(engine_of(request), account.name, spec))
    return DataResponse(event(request, body.event_id), status_code=201)


@api.get(
    "/plan",
    responses=OBJECT,
    dependencies=[Depends(manager)],
    summary="Back-to-back dates and places next to the region's regional-group meetings",
)
def plan(
    request: Request,
    region: Annotated[str, Query(max_length=40)],
    start: date,
    end: date,
    days: Annotated[int, Query(ge=1, le=30)] = 2,
    holidays: Annotated[
        str, Query(max_length=20000, description="CSV text: country,date,name")
    ] = "",
) -> Response:
    def work() -> dict[str, Any]:
        listed = parse_holidays(holidays, "holidays") if holidays.strip() else []
        return planning.proposals(engine_of(request), region, start, end, days, listed)

    return DataResponse(attempt(work))


@api.get("/{event_id}", responses=OBJECT, summary="An event: terms, seats, materials")
def one_event(request: Request, event_id: EventId) -> Response:
    return DataResponse(event(request, event_id))


@api.get(
    "/{event_id}/registrations",
    responses=PAGE,
    dependencies=[Depends(reader)],
    summary="The event's registrations with the registrants' data (officers, analysts)",
)
def registrations(
    request: Request, event_id: EventId, limit: Limit = 1000, offset: Offset = 0
) -> Response:
    found = attempt(lambda: queries.registrations(engine_of(request), event_id))
    return paginate(found, limit, offset)


class RegistrationIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    email: str | None = Field(
        None, max_length=320, description="The e-mail (default and only choice: the account's own)"
    )
    category: str = Field(min_length=1, max_length=40)
    organisation: str | None = Field(None, max_length=300)
    member: str | None = Field(None, max_length=300, description="The member (its id) if any")
    person: str | None = Field(
        None, max_length=300, description="The person id, if known (officers only)"
    )
    country: str | None = Field(None, min_length=3, max_length=3)


@api.post(
    "/{event_id}/registrations",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(registrant), Depends(csrf_protect)],
    summary="Register: confirmed while there are seats, else on the waiting list",
)
def register(
    request: Request,
    event_id: EventId,
    body: RegistrationIn,
    account: Account = Depends(registrant),
) -> Response:
    entry = RegistrationInput(
        body.name,
        body.email or "",
        body.category,
        body.organisation,
        body.member,
        body.person,
        body.country.upper() if body.country else None,
    )
    done = attempt(
        lambda: operations.register.perform(
            engine_of(request),
            account.name,
            event_id,
            entry,
            account.id,
            for_others=account.can("events.manage"),
        )
    )
    body_out = {"registration_id": done.registration_id, "status": done.status}
    return DataResponse(body_out, status_code=201)


@api.post(
    "/{event_id}/registrations/{registration_id}/cancel",
    responses=OBJECT,
    dependencies=[Depends(registrant), Depends(csrf_protect)],
    summary="Cancel a registration (one's own; officers: anyone's); the first waitlisted moves up",
)
def cancel(
    request: Request,
    event_id: EventId,
    registration_id: int,
    account: Account = Depends(registrant),
) -> Response:
    done = attempt(
        lambda: operations.cancel.perform(
            engine_of(request), account.name, registration_id, acting_user(account), event_id
        )
    )
    return DataResponse({"registration_id": done.registration_id, "promoted": done.promoted})


class AttendanceIn(BaseModel):
    attended: list[int] = Field(max_length=100_000, description="Registrations that came")


@api.put(
    "/{event_id}/attendance",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Mark who came; persons of the registry count in the participation data",
)
def mark(
    request: Request, event_id: EventId, body: AttendanceIn, account: Account = Depends(manager)
) -> Response:
    done = attempt(
        lambda: attendance.mark_attendance.perform(
            engine_of(request), account.name, event_id, body.attended
        )
    )
    return DataResponse(
        {"attended": done.attended, "recorded": done.recorded, "removed": done.removed}
    )


class MaterialIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=1000)
    language: str | None = Field(None, max_length=10)


@api.post(
    "/{event_id}/materials",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Add a link to a material of the event (officers)",
)
def material(
    request: Request, event_id: EventId, body: MaterialIn, account: Account = Depends(manager)
) -> Response:
    attempt(
        lambda: operations.add_material.perform(
            engine_of(request), account.name, event_id, body.title, body.url, body.language
        )
    )
    return DataResponse(event(request, event_id), status_code=201)


class FeedbackIn(BaseModel):
    survey: str | None = Field(None, max_length=100, description="The feedback survey's id")


@api.put(
    "/{event_id}/feedback",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Name the survey asking participants for their feedback (officers)",
)
def feedback(
    request: Request, event_id: EventId, body: FeedbackIn, account: Account = Depends(manager)
) -> Response:
    attempt(
        lambda: operations.set_feedback_survey.perform(
            engine_of(request), account.name, event_id, body.survey
        )
    )
    return DataResponse(event(request, event_id))


class FeedbackSurveyIn(BaseModel):
    deadline: date = Field(description="The last day to answer")
    questions: list[QuestionIn] | None = Field(
        None, max_length=200, description="The questionnaire (default: rating, usefulness, …)"
    )
    anonymous: bool = Field(True, description="Answers without the attendee's name")


@api.post(
    "/{event_id}/feedback",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Create the feedback survey, sent to the registrants who attended (officers)",
)
def feedback_survey(
    request: Request,
    event_id: EventId,
    body: FeedbackSurveyIn,
    account: Account = Depends(manager),
) -> Response:
    event(request, event_id)
    questions = [q.question() for q in body.questions] if body.questions else None
    sent = attempt(
        lambda: feedback_surveys.create_feedback_survey.perform(
            engine_of(request), account.name, event_id, body.deadline, questions, body.anonymous
        )
    )
    return DataResponse(
        {
            "survey_id": sent.survey_id,
            "invited": sent.invited,
            "queued": sent.queued,
            "event": event(request, event_id),
        },
        status_code=201,
    )
