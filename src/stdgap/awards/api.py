"""The awards' REST API (``/api/v1/awards``): the calls (public), creating them with their
criteria, appointing jurors, opening the scoring and publishing (officers), nominating
(applicants and officers), the jury's view, conflicts and scores (the call's jurors), the
results (public once published), and the people a nomination may name."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.awards import jury, nominations, operations, people, queries
from stdgap.awards.answers import CONFLICT
from stdgap.awards.models import CONFLICT_KINDS, STATES
from stdgap.awards.service import attempt, call, manager, nominator, results, scorer
from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES
from stdgap.http.render import DataResponse
from stdgap.permissions import Account

api = APIRouter(prefix="/api/v1/awards", responses={**PROBLEM_RESPONSES, **CONFLICT})
CallId = Annotated[str, Path(min_length=1, max_length=100)]
NominationId = Annotated[str, Path(min_length=1, max_length=100)]
Status = Annotated[str | None, Query(description=f"One of {', '.join(STATES)}", max_length=12)]
Search = Annotated[str | None, Query(max_length=200, description="In the call's id or name")]
OpenOnly = Annotated[bool, Query(description="Only calls receiving nominations today")]


def _list(request: Request, status: str | None, open: bool, q: str | None) -> list[Any]:
    filters = queries.CallFilter(status or None, open, q)
    found = attempt(lambda: queries.list_calls(engine_of(request), filters))
    return [queries.summary_record(summary) for summary in found]


@api.get("/calls", responses=PAGE, summary="Award calls (filters: status, open, q)")
def calls(
    request: Request,
    status: Status = None,
    open: OpenOnly = False,
    q: Search = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    return paginate(_list(request, status, open, q), limit, offset)


class CriterionIn(BaseModel):
    key: str = Field(min_length=1, max_length=60, description="A short key, e.g. impact")
    name: str = Field(min_length=1, max_length=300)
    # the bounds are checked by the operation, as on the command line and in the forms
    weight: float = Field(description="Above 0, at most 1000", allow_inf_nan=False)
    min_score: int = Field(0, description="The lowest score of the scale (from 0)")
    max_score: int = Field(10, description="The highest score of the scale (1 to 1000)")


class CallIn(BaseModel):
    call_id: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=300)
    closes: date = Field(description="The deadline of nominations")
    description: str | None = Field(None, max_length=5000)
    max_age: int | None = Field(35, ge=1, le=120, description="Nominees younger than this")
    normalise: str = Field("mean", pattern="^(mean|zscore)$")
    country_conflicts: bool = Field(
        False, description="A juror from a nominee's country is in conflict with them"
    )
    criteria: list[CriterionIn] = Field(default_factory=list, max_length=50)


@api.post(
    "/calls",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Open an award call with its weighted criteria (officers)",
)
def create(request: Request, body: CallIn, account: Account = Depends(manager)) -> Response:
    criteria = [operations.CriterionInput(**c.model_dump()) for c in body.criteria]
    attempt(
        lambda: operations.create_call.perform(
            engine_of(request),
            account.name,
            body.call_id,
            body.name,
            body.closes,
            criteria,
            body.max_age,
            body.normalise,
            body.description,
            body.country_conflicts,
        )
    )
    return DataResponse(call(request, body.call_id), status_code=201)


@api.get("/calls/{call_id}", responses=OBJECT, summary="An award call: its terms and criteria")
def one_call(request: Request, call_id: CallId) -> Response:
    return DataResponse(call(request, call_id))


@api.post(
    "/calls/{call_id}/criteria",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Add a weighted criterion, before scoring opens (officers)",
)
def add_criterion(
    request: Request, call_id: CallId, body: CriterionIn, account: Account = Depends(manager)
) -> Response:
    attempt(
        lambda: operations.add_criterion.perform(
            engine_of(request),
            account.name,
            call_id,
            body.key,
            body.name,
            body.weight,
            body.max_score,
            body.min_score,
        )
    )
    return DataResponse(call(request, call_id), status_code=201)


class JurorIn(BaseModel):
    user: str = Field(min_length=1, max_length=100, description="The juror's user name")
    person: str | None = Field(None, max_length=300, description="The person they are")
    member: str | None = Field(None, max_length=300, description="The member they belong to")


@api.post(
    "/calls/{call_id}/jurors",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Appoint a user juror of a call (officers)",
)
def appoint(
    request: Request, call_id: CallId, body: JurorIn, account: Account = Depends(manager)
) -> Response:
    attempt(
        lambda: jury.appoint_juror.perform(
            engine_of(request), account.name, call_id, body.user, body.person, body.member
        )
    )
    return DataResponse(queries.nominations(engine_of(request), call_id), status_code=201)


@api.get(
    "/calls/{call_id}/nominations",
    responses=OBJECT,
    summary="A call's nominations, jurors and conflicts (officers)",
)
def nominations_of(
    request: Request, call_id: CallId, account: Account = Depends(manager)
) -> Response:
    return DataResponse(attempt(lambda: queries.nominations(engine_of(request), call_id)))


class NominationIn(BaseModel):
    statement: str = Field(min_length=1, max_length=nominations.STATEMENT_LENGTH)
    person: str | None = Field(None, max_length=300, description="A person of the store")
    name: str | None = Field(None, max_length=300, description="Else: the nominee's name")
    country: str | None = Field(None, max_length=200, description="… their country")
    member: str | None = Field(None, max_length=300, description="… and member, if any")
    birth_year: int | None = Field(
        None, description="1900 to this year; of a person of the store: as the store has it"
    )
    email: str | None = Field(None, max_length=320, description="Where the nominee hears")


@api.post(
    "/calls/{call_id}/nominations",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(nominator), Depends(csrf_protect)],
    summary="Nominate a person, before the deadline (applicants and officers)",
)
def nominate(
    request: Request, call_id: CallId, body: NominationIn, account: Account = Depends(nominator)
) -> Response:
    entry = nominations.NominationInput(**body.model_dump())
    made = attempt(
        lambda: nominations.submit_nomination.perform(
            engine_of(request), account.name, call_id, account.name, entry
        )
    )
    return DataResponse({"nomination_id": made, "call_id": call_id}, status_code=201)


@api.post(
    "/calls/{call_id}/scoring",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Close the nominations and open the scoring; jurors are told; ``unscorable``: "
    "the eligible nominees no juror may score (officers)",
)
def open_scoring(
    request: Request, call_id: CallId, account: Account = Depends(manager)
) -> Response:
    engine = engine_of(request)
    queued = attempt(lambda: jury.open_scoring.perform(engine, account.name, call_id))
    warned = queries.unscorable(engine, call_id)
    return DataResponse({**call(request, call_id), "notified": queued, "unscorable": warned})


AllowUnscored = Annotated[
    bool,
    Query(description="Publish even though an eligible nominee has no score (not ranked)"),
]


@api.post(
    "/calls/{call_id}/publish",
    responses=OBJECT,
    dependencies=[Depends(manager), Depends(csrf_protect)],
    summary="Publish the results; nominators and nominees are told; 409 while an eligible "
    "nominee has no score, unless ``allow_unscored`` (officers)",
)
def publish(
    request: Request,
    call_id: CallId,
    allow_unscored: AllowUnscored = False,
    account: Account = Depends(manager),
) -> Response:
    queued = attempt(
        lambda: jury.publish_results.perform(
            engine_of(request), account.name, call_id, allow_unscored
        )
    )
    return DataResponse({**call(request, call_id), "notified": queued})


@api.get(
    "/calls/{call_id}/results",
    responses=OBJECT,
    summary="The ranking, with names, countries and each criterion's weighted mean "
    "(public once published; officers before)",
)
def results_of(request: Request, call_id: CallId) -> Response:
    return DataResponse(results(request, call_id))


@api.get("/jury", responses=PAGE, summary="The calls the signed-in user is a juror of")
def my_calls(
    request: Request, limit: Limit = 100, offset: Offset = 0, account: Account = Depends(scorer)
) -> Response:
    found = queries.jury_calls(engine_of(request), account.name)
    return paginate([queries.summary_record(s) for s in found], limit, offset)


@api.get(
    "/calls/{call_id}/jury",
    responses=OBJECT,
    summary="A call as its juror sees it: conflicts and own scores (the call's jurors)",
)
def jury_view(request: Request, call_id: CallId, account: Account = Depends(scorer)) -> Response:
    return DataResponse(
        attempt(lambda: queries.jury_view(engine_of(request), call_id, account.name))
    )


class ConflictIn(BaseModel):
    nomination_id: str = Field(min_length=1, max_length=100)
    kind: str = Field(description=f"One of {', '.join(CONFLICT_KINDS)}", max_length=20)
    note: str = Field("", max_length=400)


@api.post(
    "/calls/{call_id}/conflicts",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(scorer), Depends(csrf_protect)],
    summary="Declare a conflict of interest with a nominee (the call's jurors)",
)
def declare(
    request: Request, call_id: CallId, body: ConflictIn, account: Account = Depends(scorer)
) -> Response:
    voided = attempt(
        lambda: jury.declare.perform(
            engine_of(request),
            account.name,
            call_id,
            account.name,
            body.nomination_id,
            body.kind,
            body.note,
        )
    )
    return DataResponse({"declared": body.nomination_id, "voided_scores": voided}, status_code=201)


class ScoresIn(BaseModel):
    scores: dict[str, float] = Field(description="Each criterion's key and its score")


@api.put(
    "/calls/{call_id}/nominations/{nomination_id}/scores",
    responses=OBJECT,
    dependencies=[Depends(scorer), Depends(csrf_protect)],
    summary="Score a nomination on every criterion (the call's jurors; 403 in conflict)",
)
def score(
    request: Request,
    call_id: CallId,
    nomination_id: NominationId,
    body: ScoresIn,
    account: Account = Depends(scorer),
) -> Response:
    attempt(
        lambda: jury.score_nomination.perform(
            engine_of(request), account.name, call_id, account.name, nomination_id, body.scores
        )
    )
    return DataResponse({"nomination_id": nomination_id, "scores": body.scores})


@api.get(
    "/people",
    responses=PAGE,
    summary="People of the store a nomination may name, by id or name: the first 50 of "
    "``total``, each with their id, name and member only (applicants and officers)",
)
def people_list(
    request: Request,
    q: Annotated[str, Query(min_length=people.SHORTEST, max_length=100)],
    account: Account = Depends(nominator),
) -> Response:
    with engine_of(request).connect() as connection:
        found = people.search(connection, q)
    items = [person.listing() for person in found.people]
    return DataResponse({"total": found.total, "limit": people.LIMIT, "offset": 0, "items": items})
