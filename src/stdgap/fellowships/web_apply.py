"""Applying for a fellowship in the browser and the API (applicants): the form of a call (the
member one attends for, one's nationality, full or partial, the contributions planned, why),
open until the call's deadline; one's own applications and their decisions, and nobody
else's."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from stdgap.fellowships import queries
from stdgap.fellowships.applications import (
    LABELS,
    REQUESTS,
    Submission,
    application_id,
    submit,
)
from stdgap.fellowships.forms import FormError, form_int, refused
from stdgap.fellowships.reasons import RULES
from stdgap.http.api import OBJECT
from stdgap.http.auth import engine_of, require
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _, _l
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.queries import country_names
from stdgap.tabular.columns import BirthYear

router = APIRouter()
api = APIRouter(responses=PROBLEM_RESPONSES)
applicant = require("fellowships.apply")
CallId = Annotated[str, Path(min_length=1, max_length=100)]
Short = Annotated[str, Form(max_length=300)]
Long = Annotated[str, Form(max_length=5000)]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value.isoformat() if isinstance(value, date) else value


def _own(request: Request, account: Account) -> list[dict[str, Any]]:
    return [_plain(asdict(a)) for a in queries.own_applications(engine_of(request), account.id)]


@page(router, "/fellowships/mine")
def own_page(request: Request, account: Account = Depends(applicant)) -> Response:
    rows = _own(request, account)
    return respond(
        request, "fellowship_mine.html", {"total": len(rows), "applications": rows}, rules=RULES
    )


@api.get("/applications", summary="One's own applications and their decisions (applicants)")
def own_api(request: Request, account: Account = Depends(applicant)) -> Response:
    rows = _own(request, account)
    return DataResponse({"total": len(rows), "items": rows})


def _open_call(request: Request, call_id: str) -> dict[str, Any]:
    found = queries.list_calls(engine_of(request), queries.CallFilter(call_id=call_id))
    if not found:
        raise Problem(404, _l("no fellowship call %(call)r", call=call_id), "not-found")
    call: dict[str, Any] = _plain(asdict(found[0]))
    return call


def _apply_page(
    request: Request,
    account: Account,
    call_id: str,
    status: int = 200,
    given: dict[str, Any] | None = None,
    **extra: Any,
) -> Response:
    """The form, filled with the application made (or with ``given``: what was just sent and
    refused)."""
    call = _open_call(request, call_id)
    mine = application_id(call_id, account.name, account.id)
    current = next(
        (
            a["application"]
            for a in _own(request, account)
            if a["application"]["application_id"] == mine
        ),
        None,
    )
    engine = engine_of(request)
    countries = sorted(
        (
            {"value": alpha3, "label": name}
            for alpha3, (_m49, name) in country_names(engine).items()
        ),
        key=lambda choice: choice["label"],
    )
    members = [asdict(choice) for choice in queries.members_to_choose(engine)]
    data = {"call": call, "application": current, "members": members, "countries": countries}
    return respond(
        request,
        "fellowship_apply.html",
        data,
        status,
        requests=REQUESTS,
        applied=current is not None,
        shown=given or current,
        **extra,
    )


@page(router, "/fellowships/{call_id}/apply")
def apply_page(request: Request, call_id: str, account: Account = Depends(applicant)) -> Response:
    return _apply_page(request, account, call_id)


class ApplicationIn(BaseModel):
    member_id: str = Field(min_length=1, max_length=300, description="The member attended for")
    country: str = Field(min_length=2, max_length=200, description="One's nationality")
    request: str = Field("either", pattern="^(full|partial|either)$")
    contributions: int = Field(0, ge=0, le=1000, description="Written contributions planned")
    plans: str | None = Field(None, max_length=5000, description="The contributions planned")
    motivation: str | None = Field(None, max_length=5000)
    gender: str | None = Field(None, pattern="^[FMX]$")
    birth_year: BirthYear | None = None


def _submit(request: Request, account: Account, call_id: str, body: ApplicationIn) -> str:
    _open_call(request, call_id)  # 404 for an unknown call
    form = Submission(**body.model_dump())
    return submit.perform(engine_of(request), account.name, call_id, account.id, account.name, form)


def _labelled(error: ValidationError) -> str:
    """The first refused field of the form, named by its label."""
    detail = error.errors()[0]
    field = str(detail["loc"][0]) if detail.get("loc") else ""
    name = _(LABELS[field]) if field in LABELS else field
    return f"{name}: {detail.get('msg', '')}"


@router.post(
    "/fellowships/{call_id}/apply",
    include_in_schema=False,
    dependencies=[Depends(applicant), Depends(csrf_protect)],
)
def apply_form(
    request: Request,
    call_id: str,
    member_id: Short,
    country: Short,
    request_kind: Annotated[str, Form(alias="request", max_length=10)] = "either",
    contributions: Short = "0",
    plans: Long = "",
    motivation: Long = "",
    gender: Short = "",
    birth_year: Short = "",
    account: Account = Depends(applicant),
) -> Response:
    """The applicant's form; then their applications, this one among them. A refused form
    comes back with what was given and the reason, in the words of its labels."""
    given = {
        "member": member_id,
        "nationality": country,
        "request": request_kind,
        "contributions": contributions,
        "plans": plans,
        "motivation": motivation,
    }
    try:
        try:
            body = ApplicationIn(
                member_id=member_id.strip(),
                country=country.strip(),
                request=request_kind,
                contributions=form_int(contributions or "0", _(LABELS["contributions"])) or 0,
                plans=plans or None,
                motivation=motivation or None,
                gender=gender.strip().upper() or None,
                birth_year=form_int(birth_year, _(LABELS["birth_year"]), required=False),
            )
        except ValidationError as error:
            raise FormError(_labelled(error)) from None
        made = _submit(request, account, call_id, body)
    except (FormError, ProgrammeError, ValueError) as error:
        return refused(
            request,
            error,
            lambda **extra: _apply_page(request, account, call_id, given=given, **extra),
        )
    if wants_json(request):
        return DataResponse({"application_id": made}, status_code=201)
    return RedirectResponse("/fellowships/mine", status_code=303)


@api.post(
    "/calls/{call_id}/applications",
    responses=OBJECT,
    status_code=201,
    dependencies=[Depends(applicant), Depends(csrf_protect)],
    summary="Apply for a fellowship to a call, or change one's application (applicants)",
)
def apply_api(
    request: Request, call_id: CallId, body: ApplicationIn, account: Account = Depends(applicant)
) -> Response:
    try:
        made = _submit(request, account, call_id, body)
    except ProgrammeError as error:
        raise Problem(422, str(error), "bad-application") from None
    return DataResponse({"application_id": made, "call_id": call_id}, status_code=201)
