"""The forum's REST API (``/api/v1/forum``): questions and a question with its answers (public;
held posts for their author and moderators), asking, answering, voting, accepting and reporting
(signed-in accounts that post), editing one's own post, the moderation queue and the
moderators' actions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.forum import operations, queries
from stdgap.forum.errors import ForumError
from stdgap.forum.operations import QuestionInput
from stdgap.forum.service import attempt, moderator, poster, question_number, viewer
from stdgap.http.api import OBJECT, PAGE, Limit, Offset
from stdgap.http.auth import engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import _l
from stdgap.permissions import Account

MORE: dict[int | str, dict[str, Any]] = {
    409: {**PROBLEM_RESPONSES[422], "description": "Conflict (not in that state)"},
    429: {**PROBLEM_RESPONSES[422], "description": "Too many posts in the last hour"},
}
api = APIRouter(prefix="/api/v1/forum", responses={**PROBLEM_RESPONSES, **MORE})
Filter = Annotated[str | None, Query(max_length=40)]
POST = [Depends(poster), Depends(csrf_protect)]
MODERATE = [Depends(moderator), Depends(csrf_protect)]


@api.get("/questions", responses=PAGE, summary="Questions (filters: group, question, tag …)")
def questions(
    request: Request,
    group: Filter = None,
    question: Filter = None,
    tag: Filter = None,
    unanswered: bool = False,
    q: Annotated[str | None, Query(max_length=100, description="words of the title")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    filters = attempt(lambda: queries.QuestionFilter.of(group, question, tag, unanswered, q))
    engine, reader = engine_of(request), viewer(request)
    found = queries.list_questions(engine, filters, reader, limit=limit, offset=offset)
    total = queries.count_questions(engine, filters, reader)
    return DataResponse({"total": total, "limit": limit, "offset": offset, "items": found})


@api.get("/questions/{question_id}", responses=OBJECT, summary="A question with its answers")
def question(request: Request, question_id: str) -> Response:
    number = question_number(question_id)
    found = attempt(lambda: queries.question_detail(engine_of(request), number, viewer(request)))
    return DataResponse(found)


class QuestionIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=20000, description="Markdown (no raw HTML)")
    study_group: str = Field(min_length=1, max_length=40, description="e.g. SG13")
    study_question: str | None = Field(None, max_length=20, description="e.g. Q20/13")
    tags: list[str] = Field(default_factory=list, max_length=10)
    links: list[str] = Field(
        default_factory=list, max_length=20, description="ids of knowledge items"
    )


@api.post("/questions", status_code=201, responses=OBJECT, dependencies=POST, summary="Ask")
def ask(request: Request, body: QuestionIn, account: Account = Depends(poster)) -> Response:
    spec = QuestionInput(
        body.title,
        body.body,
        body.study_group,
        body.study_question,
        tuple(body.tags),
        tuple(body.links),
    )
    done = attempt(
        lambda: operations.ask.perform(
            engine_of(request), account.name, spec, account.id, account.can("forum.moderate")
        )
    )
    return DataResponse(
        {"id": done.post_id, "status": done.status, "notified": done.notified}, status_code=201
    )


class AnswerIn(BaseModel):
    body: str = Field(min_length=1, max_length=20000, description="Markdown (no raw HTML)")


@api.post(
    "/questions/{question_id}/answers",
    status_code=201,
    responses=OBJECT,
    dependencies=POST,
    summary="Answer a question (marked as an expert answer from an expert of its group)",
)
def post_answer(
    request: Request, question_id: int, body: AnswerIn, account: Account = Depends(poster)
) -> Response:
    done = attempt(
        lambda: operations.answer.perform(
            engine_of(request),
            account.name,
            question_id,
            body.body,
            account.id,
            account.can("forum.moderate"),
        )
    )
    return DataResponse(
        {"id": done.post_id, "status": done.status, "expert": done.expert}, status_code=201
    )


class AcceptIn(BaseModel):
    answer_id: int | None = Field(description="the answer accepted (null: none)")


@api.put(
    "/questions/{question_id}/accepted",
    responses=OBJECT,
    dependencies=POST,
    summary="Accept an answer (the asker only)",
)
def accept(
    request: Request, question_id: int, body: AcceptIn, account: Account = Depends(poster)
) -> Response:
    attempt(
        lambda: operations.accept.perform(
            engine_of(request), account.name, question_id, body.answer_id, account.id
        )
    )
    return DataResponse({"question": question_id, "accepted": body.answer_id})


class VoteIn(BaseModel):
    value: int = Field(ge=-1, le=1, description="1 up, -1 down, 0 takes the vote back")


@api.put("/posts/{post_id}/vote", responses=OBJECT, dependencies=POST, summary="Vote on a post")
def vote(
    request: Request, post_id: int, body: VoteIn, account: Account = Depends(poster)
) -> Response:
    score = attempt(
        lambda: operations.vote.perform(
            engine_of(request), account.name, post_id, account.id, body.value
        )
    )
    return DataResponse({"post": post_id, "score": score})


class ReasonIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


@api.post(
    "/posts/{post_id}/reports",
    status_code=201,
    responses=OBJECT,
    dependencies=POST,
    summary="Report a post to the moderators",
)
def report(
    request: Request, post_id: int, body: ReasonIn, account: Account = Depends(poster)
) -> Response:
    number = attempt(
        lambda: operations.report.perform(
            engine_of(request), account.name, post_id, account.id, body.reason
        )
    )
    return DataResponse({"report": number, "post": post_id}, status_code=201)


@api.get(
    "/moderation",
    responses=OBJECT,
    dependencies=[Depends(moderator)],
    summary="Held posts and open reports (moderators)",
)
def moderation(request: Request) -> Response:
    return DataResponse(queries.moderation_queue(engine_of(request)))


class ModerationIn(BaseModel):
    action: str = Field(description="approve, reject, hide or unhide")
    reason: str = Field("", max_length=500, description="required but to approve")


@api.post(
    "/posts/{post_id}/moderation",
    responses=OBJECT,
    dependencies=MODERATE,
    summary="Approve, reject, hide or show again a post (moderators)",
)
def moderate(
    request: Request, post_id: int, body: ModerationIn, account: Account = Depends(moderator)
) -> Response:
    engine = engine_of(request)

    def work() -> dict[str, Any]:
        if body.action == "approve":
            done = operations.approve.perform(engine, account.name, post_id)
            return {"post": post_id, "status": done.status, "notified": done.notified}
        actions: dict[str, tuple[Any, str]] = {
            "reject": (operations.reject, operations.REJECTED),
            "hide": (operations.hide, operations.HIDDEN),
            "unhide": (operations.unhide, operations.PUBLISHED),
        }
        if body.action not in actions:
            raise ForumError(
                _l(
                    "action: %(value)r is not approve, reject, hide or unhide",
                    value=body.action[:20],
                )
            )
        write, status = actions[body.action]
        write.perform(engine, account.name, post_id, body.reason)
        return {"post": post_id, "status": status}

    return DataResponse(attempt(work))


class EditIn(BaseModel):
    body: str = Field(min_length=1, max_length=20000)
    reason: str = Field(min_length=1, max_length=500)
    title: str | None = Field(None, max_length=200)


@api.put(
    "/posts/{post_id}",
    responses=OBJECT,
    dependencies=MODERATE,
    summary="Edit a post, with the reason (moderators)",
)
def edit(
    request: Request, post_id: int, body: EditIn, account: Account = Depends(moderator)
) -> Response:
    attempt(
        lambda: operations.edit.perform(
            engine_of(request), account.name, post_id, body.body, body.reason, body.title
        )
    )
    return DataResponse({"post": post_id, "edited": True})


class ReviseIn(BaseModel):
    body: str = Field(min_length=1, max_length=20000, description="Markdown (no raw HTML)")
    title: str | None = Field(None, max_length=200, description="a question's new title")


@api.put(
    "/posts/{post_id}/text",
    responses=OBJECT,
    dependencies=POST,
    summary="Edit one's own post (its author, within a day of posting; a question until answered)",
)
def revise(
    request: Request, post_id: int, body: ReviseIn, account: Account = Depends(poster)
) -> Response:
    done = attempt(
        lambda: operations.revise.perform(
            engine_of(request),
            account.name,
            post_id,
            account.id,
            body.body,
            body.title,
            account.can("forum.moderate"),
        )
    )
    return DataResponse({"post": post_id, "status": done.status, "edited": True})


@api.post(
    "/reports/{report_id}/dismissal",
    responses=OBJECT,
    dependencies=MODERATE,
    summary="Dismiss a report, with the reason (moderators)",
)
def dismiss(
    request: Request, report_id: int, body: ReasonIn, account: Account = Depends(moderator)
) -> Response:
    attempt(
        lambda: operations.dismiss.perform(engine_of(request), account.name, report_id, body.reason)
    )
    return DataResponse({"report": report_id, "resolved": True})
