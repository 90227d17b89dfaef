"""Pairs in the browser: the list (officers), a pair with its score in numbers and words and its
sessions (its members and officers, who log sessions there), a cycle's matching (officers: run,
exclude, set by hand, confirm) and the follow-up of mentees by cohort (officers)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from stdgap.http.api import Text
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _, _l
from stdgap.mentorship import followup, operations, queries, sessions
from stdgap.mentorship.web_common import (
    actor_of,
    attempt,
    default_cycle,
    manager,
    matcher,
    matching_data,
    pair_data,
    participant,
    refused,
)
from stdgap.permissions import Account
from stdgap.programmes.errors import ProgrammeError
from stdgap.tabular.safe_cells import csv_text

router = APIRouter()
Day = Annotated[str, Form(max_length=10)]
Short = Annotated[str, Form(max_length=300)]
DONE = {
    "proposed": _l("The matching proposed its pairs (nothing is confirmed yet)."),
    "excluded": _l("The pair is excluded; run the matching again to propose another mentor."),
    "assigned": _l("The pair is set; it stays when the matching runs again."),
    "confirmed": _l("The pairs are confirmed; their members with an e-mail address were told."),
    "logged": _l("The session is logged."),
}


def day_of(text: str | None, name: str = "on") -> date:
    """A date from a form or a query (today when blank); 422 when it is not one."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        message = _("%(name)s: %(text)r is not a date (YYYY-MM-DD)", name=name, text=text)
        raise ProgrammeError(message) from None


def _pairs(request: Request, filters: queries.Filters) -> dict[str, Any]:
    rows = queries.pairs(engine_of(request), filters)
    return {
        "filters": {k: v for k, v in vars(filters).items() if v is not None},
        "columns": list(queries.PAIR_COLUMNS),
        "total": len(rows),
        "items": rows,
    }


def _filters(cycle: Text = None, status: Text = None, person: Text = None) -> queries.Filters:
    return queries.Filters(cycle or None, person=person or None, status=status or None)


