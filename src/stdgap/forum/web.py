"""The forum in the browser (every page also JSON, every form also answers JSON; plain forms, no
script needed): the questions (public; filters study group, Question, tag, unanswered, words of
the title), asking, a question with its answers (answer, vote, accept, report, the author's
edit of their own post), and the
moderators' queue (approve, reject, edit, hide, show again, dismiss a report). The API is in
:mod:`stdgap.forum.api`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from stdgap.forum import operations, queries
from stdgap.forum.api import api
from stdgap.forum.errors import ForumError
from stdgap.forum.operations import QuestionInput
from stdgap.forum.service import answer, attempt, moderator, poster, question_number, viewer
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.paging import pager
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

__all__ = ["api", "router"]

router = APIRouter()
Short = Annotated[str, Form(max_length=300)]
Body = Annotated[str, Form(max_length=20000)]
Reason = Annotated[str, Form(max_length=500)]
CSRF = [Depends(csrf_protect)]


def split(text: str) -> tuple[str, ...]:
    """Words separated by commas or new lines (tags, item ids)."""
    return tuple(p.strip() for p in text.replace("\n", ",").split(",") if p.strip())


@page(router, "/forum")
def forum_page(
    request: Request,
    group: str = "",
    question: str = "",
    tag: str = "",
    unanswered: str = "",
    q: str = "",
    offset: str = "0",
) -> Response:
    filters = attempt(
        lambda: queries.QuestionFilter.of(group[:40], question[:20], tag[:40], unanswered[:5], q)
    )
    engine, reader = engine_of(request), viewer(request)
    total = queries.count_questions(engine, filters, reader)
    start = int(offset) if offset.isdigit() and len(offset) < 10 else 0
    found = queries.list_questions(engine, filters, reader, limit=queries.PAGE, offset=start)
    data = {
        "filters": filters.given(),
        "total": total,
        "limit": queries.PAGE,
        "offset": start,
        "questions": found,
    }
    paging = pager(request, total, queries.PAGE, start)
    return respond(request, "forum.html", data, groups=queries.group_codes(engine), pager=paging)


def _ask_page(request: Request, code: int = 200, **extra: Any) -> Response:
    groups = queries.group_codes(engine_of(request))
    return respond(request, "forum_ask.html", {"groups": groups}, code, **extra)


@page(router, "/forum/ask")
def ask_page(request: Request, account: Account = Depends(poster)) -> Response:
    return _ask_page(request)


@router.post("/forum/questions", include_in_schema=False, dependencies=CSRF)
def ask(
    request: Request,
    title: Short,
    body: Body,
    study_group: Short,
    study_question: Short = "",
    tags: Short = "",
    links: Annotated[str, Form(max_length=3000)] = "",
    account: Account = Depends(poster),
) -> Response:
    asked = {
        "title": title,
        "body": body,
        "study_group": study_group,
        "study_question": study_question,
        "tags": tags,
        "links": links,
    }

    def work() -> dict[str, Any]:
        spec = QuestionInput(title, body, study_group, study_question, split(tags), split(links))
        done = operations.ask.perform(
            engine_of(request), account.name, spec, account.id, account.can("forum.moderate")
        )
        return {"id": done.post_id, "status": done.status, "notified": done.notified}

    def again(**extra: Any) -> Response:
        return _ask_page(request, form=asked, **extra)

    return answer(request, work, again, 201, then=lambda done: f"/forum/questions/{done['id']}")


def _question_page(request: Request, question_id: int, code: int = 200, **extra: Any) -> Response:
    found = attempt(
        lambda: queries.question_detail(engine_of(request), question_id, viewer(request))
    )
    return respond(request, "forum_question.html", {"question": found}, code, **extra)


@page(router, "/forum/questions/{question_id}")
def question_page(request: Request, question_id: str) -> Response:
    return _question_page(request, question_number(question_id))


def _again(request: Request, question_id: int, form: dict[str, str] | None = None) -> Any:
    def again(**extra: Any) -> Response:
        return _question_page(request, question_id, form=form or {}, **extra)

    return again


def _to(question_id: int) -> Any:
    return lambda _result: f"/forum/questions/{question_id}"


@router.post("/forum/questions/{question_id}/answers", include_in_schema=False, dependencies=CSRF)
def post_answer(
    request: Request, question_id: int, body: Body, account: Account = Depends(poster)
) -> Response:
    def work() -> dict[str, Any]:
        done = operations.answer.perform(
            engine_of(request), account.name, question_id, body, account.id,
            account.can("forum.moderate"),
        )  # fmt: skip
        return {"id": done.post_id, "status": done.status, "expert": done.expert}

    again = _again(request, question_id, {"body": body})
    return answer(request, work, again, 201, then=_to(question_id))


@router.post("/forum/questions/{question_id}/accept", include_in_schema=False, dependencies=CSRF)
def accept(
    request: Request, question_id: int, answer_id: Short, account: Account = Depends(poster)
) -> Response:
    def work() -> dict[str, Any]:
        chosen = _number(answer_id, "answer") if answer_id.strip() else None
        operations.accept.perform(engine_of(request), account.name, question_id, chosen, account.id)
        return {"question": question_id, "accepted": chosen}

    return answer(request, work, _again(request, question_id), then=_to(question_id))


def _number(text: str, field: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ForumError(
            _l("%(field)s: %(value)r is not a number", field=field, value=text)
        ) from None


def _question_of(request: Request, post_id: int) -> int:
    """The question a visible post belongs to (itself for a question)."""
    found = attempt(lambda: queries.post_question(engine_of(request), post_id, viewer(request)))
    return found


@router.post("/forum/posts/{post_id}/vote", include_in_schema=False, dependencies=CSRF)
def vote(
    request: Request, post_id: int, value: Short, account: Account = Depends(poster)
) -> Response:
    question_id = _question_of(request, post_id)

    def work() -> dict[str, Any]:
        score = operations.vote.perform(
            engine_of(request), account.name, post_id, account.id, _number(value, "vote")
        )
        return {"post": post_id, "score": score}

    return answer(request, work, _again(request, question_id), then=_to(question_id))


@router.post("/forum/posts/{post_id}/report", include_in_schema=False, dependencies=CSRF)
def report(
    request: Request, post_id: int, reason: Reason, account: Account = Depends(poster)
) -> Response:
    question_id = _question_of(request, post_id)

    def work() -> dict[str, Any]:
        number = operations.report.perform(
            engine_of(request), account.name, post_id, account.id, reason
        )
        return {"report": number, "post": post_id}

    def again(**extra: Any) -> Response:
        if "error" not in extra:
            extra["done"] = _l("Thank you: the moderators will look at this post.")
        return _question_page(request, question_id, **extra)

    return answer(request, work, again, 201)


@router.post("/forum/posts/{post_id}/revise", include_in_schema=False, dependencies=CSRF)
def revise(
    request: Request,
    post_id: int,
    body: Body,
    title: Short = "",
    account: Account = Depends(poster),
) -> Response:
    """The author's edit of their own post."""
    question_id = _question_of(request, post_id)

    def work() -> dict[str, Any]:
        done = operations.revise.perform(
            engine_of(request), account.name, post_id, account.id, body, title.strip() or None,
            account.can("forum.moderate"),
        )  # fmt: skip
        return {"post": post_id, "status": done.status, "edited": True}

    form = {"revise": str(post_id), "revise_body": body, "revise_title": title}
    return answer(request, work, _again(request, question_id, form), then=_to(question_id))


