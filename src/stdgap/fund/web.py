"""The fund in the browser (every page also JSON): ``/fund`` the balances (the public sees
totals by programme; officers, analysts and admins every earmark), ``/fund/donors`` the donor
report, ``/fund/ledger`` the transactions with the forms to record and approve, ``/fund/statement``
the annual statement with the principles of spending and its downloads. The API is
``/api/v1/fund``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from stdgap.fund import ledger, queries, statement
from stdgap.fund.errors import Conflict, FundError, NotFound
from stdgap.fund.vocabulary import DONOR_KINDS, KINDS, PROGRAMMES, REFERENCE_KINDS, STATES
from stdgap.http.api import OBJECT
from stdgap.http.auth import current_user, engine_of, require
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse, add_globals, respond
from stdgap.i18n.translate import LazyText, Message, _l
from stdgap.permissions import Account
from stdgap.reference.vocabulary import ITU_REGIONS

__all__ = ["api", "router"]

router = APIRouter()
api = APIRouter(prefix="/api/v1/fund", responses=PROBLEM_RESPONSES)
recorder = require("fund.record")
approver = require("fund.approve")
reader = require("fund.read")
Short = Annotated[str, Form(max_length=300)]
Text = Annotated[str, Form(max_length=2000)]
add_globals(
    fund_kinds=KINDS,
    fund_states=STATES,
    fund_programmes=PROGRAMMES,
    fund_references=REFERENCE_KINDS,
    fund_donor_kinds=DONOR_KINDS,
)
DOWNLOADS = ("docx", "pdf", "xlsx")


def plain(value: Any) -> Any:
    """Dataclasses, Decimals (as exact text) and dates as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _message(error: Exception) -> Message:
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


def problem(error: FundError) -> Problem:
    if isinstance(error, NotFound):
        return Problem(404, _message(error), "not-found")
    if isinstance(error, Conflict):
        return Problem(409, _message(error), "conflict")
    return Problem(422, _message(error), "refused")


def attempt(work: Callable[[], Any]) -> Any:
    try:
        return work()
    except FundError as error:
        raise problem(error) from None


def _may(request: Request, permission: str) -> bool:
    account = current_user(request)
    return account is not None and account.can(permission)


def _year(text: str) -> int:
    if not text.strip():
        return date.today().year
    if not (text.strip().isdigit() and 2000 <= int(text) <= 2100):
        raise Problem(
            422, _l("year: %(value)r is not a year from 2000 to 2100", value=text), "bad-year"
        )
    return int(text)


def _balances(request: Request) -> dict[str, Any]:
    found = queries.balances(engine_of(request))
    full = _may(request, "fund.read")
    return {
        "currency": found.currency,
        "programmes": plain(found.programmes),
        "total": plain(found.total),
        "earmarks": plain(found.earmarks) if full else None,
    }


def _page(
    request: Request, template: str, data: dict[str, Any], code: int = 200, **extra: Any
) -> Response:
    return respond(request, template, data, code, regions=ITU_REGIONS, **extra)


@page(router, "/fund")
def fund_page(request: Request) -> Response:
    return _page(request, "fund.html", _balances(request))


def _donors(request: Request) -> dict[str, Any]:
    return {"donors": plain(queries.donor_reports(engine_of(request)))}


@page(router, "/fund/donors")
def donors_page(request: Request, account: Account = Depends(reader)) -> Response:
    return _page(request, "fund_donors.html", _donors(request))


def _ledger(request: Request, state: str = "") -> dict[str, Any]:
    chosen = state if state in STATES else None
    rows = queries.ledger(engine_of(request), 500, chosen)
    with engine_of(request).connect() as connection:
        earmarks = [row.key for row in queries.earmarks(connection)]
    return {"state": chosen, "transactions": plain(rows), "earmarks": earmarks}


@page(router, "/fund/ledger")
def ledger_page(request: Request, state: str = "", account: Account = Depends(reader)) -> Response:
    return _page(request, "fund_ledger.html", _ledger(request, state[:10]))


def _statement(request: Request, year: int) -> dict[str, Any]:
    found = queries.statement(engine_of(request), year)
    data: dict[str, Any] = plain(found)
    data["reconciles"] = all(line.reconciles for line in found.lines) and found.total.reconciles
    data["differences"] = {
        line.key: str(line.difference)
        for line in [*found.lines, found.total]
        if not line.reconciles
    }
    return data


