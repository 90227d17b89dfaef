"""Meetings, members and people in the browser and the API: lists with filters, a page at a
time, each item's page; every page also JSON.

Meetings and members are public record. People are persons: their list and pages are for the
roles holding ``registry.people`` (officers, analysts, admins), gender and birth year only for
those holding ``registry.people.personal`` (analysts, admins); a meeting's or a member's page
names the persons only to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from stdgap.http.api import OBJECT, PAGE, Text
from stdgap.http.auth import current_user, engine_of, require
from stdgap.http.pages import page
from stdgap.http.paging import pager
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.registry import meetings, members, people
from stdgap.registry.filters import MEETING_KINDS, MEMBER_TYPES, FilterError, Filters
from stdgap.registry.permissions import PERSONAL, PERSONS

router = APIRouter()
api = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
persons_only = require(PERSONS)
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")]
Id = Annotated[str, Path(min_length=1, max_length=300)]
Lister = Callable[[Engine, Filters, int, int], tuple[int, list[dict[str, Any]]]]


def _may(request: Request, permission: str) -> bool:
    account = current_user(request)
    return account is not None and account.can(permission)


def _filters(**given: str | None) -> Filters:
    try:
        return Filters.of(**given)
    except FilterError as error:
        raise Problem(422, error.args[0], "bad-filter") from None


def _listing(
    request: Request, lister: Lister, filters: Filters, limit: int, offset: int
) -> dict[str, Any]:
    total, items = lister(engine_of(request), filters, limit, offset)
    return {
        "filters": filters.given(),
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": items,
    }


def _list_page(request: Request, template: str, data: dict[str, Any]) -> Response:
    paging = pager(request, data["total"], data["limit"], data["offset"])
    return respond(
        request,
        template,
        data,
        pager=paging,
        kinds=MEETING_KINDS,
        types=MEMBER_TYPES,
        persons=_may(request, PERSONS),
    )


def _found(found: dict[str, Any] | None, message: Any) -> dict[str, Any]:
    if found is None:
        raise Problem(404, message, "not-found")
    return found


def _meeting(request: Request, meeting_id: str) -> dict[str, Any]:
    found = meetings.meeting(engine_of(request), meeting_id, _may(request, PERSONS))
    return _found(found, _l("no meeting %(id)r", id=meeting_id))


def _member(request: Request, member_id: str) -> dict[str, Any]:
    found = members.member(engine_of(request), member_id, _may(request, PERSONS))
    return _found(found, _l("no member %(id)r", id=member_id))


def _person(request: Request, person_id: str) -> dict[str, Any]:
    found = people.person(engine_of(request), person_id, _may(request, PERSONAL))
    return _found(found, _l("no person %(id)r", id=person_id))


def _people_lister(request: Request) -> Lister:
    personal = _may(request, PERSONAL)

    def lister(engine: Engine, filters: Filters, limit: int, offset: int) -> Any:
        return people.list_people(engine, filters, limit, offset, personal)

    return lister


@page(router, "/meetings")
def meetings_page(
    request: Request,
    year: Text = None,
    group: Text = None,
    country: Text = None,
    kind: Text = None,
    member: Text = None,
    search: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = _filters(
        year=year, group=group, country=country, kind=kind, member=member, search=search
    )
    data = _listing(request, meetings.list_meetings, filters, limit, offset)
    return _list_page(request, "meetings.html", data)


@page(router, "/meetings/{meeting_id}")
def meeting_page(request: Request, meeting_id: Id) -> Response:
    data = _meeting(request, meeting_id)
    return respond(request, "meeting.html", data, persons=_may(request, PERSONS))


@page(router, "/members")
def members_page(
    request: Request,
    year: Text = None,
    group: Text = None,
    country: Text = None,
    member_type: Text = None,
    search: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = _filters(
        year=year, group=group, country=country, member_type=member_type, search=search
    )
    data = _listing(request, members.list_members, filters, limit, offset)
    return _list_page(request, "members.html", data)


@page(router, "/members/{member_id}")
def member_page(request: Request, member_id: Id) -> Response:
    data = _member(request, member_id)
    return respond(request, "member.html", data, persons=_may(request, PERSONS))


@page(router, "/people")
def people_page(
    request: Request,
    year: Text = None,
    group: Text = None,
    country: Text = None,
    member_type: Text = None,
    member: Text = None,
    search: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(persons_only),
) -> Response:
    filters = _filters(
        year=year,
        group=group,
        country=country,
        member_type=member_type,
        member=member,
        search=search,
    )
    data = _listing(request, _people_lister(request), filters, limit, offset)
    return _list_page(request, "people.html", data)


@page(router, "/people/{person_id}")
def person_page(
    request: Request, person_id: Id, account: Account = Depends(persons_only)
) -> Response:
    data = _person(request, person_id)
    return respond(request, "person.html", data, personal=_may(request, PERSONAL))


@api.get("/meetings", responses=PAGE, summary="Meetings, the latest first (public record)")
def meetings_api(
    request: Request,
    year: Text = None,
    group: Text = None,
    country: Text = None,
    kind: Text = None,
    member: Text = None,
    search: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = _filters(
        year=year, group=group, country=country, kind=kind, member=member, search=search
    )
    return DataResponse(_listing(request, meetings.list_meetings, filters, limit, offset))


@api.get("/meetings/{meeting_id}", responses=OBJECT, summary="A meeting")
def meeting_api(request: Request, meeting_id: Id) -> Response:
    return DataResponse(_meeting(request, meeting_id))


@api.get("/members", responses=PAGE, summary="Members (public record)")
def members_api(
    request: Request,
    year: Text = None,
    group: Text = None,
    country: Text = None,
    member_type: Text = None,
    search: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = _filters(
        year=year, group=group, country=country, member_type=member_type, search=search
    )
    return DataResponse(_listing(request, members.list_members, filters, limit, offset))


@api.get("/members/{member_id}", responses=OBJECT, summary="A member")
def member_api(request: Request, member_id: Id) -> Response:
    return DataResponse(_member(request, member_id))


@api.get("/people", responses=PAGE, summary="People (officers, analysts, admins)")
def people_api(
    request: Request,
    year: Text = None,
    group: Text = None,
    country: Text = None,
    member_type: Text = None,
    member: Text = None,
    search: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(persons_only),
) -> Response:
    filters = _filters(
        year=year,
        group=group,
        country=country,
        member_type=member_type,
        member=member,
        search=search,
    )
    return DataResponse(_listing(request, _people_lister(request), filters, limit, offset))


@api.get("/people/{person_id}", responses=OBJECT, summary="A person (officers, analysts, admins)")
def person_api(
    request: Request, person_id: Id, account: Account = Depends(persons_only)
) -> Response:
    return DataResponse(_person(request, person_id))