@router.get("/mentorship/pairs.csv", include_in_schema=False)
def pairs_csv(
    request: Request,
    filters: queries.Filters = Depends(_filters),
    account: Account = Depends(manager),
) -> Response:
    data = _pairs(request, filters)
    columns = data["columns"]
    body = csv_text([columns, *[[row.get(c) for c in columns] for row in data["items"]]])
    headers = {"Content-Disposition": 'attachment; filename="pairs.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@page(router, "/mentorship/pairs")
def pairs_page(
    request: Request,
    filters: queries.Filters = Depends(_filters),
    account: Account = Depends(manager),
) -> Response:
    data = _pairs(request, filters)
    cycles = queries.cycles(engine_of(request))
    return respond(request, "mentorship_pairs.html", data, cycles=cycles, query=request.url.query)


def _pair_page(
    request: Request, pair_id: int, account: Account, status: int = 200, **extra: Any
) -> Response:
    data = {"pair": pair_data(request, account, pair_id)}
    extra.setdefault("given", None)
    return respond(request, "mentorship_pair.html", data, status, today=date.today(), **extra)


@page(router, "/mentorship/pairs/{pair_id}")
def pair_page(
    request: Request, pair_id: int, done: Text = None, account: Account = Depends(participant)
) -> Response:
    return _pair_page(request, pair_id, account, done=DONE.get(done or ""))


@router.post(
    "/mentorship/pairs/{pair_id}/sessions",
    include_in_schema=False,
    dependencies=[Depends(participant), Depends(csrf_protect)],
)
def log_session(
    request: Request,
    pair_id: int,
    held_on: Day = "",
    minutes: Annotated[str, Form(max_length=10)] = "60",
    topics: Short = "",
    notes: Annotated[str, Form(max_length=5000)] = "",
    account: Account = Depends(participant),
) -> Response:
    """The pair page's form: log a session (the pair's members and officers); refused, the
    form comes back with what was given."""
    pair_data(request, account, pair_id)  # 404 first
    given = {"held_on": held_on, "minutes": minutes, "topics": topics, "notes": notes}

    def again(status: int, **extra: Any) -> Response:
        return _pair_page(request, pair_id, account, status, given=given, **extra)

    try:
        length = int(minutes) if minutes.strip().isdigit() else -1
        session_id = sessions.log_session.perform(
            engine_of(request),
            account.name,
            actor_of(account),
            pair_id,
            day_of(held_on, "held_on"),
            length,
            topics,
            notes,
        )
    except ProgrammeError as error:
        return refused(request, error, again)
    if wants_json(request):
        return DataResponse({"id": session_id, "pair": pair_id}, status_code=201)
    return RedirectResponse(f"/mentorship/pairs/{pair_id}?done=logged", status_code=303)


@page(router, "/mentorship/matching")
def matching_page(
    request: Request,
    cycle: Text = None,
    on: Text = None,
    done: Text = None,
    account: Account = Depends(matcher),
) -> Response:
    chosen = cycle or default_cycle(request)
    data = matching_data(request, chosen, attempt(lambda: day_of(on)))
    return respond(request, "mentorship_matching.html", data, done=DONE.get(done or ""))


def _after(request: Request, cycle: str, done: str, result: dict[str, Any]) -> Response:
    if wants_json(request):
        return DataResponse(result)
    query = urlencode({"cycle": cycle, "done": done})
    return RedirectResponse(f"/mentorship/matching?{query}", status_code=303)


def _matching_again(request: Request, cycle: str) -> Any:
    def again(status: int, **extra: Any) -> Response:
        data = matching_data(request, cycle, date.today())
        return respond(request, "mentorship_matching.html", data, status, **extra)

    return again


MatcherForm = [Depends(matcher), Depends(csrf_protect)]


@router.post("/mentorship/matching", include_in_schema=False, dependencies=MatcherForm)
def run_matching(
    request: Request,
    cycle: Short,
    on: Day = "",
    account: Account = Depends(matcher),
) -> Response:
    """Propose the matching of a cycle (confirmed and set pairs stay)."""
    try:
        results = operations.match_cycle.perform(
            engine_of(request), account.name, cycle, day_of(on)
        )
    except ProgrammeError as error:
        return refused(request, error, _matching_again(request, cycle))
    proposed = [asdict(r) for r in results]
    return _after(request, cycle, "proposed", {"cycle": cycle, "results": proposed})


@router.post(
    "/mentorship/pairs/{pair_id}/exclude", include_in_schema=False, dependencies=MatcherForm
)
def exclude(request: Request, pair_id: int, account: Account = Depends(matcher)) -> Response:
    """Take a proposed pair out; the matching never proposes it again."""
    cycle = attempt(
        lambda: operations.exclude_pair.perform(engine_of(request), account.name, pair_id)
    )
    return _after(request, cycle, "excluded", {"cycle": cycle, "excluded": pair_id})


@router.post("/mentorship/matching/assign", include_in_schema=False, dependencies=MatcherForm)
def assign(
    request: Request,
    cycle: Short,
    mentee: Short,
    mentor: Short,
    on: Day = "",
    account: Account = Depends(matcher),
) -> Response:
    """Set a mentee's mentor by hand."""
    try:
        result = operations.assign_pair.perform(
            engine_of(request), account.name, cycle, mentee, mentor, day_of(on)
        )
    except ProgrammeError as error:
        return refused(request, error, _matching_again(request, cycle))
    return _after(request, cycle, "assigned", {"cycle": cycle, "pair": asdict(result)})


@router.post("/mentorship/matching/confirm", include_in_schema=False, dependencies=MatcherForm)
def confirm(
    request: Request, cycle: Short, on: Day = "", account: Account = Depends(matcher)
) -> Response:
    """Confirm the proposed pairs of a cycle (both members of each are told)."""
    try:
        count = operations.confirm_cycle.perform(
            engine_of(request), account.name, cycle, day_of(on)
        )
    except ProgrammeError as error:
        return refused(request, error, _matching_again(request, cycle))
    return _after(request, cycle, "confirmed", {"cycle": cycle, "confirmed": count})


def followup_data(request: Request, cycle: str | None) -> dict[str, Any]:
    pairs = followup.followup(engine_of(request), cycle)
    return {
        "cycle": cycle,
        "cycles": queries.cycles(engine_of(request)),
        "cohorts": [asdict(cohort) for cohort in followup.cohorts(pairs)],
        "pairs": [pair.record() for pair in pairs],
    }


@page(router, "/mentorship/followup")
def followup_page(
    request: Request, cycle: Text = None, account: Account = Depends(manager)
) -> Response:
    return respond(request, "mentorship_followup.html", followup_data(request, cycle or None))
