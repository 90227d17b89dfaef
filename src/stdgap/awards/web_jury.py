"""The jury's pages: the calls the signed-in user is a juror of (only those), and a call's
nominations as its juror sees them, with a form to declare a conflict of interest and, for each
nominee the juror is not in conflict with, a form to score it on every criterion. A juror in
conflict (declared or found) sees no scoring form for that nominee, and the write is refused
(403) should one be sent."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from stdgap.awards import jury, queries
from stdgap.awards.forms import answer, number
from stdgap.awards.models import CONFLICT_KINDS
from stdgap.awards.service import attempt, scorer
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError

router = APIRouter()
Short = Annotated[str, Form(max_length=400)]


@page(router, "/awards/jury")
def my_calls(request: Request, account: Account = Depends(scorer)) -> Response:
    found = queries.jury_calls(engine_of(request), account.name)
    data = {"calls": [queries.summary_record(summary) for summary in found]}
    return respond(request, "award_jury_calls.html", data)


def _jury_page(
    request: Request, call_id: str, account: Account, code: int = 200, **extra: Any
) -> Response:
    data = attempt(lambda: queries.jury_view(engine_of(request), call_id, account.name))
    return respond(request, "award_jury.html", data, code, kinds=CONFLICT_KINDS, **extra)


@page(router, "/awards/{call_id}/jury")
def jury_page(request: Request, call_id: str, account: Account = Depends(scorer)) -> Response:
    return _jury_page(request, call_id, account)


def _again(request: Request, call_id: str, account: Account) -> Any:
    def again(**extra: Any) -> Response:
        return _jury_page(request, call_id, account, **extra)

    return again


@router.post(
    "/awards/{call_id}/conflicts", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def declare(
    request: Request,
    call_id: str,
    nomination_id: Annotated[str, Form(max_length=100)],
    kind: Annotated[str, Form(max_length=20)],
    note: Short = "",
    account: Account = Depends(scorer),
) -> Response:
    def work() -> dict[str, Any]:
        voided = jury.declare.perform(
            engine_of(request), account.name, call_id, account.name, nomination_id, kind, note
        )
        return {"declared": nomination_id, "voided_scores": voided}

    done = _l(
        "Conflict of interest with %(nomination)s declared: you will not score it.",
        nomination=nomination_id,
    )
    return answer(request, work, _again(request, call_id, account), lambda _: done, status=201)


@router.post(
    "/awards/{call_id}/nominations/{nomination_id}/scores",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def score(
    request: Request,
    call_id: str,
    nomination_id: str,
    criterion: Annotated[list[str], Form(max_length=50)],
    value: Annotated[list[str], Form(max_length=50)],
    account: Account = Depends(scorer),
) -> Response:
    """The scoring form: one ``criterion`` and one ``value`` per criterion, in pairs."""

    def work() -> dict[str, Any]:
        if len(criterion) != len(value):
            raise ProgrammeError(_l("give one score per criterion"))
        scores = {key: number(text, key) for key, text in zip(criterion, value, strict=True)}
        jury.score_nomination.perform(
            engine_of(request), account.name, call_id, account.name, nomination_id, scores
        )
        return {"nomination_id": nomination_id, "scores": scores}

    done = _l("Your scores of %(nomination)s are recorded.", nomination=nomination_id)
    return answer(request, work, _again(request, call_id, account), lambda _: done)
