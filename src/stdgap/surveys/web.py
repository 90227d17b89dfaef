"""Surveys in the browser (every page also JSON, every form also answers JSON): the list
(public, drafts for officers), a new survey, a survey's page with the officers' forms (a
question, a questionnaire file, the target and who it invites, opening, reminding, closing).
Answering, the results and the export are in :mod:`stdgap.surveys.web_respond`, the API in
:mod:`stdgap.surveys.api`."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.surveys import operations, queries, web_respond
from stdgap.surveys.api import api
from stdgap.surveys.errors import SurveyError
from stdgap.surveys.models import PURPOSES, QUESTION_TYPES, STATES
from stdgap.surveys.questions import (
    QuestionInput,
    parse_condition,
    question_type,
    split_options,
    whole_number,
)
from stdgap.surveys.targeting import CLASSES, MEMBER_TYPES, population
from stdgap.surveys.web_common import (
    answer,
    attempt,
    day_of,
    manager,
    may,
    survey_for,
    target_of,
    with_upload,
)

__all__ = ["api", "router"]

router = APIRouter()
Short = Annotated[str, Form(max_length=300)]
Long = Annotated[str, Form(max_length=5000)]
Many = Annotated[list[str], Form()]
QMany = Annotated[list[str], Query(max_length=20)]
CHOICES = {
    "purposes": PURPOSES,
    "types": QUESTION_TYPES,
    "states": STATES,
    "classes": CLASSES,
    "member_types": MEMBER_TYPES,
    "regions": ITU_REGIONS,
}


def _list_page(request: Request, code: int = 200, **extra: Any) -> Response:
    params = request.query_params
    status = params.get("status", "")[:10] or None
    purpose = params.get("purpose", "")[:20] or None
    filters = queries.SurveyFilter(status, purpose, None, may(request, "surveys.manage"))
    found = queries.list_surveys(engine_of(request), filters)
    account = current_user(request)
    mine = queries.invited_to(engine_of(request), account.id) if account else []
    data = {
        "filters": {"status": status, "purpose": purpose},
        "total": len(found),
        "surveys": [s.record() for s in found],
        "invited": mine,
    }
    return respond(request, "surveys.html", data, code, choices=CHOICES, **extra)


@page(router, "/surveys")
def surveys_page(request: Request) -> Response:
    return _list_page(request)


def _new_page(request: Request, code: int = 200, **extra: Any) -> Response:
    extra.setdefault("entry", {})
    return respond(request, "survey_new.html", {}, code, choices=CHOICES, **extra)


@page(router, "/surveys/new")
def new_page(request: Request, account: Account = Depends(manager)) -> Response:
    return _new_page(request)


@router.post("/surveys", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def create(
    request: Request,
    survey_id: Short,
    title: Short,
    deadline: Short,
    purpose: Short = "consultation",
    anonymous: Short = "",
    opens: Short = "",
    subject: Short = "",
    description: Long = "",
    account: Account = Depends(manager),
) -> Response:
    key = survey_id.strip()

    def work() -> dict[str, Any]:
        operations.create_survey.perform(
            engine_of(request),
            account.name,
            key,
            title,
            purpose,
            day_of(deadline, _l("deadline")),
            bool(anonymous),
            day_of(opens, _l("first day")) if opens.strip() else None,
            description,
            subject.strip() or None,
        )
        return queries.survey_record(engine_of(request), key)

    def again(**extra: Any) -> Response:
        entry = {"survey_id": survey_id, "title": title, "deadline": deadline, "opens": opens}
        entry |= {"purpose": purpose, "subject": subject, "description": description}
        return _new_page(request, entry=entry, **extra)

    return answer(request, work, again, status=201, then=lambda _: f"/surveys/{quote(key)}")


def survey_page_data(request: Request, survey_id: str) -> dict[str, Any]:
    survey_for(request, survey_id)
    data = queries.survey_record(engine_of(request), survey_id)
    if may(request, "surveys.manage"):
        data["invitations"] = queries.invitations(engine_of(request), survey_id)
    return data


def _survey_page(request: Request, survey_id: str, code: int = 200, **extra: Any) -> Response:
    data = survey_page_data(request, survey_id)
    account = current_user(request)
    invited = account is not None and any(
        s["survey_id"] == survey_id for s in queries.invited_to(engine_of(request), account.id)
    )
    extra.setdefault("entry", {})
    return respond(
        request, "survey.html", {"survey": data}, code, choices=CHOICES, invited=invited, **extra
    )


@page(router, "/surveys/{survey_id}")
def survey_page(request: Request, survey_id: str) -> Response:
    return _survey_page(request, survey_id)


def _again(request: Request, survey_id: str, **kept: Any) -> Any:
    def again(**extra: Any) -> Response:
        # what was typed comes back only with the reason it was refused
        return _survey_page(request, survey_id, **(kept if "error" in extra else {}), **extra)

    return again


def question_from(
    key: str,
    type: str,
    text: str,
    options: str,
    required: bool,
    condition: str,
    scale_min: str,
    scale_max: str,
    min_label: str,
    max_label: str,
) -> QuestionInput:
    """A question from a form's fields (options one a line or separated by '|')."""
    kind = question_type(type) or type
    if condition.strip():
        try:
            parsed = parse_condition(condition)
        except ValueError:
            raise SurveyError(
                _l(
                    "condition: %(value)r is not a condition (write KEY = A|B, or KEY includes "
                    "A|B)",
                    value=condition,
                )
            ) from None
    else:
        parsed = None

    def whole(text: str, field: str) -> int | None:
        if not text.strip():
            return None
        found = whole_number(text)
        if found is None:
            raise SurveyError(
                _l("%(field)s: %(value)r is not a whole number", field=field, value=text)
            )
        return found

    return QuestionInput(
        key.strip(),
        kind,
        text,
        split_options(options.replace("\r", "").replace("\n", "|")),
        required,
        parsed,
        whole(scale_min, "min") if kind == "scale" else None,
        whole(scale_max, "max") if kind == "scale" else None,
        min_label.strip() or None,
        max_label.strip() or None,
    )


