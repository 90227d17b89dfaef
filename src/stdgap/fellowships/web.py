"""Fellowships in the browser and the API, for officers and the public: the calls (public, with
filters); opening a call for a meeting chosen from a list, adjusting its budget, caps and
deadline; a call's applications; the allocation — a dry run that shows every decision with the
rule that decides it, then the confirmed one, stored through the write door. The applicants'
pages are in :mod:`.web_apply`, the follow-up of fellows in :mod:`.web_followup`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from stdgap.fellowships import attendance, calls, operations, queries, web_apply, web_followup
from stdgap.fellowships.forms import FormError, form_date, form_int, form_share, refused
from stdgap.fellowships.operations import AllocationResult
from stdgap.fellowships.reasons import RULES
from stdgap.fund import queries as fund_queries
from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import engine_of, require
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError
from stdgap.tabular.errors import ImportFailed

router = APIRouter()
api = APIRouter(prefix="/api/v1/fellowships", responses=PROBLEM_RESPONSES)
manager = require("fellowships.manage")
allocator = require("fellowships.allocate")
CallId = Annotated[str, Path(min_length=1, max_length=100)]
Text = Annotated[str, Form(max_length=200)]
router.include_router(web_apply.router)
router.include_router(web_followup.router)
api.include_router(web_apply.api)
api.include_router(web_followup.api)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def _filter(status: str | None, year: int | None, group: str | None) -> queries.CallFilter:
    if status is not None and status not in queries.STATUSES:
        message = _l("status: use one of %(values)s", values=", ".join(queries.STATUSES))
        raise Problem(422, message, "bad-filter")
    return queries.CallFilter(status, year, group or None)


def _calls(request: Request, chosen: queries.CallFilter) -> list[dict[str, Any]]:
    return [_plain(asdict(call)) for call in queries.list_calls(engine_of(request), chosen)]


def _call(request: Request, call_id: str) -> dict[str, Any]:
    found = queries.list_calls(engine_of(request), queries.CallFilter(call_id=call_id))
    if not found:
        raise Problem(404, _l("no fellowship call %(call)r", call=call_id), "not-found")
    call = _plain(asdict(found[0]))
    call["held"] = found[0].start <= date.today()
    call["applications_list"] = [
        _plain(asdict(d)) for d in queries.decisions(engine_of(request), call_id)
    ]
    return call


def _allocation(result: AllocationResult, confirmed: bool) -> dict[str, Any]:
    return {
        "confirmed": confirmed,
        "optimal": result.optimal,
        "message": result.message,
        "value": result.value,
        "spent": result.spent,
        "budgets": result.budgets,
        "currencies": result.currencies,
        "fellows": result.fellows,
        "min_region_share": result.min_region_share,
        "region_minimum": result.region_minimum,
        "fellows_by_region": result.fellows_by_region,
        "decisions": [
            {k: v for k, v in asdict(d).items() if k != "explanation"} for d in result.decisions
        ],
    }


def allocate(
    request: Request,
    account: Account,
    call_id: str,
    dry_run: bool,
    total_budget: int | None,
    close_now: bool = False,
) -> dict[str, Any]:
    """A dry run (nothing written) or the confirmed allocation of one call (refused while
    applications are open, unless ``close_now`` closes them today)."""
    engine = engine_of(request)
    try:
        if dry_run:
            with engine.connect() as connection:
                result = operations.plan(connection, [call_id], total_budget)
        else:
            result = operations.allocate.perform(
                engine, account.name, [call_id], total_budget, close_now=close_now
            )
    except ProgrammeError as error:
        raise Problem(422, str(error), "bad-allocation") from None
    return _allocation(result, confirmed=not dry_run)


# the calls, public


@page(router, "/fellowships")
def calls_page(
    request: Request,
    status: Annotated[str | None, Query(max_length=20)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    group: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    chosen = _filter(status, year, group)
    rows = _calls(request, chosen)
    filters = {"status": status, "year": year, "group": group}
    return respond(
        request,
        "fellowships.html",
        {"total": len(rows), "calls": rows, "filters": filters},
        statuses=queries.STATUSES,
    )


@api.get("/calls", responses=PAGE, summary="Fellowship calls (filters: status, year, group)")
def calls_api(
    request: Request,
    status: Annotated[str | None, Query(max_length=20)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    group: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    return paginate(_calls(request, _filter(status, year, group)), limit, offset)


# opening a call


def _earmarks(request: Request) -> list[dict[str, str]]:
    """The fund's earmarks a call may reserve from: those of fellowships or of any programme."""
    with engine_of(request).connect() as connection:
        found = fund_queries.earmarks(connection)
    return [
        {"key": e.key, "title": e.title} for e in found if e.programme in {"fellowships", "general"}
    ]


