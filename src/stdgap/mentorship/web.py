"""Mentorship in the browser (every page also JSON, every form also answers JSON):

- ``/mentorship``: the programme; for someone taking part, their profiles and pairs;
- ``/mentorship/register/{mentor|mentee}``: registering (for oneself; officers for someone);
- ``/mentorship/{mentors|mentees}/ID``: a profile, edited by its owner or an officer;
- ``/mentorship/{mentors|mentees}`` (officers): the lists, with filters, also as CSV;
- pairs, sessions, the matching and the follow-up: :mod:`stdgap.mentorship.web_pairs`;
- the API (``/api/v1/mentorship``): :mod:`stdgap.mentorship.api`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from stdgap.http.api import Text
from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.mentorship import queries, registration, web_pairs
from stdgap.mentorship.api import api
from stdgap.mentorship.fields import Role, zones
from stdgap.mentorship.web_common import (
    FormErrors,
    actor_of,
    checked,
    default_cycle,
    manager,
    participant,
    profile_data,
    refused,
    role_of,
)
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.tabular.safe_cells import csv_text

__all__ = ["api", "router"]

router = APIRouter()
#: A form's check boxes, sent only when ticked.
CHECK_BOXES: dict[Role, tuple[str, ...]] = {
    "mentor": ("available",),
    "mentee": ("prefer_same_region",),
}
SAVED = {"registered": _l("Registered."), "saved": _l("Saved.")}


async def form_fields(request: Request) -> dict[str, str]:
    """The text fields of a posted form (the CSRF token aside)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def _values(role: Role, fields: dict[str, str], account: Account) -> dict[str, Any]:
    """A form's fields as a profile's values: blank ones left out, check boxes read."""
    data: dict[str, Any] = {k: v for k, v in fields.items() if v.strip() != ""}
    for name in CHECK_BOXES[role]:
        data[name] = name in fields
    if not account.can("mentorship.manage"):
        data.pop("person_id", None)
        data.pop("user", None)
    return data


def _form(
    request: Request,
    role: Role,
    profile: dict[str, Any] | None,
    status: int = 200,
    **extra: Any,
) -> Response:
    data = {"role": role, "profile": profile}
    return respond(
        request,
        "mentorship_profile.html",
        data,
        status,
        regions=ITU_REGIONS,
        zones=sorted(zones()),
        cycle=profile["cycle"] if profile else default_cycle(request),
        **extra,
    )


@page(router, "/mentorship")
def home_page(request: Request) -> Response:
    account = current_user(request)
    engine = engine_of(request)
    data: dict[str, Any] = {"cycles": queries.cycles(engine), "mine": None, "counts": None}
    if account is not None and account.can("mentorship.take_part"):
        data["mine"] = queries.mine(engine, account.id)
    if account is not None and account.can("mentorship.manage"):
        data["counts"] = queries.counts(engine)
    return respond(request, "mentorship.html", data)


@page(router, "/mentorship/register/{role}")
def register_page(request: Request, role: str, account: Account = Depends(participant)) -> Response:
    return _form(request, role_of(role), None)


@router.post(
    "/mentorship/register/{role}",
    include_in_schema=False,
    dependencies=[Depends(participant), Depends(csrf_protect)],
)
def register(
    request: Request,
    role: str,
    fields: dict[str, str] = Depends(form_fields),
    account: Account = Depends(participant),
) -> Response:
    chosen = role_of(role)
    values = _values(chosen, fields, account)

    def again(status: int, **extra: Any) -> Response:
        return _form(request, chosen, None, status, sent=fields, **extra)

    try:
        profile_id = registration.register.perform(
            engine_of(request), account.name, actor_of(account), chosen, checked(chosen, values)
        )
    except (FormErrors, ProgrammeError) as error:
        return refused(request, error, again)
    found = profile_data(request, account, chosen, profile_id)
    if wants_json(request):
        return DataResponse(found, status_code=201)
    return RedirectResponse(f"/mentorship/{chosen}s/{profile_id}?done=registered", status_code=303)


def _profile_page(
    request: Request, role: str, profile_id: int, account: Account, done: str | None
) -> Response:
    chosen = role_of(role)
    found = profile_data(request, account, chosen, profile_id)
    return _form(request, chosen, found, done=SAVED.get(done or ""))


@page(router, "/mentorship/mentors/{profile_id}")
def mentor_page(
    request: Request, profile_id: int, done: Text = None, account: Account = Depends(participant)
) -> Response:
    return _profile_page(request, "mentor", profile_id, account, done)


