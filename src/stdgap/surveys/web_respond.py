"""Answering in the browser (the invited user signed in, or the holder of an invitation's
link), the results (by question and country group, through the disclosure control), and the
export of the responses (analysts)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.problems import Problem
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.surveys import answering, export, queries
from stdgap.surveys.answering import Respondent
from stdgap.surveys.stored import StoredSurvey
from stdgap.surveys.web_common import analyst, answer, attempt, results_for, survey_for

router = APIRouter()
Token = Annotated[str, Query(max_length=100)]


def respondent_of(request: Request, token: str) -> Respondent:
    account = current_user(request)
    return Respondent(account.id if account else None, token.strip() or None)


def invitation_or_refusal(
    request: Request, survey: StoredSurvey, respondent: Respondent
) -> answering.Invitation:
    with engine_of(request).connect() as connection:
        found = answering.find_invitation(connection, survey, respondent)
    if found is None:
        if respondent.user_id is None and respondent.token is None:
            raise Problem(401, _l("sign in, or use the link of your invitation"), "unauthorized")
        raise Problem(
            403,
            _l("you are not invited to answer %(survey)s", survey=survey.survey_id),
            "not-invited",
        )
    return found


def _form_page(
    request: Request, survey_id: str, token: str, code: int = 200, **extra: Any
) -> Response:
    survey = survey_for(request, survey_id)
    respondent = respondent_of(request, token)
    invitation = invitation_or_refusal(request, survey, respondent)
    with engine_of(request).connect() as connection:
        given = answering.my_answers(connection, survey, respondent)
    if "given" in extra:
        given = extra.pop("given")
    data = {
        "survey": queries.survey_record(engine_of(request), survey_id),
        "answered": invitation.answered,
        "editable": invitation.answered and not survey.anonymous,
        "answers": given,
        "shown": sorted(answering.shown(survey, given)),
    }
    return respond(request, "survey_respond.html", data, code, token=token, **extra)


@page(router, "/surveys/{survey_id}/respond")
def respond_page(request: Request, survey_id: str, token: Token = "") -> Response:
    return _form_page(request, survey_id, token)


@router.post(
    "/surveys/{survey_id}/respond", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
async def submit(request: Request, survey_id: str) -> Response:
    form = await request.form()
    token = str(form.get("token") or "")[:100]
    given: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if name.startswith("q-") and isinstance(value, str):
            given.setdefault(name[2:102], []).append(value[: answering.MAX_ANSWER + 1])
    return await _run(request, survey_id, token, given)


async def _run(
    request: Request, survey_id: str, token: str, given: dict[str, list[str]]
) -> Response:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_submit, request, survey_id, token, given)


def _submit(request: Request, survey_id: str, token: str, given: dict[str, list[str]]) -> Response:
    survey = survey_for(request, survey_id)
    account = current_user(request)
    respondent = respondent_of(request, token)
    invitation_or_refusal(request, survey, respondent)

    def work() -> dict[str, Any]:
        engine = engine_of(request)
        with engine.connect() as connection:
            actor = answering.actor_for(connection, survey_id, account.name if account else None)
        receipt = answering.respond.perform(engine, actor, survey_id, respondent, given)
        return receipt.__dict__

    def again(**extra: Any) -> Response:
        if "error" in extra:
            extra["given"] = given
        return _form_page(request, survey_id, token, **extra)

    def done(result: dict[str, Any]) -> Any:
        if result["changed"]:
            return _l("Your answers were changed. Thank you.")
        return _l("Your answers were received. Thank you.")

    return answer(request, work, again, done, status=201)


@page(router, "/surveys/{survey_id}/results")
def results_page(
    request: Request,
    survey_id: str,
    by: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    survey = survey_for(request, survey_id)
    data = results_for(request, survey, by or None)
    data["survey"] = queries.survey_record(engine_of(request), survey_id)
    return respond(request, "survey_results.html", data)


@router.get("/surveys/{survey_id}/export.{format}", include_in_schema=False)
def export_responses(
    request: Request, survey_id: str, format: str, account: Account = Depends(analyst)
) -> Response:
    if format not in export.FORMATS:
        raise Problem(404, _l("no export as %(value)r (csv or xlsx)", value=format), "not-found")
    survey_for(request, survey_id)
    body = attempt(lambda: export.export(engine_of(request), survey_id, format))
    name = f"{survey_id}-responses.{format}"
    return Response(
        body,
        media_type=export.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
