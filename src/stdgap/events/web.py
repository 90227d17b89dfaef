"""Events in the browser (every page also JSON, every form also answers JSON): the calendar
(public; filters region, kind, year, upcoming or past), an event's page with its registration
form, materials and iCalendar links, the officers' pages (a new event, the registrations and
their exports, the badges, the attendance, the back-to-back planner). The API is in
:mod:`stdgap.events.api`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from stdgap.events import attendance, exports, feedback, ical, operations, planning, queries
from stdgap.events.api import api
from stdgap.events.errors import EventError
from stdgap.events.feedback_links import feedback_links
from stdgap.events.holidays import parse_holidays
from stdgap.events.operations import CategoryInput, EventInput, RegistrationInput
from stdgap.events.service import (
    acting_user,
    answer,
    attempt,
    day,
    event,
    manager,
    reader,
    registrant,
    whole,
)
from stdgap.events.vocabulary import (
    EVENT_KINDS,
    FORMAT_LABELS,
    FORMATS,
    KIND_LABELS,
    STATUS_LABELS,
)
from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.render import add_globals, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.reference.vocabulary import ITU_REGIONS

__all__ = ["api", "router"]

router = APIRouter()
Short = Annotated[str, Form(max_length=300)]
Text = Annotated[str, Form(max_length=5000)]
add_globals(
    event_kind_labels=KIND_LABELS,
    event_format_labels=FORMAT_LABELS,
    event_status_labels=STATUS_LABELS,
)
ICS = "text/calendar; charset=utf-8"


def _calendar(
    request: Request, region: str, kind: str, year: str, when: str, code: int = 200, **extra: Any
) -> Response:
    filters = attempt(lambda: queries.EventFilter.of(region, kind, year, when))
    found = queries.list_events(engine_of(request), filters)
    data = {"filters": filters.given(), "total": len(found), "events": found}
    return respond(
        request, "events.html", data, code, regions=ITU_REGIONS, kinds=EVENT_KINDS, **extra
    )


@page(router, "/events")
def events_page(
    request: Request, region: str = "", kind: str = "", year: str = "", when: str = ""
) -> Response:
    return _calendar(request, region[:40], kind[:20], year[:10], when[:10])


def _new_page(request: Request, code: int = 200, **extra: Any) -> Response:
    data = {"kinds": list(EVENT_KINDS), "formats": list(FORMATS), "regions": list(ITU_REGIONS)}
    choices = queries.form_choices(engine_of(request))
    return respond(request, "event_new.html", data, code, choices=choices, **extra)


@page(router, "/events/new")
def new_page(request: Request, account: Account = Depends(manager)) -> Response:
    return _new_page(request)


def _categories(text: str) -> tuple[CategoryInput, ...]:
    """``delegate:Delegate:20, press:Press`` → the categories (key, label, seats)."""
    found = []
    for part in text.split(","):
        if not part.strip():
            continue
        key, _sep, rest = part.strip().partition(":")
        label, _sep, seats = rest.partition(":")
        found.append(
            CategoryInput(key.strip(), label.strip() or key.strip(), whole(seats, _l("seats")))
        )
    return tuple(found)


@router.post("/events", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def create_event(
    request: Request,
    event_id: Short,
    title: Short,
    kind: Short,
    start: Short,
    end: Short = "",
    city: Short = "",
    host_country: Short = "",
    format: Short = "in_person",
    group: Short = "",
    region: Short = "",
    capacity: Short = "",
    registration_opens: Short = "",
    registration_closes: Short = "",
    languages: Short = "",
    categories: Short = "",
    feedback_survey: Short = "",
    description: Text = "",
    account: Account = Depends(manager),
) -> Response:
    key = event_id.strip()

    def work() -> dict[str, Any]:
        spec = EventInput(
            key,
            title,
            kind.strip(),
            day(start, _l("start")) or date.today(),
            day(end, _l("end"), False),
            city.strip() or None,
            host_country.strip().upper() or None,
            format.strip() or "in_person",
            group.strip().upper() or "TSB",
            region.strip() or None,
            whole(capacity, _l("capacity")),
            day(registration_opens, _l("registration opens"), False),
            day(registration_closes, _l("registration closes"), False),
            tuple(code.strip() for code in languages.split(",") if code.strip()),
            description,
            _categories(categories),
            feedback_survey.strip() or None,
        )
        operations.create_event.perform(engine_of(request), account.name, spec)
        return event(request, key)

    def again(**extra: Any) -> Response:
        return _new_page(request, **extra)

    return answer(request, work, again, status=201, then=lambda _: f"/events/{quote(key)}")


@page(router, "/events/plan")
def plan_page(
    request: Request,
    region: str = "",
    start: str = "",
    end: str = "",
    days: str = "2",
    holidays: Annotated[str, Query(max_length=20000)] = "",
    account: Account = Depends(manager),
) -> Response:
    asked = {"region": region, "start": start, "end": end, "days": days, "holidays": holidays}
    data: dict[str, Any] = {"request": asked, "proposals": None}
    if region:

        def work() -> dict[str, Any]:
            listed = parse_holidays(holidays, "holidays") if holidays.strip() else []
            first = day(start, _l("from"))
            last = day(end, _l("to"))
            assert first is not None and last is not None
            return planning.proposals(
                engine_of(request), region, first, last, whole(days, _l("days")) or 0, listed
            )

        data.update(attempt(work))
    return respond(request, "events_plan.html", data, regions=ITU_REGIONS)


@router.get("/events/calendar.ics", include_in_schema=False)
def calendar_feed(request: Request) -> Response:
    upcoming = queries.list_events(engine_of(request), queries.EventFilter(when="upcoming"))
    text = ical.calendar(upcoming, str(request.base_url))
    return Response(text, media_type=ICS)


@router.get("/events/{event_id}.ics", include_in_schema=False)
def event_ics(request: Request, event_id: str) -> Response:
    found = event(request, event_id)
    text = ical.calendar([found], str(request.base_url), found["title"])
    headers = {"Content-Disposition": f'attachment; filename="{quote(event_id)}.ics"'}
    return Response(text, media_type=ICS, headers=headers)


@router.get("/events/{event_id}/registrations.csv", include_in_schema=False)
def registrations_csv(
    request: Request, event_id: str, account: Account = Depends(reader)
) -> Response:
    text = attempt(lambda: exports.attendance_csv(engine_of(request), event_id))
    headers = {"Content-Disposition": f'attachment; filename="{quote(event_id)}-attendance.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/events/{event_id}/registrations.xlsx", include_in_schema=False)
def registrations_xlsx(
    request: Request, event_id: str, account: Account = Depends(reader)
) -> Response:
    data = attempt(lambda: exports.attendance_xlsx(engine_of(request), event_id))
    headers = {"Content-Disposition": f'attachment; filename="{quote(event_id)}-attendance.xlsx"'}
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(data, media_type=kind, headers=headers)


@page(router, "/events/{event_id}/registrations")
def registrations_page(
    request: Request, event_id: str, account: Account = Depends(reader)
) -> Response:
    found = event(request, event_id)
    listed = attempt(lambda: queries.registrations(engine_of(request), event_id))
    return respond(request, "event_registrations.html", {"event": found, "registrations": listed})


@page(router, "/events/{event_id}/badges")
def badges_page(request: Request, event_id: str, account: Account = Depends(reader)) -> Response:
    found = event(request, event_id)
    listed = [
        r
        for r in attempt(lambda: queries.registrations(engine_of(request), event_id))
        if r["status"] == "confirmed"
    ]
    keys = ("name", "organisation", "country", "category_label")
    data = {"event": found, "badges": [{k: r[k] for k in keys} for r in listed]}
    return respond(request, "event_badges.html", data)


def _attendance_page(request: Request, event_id: str, code: int = 200, **extra: Any) -> Response:
    found = event(request, event_id)
    listed = [
        r
        for r in attempt(lambda: queries.registrations(engine_of(request), event_id))
        if r["status"] == "confirmed"
    ]
    data = {"event": found, "registrations": listed}
    return respond(request, "event_attendance.html", data, code, **extra)


@page(router, "/events/{event_id}/attendance")
def attendance_page(
    request: Request, event_id: str, account: Account = Depends(manager)
) -> Response:
    return _attendance_page(request, event_id)


@router.post(
    "/events/{event_id}/attendance", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def mark_attendance(
    request: Request,
    event_id: str,
    attended: Annotated[list[str], Form(max_length=20)] = [],  # noqa: B006 - FastAPI copies it
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        ids = []
        for text in attended:
            number = whole(text, _l("attended"))
            if number is None:
                raise EventError(_l("attended: %(value)r is not a registration", value=text))
            ids.append(number)
        done = attendance.mark_attendance.perform(engine_of(request), account.name, event_id, ids)
        return {
            "attended": done.attended,
            "recorded": done.recorded,
            "removed": done.removed,
            "event": event(request, event_id),
        }

    def again(**extra: Any) -> Response:
        return _attendance_page(request, event_id, **extra)

    def done(result: dict[str, Any]) -> Response:
        message = _l(
            "%(count)s marked as present; %(recorded)s counted in the participation data.",
            count=result["attended"],
            recorded=len(result["recorded"]),
        )
        return _attendance_page(request, event_id, done=message)

    return answer(request, work, again, shown=done)


def _event_page(request: Request, event_id: str, code: int = 200, **extra: Any) -> Response:
    found = event(request, event_id)
    account = current_user(request)
    mine = queries.own_registrations(engine_of(request), event_id, account.id) if account else []
    choices = queries.form_choices(engine_of(request)) if account else {}
    address = queries.account_email(engine_of(request), account.id) if account else None
    links = feedback_links(engine_of(request), found["feedback_survey"], account)
    return respond(
        request,
        "event.html",
        {"event": found, "feedback": links},
        code,
        mine=mine,
        choices=choices,
        address=address,
        **extra,
    )


@page(router, "/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    return _event_page(request, event_id)


def _again(request: Request, event_id: str) -> Any:
    def again(**extra: Any) -> Response:
        return _event_page(request, event_id, **extra)

    return again


@router.post(
    "/events/{event_id}/register", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def register(
    request: Request,
    event_id: str,
    name: Short,
    category: Short,
    email: Short = "",
    organisation: Short = "",
    member: Short = "",
    person: Short = "",
    country: Short = "",
    account: Account = Depends(registrant),
) -> Response:
    def work() -> dict[str, Any]:
        entry = RegistrationInput(
            name,
            email,
            category.strip(),
            organisation.strip() or None,
            member.strip() or None,
            person.strip() or None,
            country.strip().upper() or None,
        )
        done = operations.register.perform(
            engine_of(request),
            account.name,
            event_id,
            entry,
            account.id,
            for_others=account.can("events.manage"),
        )
        return {"registration_id": done.registration_id, "status": done.status}

    return answer(
        request, work, _again(request, event_id), 201, then=lambda _: f"/events/{quote(event_id)}"
    )


@router.post(
    "/events/{event_id}/registrations/{registration_id}/cancel",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def cancel(
    request: Request,
    event_id: str,
    registration_id: int,
    account: Account = Depends(registrant),
) -> Response:
    def work() -> dict[str, Any]:
        done = operations.cancel.perform(
            engine_of(request), account.name, registration_id, acting_user(account), event_id
        )
        return {"registration_id": done.registration_id, "promoted": done.promoted}

    return answer(
        request, work, _again(request, event_id), then=lambda _: f"/events/{quote(event_id)}"
    )


@router.post(
    "/events/{event_id}/materials", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def add_material(
    request: Request,
    event_id: str,
    title: Short,
    url: Annotated[str, Form(max_length=1000)],
    language: Short = "",
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        operations.add_material.perform(
            engine_of(request), account.name, event_id, title, url, language.strip() or None
        )
        return event(request, event_id)

    return answer(
        request, work, _again(request, event_id), 201, then=lambda _: f"/events/{quote(event_id)}"
    )


@router.post(
    "/events/{event_id}/feedback", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def feedback_survey(
    request: Request,
    event_id: str,
    deadline: Short,
    named: Short = "",
    account: Account = Depends(manager),
) -> Response:
    event(request, event_id)

    def work() -> dict[str, Any]:
        sent = feedback.create_feedback_survey.perform(
            engine_of(request),
            account.name,
            event_id,
            day(deadline, _l("deadline")) or date.today(),
            None,
            not named,
        )
        return {"survey_id": sent.survey_id, "invited": sent.invited, "queued": sent.queued}

    return answer(
        request, work, _again(request, event_id), 201, then=lambda _: f"/events/{quote(event_id)}"
    )