def _queue_page(request: Request, code: int = 200, **extra: Any) -> Response:
    data = queries.moderation_queue(engine_of(request))
    return respond(request, "forum_moderation.html", data, code, **extra)


@page(router, "/forum/moderation")
def moderation_page(request: Request, account: Account = Depends(moderator)) -> Response:
    return _queue_page(request)


def _moderate(request: Request, work: Any, message: Any) -> Response:
    def again(**extra: Any) -> Response:
        if "error" not in extra:
            extra["done"] = message
        return _queue_page(request, **extra)

    return answer(request, work, again)


@router.post("/forum/posts/{post_id}/approve", include_in_schema=False, dependencies=CSRF)
def approve(request: Request, post_id: int, account: Account = Depends(moderator)) -> Response:
    def work() -> dict[str, Any]:
        done = operations.approve.perform(engine_of(request), account.name, post_id)
        return {"post": post_id, "status": done.status, "notified": done.notified}

    return _moderate(request, work, _l("The post is published."))


@router.post("/forum/posts/{post_id}/reject", include_in_schema=False, dependencies=CSRF)
def reject(
    request: Request, post_id: int, reason: Reason, account: Account = Depends(moderator)
) -> Response:
    def work() -> dict[str, Any]:
        operations.reject.perform(engine_of(request), account.name, post_id, reason)
        return {"post": post_id, "status": operations.REJECTED}

    return _moderate(request, work, _l("The post is rejected."))


@router.post("/forum/posts/{post_id}/hide", include_in_schema=False, dependencies=CSRF)
def hide(
    request: Request, post_id: int, reason: Reason, account: Account = Depends(moderator)
) -> Response:
    def work() -> dict[str, Any]:
        resolved = operations.hide.perform(engine_of(request), account.name, post_id, reason)
        return {"post": post_id, "status": operations.HIDDEN, "reports_resolved": resolved}

    return _moderate(request, work, _l("The post is hidden."))


@router.post("/forum/posts/{post_id}/unhide", include_in_schema=False, dependencies=CSRF)
def unhide(
    request: Request, post_id: int, reason: Reason, account: Account = Depends(moderator)
) -> Response:
    def work() -> dict[str, Any]:
        operations.unhide.perform(engine_of(request), account.name, post_id, reason)
        return {"post": post_id, "status": operations.PUBLISHED}

    return _moderate(request, work, _l("The post is shown again."))


@router.post("/forum/posts/{post_id}/edit", include_in_schema=False, dependencies=CSRF)
def edit(
    request: Request,
    post_id: int,
    body: Body,
    reason: Reason,
    title: Short = "",
    account: Account = Depends(moderator),
) -> Response:
    def work() -> dict[str, Any]:
        operations.edit.perform(
            engine_of(request), account.name, post_id, body, reason, title.strip() or None
        )
        return {"post": post_id, "edited": True}

    return _moderate(request, work, _l("The post is edited."))


@router.post("/forum/reports/{report_id}/dismiss", include_in_schema=False, dependencies=CSRF)
def dismiss(
    request: Request, report_id: int, reason: Reason, account: Account = Depends(moderator)
) -> Response:
    def work() -> dict[str, Any]:
        operations.dismiss.perform(engine_of(request), account.name, report_id, reason)
        return {"report": report_id, "resolved": True}

    return _moderate(request, work, _l("The report is dismissed."))
