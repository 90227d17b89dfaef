"""The forum's reads: the list of questions (filters: study group, Question, tag, unanswered,
words of the title), a question with its answers, votes and links, and the moderators' queue
(held posts, open reports). Held posts are shown to their author and to moderators only, hidden
and rejected ones to moderators only; a question nobody else may see answers as missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from stdgap.accounts.models import User
from stdgap.forum.errors import ForumError, UnknownPost
from stdgap.forum.knowledge import resolve
from stdgap.forum.markdown import render
from stdgap.forum.models import ForumLink, ForumPost, ForumReport, ForumVote
from stdgap.forum.operations import HELD, PUBLISHED, QUESTION_REF, editable_until
from stdgap.i18n.translate import _l

PAGE = 50


@dataclass(frozen=True)
class Viewer:
    """Who reads: an account's id (None: the public) and whether they moderate."""

    user_id: int | None = None
    moderator: bool = False


@dataclass(frozen=True)
class QuestionFilter:
    group: str | None = None
    question: str | None = None
    tag: str | None = None
    unanswered: bool = False
    search: str | None = None

    @classmethod
    def of(
        cls,
        group: str | None = None,
        question: str | None = None,
        tag: str | None = None,
        unanswered: str | bool | None = None,
        search: str | None = None,
    ) -> QuestionFilter:
        ref = (question or "").strip().upper() or None
        if ref is not None and not QUESTION_REF.fullmatch(ref):
            raise ForumError(_l("Question: %(value)r is not like Q20/13", value=ref[:20]))
        flag = (
            unanswered
            if isinstance(unanswered, bool)
            else (unanswered or "") in ("1", "true", "yes", "on")
        )
        return cls(
            (group or "").strip().upper()[:40] or None,
            ref,
            (tag or "").strip().lower()[:40] or None,
            flag,
            (search or "").strip()[:100] or None,
        )

    def given(self) -> dict[str, Any]:
        return {
            "group": self.group or "",
            "question": self.question or "",
            "tag": self.tag or "",
            "unanswered": self.unanswered,
            "q": self.search or "",
        }


def _shown(viewer: Viewer) -> Any:
    """Posts the viewer may see: published ones, their own held ones; moderators see all."""
    if viewer.moderator:
        return ForumPost.status.is_not(None)
    if viewer.user_id is None:
        return ForumPost.status == PUBLISHED
    return or_(
        ForumPost.status == PUBLISHED,
        and_(ForumPost.status == HELD, ForumPost.user_id == viewer.user_id),
    )


def _tags(text: str | None) -> list[str]:
    return [tag for tag in (text or "").split(",") if tag]


def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _questions_query(filters: QuestionFilter, viewer: Viewer) -> Any:
    """The questions the viewer may see that match ``filters``, with their answers' counts
    (not ordered, not limited)."""
    answer = aliased(ForumPost)
    answers = (
        select(func.count())
        .where(answer.question_id == ForumPost.id, answer.status == PUBLISHED)
        .scalar_subquery()
    )
    experts = (
        select(func.count())
        .where(
            answer.question_id == ForumPost.id,
            answer.status == PUBLISHED,
            answer.expert.is_(True),
        )
        .scalar_subquery()
    )
    score = (
        select(func.coalesce(func.sum(ForumVote.value), 0))
        .where(ForumVote.post_id == ForumPost.id)
        .scalar_subquery()
    )
    # an answer counts as accepted only while it is published
    accepted = (
        exists()
        .where(answer.id == ForumPost.accepted_id, answer.status == PUBLISHED)
        .correlate(ForumPost)
    )
    query = (
        select(
            ForumPost.id,
            ForumPost.title,
            ForumPost.study_group,
            ForumPost.study_question,
            ForumPost.tags,
            ForumPost.status,
            ForumPost.created_at,
            accepted.label("accepted"),
            User.name.label("asker"),
            answers.label("answers"),
            experts.label("expert_answers"),
            score.label("score"),
        )
        .join(User, User.id == ForumPost.user_id)
        .where(ForumPost.question_id.is_(None), _shown(viewer))
    )
    if filters.group:
        query = query.where(ForumPost.study_group == filters.group)
    if filters.question:
        query = query.where(ForumPost.study_question == filters.question)
    if filters.tag:
        query = query.where(
            func.lower("," + func.coalesce(ForumPost.tags, "") + ",").like(
                _like("," + filters.tag + ","), escape="\\"
            )
        )
    if filters.search:
        for word in filters.search.split()[:5]:
            query = query.where(func.lower(ForumPost.title).like(_like(word), escape="\\"))
    if filters.unanswered:
        published = aliased(ForumPost)
        query = query.where(
            ~exists().where(published.question_id == ForumPost.id, published.status == PUBLISHED)
        )
    return query