@page(router, "/fund/statement")
def statement_page(
    request: Request, year: str = "", account: Account = Depends(reader)
) -> Response:
    return _page(
        request, "fund_statement.html", _statement(request, _year(year[:10])), downloads=DOWNLOADS
    )


def _download(report: Any, fmt: str, name: str) -> Response:
    content = attempt(lambda: statement.render(report, fmt))
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return Response(content, media_type=statement.FORMATS[fmt], headers=headers)


@router.get("/fund/statement/{year}.{fmt}", include_in_schema=False)
def statement_file(
    request: Request,
    year: Annotated[str, Path(max_length=4)],
    fmt: Annotated[str, Path(max_length=5)],
    account: Account = Depends(reader),
) -> Response:
    if fmt not in DOWNLOADS:
        raise Problem(404, _l("no such download"), "not-found")
    chosen = _year(year)
    report = statement.statement_report(engine_of(request), chosen)[0]
    return _download(report, fmt, f"fund-statement-{chosen}")


@router.get("/fund/donor-report.{fmt}", include_in_schema=False)
def donor_file(
    request: Request, fmt: Annotated[str, Path(max_length=5)], account: Account = Depends(reader)
) -> Response:
    if fmt not in DOWNLOADS:
        raise Problem(404, _l("no such download"), "not-found")
    return _download(statement.donor_report(engine_of(request)), fmt, "fund-donor-report")


def _form(
    request: Request,
    work: Callable[[], Any],
    again: Callable[..., Response],
    then: str,
    status: int = 201,
) -> Response:
    """Do ``work()``: JSON answers its result; a form goes to ``then`` (or its page again with
    the refusal, the fields kept)."""
    try:
        result = work()
    except FundError as error:
        found = problem(error)
        if wants_json(request):
            raise found from None
        return again(code=found.status, error=found.detail)
    if wants_json(request):
        return DataResponse(plain(result), status_code=status)
    return RedirectResponse(then, status_code=303)


def _ledger_again(request: Request, form: dict[str, str]) -> Callable[..., Response]:
    def again(code: int = 200, error: Message | None = None) -> Response:
        return _page(request, "fund_ledger.html", _ledger(request), code, error=error, form=form)

    return again


def _blank(text: str) -> str | None:
    return text.strip() or None


