"""CxO meetings in the browser (every page also JSON, every form also answers JSON): the
meetings (public), a new meeting (officers), a meeting's page (theme, agenda with the items of
the consultation marked, participants' summary, conclusions, recordings, the communiqué), the
conclusions and one conclusion's history and lifecycle, the reports to TSAG and WTSA. The API is
in :mod:`stdgap.cxo.api`."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path, PurePath
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from stdgap.cxo import conclusions, consultation, documents, meetings, participants, queries
from stdgap.cxo.api import api, document, import_upload, tsag_data, wtsa_data
from stdgap.cxo.api_consultation import consultation_data, user_pairs
from stdgap.cxo.errors import CxoError
from stdgap.cxo.service import answer, attempt, concluder, conclusion, manager, may, meeting
from stdgap.cxo.vocabulary import (
    ACTIONS,
    LEVELS,
    LINK_KINDS,
    MODES,
    OBJECTIVES,
    SIZES,
    SOURCES,
    STATES,
    THEMES,
    TRANSITIONS,
)
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.render import add_globals, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.reference.vocabulary import ITU_REGIONS

__all__ = ["api", "router"]

router = APIRouter()
Short = Annotated[str, Form(max_length=300)]
Text = Annotated[str, Form(max_length=20000)]
add_globals(
    cxo_labels={
        "states": STATES,
        "sources": SOURCES,
        "sizes": SIZES,
        "levels": LEVELS,
        "modes": MODES,
        "links": LINK_KINDS,
        "actions": ACTIONS,
        "objectives": OBJECTIVES,
    }
)


def _day(text: str, field: str, required: bool = True) -> date | None:
    if not text.strip():
        if required:
            raise CxoError(_l("%(field)s: a value is required", field=field))
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CxoError(
            _l("%(field)s: '%(value)s' is not a date (YYYY-MM-DD)", field=field, value=text)
        ) from None


def _whole(text: str, field: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise CxoError(_l("%(field)s: '%(value)s' is not a whole number", field=field, value=text))
    return int(text.strip())


@page(router, "/cxo")
def meetings_page(request: Request, theme: str = "", year: str = "") -> Response:
    wanted = int(year) if year.strip().isdigit() and len(year.strip()) == 4 else None
    found = queries.list_meetings(engine_of(request), theme[:200] or None, wanted)
    data = {
        "filters": {"theme": theme[:200] or None, "year": wanted},
        "total": len(found),
        "meetings": found,
    }
    return respond(request, "cxo.html", data)


def _new_page(request: Request, code: int = 200, **extra: Any) -> Response:
    data = {"themes": list(THEMES), "regions": list(ITU_REGIONS)}
    return respond(request, "cxo_new.html", data, code, **extra)


@page(router, "/cxo/new")
def new_page(request: Request, account: Account = Depends(manager)) -> Response:
    return _new_page(request)


@router.post("/cxo", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def create(
    request: Request,
    meeting_id: Short,
    title: Short,
    theme: Short,
    start: Short,
    regions: Annotated[list[str], Form(default_factory=list, max_length=10)],
    end: Short = "",
    city: Short = "",
    host_country: Short = "",
    format: Short = "in_person",
    summary: Annotated[str, Form(max_length=5000)] = "",
    account: Account = Depends(manager),
) -> Response:
    key = meeting_id.strip()

    def work() -> dict[str, Any]:
        spec = meetings.MeetingInput(
            key,
            title,
            theme,
            _day(start, "start") or date.today(),
            _day(end, "end", required=False),
            city or None,
            host_country or None,
            format,
            regions,
            summary or None,
        )
        meetings.create_meeting.perform(engine_of(request), account.name, spec)
        return meeting(request, key)

    def again(**extra: Any) -> Response:
        return _new_page(request, **extra)

    return answer(request, work, again, status=201, then=lambda _: f"/cxo/{quote(key)}")


def _conclusions_page(request: Request, state: str = "", topic: str = "") -> Response:
    chosen = state if state in STATES else ""
    found = attempt(
        lambda: queries.list_conclusions(engine_of(request), chosen or None, topic or None)
    )
    data = {
        "filters": {"state": chosen or None, "topic": topic or None},
        "total": len(found),
        "conclusions": found,
    }
    return respond(request, "cxo_conclusions.html", data)


@page(router, "/cxo/conclusions")
def conclusions_page(request: Request, state: str = "", topic: str = "") -> Response:
    return _conclusions_page(request, state[:20], topic[:300])


def _conclusion_page(request: Request, number: int, code: int = 200, **extra: Any) -> Response:
    found = conclusion(request, number)
    return respond(
        request,
        "cxo_conclusion.html",
        {"conclusion": found},
        code,
        next_states=TRANSITIONS[found["state"]],
        meeting_ids=queries.meeting_ids(engine_of(request)),
        **extra,
    )


@page(router, "/cxo/conclusions/{number}")
def conclusion_page(request: Request, number: int) -> Response:
    return _conclusion_page(request, number)


def _again_conclusion(request: Request, number: int) -> Any:
    def again(**extra: Any) -> Response:
        return _conclusion_page(request, number, **extra)

    return again


@router.post(
    "/cxo/conclusions/{number}/state", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def advance(
    request: Request,
    number: int,
    state: Short,
    study_group: Short = "",
    question: Short = "",
    note: Text = "",
    meeting_id: Short = "",
    account: Account = Depends(concluder),
) -> Response:
    conclusion(request, number)

    def work() -> dict[str, Any]:
        conclusions.advance.perform(
            engine_of(request),
            account.name,
            number,
            state.strip(),
            study_group or None,
            question or None,
            note or None,
            meeting_id.strip() or None,
        )
        return conclusion(request, number)

    done = _l("The conclusion's state is changed.")
    return answer(request, work, _again_conclusion(request, number), done)


@router.post(
    "/cxo/conclusions/{number}/revisits",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def revisit(
    request: Request,
    number: int,
    meeting_id: Short,
    note: Text = "",
    account: Account = Depends(concluder),
) -> Response:
    conclusion(request, number)

    def work() -> dict[str, Any]:
        conclusions.revisit.perform(
            engine_of(request), account.name, number, meeting_id.strip(), note or None
        )
        return conclusion(request, number)

    done = _l("The meeting's revisit is recorded.")
    return answer(request, work, _again_conclusion(request, number), done, status=201)


@router.post(
    "/cxo/conclusions/{number}/links", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def link(
    request: Request,
    number: int,
    kind: Short,
    reference: Short,
    url: Annotated[str, Form(max_length=1000)] = "",
    title: Short = "",
    note: Text = "",
    account: Account = Depends(concluder),
) -> Response:
    conclusion(request, number)

    def work() -> dict[str, Any]:
        conclusions.add_link.perform(
            engine_of(request),
            account.name,
            number,
            kind,
            reference,
            url or None,
            title or None,
            note or None,
        )
        return conclusion(request, number)

    done = _l("The ITU-T work is linked.")
    return answer(request, work, _again_conclusion(request, number), done, status=201)


@page(router, "/cxo/reports/tsag")
def tsag_page(request: Request, since: Annotated[date | None, Query()] = None) -> Response:
    return respond(request, "cxo_tsag.html", tsag_data(request, since))


@page(router, "/cxo/reports/wtsa")
def wtsa_page(request: Request, period: str = "2025-2028") -> Response:
    return respond(request, "cxo_wtsa.html", wtsa_data(request, period[:9]))


def _tsag_file(fmt: str) -> Any:
    def download(request: Request, since: Annotated[date | None, Query()] = None) -> Response:
        report = documents.tsag_report(engine_of(request), since=since)
        return document(report, fmt, "cxo-report-tsag", "Report to TSAG")

    return download


def _wtsa_file(fmt: str) -> Any:
    def download(request: Request, period: str = "2025-2028") -> Response:
        report = attempt(lambda: documents.wtsa_report(engine_of(request), period[:9]))
        return document(report, fmt, f"cxo-report-wtsa-{period[:9]}", "Report to WTSA")

    return download


for _fmt in ("docx", "pdf"):
    router.add_api_route(
        f"/cxo/reports/tsag.{_fmt}", _tsag_file(_fmt), methods=["GET"], include_in_schema=False
    )
    router.add_api_route(
        f"/cxo/reports/wtsa.{_fmt}", _wtsa_file(_fmt), methods=["GET"], include_in_schema=False
    )


def _meeting_page(request: Request, meeting_id: str, code: int = 200, **extra: Any) -> Response:
    found = meeting(request, meeting_id)
    manage = may(request, "cxo.manage")
    consulted = consultation_data(request, meeting_id)
    data = {
        "meeting": found,
        "consultation_answers": consulted["answers"],
        "answers_exact": consulted["exact"],
    }
    return respond(
        request,
        "cxo_meeting.html",
        data,
        code,
        names=found["participants"] is not None,
        manage=manage,
        conclude=may(request, "cxo.conclude"),
        regions=ITU_REGIONS,
        **extra,
    )


@page(router, "/cxo/{meeting_id}")
def meeting_page(request: Request, meeting_id: str) -> Response:
    return _meeting_page(request, meeting_id)


def _again(request: Request, meeting_id: str) -> Any:
    def again(**extra: Any) -> Response:
        return _meeting_page(request, meeting_id, **extra)

    return again


def _communique(fmt: str) -> Any:
    def download(request: Request, meeting_id: str) -> Response:
        report = attempt(lambda: documents.communique(engine_of(request), meeting_id))
        return document(report, fmt, f"communique-{meeting_id}", "Communiqué")

    return download


for _fmt in ("docx", "pdf"):
    router.add_api_route(
        f"/cxo/{{meeting_id}}/communique.{_fmt}",
        _communique(_fmt),
        methods=["GET"],
        include_in_schema=False,
    )


@router.post(
    "/cxo/{meeting_id}/agenda", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def add_item(
    request: Request,
    meeting_id: str,
    title: Annotated[str, Form(max_length=500)],
    objective: Short = "",
    work_item: Short = "",
    source: Short = "secretariat",
    survey_id: Short = "",
    question_key: Short = "",
    position: Short = "",
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)

    def work() -> dict[str, Any]:
        item = meetings.AgendaInput(
            title,
            objective or None,
            work_item or None,
            source,
            survey_id or None,
            question_key or None,
            _whole(position, "position"),
        )
        meetings.add_agenda_item.perform(engine_of(request), account.name, meeting_id, item)
        return {"meeting_id": meeting_id, "agenda": meeting(request, meeting_id)["agenda"]}

    done = _l("The agenda item is added.")
    return answer(request, work, _again(request, meeting_id), done, status=201)


@router.post(
    "/cxo/{meeting_id}/recordings", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def add_recording(
    request: Request,
    meeting_id: str,
    title: Short,
    url: Annotated[str, Form(max_length=1000)],
    speaker: Short = "",
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)

    def work() -> Any:
        meetings.add_recording.perform(
            engine_of(request), account.name, meeting_id, title, url, speaker or None
        )
        return meeting(request, meeting_id)["recordings"]

    return answer(
        request, work, _again(request, meeting_id), _l("The recording is added."), status=201
    )


@router.post(
    "/cxo/{meeting_id}/participants", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def add_participant(
    request: Request,
    meeting_id: str,
    name: Short,
    organisation: Short,
    level: Short,
    size: Short = "",
    country: Short = "",
    mode: Short = "in_person",
    member_id: Short = "",
    person_id: Short = "",
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)

    def work() -> dict[str, Any]:
        person = participants.ParticipantInput(
            name,
            organisation,
            level,
            size or None,
            country or None,
            mode,
            member_id or None,
            person_id or None,
        )
        counts = participants.add_participants.perform(
            engine_of(request), account.name, meeting_id, [person]
        )
        return {"meeting_id": meeting_id, **counts}

    done = _l("The participant is recorded.")
    return answer(request, work, _again(request, meeting_id), done, status=201)


@router.post(
    "/cxo/{meeting_id}/participants/import",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def import_participants(
    request: Request,
    meeting_id: str,
    file: Annotated[UploadFile, File()],
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)

    def work() -> dict[str, Any]:
        return import_upload(request, account, meeting_id, file)

    done = _l("The participant list is imported.")
    return answer(request, work, _again(request, meeting_id), done, status=201)


@router.post(
    "/cxo/{meeting_id}/conclusions", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def raise_conclusion(
    request: Request,
    meeting_id: str,
    topic: Short,
    text: Text,
    link_to: Short = "",
    distinct: Short = "",
    note: Text = "",
    account: Account = Depends(concluder),
) -> Response:
    meeting(request, meeting_id)

    def work() -> dict[str, Any]:
        raised = conclusions.raise_conclusion.perform(
            engine_of(request),
            account.name,
            meeting_id,
            topic,
            text,
            _whole(link_to, "link_to"),
            bool(distinct),
            note or None,
        )
        return {**conclusion(request, raised.conclusion_id), "revisited": raised.revisited}

    done = _l("The conclusion is recorded.")
    return answer(request, work, _again(request, meeting_id), done, status=201)


def _questionnaire(upload: UploadFile | None) -> Any:
    """The questions of an uploaded questionnaire (None: none uploaded, the default one)."""
    if upload is None or not (upload.filename or "").strip():
        return None
    name = PurePath((upload.filename or "").replace("\\", "/")).name
    if PurePath(name).suffix.lower() not in (".json", ".csv", ".xlsx"):
        raise CxoError(_l("questions: %(name)s is not a JSON, CSV or XLSX file", name=name))
    folder = Path(tempfile.mkdtemp(prefix="stdgap-cxo-"))
    try:
        path = folder / f"questions{PurePath(name).suffix.lower()}"
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        return consultation.questions_from_file(path, name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.post(
    "/cxo/{meeting_id}/consultation", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def consult(
    request: Request,
    meeting_id: str,
    deadline: Short,
    regions: Annotated[list[str], Form(default_factory=list, max_length=10)],
    users: Text = "",
    title: Short = "",
    questions: Annotated[UploadFile | None, File()] = None,
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)

    def work() -> dict[str, Any]:
        spec = consultation.ConsultationInput(
            regions,
            _day(deadline, "deadline") or date.today(),
            _questionnaire(questions),
            user_pairs(users.replace(";", "\n").splitlines()),
            title or None,
        )
        sent = consultation.consult.perform(engine_of(request), account.name, meeting_id, spec)
        return {"survey_id": sent.survey_id, "invited": sent.invited, "regions": sent.regions}

    done = _l("The consultation is sent to the developing-country members.")
    return answer(request, work, _again(request, meeting_id), done, status=201)


@router.post(
    "/cxo/{meeting_id}/consultation/agenda",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def add_answer(
    request: Request,
    meeting_id: str,
    question: Short,
    answer_text: Annotated[str, Form(alias="answer", max_length=2000)],
    title: Annotated[str, Form(max_length=500)] = "",
    objective: Short = "",
    work_item: Short = "",
    account: Account = Depends(manager),
) -> Response:
    meeting(request, meeting_id)

    def work() -> dict[str, Any]:
        position = consultation.add_from_consultation.perform(
            engine_of(request),
            account.name,
            meeting_id,
            question,
            answer_text,
            title or None,
            objective or None,
            work_item or None,
        )
        return {
            "meeting_id": meeting_id,
            "position": position,
            "agenda": meeting(request, meeting_id)["agenda"],
        }

    done = _l("The answer is added to the agenda.")
    return answer(request, work, _again(request, meeting_id), done, status=201)