def count_questions(engine: Engine, filters: QuestionFilter, viewer: Viewer = Viewer()) -> int:
    """How many questions the viewer may see match ``filters`` (counted by the store)."""
    found = _questions_query(filters, viewer).subquery()
    with engine.connect() as connection:
        total: int = connection.execute(select(func.count()).select_from(found)).scalar_one()
    return int(total)


def list_questions(
    engine: Engine,
    filters: QuestionFilter,
    viewer: Viewer = Viewer(),
    limit: int = PAGE,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The questions the viewer may see, newest first, ``limit`` of them from ``offset``, with
    their answers' counts."""
    query = (
        _questions_query(filters, viewer)
        .order_by(ForumPost.created_at.desc(), ForumPost.id.desc())
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        {
            "id": row.id,
            "title": row.title,
            "study_group": row.study_group,
            "study_question": row.study_question,
            "tags": _tags(row.tags),
            "status": row.status,
            "asked_at": row.created_at.isoformat(),
            "asker": row.asker,
            "answers": row.answers,
            "expert_answers": row.expert_answers,
            "accepted": bool(row.accepted),
            "score": int(row.score),
        }
        for row in rows
    ]


def _post_dict(
    row: Any, votes: dict[int, int], mine: dict[int, int], viewer: Viewer
) -> dict[str, Any]:
    return {
        "id": row.id,
        "author": row.author,
        "body": row.body,
        "html": render(row.body),
        "status": row.status,
        "expert": bool(row.expert),
        "posted_at": row.created_at.isoformat(),
        "edited_at": row.edited_at.isoformat() if row.edited_at else None,
        # a moderator's reason is internal: for the moderators only
        "moderation_reason": row.moderation_reason if viewer.moderator else None,
        "score": votes.get(row.id, 0),
        "my_vote": mine.get(row.id, 0),
        "mine": False,
    }


def question_detail(engine: Engine, question_id: int, viewer: Viewer = Viewer()) -> dict[str, Any]:
    """A question the viewer may see, with the answers they may see (accepted first, then by
    score and age), votes, links to knowledge items; :class:`UnknownPost` otherwise."""
    columns = (
        ForumPost.id,
        ForumPost.question_id,
        ForumPost.user_id,
        ForumPost.title,
        ForumPost.body,
        ForumPost.study_group,
        ForumPost.study_question,
        ForumPost.tags,
        ForumPost.status,
        ForumPost.expert,
        ForumPost.accepted_id,
        ForumPost.created_at,
        ForumPost.edited_at,
        ForumPost.moderation_reason,
        User.name.label("author"),
    )
    with engine.connect() as connection:
        question = connection.execute(
            select(*columns)
            .join(User, User.id == ForumPost.user_id)
            .where(ForumPost.id == question_id, ForumPost.question_id.is_(None), _shown(viewer))
        ).first()
        if question is None:
            raise UnknownPost(_l("no question %(id)s", id=question_id))
        answers = connection.execute(
            select(*columns)
            .join(User, User.id == ForumPost.user_id)
            .where(ForumPost.question_id == question_id, _shown(viewer))
            .order_by(ForumPost.created_at, ForumPost.id)
        ).all()
        ids = [question.id, *(a.id for a in answers)]
        votes = {
            post: int(total)
            for post, total in connection.execute(
                select(ForumVote.post_id, func.sum(ForumVote.value))
                .where(ForumVote.post_id.in_(ids))
                .group_by(ForumVote.post_id)
            )
        }
        mine: dict[int, int] = {}
        if viewer.user_id is not None:
            mine = {
                post: value
                for post, value in connection.execute(
                    select(ForumVote.post_id, ForumVote.value).where(
                        ForumVote.post_id.in_(ids), ForumVote.user_id == viewer.user_id
                    )
                )
            }
        links = connection.scalars(
            select(ForumLink.item_id).where(ForumLink.post_id == question_id).order_by(ForumLink.id)
        ).all()
    found = _post_dict(question, votes, mine, viewer)
    # an answer counts as accepted only while it is published
    accepted = next(
        (a.id for a in answers if a.id == question.accepted_id and a.status == PUBLISHED), None
    )
    found.update(
        title=question.title,
        study_group=question.study_group,
        study_question=question.study_question,
        tags=_tags(question.tags),
        accepted_id=accepted,
        asked_at=found["posted_at"],
        mine=question.user_id == viewer.user_id,
        links=resolve(engine, list(links)),
    )
    moment = datetime.now()
    answered = any(a.status == PUBLISHED for a in answers)
    found["editable_until"] = _until(question, viewer, answered, moment)
    listed = []
    for row in answers:
        item = _post_dict(row, votes, mine, viewer)
        item["accepted"] = accepted is not None and row.id == accepted
        item["mine"] = row.user_id == viewer.user_id
        item["editable_until"] = _until(row, viewer, False, moment)
        listed.append(item)
    listed.sort(key=lambda a: (not a["accepted"], -a["score"], a["posted_at"], a["id"]))
    found["answers"] = listed
    return found


def _until(row: Any, viewer: Viewer, answered: bool, moment: datetime) -> str | None:
    """Until when the viewer may edit their own post (None: not theirs, or no more)."""
    if viewer.user_id is None or row.user_id != viewer.user_id:
        return None
    until = editable_until(row.created_at, row.status, answered)
    return until.isoformat() if until is not None and until >= moment else None


def moderation_queue(engine: Engine) -> dict[str, Any]:
    """Held posts (oldest first) and open reports (oldest first), for the moderators."""
    question = aliased(ForumPost)
    reporter = aliased(User)
    with engine.connect() as connection:
        held = connection.execute(
            select(
                ForumPost.id,
                ForumPost.question_id,
                ForumPost.title,
                ForumPost.body,
                ForumPost.created_at,
                ForumPost.expert,
                User.name.label("author"),
                question.title.label("question_title"),
            )
            .join(User, User.id == ForumPost.user_id)
            .outerjoin(question, question.id == ForumPost.question_id)
            .where(ForumPost.status == HELD)
            .order_by(ForumPost.created_at, ForumPost.id)
        ).all()
        reports = connection.execute(
            select(
                ForumReport.id,
                ForumReport.post_id,
                ForumReport.reason,
                ForumReport.created_at,
                reporter.name.label("reporter"),
                ForumPost.question_id,
                ForumPost.title,
                ForumPost.body,
                ForumPost.status,
                ForumPost.expert,
                User.name.label("author"),
                question.title.label("question_title"),
            )
            .join(ForumPost, ForumPost.id == ForumReport.post_id)
            .join(User, User.id == ForumPost.user_id)
            .join(reporter, reporter.id == ForumReport.user_id)
            .outerjoin(question, question.id == ForumPost.question_id)
            .where(ForumReport.resolved_at.is_(None))
            .order_by(ForumReport.created_at, ForumReport.id)
        ).all()
    return {
        "held": [
            {
                "id": row.id,
                "kind": "question" if row.question_id is None else "answer",
                "question_id": row.question_id or row.id,
                "title": row.title or row.question_title,
                "author": row.author,
                "body": row.body,
                "html": render(row.body),
                "posted_at": row.created_at.isoformat(),
                "expert": bool(row.expert),
            }
            for row in held
        ],
        "reports": [
            {
                "id": row.id,
                "post_id": row.post_id,
                "question_id": row.question_id or row.post_id,
                "kind": "question" if row.question_id is None else "answer",
                "title": row.title or row.question_title,
                "author": row.author,
                "reporter": row.reporter,
                "reason": row.reason,
                "status": row.status,
                "html": render(row.body),
                "reported_at": row.created_at.isoformat(),
                "expert": bool(row.expert),
            }
            for row in reports
        ],
    }


def group_codes(engine: Engine) -> list[str]:
    """Codes of the registry's study groups (and TSAG), for the forms' choices."""
    from stdgap.store.models import Group

    with engine.connect() as connection:
        codes = connection.scalars(
            select(Group.code).where(Group.kind.in_(("study_group", "tsag")))
        ).all()
    return sorted(codes, key=lambda c: (len(c), c))


def post_question(engine: Engine, post_id: int, viewer: Viewer = Viewer()) -> int:
    """The question a post the viewer may see belongs to (itself for a question);
    :class:`UnknownPost` for a post they may not see."""
    with engine.connect() as connection:
        row = connection.execute(
            select(ForumPost.id, ForumPost.question_id).where(
                ForumPost.id == post_id, _shown(viewer)
            )
        ).first()
    if row is None:
        raise UnknownPost(_l("no post %(id)s", id=post_id))
    return int(row.question_id or row.id)