def _new_page(request: Request, status: int = 200, **extra: Any) -> Response:
    meetings = queries.meetings_to_open(engine_of(request))
    data = {
        "meetings": {k: [asdict(c) for c in v] for k, v in meetings.items()},
        "earmarks": _earmarks(request),
    }
    return respond(
        request,
        "fellowship_new.html",
        data,
        status,
        default_currency=calls.DEFAULT_CURRENCY,
        **extra,
    )


@page(router, "/fellowships/new")
def new_call_page(request: Request, account: Account = Depends(manager)) -> Response:
    return _new_page(request)


class CallIn(BaseModel):
    meeting: str = Field(min_length=1, max_length=300, description="The meeting's source id")
    call_id: str | None = Field(None, max_length=100, description="Default: F-<meeting>")
    budget: int = Field(ge=0)
    currency: str = Field(calls.DEFAULT_CURRENCY, min_length=3, max_length=3)
    full_cost: int = Field(ge=0)
    partial_cost: int = Field(ge=0)
    closes: date | None = Field(None, description="The deadline for applications")
    country_units: int | None = Field(None, ge=0)
    person_units: int | None = Field(None, ge=0)
    min_region_share: float | None = Field(None, ge=0, le=1)
    fund_earmark: str | None = Field(
        None, max_length=60, description="The fund earmark the granted cost is reserved from"
    )


def open_call(request: Request, account: Account, body: CallIn) -> str:
    call_id = body.call_id or f"F-{body.meeting}"[: calls.CALL_ID_MAX]
    terms = calls.CallTerms(
        currency=body.currency,
        country_units=body.country_units,
        person_units=body.person_units,
        min_region_share=body.min_region_share,
        fund_earmark=body.fund_earmark,
    )
    calls.add_call.perform(
        engine_of(request),
        account.name,
        call_id,
        body.meeting,
        body.budget,
        body.full_cost,
        body.partial_cost,
        body.closes,
        "default",
        terms,
    )
    return call_id


@router.post(
    "/fellowships",
    include_in_schema=False,
    dependencies=[Depends(manager), Depends(csrf_protect)],
)
def open_call_form(
    request: Request,
    meeting: Text,
    budget: Text,
    full_cost: Text,
    partial_cost: Text,
    call_id: Text = "",
    currency: Text = calls.DEFAULT_CURRENCY,
    closes: Text = "",
    country_units: Text = "",
    person_units: Text = "",
    min_region_share: Text = "",
    fund_earmark: Text = "",
    account: Account = Depends(manager),
) -> Response:
    """The officer's form: a call for the meeting chosen; then the call's page."""
    try:
        body = CallIn(
            meeting=meeting,
            call_id=call_id.strip() or None,
            budget=form_int(budget, "budget"),
            currency=currency.strip() or calls.DEFAULT_CURRENCY,
            full_cost=form_int(full_cost, "full_cost"),
            partial_cost=form_int(partial_cost, "partial_cost"),
            closes=form_date(closes, "closes"),
            country_units=form_int(country_units, "country_units", required=False),
            person_units=form_int(person_units, "person_units", required=False),
            min_region_share=form_share(min_region_share),
            fund_earmark=fund_earmark.strip() or None,
        )
        made = open_call(request, account, body)
    except (FormError, ProgrammeError, ValueError) as error:
        return refused(request, error, lambda **extra: _new_page(request, **extra))
    if wants_json(request):
        return DataResponse({"call_id": made}, status_code=201)
    return RedirectResponse(f"/fellowships/{made}", status_code=303)


