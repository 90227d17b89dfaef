"""Nominating in the browser (applicants and officers): the form, with the people of the store
found by a search (``?q=``) or someone the store does not hold; a call's nominations (officers);
the results with the nominees' names and countries (public once published, officers before)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from stdgap.awards import nominations, people, queries
from stdgap.awards.forms import answer, whole
from stdgap.awards.service import attempt, call, manager, nominator, results
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

router = APIRouter()
Short = Annotated[str, Form(max_length=320)]


def _nominate_page(
    request: Request, call_id: str, q: str = "", code: int = 200, **extra: Any
) -> Response:
    found = call(request, call_id)
    engine = engine_of(request)
    with engine.connect() as connection:
        matches = people.search(connection, q)
    data = {
        "call": found,
        "q": q or None,
        "people": [person.listing() for person in matches.people],
        "found": matches.total,
    }
    choices = queries.form_choices(engine)
    extra.setdefault("entry", {})
    return respond(request, "award_nominate.html", data, code, choices=choices, **extra)


@page(router, "/awards/{call_id}/nominate")
def nominate_page(
    request: Request,
    call_id: str,
    q: Annotated[str, Query(max_length=100)] = "",
    account: Account = Depends(nominator),
) -> Response:
    return _nominate_page(request, call_id, q)


@router.post(
    "/awards/{call_id}/nominations", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def nominate(
    request: Request,
    call_id: str,
    statement: Annotated[str, Form(max_length=nominations.STATEMENT_LENGTH)],
    person: Short = "",
    name: Short = "",
    country: Short = "",
    member: Short = "",
    birth_year: Short = "",
    email: Short = "",
    account: Account = Depends(nominator),
) -> Response:
    entry = {
        "statement": statement,
        "person": person.strip() or None,
        "name": name.strip() or None,
        "country": country.strip() or None,
        "member": member.strip() or None,
        "email": email.strip() or None,
    }

    def work() -> dict[str, Any]:
        made = nominations.NominationInput(
            statement,
            entry["person"],
            entry["name"],
            entry["country"],
            entry["member"],
            whole(birth_year, _l("year of birth")),
            entry["email"],
        )
        nomination = nominations.submit_nomination.perform(
            engine_of(request), account.name, call_id, account.name, made
        )
        return {"nomination_id": nomination, "call_id": call_id}

    def again(**extra: Any) -> Response:
        kept = {} if "done" in extra else {**entry, "birth_year": birth_year}
        return _nominate_page(request, call_id, entry=kept, **extra)

    def done(result: dict[str, Any]) -> Any:
        return _l(
            "Your nomination is received (%(nomination)s). Thank you.",
            nomination=result["nomination_id"],
        )

    return answer(request, work, again, done, status=201)


@page(router, "/awards/{call_id}/nominations")
def nominations_page(
    request: Request, call_id: str, account: Account = Depends(manager)
) -> Response:
    data = attempt(lambda: queries.nominations(engine_of(request), call_id))
    return respond(request, "award_nominations.html", data)


@page(router, "/awards/{call_id}/results")
def results_page(request: Request, call_id: str) -> Response:
    return respond(request, "award_results.html", results(request, call_id))
