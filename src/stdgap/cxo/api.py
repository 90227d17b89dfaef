"""The REST API of CxO meetings (``/api/v1/cxo``): meetings, their agenda, recordings and
participants' summary (public; names for officers, analysts and admins), creating them and
recording who came (``cxo.manage``); conclusions (public) and their lifecycle (``cxo.conclude``);
the communiqué and the reports to TSAG and WTSA (public)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path, PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.cxo import conclusions, documents, meetings, participants, queries
from stdgap.cxo.api_consultation import consultation_api
from stdgap.cxo.service import (
    CONFLICT,
    attempt,
    concluder,
    conclusion,
    manager,
    may,
    meeting,
)
from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

api = APIRouter(prefix="/api/v1/cxo", responses={**PROBLEM_RESPONSES, **CONFLICT})
MeetingId = Annotated[str, PathParam(min_length=1, max_length=100)]
#: A conclusion's number: one out of range is unknown (404), as one that does not exist.
Number = Annotated[int, PathParam(description="The conclusion's number")]
Format = Annotated[
    str, Query(pattern="^(json|docx|pdf|html)$", description="json, docx, pdf or html")
]
SUFFIXES = (".csv", ".xlsx")


class MeetingIn(BaseModel):
    meeting_id: str = Field(min_length=1, max_length=100, description="e.g. CTO-2025-1")
    title: str = Field(min_length=1, max_length=300)
    theme: str = Field(min_length=1, max_length=200, description="health, transport …")
    start: date
    end: date | None = None
    city: str | None = Field(None, max_length=300)
    host_country: str | None = Field(None, max_length=100, description="Code or name")
    format: str = Field("in_person", pattern="^(in_person|virtual|hybrid)$")
    regions: list[str] = Field(
        default_factory=list, max_length=10, description="ITU regions consulted, or all"
    )
    summary: str | None = Field(None, max_length=5000)


class AgendaIn(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    objective: str | None = Field(
        None, max_length=100, description="ITU-T strategic objective, e.g. T.1"
    )
    work_item: str | None = Field(None, max_length=300, description="TSAG work item")
    source: str = Field("secretariat", description="secretariat, consultation, tsag or conclusion")
    survey_id: str | None = Field(None, max_length=100)
    question_key: str | None = Field(None, max_length=100)
    position: int | None = Field(None, ge=1, le=999)


class RecordingIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=1000)
    speaker: str | None = Field(None, max_length=300)


class ParticipantIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    organisation: str = Field(min_length=1, max_length=300)
    level: str = Field(max_length=40, description="cto, cxo, alternate or other")
    size: str | None = Field(None, max_length=40, description="micro, sme or large")
    country: str | None = Field(None, max_length=100)
    mode: str = Field("in_person", max_length=20, description="in_person or remote")
    member_id: str | None = Field(None, max_length=300)
    person_id: str | None = Field(None, max_length=300)


class ParticipantsIn(BaseModel):
    participants: list[ParticipantIn] = Field(min_length=1, max_length=2000)


class ConclusionIn(BaseModel):
    topic: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=20000)
    link_to: int | None = Field(None, description="Revisit this open conclusion")
    distinct: bool = Field(False, description="A new topic although an open one resembles it")
    note: str | None = Field(None, max_length=5000)


class RevisitIn(BaseModel):
    meeting_id: str = Field(min_length=1, max_length=100)
    note: str | None = Field(None, max_length=5000)


class StateIn(BaseModel):
    state: str = Field(description="under_study, addressed, closed or dropped")
    study_group: str | None = Field(None, max_length=20)
    question: str | None = Field(None, max_length=50)
    note: str | None = Field(None, max_length=5000)
    meeting_id: str | None = Field(None, max_length=100, description="The meeting it happened at")


class LinkIn(BaseModel):
    kind: str = Field(description="question, work_item, recommendation, tsag or other")
    reference: str = Field(min_length=1, max_length=200)
    url: str | None = Field(None, max_length=1000)
    title: str | None = Field(None, max_length=300)
    note: str | None = Field(None, max_length=5000)


@api.get("/meetings", responses=PAGE, summary="CxO meetings, latest first")
def list_meetings(
    request: Request,
    theme: Annotated[str | None, Query(max_length=200)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    return paginate(queries.list_meetings(engine_of(request), theme, year), limit, offset)


@api.post(
    "/meetings",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Create a CxO meeting (officers)",
)
def create(request: Request, body: MeetingIn, account: Account = Depends(manager)) -> Response:
    spec = meetings.MeetingInput(**body.model_dump())
    attempt(lambda: meetings.create_meeting.perform(engine_of(request), account.name, spec))
    return DataResponse(meeting(request, body.meeting_id), status_code=201)


@api.get("/meetings/{meeting_id}", responses=OBJECT, summary="A CxO meeting")
def one_meeting(request: Request, meeting_id: MeetingId) -> Response:
    return DataResponse(meeting(request, meeting_id))


@api.get("/meetings/{meeting_id}/agenda", responses=OBJECT, summary="A meeting's agenda")
def agenda(request: Request, meeting_id: MeetingId) -> Response:
    return DataResponse(
        {"meeting_id": meeting_id, "agenda": meeting(request, meeting_id)["agenda"]}
    )


@api.post(
    "/meetings/{meeting_id}/agenda",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Add an agenda item (officers)",
)
def add_item(
    request: Request, meeting_id: MeetingId, body: AgendaIn, account: Account = Depends(manager)
) -> Response:
    item = meetings.AgendaInput(**body.model_dump())
    attempt(
        lambda: meetings.add_agenda_item.perform(engine_of(request), account.name, meeting_id, item)
    )
    return DataResponse(
        {"meeting_id": meeting_id, "agenda": meeting(request, meeting_id)["agenda"]},
        status_code=201,
    )


@api.post(
    "/meetings/{meeting_id}/recordings",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Add a recording of a presentation, as a link (officers)",
)
def add_recording(
    request: Request, meeting_id: MeetingId, body: RecordingIn, account: Account = Depends(manager)
) -> Response:
    attempt(
        lambda: meetings.add_recording.perform(
            engine_of(request), account.name, meeting_id, body.title, body.url, body.speaker
        )
    )
    return DataResponse(meeting(request, meeting_id)["recordings"], status_code=201)


@api.get(
    "/meetings/{meeting_id}/participants",
    responses=OBJECT,
    summary="Who came: the summary (public), the list with names (officers, analysts, admins)",
)
def list_participants(request: Request, meeting_id: MeetingId) -> Response:
    found = meeting(request, meeting_id)
    return DataResponse(
        {
            "meeting_id": meeting_id,
            "participation": found["participation"],
            "participants": found["participants"],
        }
    )


@api.post(
    "/meetings/{meeting_id}/participants",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Record participants (officers); all or none",
)
def add_participants(
    request: Request,
    meeting_id: MeetingId,
    body: ParticipantsIn,
    account: Account = Depends(manager),
) -> Response:
    people = [participants.ParticipantInput(**p.model_dump()) for p in body.participants]
    counts = attempt(
        lambda: participants.add_participants.perform(
            engine_of(request), account.name, meeting_id, people
        )
    )
    return DataResponse({"meeting_id": meeting_id, **counts}, status_code=201)


def import_upload(
    request: Request, account: Account, meeting_id: str, upload: UploadFile
) -> dict[str, Any]:
    """Save an uploaded participant list and import it (errors name the uploaded file)."""
    name = PurePath((upload.filename or "").replace("\\", "/")).name.strip()
    if not name.lower().endswith(SUFFIXES):
        raise Problem(
            422, _l("%(name)s: upload a CSV or XLSX file", name=name or "(no name)"), "bad-upload"
        )
    folder = Path(tempfile.mkdtemp(prefix="stdgap-cxo-"))
    try:
        path = folder / f"upload{PurePath(name).suffix.lower()}"
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        counts = attempt(
            lambda: participants.import_participants.perform(
                engine_of(request), account.name, meeting_id, path, name
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"meeting_id": meeting_id, "file": name, **counts}


@api.post(
    "/meetings/{meeting_id}/participants/import",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Import a participant list, CSV or XLSX (officers); all rows or none",
)
def import_participants(
    request: Request,
    meeting_id: MeetingId,
    file: Annotated[
        UploadFile,
        File(
            description="CSV or XLSX: name, organisation, level, size, country, mode, member_id …"
        ),
    ],
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)  # 404 first
    return DataResponse(import_upload(request, account, meeting_id, file), status_code=201)


@api.post(
    "/meetings/{meeting_id}/conclusions",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(concluder), Depends(csrf_protect)],
    summary="Raise a meeting's conclusion; the same open topic is revisited, not duplicated",
)
def raise_conclusion(
    request: Request,
    meeting_id: MeetingId,
    body: ConclusionIn,
    account: Account = Depends(concluder),
) -> Response:
    raised = attempt(
        lambda: conclusions.raise_conclusion.perform(
            engine_of(request),
            account.name,
            meeting_id,
            body.topic,
            body.text,
            body.link_to,
            body.distinct,
            body.note,
        )
    )
    found = conclusion(request, raised.conclusion_id)
    return DataResponse({**found, "revisited": raised.revisited}, status_code=201)


@api.get("/conclusions", responses=PAGE, summary="Conclusions (filters: state, topic, open)")
def list_conclusions(
    request: Request,
    state: Annotated[str | None, Query(max_length=20)] = None,
    topic: Annotated[str | None, Query(max_length=300)] = None,
    open: Annotated[bool, Query(description="Only open conclusions")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    found = attempt(
        lambda: queries.list_conclusions(engine_of(request), state or None, topic, open)
    )
    return paginate(found, limit, offset)


@api.get("/conclusions/{number}", responses=OBJECT, summary="A conclusion with its history")
def one_conclusion(request: Request, number: Number) -> Response:
    return DataResponse(conclusion(request, number))


@api.post(
    "/conclusions/{number}/revisits",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(concluder), Depends(csrf_protect)],
    summary="A later meeting revisits an open conclusion",
)
def revisit(
    request: Request, number: Number, body: RevisitIn, account: Account = Depends(concluder)
) -> Response:
    attempt(
        lambda: conclusions.revisit.perform(
            engine_of(request), account.name, number, body.meeting_id, body.note
        )
    )
    return DataResponse(conclusion(request, number), status_code=201)


@api.post(
    "/conclusions/{number}/state",
    responses=OBJECT,
    dependencies=[Depends(concluder), Depends(csrf_protect)],
    summary="Move a conclusion through its lifecycle (409 when it may not)",
)
def advance(
    request: Request, number: Number, body: StateIn, account: Account = Depends(concluder)
) -> Response:
    attempt(
        lambda: conclusions.advance.perform(
            engine_of(request),
            account.name,
            number,
            body.state,
            body.study_group,
            body.question,
            body.note,
            body.meeting_id,
        )
    )
    return DataResponse(conclusion(request, number))


@api.post(
    "/conclusions/{number}/links",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(concluder), Depends(csrf_protect)],
    summary="Link the ITU-T work that took a conclusion into account",
)
def link(
    request: Request, number: Number, body: LinkIn, account: Account = Depends(concluder)
) -> Response:
    attempt(
        lambda: conclusions.add_link.perform(
            engine_of(request),
            account.name,
            number,
            body.kind,
            body.reference,
            body.url,
            body.title,
            body.note,
        )
    )
    return DataResponse(conclusion(request, number), status_code=201)


def document(report: Any, fmt: str, name: str, subject: str) -> Response:
    body = attempt(lambda: documents.render(report, fmt, subject))
    return Response(
        body,
        media_type=documents.FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


@api.get("/meetings/{meeting_id}/communique", summary="The communiqué: docx, pdf or html")
def communique(request: Request, meeting_id: MeetingId, format: Format = "docx") -> Response:
    report = attempt(lambda: documents.communique(engine_of(request), meeting_id))
    if format == "json":
        return DataResponse(report_data(report))
    return document(report, format, f"communique-{meeting_id}", "Communiqué")


def report_data(report: Any) -> dict[str, Any]:
    return {
        "title": report.title,
        "subtitle": report.subtitle,
        "sections": [{"title": s.title, "paragraphs": s.paragraphs} for s in report.sections],
    }


def tsag_data(request: Request, since: date | None = None) -> dict[str, Any]:
    """Every open conclusion, and those closed or dropped since ``since`` (a year ago)."""
    engine = engine_of(request)
    found = queries.list_conclusions(engine, open_only=True)
    start = documents.tsag_since(since=since)
    return {
        "open": [queries.conclusion_detail(engine, c["conclusion_id"]) for c in found],
        "since": start.isoformat(),
        "ended": [queries.conclusion_detail(engine, n) for n in queries.ended_since(engine, start)],
    }


def wtsa_data(request: Request, period: str) -> dict[str, Any]:
    first, last = attempt(lambda: documents.period_years(period))
    engine = engine_of(request)
    held = queries.meetings_between(engine, date(first, 1, 1), date(last, 12, 31))
    numbers = sorted({c["conclusion_id"] for m in held for c in m["conclusions"]})
    return {
        "period": f"{first}-{last}",
        "meetings": held,
        "conclusions": [queries.conclusion_detail(engine, n) for n in numbers],
    }


Since = Annotated[
    date | None,
    Query(
        description="List the conclusions closed or dropped since this day (default: a year ago)"
    ),
]


@api.get("/reports/tsag", summary="Report to TSAG on every open conclusion: json, docx, pdf, html")
def tsag(request: Request, format: Format = "json", since: Since = None) -> Response:
    if format == "json":
        return DataResponse(tsag_data(request, since))
    return document(
        documents.tsag_report(engine_of(request), since=since),
        format,
        "cxo-report-tsag",
        "Report to TSAG",
    )


Period = Annotated[str, Query(max_length=9, description="A study period, e.g. 2025-2028")]


@api.get("/reports/wtsa", summary="Report to WTSA over a study period: json, docx, pdf, html")
def wtsa(request: Request, period: Period = "2025-2028", format: Format = "json") -> Response:
    if format == "json":
        return DataResponse(wtsa_data(request, period))
    report = attempt(lambda: documents.wtsa_report(engine_of(request), period))
    return document(report, format, f"cxo-report-wtsa-{period}", "Report to WTSA")


__all__ = ["api", "may"]


api.include_router(consultation_api)