@api.post(
    "/calls",
    responses=OBJECT,
    status_code=201,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Open a call for a meeting (officers)",
)
def open_call_api(request: Request, body: CallIn, account: Account = Depends(manager)) -> Response:
    try:
        made = open_call(request, account, body)
    except ProgrammeError as error:
        raise Problem(422, str(error), "bad-call") from None
    return DataResponse(_call(request, made), status_code=201)


# a call: its applications, its terms, its allocation


def _call_page(request: Request, call_id: str, status: int = 200, **extra: Any) -> Response:
    extra.setdefault("result", None)
    return respond(
        request,
        "fellowship_call.html",
        {"call": _call(request, call_id), "earmarks": _earmarks(request)},
        status,
        rules=RULES,
        **extra,
    )


@page(router, "/fellowships/{call_id}")
def call_page(request: Request, call_id: str, account: Account = Depends(manager)) -> Response:
    return _call_page(request, call_id)


@api.get("/calls/{call_id}", responses=OBJECT, summary="A call with its applications (officers)")
def call_api(request: Request, call_id: CallId, account: Account = Depends(manager)) -> Response:
    return DataResponse(_call(request, call_id))


class TermsIn(BaseModel):
    budget: int | None = Field(None, ge=0)
    currency: str | None = Field(None, min_length=3, max_length=3)
    full_cost: int | None = Field(None, ge=0)
    partial_cost: int | None = Field(None, ge=0)
    closes: date | None = None
    country_units: int | None = Field(None, ge=0)
    person_units: int | None = Field(None, ge=0)
    min_region_share: float | None = Field(None, ge=0, le=1)
    fund_earmark: str | None = Field(
        None, max_length=60, description="The fund earmark the granted cost is reserved from"
    )
    clear: list[str] = Field(
        default_factory=list, description="Caps (or fund_earmark) back to none", max_length=5
    )


def adjust(request: Request, account: Account, call_id: str, body: TermsIn) -> dict[str, Any]:
    _call(request, call_id)  # 404 for an unknown call
    terms = calls.CallTerms(
        body.budget,
        body.full_cost,
        body.partial_cost,
        body.closes,
        body.currency,
        body.country_units,
        body.person_units,
        body.min_region_share,
        body.fund_earmark,
    )
    changed = calls.adjust_call.perform(
        engine_of(request), account.name, call_id, terms, tuple(body.clear)
    )
    return _plain(changed)


@router.post(
    "/fellowships/{call_id}/terms",
    include_in_schema=False,
    dependencies=[Depends(manager), Depends(csrf_protect)],
)
def terms_form(
    request: Request,
    call_id: str,
    budget: Text = "",
    currency: Text = "",
    full_cost: Text = "",
    partial_cost: Text = "",
    closes: Text = "",
    country_units: Text = "",
    person_units: Text = "",
    min_region_share: Text = "",
    fund_earmark: Text = "",
    account: Account = Depends(manager),
) -> Response:
    """The officer's adjustments; a blank cap (or fund earmark) goes back to none."""
    try:
        caps = {
            "country_units": form_int(country_units, "country_units", required=False),
            "person_units": form_int(person_units, "person_units", required=False),
            "min_region_share": form_share(min_region_share),
        }
        earmark = fund_earmark.strip() or None
        blank = [name for name, value in {**caps, "fund_earmark": earmark}.items() if value is None]
        body = TermsIn(
            budget=form_int(budget, "budget", required=False),
            currency=currency.strip() or None,
            full_cost=form_int(full_cost, "full_cost", required=False),
            partial_cost=form_int(partial_cost, "partial_cost", required=False),
            closes=form_date(closes, "closes"),
            clear=blank,
            fund_earmark=earmark,
            **caps,
        )
        adjust(request, account, call_id, body)
    except (FormError, ProgrammeError, ValueError) as error:
        return refused(request, error, lambda **extra: _call_page(request, call_id, **extra))
    if wants_json(request):
        return DataResponse(_call(request, call_id))
    return _call_page(request, call_id, done=_l("The call's terms are changed."))


