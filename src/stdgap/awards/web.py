"""Awards in the browser (every page also JSON, every form also answers JSON): the calls
(public, with the filters of ``stdgap awards calls``), a call's page, and the officers' forms
(a new call, its criteria, its jurors, opening the scoring, publishing). The jury's pages are in
:mod:`stdgap.awards.web_jury`, nominating and the results in :mod:`stdgap.awards.web_nominate`,
the API in :mod:`stdgap.awards.api`."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from stdgap.awards import jury, operations, queries, web_jury, web_nominate
from stdgap.awards.api import api
from stdgap.awards.forms import answer, day, number, whole
from stdgap.awards.models import STATES
from stdgap.awards.service import attempt, call, manager
from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

__all__ = ["api", "router"]

router = APIRouter()
router.include_router(web_jury.router)  # /awards/jury before /awards/{call_id}
Text = Annotated[str, Form(max_length=5000)]
Short = Annotated[str, Form(max_length=300)]


def _calls_page(
    request: Request,
    status: str = "",
    open: bool = False,
    q: str = "",
    code: int = 200,
    **extra: Any,
) -> Response:
    filters = queries.CallFilter(status or None, open, q or None)
    found = attempt(lambda: queries.list_calls(engine_of(request), filters))
    data = {
        "filters": {"status": status or None, "open": open, "q": q or None},
        "total": len(found),
        "calls": [queries.summary_record(summary) for summary in found],
    }
    return respond(request, "awards.html", data, code, states=STATES, **extra)


@page(router, "/awards")
def calls_page(request: Request, status: str = "", open: bool = False, q: str = "") -> Response:
    return _calls_page(request, status[:20], open, q[:200])


@router.post("/awards", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def create_call(
    request: Request,
    call_id: Short,
    name: Short,
    closes: Short,
    description: Text = "",
    max_age: Short = "",
    normalise: Short = "mean",
    country_conflicts: Short = "",
    account: Account = Depends(manager),
) -> Response:
    key = call_id.strip()

    def work() -> dict[str, Any]:
        operations.create_call.perform(
            engine_of(request),
            account.name,
            key,
            name,
            day(closes, _l("deadline")),
            [],
            whole(max_age, _l("age limit")),
            normalise,
            description,
            bool(country_conflicts),
        )
        return call(request, key)

    def again(**extra: Any) -> Response:
        return _calls_page(request, **extra)

    return answer(request, work, again, status=201, then=lambda _: f"/awards/{quote(key)}")


def _call_page(request: Request, call_id: str, code: int = 200, **extra: Any) -> Response:
    found = call(request, call_id)
    account = current_user(request)
    engine = engine_of(request)
    juror = account is not None and any(
        c.call_id == call_id for c in queries.jury_calls(engine, account.name)
    )
    choices = queries.form_choices(engine) if account and account.can("awards.manage") else {}
    return respond(
        request, "award_call.html", {"call": found}, code, juror=juror, choices=choices, **extra
    )


@page(router, "/awards/{call_id}")
def call_page(request: Request, call_id: str) -> Response:
    return _call_page(request, call_id)


def _again(request: Request, call_id: str) -> Any:
    def again(**extra: Any) -> Response:
        return _call_page(request, call_id, **extra)

    return again


@router.post(
    "/awards/{call_id}/criteria", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def add_criterion(
    request: Request,
    call_id: str,
    key: Short,
    name: Short,
    weight: Short,
    min_score: Short = "0",
    max_score: Short = "10",
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        operations.add_criterion.perform(
            engine_of(request),
            account.name,
            call_id,
            key.strip(),
            name,
            number(weight, _l("weight")),
            whole(max_score, _l("highest score")) or 0,
            whole(min_score, _l("lowest score")) or 0,
        )
        return call(request, call_id)

    done = _l("Criterion %(name)s added.", name=name)
    return answer(request, work, _again(request, call_id), lambda _: done, status=201)


@router.post(
    "/awards/{call_id}/jurors", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def appoint_juror(
    request: Request,
    call_id: str,
    user: Short,
    person: Short = "",
    member: Short = "",
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        jury.appoint_juror.perform(
            engine_of(request),
            account.name,
            call_id,
            user.strip(),
            person.strip() or None,
            member.strip() or None,
        )
        return queries.nominations(engine_of(request), call_id)

    done = _l("%(name)s is a juror of this call.", name=user)
    return answer(request, work, _again(request, call_id), lambda _: done, status=201)


@router.post(
    "/awards/{call_id}/scoring", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def open_scoring(request: Request, call_id: str, account: Account = Depends(manager)) -> Response:
    engine = engine_of(request)

    def work() -> dict[str, Any]:
        queued = jury.open_scoring.perform(engine, account.name, call_id)
        warned = queries.unscorable(engine, call_id)
        return {**call(request, call_id), "notified": queued, "unscorable": warned}

    def done(result: dict[str, Any]) -> Any:
        opened = _l("Scoring is open; %(count)s juror(s) told by e-mail.", count=result["notified"])
        if not result["unscorable"]:
            return opened
        names = ", ".join(f"{n['name']} ({n['nomination_id']})" for n in result["unscorable"])
        return _l(
            "%(opened)s Beware: no juror may score %(nominees)s (every juror is in conflict of "
            "interest): appoint another juror, or they will not be ranked.",
            opened=opened,
            nominees=names,
        )

    return answer(request, work, _again(request, call_id), done)


@router.post(
    "/awards/{call_id}/publish", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def publish(
    request: Request,
    call_id: str,
    allow_unscored: Short = "",
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        queued = jury.publish_results.perform(
            engine_of(request), account.name, call_id, bool(allow_unscored)
        )
        return {**call(request, call_id), "notified": queued}

    return answer(
        request,
        work,
        _again(request, call_id),
        then=lambda _: f"/awards/{quote(call_id)}/results",
    )


router.include_router(web_nominate.router)