def _number(text: str, field: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit() or len(text.strip()) > 12:
        raise FundError(
            _l("%(field)s: %(value)r is not a transaction number", field=field, value=text)
        )
    return int(text.strip())


def _day(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FundError(_l("day: %(value)r is not a date (YYYY-MM-DD)", value=text)) from None


def record(engine: Any, who: str, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Record a movement of ``kind`` (pledge, receipt, reservation, spending) from its fields."""
    f = fields
    if kind == "pledge":
        number = ledger.pledge.perform(
            engine,
            who,
            f["donor"],
            f["earmark"],
            f["amount"],
            f.get("currency"),
            f.get("rate"),
            f.get("day"),
            f.get("note"),
        )
        return {"transaction": number, "state": "posted"}
    if kind == "receipt":
        number = ledger.receive.perform(
            engine,
            who,
            f["donor"],
            f["earmark"],
            f["amount"],
            f.get("currency"),
            f.get("rate"),
            f.get("day"),
            f.get("pledge"),
            f.get("note"),
        )
        return {"transaction": number, "state": "posted"}
    if kind == "reservation":
        number = ledger.reserve.perform(
            engine,
            who,
            f["earmark"],
            f["amount"],
            f.get("reference_kind") or "other",
            f.get("reference"),
            f.get("day"),
            f.get("note"),
        )
        return {"transaction": number, "state": "posted"}
    if kind == "spending":
        found = ledger.spend.perform(
            engine,
            who,
            f["earmark"],
            f["amount"],
            f.get("reference_kind") or "other",
            f.get("reference"),
            f.get("country"),
            f.get("day"),
            f.get("reservation"),
            f.get("note"),
        )
        return {"transaction": found.number, "state": found.state}
    raise FundError(
        _l("kind %(kind)r is not one of pledge, receipt, reservation, spending", kind=kind)
    )


@router.post("/fund/transactions", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def record_form(
    request: Request,
    kind: Short,
    earmark: Short,
    amount: Short,
    donor: Short = "",
    currency: Short = "",
    rate: Short = "",
    reference_kind: Short = "",
    reference: Short = "",
    country: Short = "",
    reservation: Short = "",
    pledge: Short = "",
    day: Short = "",
    note: Text = "",
    account: Account = Depends(recorder),
) -> Response:
    form = {
        "kind": kind,
        "earmark": earmark,
        "amount": amount,
        "donor": donor,
        "currency": currency,
        "rate": rate,
        "reference_kind": reference_kind,
        "reference": reference,
        "country": country,
        "reservation": reservation,
        "pledge": pledge,
        "day": day,
        "note": note,
    }

    def work() -> dict[str, Any]:
        fields = {
            "donor": donor.strip(),
            "earmark": earmark.strip(),
            "amount": amount,
            "currency": _blank(currency),
            "rate": _blank(rate),
            "reference_kind": _blank(reference_kind),
            "reference": _blank(reference),
            "country": _blank(country),
            "reservation": _number(reservation, "reservation"),
            "pledge": _number(pledge, "pledge"),
            "day": _day(day),
            "note": _blank(note),
        }
        return record(engine_of(request), account.name, kind.strip(), fields)

    return _form(request, work, _ledger_again(request, form), "/fund/ledger")


@router.post(
    "/fund/transactions/{number}/reversal",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def reverse_form(
    request: Request,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    reason: Text = "",
    account: Account = Depends(recorder),
) -> Response:
    def work() -> dict[str, Any]:
        return {
            "transaction": ledger.reverse.perform(engine_of(request), account.name, number, reason),
            "state": "pending",
        }

    return _form(request, work, _ledger_again(request, {}), "/fund/ledger?state=pending")


@router.post(
    "/fund/transactions/{number}/approval",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def approve_form(
    request: Request,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    reject: Text = "",
    account: Account = Depends(approver),
) -> Response:
    def work() -> dict[str, Any]:
        if reject.strip():
            ledger.reject.perform(engine_of(request), account.name, number, reject)
            return {"transaction": number, "state": "refused"}
        ledger.approve.perform(engine_of(request), account.name, number)
        return {"transaction": number, "state": "posted"}

    return _form(request, work, _ledger_again(request, {}), "/fund/ledger", 200)


def _donors_again(request: Request, form: dict[str, str]) -> Callable[..., Response]:
    def again(code: int = 200, error: Message | None = None) -> Response:
        return _page(request, "fund_donors.html", _donors(request), code, error=error, form=form)

    return again


@router.post("/fund/donors", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def donor_form(
    request: Request,
    name: Short,
    kind: Short = "other",
    member: Short = "",
    account: Account = Depends(recorder),
) -> Response:
    def work() -> dict[str, Any]:
        return {
            "donor": ledger.add_donor.perform(
                engine_of(request), account.name, name, kind.strip(), _blank(member)
            )
        }

    return _form(
        request,
        work,
        _donors_again(request, {"name": name, "kind": kind, "member": member}),
        "/fund/donors",
    )


@router.post("/fund/earmarks", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def earmark_form(
    request: Request,
    key: Short,
    programme: Short,
    region: Short = "",
    title: Short = "",
    account: Account = Depends(recorder),
) -> Response:
    def again(code: int = 200, error: Message | None = None) -> Response:
        form = {"key": key, "programme": programme, "region": region, "title": title}
        return _page(request, "fund.html", _balances(request), code, error=error, form=form)

    def work() -> dict[str, Any]:
        return {
            "earmark": ledger.add_earmark.perform(
                engine_of(request),
                account.name,
                key,
                programme.strip(),
                _blank(region),
                _blank(title),
            )
        }

    return _form(request, work, again, "/fund")


# The API ----------------------------------------------------------------------------------


@api.get(
    "/balances",
    responses=OBJECT,
    summary="Balances: totals by programme (everyone), every earmark (officers, analysts)",
)
def api_balances(request: Request) -> Response:
    return DataResponse(_balances(request))


@api.get("/donors", responses=OBJECT, summary="The donor report (officers, analysts)")
def api_donors(request: Request, account: Account = Depends(reader)) -> Response:
    return DataResponse(_donors(request))


@api.get(
    "/ledger",
    responses=OBJECT,
    summary="The latest transactions with their entries (officers, analysts)",
)
def api_ledger(
    request: Request,
    state: Annotated[str, Query(max_length=10)] = "",
    account: Account = Depends(reader),
) -> Response:
    return DataResponse(_ledger(request, state))


@api.get(
    "/statement", responses=OBJECT, summary="The annual statement (format: json, docx, pdf, xlsx)"
)
def api_statement(
    request: Request,
    year: Annotated[str, Query(max_length=4)] = "",
    format: Annotated[str, Query(max_length=5)] = "json",
    account: Account = Depends(reader),
) -> Response:
    chosen = _year(year)
    if format == "json":
        return DataResponse(_statement(request, chosen))
    if format not in DOWNLOADS:
        raise Problem(
            422,
            _l("format: '%(value)s' is not one of json, docx, pdf, xlsx", value=format),
            "bad-format",
        )
    return _download(
        statement.statement_report(engine_of(request), chosen)[0],
        format,
        f"fund-statement-{chosen}",
    )


class DonorIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    kind: str = Field("other", max_length=20, description="member_state, sector_member or other")
    member: str | None = Field(None, max_length=300, description="The registry member's id")


@api.post(
    "/donors",
    status_code=201,
    responses=OBJECT,
    summary="Add a donor",
    dependencies=[Depends(csrf_protect)],
)
def api_add_donor(
    request: Request, body: DonorIn, account: Account = Depends(recorder)
) -> Response:
    number = attempt(
        lambda: ledger.add_donor.perform(
            engine_of(request), account.name, body.name, body.kind, body.member
        )
    )
    return DataResponse({"donor": number}, status_code=201)


class EarmarkIn(BaseModel):
    key: str = Field(min_length=1, max_length=60)
    programme: str = Field(
        max_length=20, description="fellowships, events, interpretation, mentorship, general"
    )
    region: str | None = Field(None, max_length=20)
    title: str | None = Field(None, max_length=200)


@api.post(
    "/earmarks",
    status_code=201,
    responses=OBJECT,
    summary="Add an earmark",
    dependencies=[Depends(csrf_protect)],
)
def api_add_earmark(
    request: Request, body: EarmarkIn, account: Account = Depends(recorder)
) -> Response:
    number = attempt(
        lambda: ledger.add_earmark.perform(
            engine_of(request), account.name, body.key, body.programme, body.region, body.title
        )
    )
    return DataResponse({"earmark": number}, status_code=201)


class MovementIn(BaseModel):
    kind: str = Field(max_length=20, description="pledge, receipt, reservation or spending")
    earmark: str = Field(min_length=1, max_length=60)
    amount: str = Field(
        min_length=1, max_length=30, description="A decimal, as text (never a float)"
    )
    donor: str = Field("", max_length=300)
    currency: str | None = Field(None, max_length=3)
    rate: str | None = Field(None, max_length=30)
    reference_kind: str | None = Field(None, max_length=20)
    reference: str | None = Field(None, max_length=100)
    country: str | None = Field(None, max_length=3)
    reservation: int | None = Field(None, ge=1, le=2**31 - 1)
    pledge: int | None = Field(None, ge=1, le=2**31 - 1)
    day: date | None = None
    note: str | None = Field(None, max_length=2000)


@api.post(
    "/transactions",
    status_code=201,
    responses=OBJECT,
    summary="Record a pledge, receipt, reservation or spending",
    dependencies=[Depends(csrf_protect)],
)
def api_record(
    request: Request, body: MovementIn, account: Account = Depends(recorder)
) -> Response:
    found = attempt(lambda: record(engine_of(request), account.name, body.kind, body.model_dump()))
    return DataResponse(found, status_code=201)


class ReversalIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


@api.post(
    "/transactions/{number}/reversal",
    status_code=201,
    responses=OBJECT,
    summary="Ask for a transaction's reversal",
    dependencies=[Depends(csrf_protect)],
)
def api_reverse(
    request: Request,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: ReversalIn,
    account: Account = Depends(recorder),
) -> Response:
    found = attempt(
        lambda: ledger.reverse.perform(engine_of(request), account.name, number, body.reason)
    )
    return DataResponse({"transaction": found, "state": "pending"}, status_code=201)


class ApprovalIn(BaseModel):
    reject: str | None = Field(None, max_length=2000, description="Refuse it, with this reason")


@api.post(
    "/transactions/{number}/approval",
    responses=OBJECT,
    summary="Approve (or reject) a pending spending or reversal",
    dependencies=[Depends(csrf_protect)],
)
def api_approve(
    request: Request,
    number: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: ApprovalIn,
    account: Account = Depends(approver),
) -> Response:
    if body.reject:
        attempt(
            lambda: ledger.reject.perform(engine_of(request), account.name, number, body.reject)
        )
        return DataResponse({"transaction": number, "state": "refused"})
    attempt(lambda: ledger.approve.perform(engine_of(request), account.name, number))
    return DataResponse({"transaction": number, "state": "posted"})