@api.patch(
    "/calls/{call_id}",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Change a call's budget, costs, deadline, currency or caps (officers)",
)
def terms_api(
    request: Request, call_id: CallId, body: TermsIn, account: Account = Depends(manager)
) -> Response:
    try:
        adjust(request, account, call_id, body)
    except ProgrammeError as error:
        raise Problem(422, str(error), "bad-call") from None
    return DataResponse(_call(request, call_id))


def attend(request: Request, account: Account, call_id: str, absent: list[str]) -> dict[str, Any]:
    """The fellows of an allocated call whose meeting was held, as attendance (fellowship)."""
    _call(request, call_id)  # 404 for an unknown call
    try:
        report = attendance.record_attendance.perform(
            engine_of(request), account.name, call_id, frozenset(absent)
        )
    except ImportFailed as failure:  # the pipeline refused a row: say which
        message = "; ".join(str(error) for error in failure.errors[:5])
        raise Problem(422, message, "bad-attendance") from None
    except ProgrammeError as error:
        raise Problem(422, str(error), "bad-attendance") from None
    counts = report.counts.get("attendance")
    return {"call_id": call_id, "fellows": counts.total if counts else 0, "absent": absent}


@router.post(
    "/fellowships/{call_id}/attendance",
    include_in_schema=False,
    dependencies=[Depends(manager), Depends(csrf_protect)],
)
def attendance_form(
    request: Request,
    call_id: str,
    absent: Annotated[list[str], Form(default_factory=list, max_length=1000)],
    account: Account = Depends(manager),
) -> Response:
    """The call page's button, once the meeting was held: the fellows (but those ticked
    absent) become attendance with a fellowship, which the indicators count."""
    done = attend(request, account, call_id, absent)
    if wants_json(request):
        return DataResponse(done, status_code=201)
    message = _l("The attendance of %(fellows)s fellow(s) is recorded.", fellows=done["fellows"])
    return _call_page(request, call_id, done=message)


class AttendanceIn(BaseModel):
    absent: list[str] = Field(
        default_factory=list, max_length=1000, description="Fellows who did not come"
    )


@api.post(
    "/calls/{call_id}/attendance",
    responses=OBJECT,
    status_code=201,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Record the fellows' attendance once the meeting was held (officers)",
)
def attendance_api(
    request: Request, call_id: CallId, body: AttendanceIn, account: Account = Depends(manager)
) -> Response:
    return DataResponse(attend(request, account, call_id, body.absent), status_code=201)


@router.post(
    "/fellowships/{call_id}/allocation",
    include_in_schema=False,
    dependencies=[Depends(allocator), Depends(csrf_protect)],
)
def allocation_form(
    request: Request,
    call_id: str,
    confirm: Annotated[str, Form(max_length=10)] = "",
    close_now: Annotated[str, Form(max_length=10)] = "",
    account: Account = Depends(allocator),
) -> Response:
    """The call page's buttons: "Dry run" shows the decisions; "Confirm" stores them."""
    result = allocate(
        request,
        account,
        call_id,
        dry_run=confirm != "yes",
        total_budget=None,
        close_now=close_now == "yes",
    )
    if wants_json(request):
        return DataResponse(result, status_code=201 if result["confirmed"] else 200)
    return _call_page(request, call_id, result=result)


class AllocationIn(BaseModel):
    dry_run: bool = Field(True, description="Show the decisions without storing them")
    total_budget: int | None = Field(None, ge=0, description="A pooled budget, as well")
    close_now: bool = Field(
        False, description="Close the applications today (a call still open is refused)"
    )


@api.post(
    "/calls/{call_id}/allocation",
    responses=OBJECT,
    dependencies=[Depends(allocator), Depends(csrf_protect)],
    summary="Allocate a call's fellowships: a dry run, or confirmed (officers)",
)
def allocation(
    request: Request,
    call_id: CallId,
    body: AllocationIn,
    account: Account = Depends(allocator),
) -> Response:
    result = allocate(
        request, account, call_id, body.dry_run, body.total_budget, close_now=body.close_now
    )
    return DataResponse(result, status_code=201 if result["confirmed"] else 200)
