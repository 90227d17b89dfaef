"""The mentorship's REST API (``/api/v1/mentorship``): the same data and writes as the pages.

Profiles: ``POST /mentors`` and ``/mentees`` register (for oneself; officers for someone),
``GET``/``PUT /mentors/ID`` read and change one's own (officers: any); ``GET /me``: one's
profiles and pairs. Officers: the lists (``/mentors``, ``/mentees``, ``/pairs``, with filters),
the matching (``/matching``: run, ``/matching/assignments``, ``/pairs/ID/exclusion``,
``/matching/confirmation``) and ``/followup``. A pair's members and officers: ``/pairs/ID`` and
its ``/sessions``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from stdgap.http.api import OBJECT, PAGE, Limit, Offset, Text, paginate
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES
from stdgap.http.render import DataResponse
from stdgap.mentorship import followup, operations, planning, queries, registration, sessions
from stdgap.mentorship.fields import Cycle, MenteeIn, MentorIn, Role
from stdgap.mentorship.web_common import (
    actor_of,
    attempt,
    default_cycle,
    manager,
    matcher,
    matching_data,
    pair_data,
    participant,
    profile_data,
)
from stdgap.permissions import Account

api = APIRouter(prefix="/api/v1/mentorship", responses=PROBLEM_RESPONSES)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
CREATED: dict[int | str, dict[str, Any]] = {
    201: {"model": dict[str, Any], "description": "Created"}
}


def _filters(
    cycle: Text = None,
    study_group: Text = None,
    language: Text = None,
    region: Text = None,
    person: Text = None,
    status: Text = None,
    available: Annotated[bool | None, Query()] = None,
) -> queries.Filters:
    return queries.Filters(cycle, study_group, language, region, person, status, available)


@api.get("/mentors", responses=PAGE, summary="Mentors, with filters (officers)")
def mentors(
    request: Request,
    filters: queries.Filters = Depends(_filters),
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(manager),
) -> Response:
    return paginate(queries.profiles(engine_of(request), "mentor", filters), limit, offset)


@api.get("/mentees", responses=PAGE, summary="Mentees, with filters (officers)")
def mentees(
    request: Request,
    filters: queries.Filters = Depends(_filters),
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(manager),
) -> Response:
    return paginate(queries.profiles(engine_of(request), "mentee", filters), limit, offset)


@api.get("/pairs", responses=PAGE, summary="Pairs, proposed and confirmed (officers)")
def pairs(
    request: Request,
    filters: queries.Filters = Depends(_filters),
    limit: Limit = 100,
    offset: Offset = 0,
    account: Account = Depends(manager),
) -> Response:
    return paginate(queries.pairs(engine_of(request), filters), limit, offset)


def _register(
    request: Request, account: Account, role: Role, body: MentorIn | MenteeIn
) -> Response:
    values = body.model_dump()
    profile_id = attempt(
        lambda: registration.register.perform(
            engine_of(request), account.name, actor_of(account), role, values
        )
    )
    return DataResponse(profile_data(request, account, role, profile_id), status_code=201)


Write = [Depends(participant), Depends(csrf_protect)]


@api.post(
    "/mentors",
    responses=CREATED,
    status_code=201,
    dependencies=Write,
    summary="Register as a mentor",
)
def register_mentor(
    request: Request, body: MentorIn, account: Account = Depends(participant)
) -> Response:
    return _register(request, account, "mentor", body)


@api.post(
    "/mentees",
    responses=CREATED,
    status_code=201,
    dependencies=Write,
    summary="Register as a mentee",
)
def register_mentee(
    request: Request, body: MenteeIn, account: Account = Depends(participant)
) -> Response:
    return _register(request, account, "mentee", body)


@api.get(
    "/mentors/{profile_id}", responses=OBJECT, summary="A mentor's profile (its owner, officers)"
)
def mentor(request: Request, profile_id: Id, account: Account = Depends(participant)) -> Response:
    return DataResponse(profile_data(request, account, "mentor", profile_id))


@api.get(
    "/mentees/{profile_id}", responses=OBJECT, summary="A mentee's profile (its owner, officers)"
)
def mentee(request: Request, profile_id: Id, account: Account = Depends(participant)) -> Response:
    return DataResponse(profile_data(request, account, "mentee", profile_id))


def _edit(
    request: Request, account: Account, role: Role, profile_id: int, body: MentorIn | MenteeIn
) -> Response:
    profile_data(request, account, role, profile_id)  # 404 first
    values = body.model_dump()
    attempt(
        lambda: registration.edit.perform(
            engine_of(request), account.name, actor_of(account), role, profile_id, values
        )
    )
    return DataResponse(profile_data(request, account, role, profile_id))


@api.put(
    "/mentors/{profile_id}",
    responses=OBJECT,
    dependencies=Write,
    summary="Change a mentor's profile",
)
def edit_mentor(
    request: Request, profile_id: Id, body: MentorIn, account: Account = Depends(participant)
) -> Response:
    return _edit(request, account, "mentor", profile_id, body)


@api.put(
    "/mentees/{profile_id}",
    responses=OBJECT,
    dependencies=Write,
    summary="Change a mentee's profile",
)
def edit_mentee(
    request: Request, profile_id: Id, body: MenteeIn, account: Account = Depends(participant)
) -> Response:
    return _edit(request, account, "mentee", profile_id, body)


@api.get("/me", responses=OBJECT, summary="One's own profiles and pairs")
def me(request: Request, account: Account = Depends(participant)) -> Response:
    return DataResponse(queries.mine(engine_of(request), account.id))


@api.get(
    "/pairs/{pair_id}",
    responses=OBJECT,
    summary="A pair, explained, with its sessions (its members, officers)",
)
def pair(request: Request, pair_id: Id, account: Account = Depends(participant)) -> Response:
    return DataResponse(pair_data(request, account, pair_id))


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    held_on: date = Field(description="When the session was held")
    minutes: int = Field(60, ge=1, le=sessions.LONGEST, description="How long it lasted")
    topics: str | None = Field(None, max_length=sessions.TOPICS_LIMIT)
    notes: str | None = Field(None, max_length=sessions.NOTES_LIMIT)


@api.post(
    "/pairs/{pair_id}/sessions",
    responses=CREATED,
    status_code=201,
    dependencies=Write,
    summary="Log a session of a pair (its members, officers)",
)
def log_session(
    request: Request, pair_id: Id, body: SessionIn, account: Account = Depends(participant)
) -> Response:
    pair_data(request, account, pair_id)  # 404 first
    session_id = attempt(
        lambda: sessions.log_session.perform(
            engine_of(request),
            account.name,
            actor_of(account),
            pair_id,
            body.held_on,
            body.minutes,
            body.topics,
            body.notes,
        )
    )
    return DataResponse({"id": session_id, "pair": pair_id}, status_code=201)


@api.get(
    "/matching",
    responses=OBJECT,
    summary="A cycle's pairs, explained, and its unmatched mentees (officers)",
)
def matching(
    request: Request,
    cycle: Text = None,
    on: Annotated[date | None, Query()] = None,
    account: Account = Depends(matcher),
) -> Response:
    return DataResponse(matching_data(request, cycle or default_cycle(request), on or date.today()))


class MatchingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cycle: Cycle
    on: date | None = Field(None, description="The date of the matching (default today)")
    dry_run: bool = Field(False, description="Show the matching without storing it")


MatchWrite = [Depends(matcher), Depends(csrf_protect)]


@api.post(
    "/matching",
    responses=OBJECT,
    dependencies=MatchWrite,
    summary="Run a cycle's matching: proposed pairs (officers)",
)
def run(request: Request, body: MatchingIn, account: Account = Depends(matcher)) -> Response:
    on = body.on or date.today()
    engine = engine_of(request)
    if body.dry_run:
        with engine.connect() as connection:
            plan = attempt(lambda: planning.plan_matching(connection, body.cycle, on))
        results = plan.results
    else:
        results = attempt(
            lambda: operations.match_cycle.perform(engine, account.name, body.cycle, on)
        )
    body_out = {
        "cycle": body.cycle,
        "dry_run": body.dry_run,
        "results": [asdict(r) for r in results],
    }
    return DataResponse(body_out, status_code=200 if body.dry_run else 201)


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cycle: Cycle
    mentee: str = Field(min_length=1, max_length=300)
    mentor: str = Field(min_length=1, max_length=300)
    on: date | None = None


@api.post(
    "/matching/assignments",
    responses=CREATED,
    status_code=201,
    dependencies=MatchWrite,
    summary="Set a mentee's mentor by hand (officers)",
)
def assign(request: Request, body: AssignmentIn, account: Account = Depends(matcher)) -> Response:
    result = attempt(
        lambda: operations.assign_pair.perform(
            engine_of(request),
            account.name,
            body.cycle,
            body.mentee,
            body.mentor,
            body.on or date.today(),
        )
    )
    return DataResponse(asdict(result), status_code=201)


@api.post(
    "/pairs/{pair_id}/exclusion",
    responses=OBJECT,
    dependencies=MatchWrite,
    summary="Exclude a proposed pair (officers)",
)
def exclude(request: Request, pair_id: Id, account: Account = Depends(matcher)) -> Response:
    cycle = attempt(
        lambda: operations.exclude_pair.perform(engine_of(request), account.name, pair_id)
    )
    return DataResponse({"cycle": cycle, "excluded": pair_id})


class ConfirmationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cycle: Cycle
    on: date | None = None


@api.post(
    "/matching/confirmation",
    responses=OBJECT,
    dependencies=MatchWrite,
    summary="Confirm a cycle's proposed pairs (officers)",
)
def confirm(
    request: Request, body: ConfirmationIn, account: Account = Depends(matcher)
) -> Response:
    count = attempt(
        lambda: operations.confirm_cycle.perform(
            engine_of(request), account.name, body.cycle, body.on or date.today()
        )
    )
    return DataResponse({"cycle": body.cycle, "confirmed": count})


@api.get("/followup", responses=OBJECT, summary="Mentees followed up, by cohort (officers)")
def follow_up(
    request: Request, cycle: Text = None, account: Account = Depends(manager)
) -> Response:
    pairs_found = followup.followup(engine_of(request), cycle or None)
    return DataResponse(
        {
            "cycle": cycle,
            "cohorts": [asdict(cohort) for cohort in followup.cohorts(pairs_found)],
            "pairs": [p.record() for p in pairs_found],
        }
    )