@page(router, "/mentorship/mentees/{profile_id}")
def mentee_page(
    request: Request, profile_id: int, done: Text = None, account: Account = Depends(participant)
) -> Response:
    return _profile_page(request, "mentee", profile_id, account, done)


def _edit(
    request: Request, role: Role, profile_id: int, fields: dict[str, str], account: Account
) -> Response:
    current = profile_data(request, account, role, profile_id)
    values = {**_values(role, fields, account), "cycle": current["cycle"]}

    def again(status: int, **extra: Any) -> Response:
        return _form(request, role, current, status, sent=fields, **extra)

    try:
        registration.edit.perform(
            engine_of(request),
            account.name,
            actor_of(account),
            role,
            profile_id,
            checked(role, values),
        )
    except (FormErrors, ProgrammeError) as error:
        return refused(request, error, again)
    if wants_json(request):
        return DataResponse(profile_data(request, account, role, profile_id))
    return RedirectResponse(f"/mentorship/{role}s/{profile_id}?done=saved", status_code=303)


@router.post(
    "/mentorship/mentors/{profile_id}",
    include_in_schema=False,
    dependencies=[Depends(participant), Depends(csrf_protect)],
)
def edit_mentor(
    request: Request,
    profile_id: int,
    fields: dict[str, str] = Depends(form_fields),
    account: Account = Depends(participant),
) -> Response:
    return _edit(request, "mentor", profile_id, fields, account)


@router.post(
    "/mentorship/mentees/{profile_id}",
    include_in_schema=False,
    dependencies=[Depends(participant), Depends(csrf_protect)],
)
def edit_mentee(
    request: Request,
    profile_id: int,
    fields: dict[str, str] = Depends(form_fields),
    account: Account = Depends(participant),
) -> Response:
    return _edit(request, "mentee", profile_id, fields, account)


def filters_of(
    cycle: Text = None,
    study_group: Text = None,
    language: Text = None,
    region: Text = None,
    person: Text = None,
    status: Text = None,
    available: Annotated[bool | None, Query()] = None,
) -> queries.Filters:
    """A list's filters from the query string (blank ones ignored)."""
    return queries.Filters(
        cycle or None,
        study_group or None,
        language or None,
        region or None,
        person or None,
        status or None,
        available,
    )


def _list(request: Request, role: Role, filters: queries.Filters) -> dict[str, Any]:
    rows = queries.profiles(engine_of(request), role, filters)
    return {
        "role": role,
        "filters": {k: v for k, v in vars(filters).items() if v is not None},
        "columns": list(queries.PROFILE_COLUMNS[role]),
        "total": len(rows),
        "items": rows,
    }


def _list_page(request: Request, role: Role, filters: queries.Filters) -> Response:
    data = _list(request, role, filters)
    return respond(
        request,
        "mentorship_list.html",
        data,
        cycles=queries.cycles(engine_of(request)),
        regions=ITU_REGIONS,
        query=request.url.query,
    )


def csv_response(name: str, columns: list[str], rows: list[dict[str, Any]]) -> Response:
    body = csv_text([columns, *[[row.get(c) for c in columns] for row in rows]])
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/mentorship/mentors.csv", include_in_schema=False)
def mentors_csv(
    request: Request,
    filters: queries.Filters = Depends(filters_of),
    account: Account = Depends(manager),
) -> Response:
    data = _list(request, "mentor", filters)
    return csv_response(f"mentors-{date.today().isoformat()}", data["columns"], data["items"])


@router.get("/mentorship/mentees.csv", include_in_schema=False)
def mentees_csv(
    request: Request,
    filters: queries.Filters = Depends(filters_of),
    account: Account = Depends(manager),
) -> Response:
    data = _list(request, "mentee", filters)
    return csv_response(f"mentees-{date.today().isoformat()}", data["columns"], data["items"])


@page(router, "/mentorship/mentors")
def mentors_page(
    request: Request,
    filters: queries.Filters = Depends(filters_of),
    account: Account = Depends(manager),
) -> Response:
    return _list_page(request, "mentor", filters)


@page(router, "/mentorship/mentees")
def mentees_page(
    request: Request,
    filters: queries.Filters = Depends(filters_of),
    account: Account = Depends(manager),
) -> Response:
    return _list_page(request, "mentee", filters)


router.include_router(web_pairs.router)