@router.post(
    "/surveys/{survey_id}/questions",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def add_question(
    request: Request,
    survey_id: str,
    key: Short,
    text: Annotated[str, Form(max_length=1000)],
    type: Short = "single",
    options: Long = "",
    required: Short = "",
    condition: Short = "",
    scale_min: Short = "",
    scale_max: Short = "",
    min_label: Short = "",
    max_label: Short = "",
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        question = question_from(
            key, type, text, options, bool(required), condition, scale_min, scale_max,
            min_label, max_label,
        )  # fmt: skip
        operations.add_question.perform(engine_of(request), account.name, survey_id, question)
        return queries.survey_record(engine_of(request), survey_id)

    entry = {"key": key, "text": text, "type": type, "options": options, "condition": condition}
    done = _l("Question %(key)s added.", key=key)
    return answer(
        request, work, _again(request, survey_id, entry=entry), lambda _: done, status=201
    )


@router.post(
    "/surveys/{survey_id}/questions/import",
    include_in_schema=False,
    dependencies=[Depends(manager), Depends(csrf_protect)],
)
def import_questions(
    request: Request,
    survey_id: str,
    file: Annotated[UploadFile, File()],
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        count = with_upload(
            file,
            lambda path: operations.import_questions.perform(
                engine_of(request), account.name, survey_id, path, path.name
            ),
        )
        return {**queries.survey_record(engine_of(request), survey_id), "imported": count}

    def done(result: dict[str, Any]) -> Any:
        return _l("%(count)s question(s) imported.", count=result["imported"])

    return answer(request, work, _again(request, survey_id), done, status=201)


@page(router, "/surveys/{survey_id}/target")
def target_page(
    request: Request,
    survey_id: str,
    member_type: QMany = [],  # noqa: B006 - FastAPI reads the default, never mutated
    group: QMany = [],  # noqa: B006
    region: QMany = [],  # noqa: B006
    members: Annotated[str, Query(max_length=5000)] = "",
    users: Annotated[str, Query(max_length=5000)] = "",
    contacts: Annotated[str, Query(max_length=5)] = "1",
    on: Annotated[str, Query(max_length=10)] = "",
    account: Account = Depends(manager),
) -> Response:
    """Who a target would invite (nothing written)."""
    survey = survey_for(request, survey_id)

    def work() -> dict[str, Any]:
        target = target_of(member_type, group, region, members, users, contacts == "1", on)
        with engine_of(request).connect() as connection:
            found = population(connection, target, day_of(on, _l("day")) if on else _today())
        return {
            "survey_id": survey.survey_id,
            "target": target.record(),
            "on": found.on,
            "members": found.members,
            "invitees": [
                {
                    "name": i.name,
                    "member": i.member,
                    "email": i.email,
                    "user": i.user_id is not None,
                }
                for i in found.invitees
            ],
            "without_contact": found.without_contact,
        }

    data = attempt(work)
    return respond(request, "survey_target.html", data, choices=CHOICES)


def _today() -> Any:
    from datetime import date

    return date.today()


@router.post(
    "/surveys/{survey_id}/open", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def open_survey(
    request: Request,
    survey_id: str,
    member_type: Many = [],  # noqa: B006
    group: Many = [],  # noqa: B006
    region: Many = [],  # noqa: B006
    members: Long = "",
    users: Long = "",
    contacts: Short = "",
    on: Short = "",
    account: Account = Depends(manager),
) -> Response:
    def work() -> dict[str, Any]:
        target = target_of(member_type, group, region, members, users, bool(contacts), on)
        sent = operations.open_survey.perform(engine_of(request), account.name, survey_id, target)
        record = queries.survey_record(engine_of(request), survey_id)
        return {**record, "sent": sent.__dict__}

    def done(result: dict[str, Any]) -> Any:
        sent = result["sent"]
        return _l(
            "The survey is open: %(invited)s invited, %(queued)s e-mail(s) queued.",
            invited=sent["invited"],
            queued=sent["queued"],
        )

    return answer(request, work, _again(request, survey_id), done)


@router.post(
    "/surveys/{survey_id}/remind", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def remind(request: Request, survey_id: str, account: Account = Depends(manager)) -> Response:
    def work() -> dict[str, Any]:
        sent = operations.remind.perform(engine_of(request), account.name, survey_id)
        return {**queries.survey_record(engine_of(request), survey_id), "sent": sent.__dict__}

    def done(result: dict[str, Any]) -> Any:
        return _l("%(count)s reminder(s) queued.", count=result["sent"]["queued"])

    return answer(request, work, _again(request, survey_id), done)


@router.post(
    "/surveys/{survey_id}/close", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def close(request: Request, survey_id: str, account: Account = Depends(manager)) -> Response:
    def work() -> dict[str, Any]:
        operations.close_survey.perform(engine_of(request), account.name, survey_id)
        return queries.survey_record(engine_of(request), survey_id)

    return answer(request, work, _again(request, survey_id), lambda _: _l("The survey is closed."))


router.include_router(web_respond.router)
