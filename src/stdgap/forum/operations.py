"""The forum's writes, each an ``@operation`` (one transaction, one audit row; the e-mails it
queues are in the same transaction): asking and answering (held for review when the account is
new, refused beyond the hourly limit), voting, accepting an answer, reporting, an author's edit;
and the moderators' approving, rejecting, editing, hiding and showing again, with their reasons.

As every operation of the write door, each names its audit target from its arguments in its
declaration (``target=``) and never sets ``unit.target`` itself: called within a larger
operation's unit (``ask(unit, …)``), it leaves that unit's target as it is; what it made (the new
post's id) goes in the details."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from stdgap.accounts.models import User
from stdgap.forum.errors import ForumError, NotYours, TooMany, UnknownPost, WrongState
from stdgap.forum.experts import experts, is_expert
from stdgap.forum.knowledge import unknown
from stdgap.forum.models import ForumLink, ForumPost, ForumReport, ForumVote
from stdgap.i18n.translate import N_, _l
from stdgap.notifications.outbox import notify_user
from stdgap.store.models import Group, table_of
from stdgap.store.settings import (
    FORUM_HOLD_DAYS,
    FORUM_HOLD_POSTS,
    FORUM_POSTS_PER_HOUR,
    get_setting,
)
from stdgap.store.unit import Unit, operation

PUBLISHED, HELD, HIDDEN, REJECTED = "published", "held", "hidden", "rejected"
STATUSES = (PUBLISHED, HELD, HIDDEN, REJECTED)
QUESTION, ANSWER = "question", "answer"
QUESTION_REF = re.compile(r"Q(\d{1,3})/(\d{1,3})")
TAG = re.compile(r"[\w][\w .+#/-]{0,39}")
ITEM_ID = re.compile(r"[^\x00-\x1f\x7f]{1,100}")
TITLE_LENGTH, BODY_LENGTH, REASON_LENGTH = 200, 20000, 500
MAX_TAGS, MAX_LINKS = 10, 20
#: Hours after posting in which an author may edit their post (a question only while it has no
#: published answer: the answers would no longer fit it).
EDIT_HOURS = 24
#: How much of the text before an author's edit the audit row keeps.
BEFORE_LENGTH = 2000


@dataclass(frozen=True)
class QuestionInput:
    title: str
    body: str
    study_group: str
    study_question: str | None = None
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Posted:
    post_id: int
    status: str
    expert: bool = False
    #: E-mails queued: to the experts of a question's group, or to the asker of an answer.
    notified: int = 0
    kind: str = "question"


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


#: Characters a one-line field (a title, a tag, a reason, an item id) refuses: controls (a tab
#: and line breaks too, U+0085 NEL among them), the line and paragraph separators U+2028/U+2029,
#: and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
#: can make a text read otherwise than it is stored.
ONE_LINE_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: What a body (several lines of Markdown) refuses: the same but tabs and new lines.
BODY_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def refused_character(text: str, field: str, one_line: bool = True) -> None:
    """Refuse (:class:`ForumError` naming ``field`` and the character) the characters a one-line
    field or a body may not hold."""
    found = (ONE_LINE_REFUSED if one_line else BODY_REFUSED).search(text)
    if found is None:
        return
    code = f"U+{ord(found.group()):04X}"
    if _BREAKS.fullmatch(found.group()):
        raise ForumError(
            _l("%(field)s: a line break (%(code)s) is not allowed here", field=field, code=code)
        )
    if _BIDI.fullmatch(found.group()):
        raise ForumError(
            _l(
                "%(field)s: a text-direction control character (%(code)s) is not allowed",
                field=field,
                code=code,
            )
        )
    raise ForumError(
        _l("%(field)s: a control character (%(code)s) is not allowed", field=field, code=code)
    )


def _text(
    value: str, field: str, longest: int, required: bool = True, one_line: bool = True
) -> str:
    """``value`` stripped, checked: required, at most ``longest`` characters, one line (else a
    body: its line ends made ``\\n``), without control characters."""
    text = value.strip()
    if not one_line:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if required and not text:
        raise ForumError(_l("%(field)s: it is required", field=field))
    if len(text) > longest:
        raise ForumError(_l("%(field)s: at most %(count)s characters", field=field, count=longest))
    refused_character(text, field, one_line)
    return text


def _body(value: str) -> str:
    return _text(value, "body", BODY_LENGTH, one_line=False)


def _reason(reason: str) -> str:
    return _text(reason, "reason", REASON_LENGTH)


def _check_question(connection: Connection, spec: QuestionInput) -> QuestionInput:
    title = _text(spec.title, "title", TITLE_LENGTH)
    body = _body(spec.body)
    group = spec.study_group.strip().upper()
    kind = connection.execute(select(Group.kind).where(Group.code == group)).scalar()
    if kind is None:
        raise ForumError(_l("study group: %(value)r is not a group of the registry", value=group))
    question = (spec.study_question or "").strip().upper() or None
    if question is not None:
        found = QUESTION_REF.fullmatch(question)
        number = re.sub(r"\D", "", group)
        if found is None:
            raise ForumError(_l("Question: %(value)r is not like Q20/13", value=question))
        if number and found.group(2) != number:
            raise ForumError(
                _l(
                    "Question: %(value)r is not a Question of %(group)s",
                    value=question,
                    group=group,
                )
            )
    tags = []
    for tag in spec.tags:
        text = tag.strip().lower()
        if not text:
            continue
        refused_character(text, "tags")
        if not TAG.fullmatch(text):
            raise ForumError(_l("tags: %(value)r is not a keyword", value=tag))
        if text not in tags:
            tags.append(text)
    if len(tags) > MAX_TAGS:
        raise ForumError(_l("tags: at most %(count)s", count=MAX_TAGS))
    links = []
    for link in spec.links:
        text = link.strip()
        if not text:
            continue
        refused_character(text, "links")
        if not ITEM_ID.fullmatch(text):
            raise ForumError(_l("links: %(value)r is not an item id", value=link[:100]))
        if text not in links:
            links.append(text)
    if len(links) > MAX_LINKS:
        raise ForumError(_l("links: at most %(count)s", count=MAX_LINKS))
    missing = unknown(connection.engine, links)
    if missing:
        raise ForumError(
            _l(
                "links: the knowledge catalogue holds no item %(ids)s",
                ids=", ".join(repr(item) for item in missing),
            )
        )
    return QuestionInput(title, body, group, question, tuple(tags), tuple(links))


def _limit(connection: Connection, user_id: int, at: datetime) -> None:
    """Refuse a post beyond the hourly limit (every post counts, held ones too), saying in how
    many minutes the oldest of the hour's posts stops counting."""
    most = int(get_setting(connection, FORUM_POSTS_PER_HOUR))
    recent, oldest = connection.execute(
        select(func.count(), func.min(ForumPost.created_at))
        .select_from(ForumPost)
        .where(ForumPost.user_id == user_id, ForumPost.created_at > at - timedelta(hours=1))
    ).one()
    if recent >= most:
        seconds = max(60, int((oldest + timedelta(hours=1) - at).total_seconds()))
        minutes = -(-seconds // 60)
        raise TooMany(
            _l(
                "You have posted %(count)s questions and answers in the last hour, the most "
                "allowed; please try again in about %(minutes)s minutes.",
                count=recent,
                minutes=minutes,
            ),
            retry_after=minutes * 60,
        )


def _held(connection: Connection, user_id: int, moderator: bool, at: datetime) -> bool:
    """Whether a new post of ``user_id`` waits for a moderator: the account is younger than
    ``forum_hold_days`` or has fewer published posts than ``forum_hold_posts``."""
    if moderator:
        return False
    days = int(get_setting(connection, FORUM_HOLD_DAYS))
    posts = int(get_setting(connection, FORUM_HOLD_POSTS))
    created = connection.execute(select(User.created_at).where(User.id == user_id)).scalar()
    if created is None:
        raise ForumError(_l("no such account"))
    if days and created > at - timedelta(days=days):
        return True
    if posts:
        published = connection.execute(
            select(func.count())
            .select_from(ForumPost)
            .where(ForumPost.user_id == user_id, ForumPost.status == PUBLISHED)
        ).scalar_one()
        return bool(published < posts)
    return False


def _post(connection: Connection, post_id: int) -> Any:
    """The post's row (its columns as attributes)."""
    table = table_of(ForumPost)
    row = connection.execute(select(table).where(table.c.id == post_id)).first()
    if row is None:
        raise UnknownPost(_l("no post %(id)s", id=post_id))
    return row


def _visible(connection: Connection, post_id: int, user_id: int | None) -> Any:
    """The post, published (or the actor's own held one); else unknown, like a missing one."""
    post = _post(connection, post_id)
    if post.status != PUBLISHED and not (post.status == HELD and post.user_id == user_id):
        raise UnknownPost(_l("no post %(id)s", id=post_id))
    if post.question_id is not None:
        question = _post(connection, post.question_id)
        if question.status != PUBLISHED:
            raise UnknownPost(_l("no post %(id)s", id=post_id))
    return post


def _notify_experts(unit: Unit, question: Any, at: datetime) -> int:
    """Queue the e-mail of a new question to the experts of its group (not its asker)."""
    sent = 0
    assert question.study_group is not None
    for user_id in experts(unit.connection, question.study_group, at.date()):
        if user_id == question.user_id:
            continue
        queued = notify_user(
            unit,
            user_id,
            "forum.question",
            N_("New question in %(group)s: %(title)s"),
            N_(
                "Dear %(name)s,\n\na question was asked in the forum in %(group)s, where you "
                "hold a role:\n\n%(title)s\n\nRead it and answer it at /forum/questions/%(id)s "
                "— your answer will be marked as an expert answer.\n\n"
                "-- \nThe standardization gap observatory"
            ),
            group=question.study_group,
            title=question.title or "",
            id=question.id,
        )
        sent += queued is not None
    return sent


def _notify_asker(unit: Unit, answer: Any) -> int:
    """Queue the e-mail of a new answer to the asker (not when they answered): 1 if queued
    (0: their own answer, or an account without an address or notices)."""
    assert answer.question_id is not None
    question = _post(unit.connection, answer.question_id)
    if question.user_id == answer.user_id:
        return 0
    queued = notify_user(
        unit,
        question.user_id,
        "forum.answer",
        N_("A new answer to your question: %(title)s"),
        N_(
            "Dear %(name)s,\n\nyour question in the forum has a new answer:\n\n"
            "%(title)s\n\nRead it at /forum/questions/%(id)s\n\n"
            "-- \nThe standardization gap observatory"
        ),
        title=question.title or "",
        id=question.id,
    )
    return int(queued is not None)


def _published(unit: Unit, post: Any, at: datetime) -> int:
    """What follows a post's publication: the experts (of a question) or the asker (of an
    answer) told; how many e-mails were queued."""
    if post.question_id is None:
        return _notify_experts(unit, post, at)
    return _notify_asker(unit, post)


def editable_until(created_at: datetime, status: str, answered: bool) -> datetime | None:
    """Until when the author may edit a post (None: no more): held or published, within
    :data:`EDIT_HOURS` of posting, and for a question while it has no published answer."""
    if status not in (PUBLISHED, HELD) or answered:
        return None
    return created_at + timedelta(hours=EDIT_HOURS)


def _answered(connection: Connection, post: Any) -> bool:
    """Whether ``post`` is a question with a published answer."""
    if post.question_id is not None:
        return False
    found = connection.execute(
        select(ForumPost.id)
        .where(ForumPost.question_id == post.id, ForumPost.status == PUBLISHED)
        .limit(1)
    ).first()
    return found is not None


@operation("forum.ask", target=lambda spec, *a, **k: f"question: {spec.title}")
def ask(
    unit: Unit,
    spec: QuestionInput,
    user_id: int,
    moderator: bool = False,
    at: datetime | None = None,
) -> Posted:
    """Ask a question (held for review when the account is new); the experts of its group are
    told when it is published."""
    moment = at or now()
    connection = unit.connection
    checked = _check_question(connection, spec)
    _limit(connection, user_id, moment)
    held = _held(connection, user_id, moderator, moment)
    status = HELD if held else PUBLISHED
    post_id: int = connection.execute(
        insert(ForumPost)
        .values(
            user_id=user_id,
            title=checked.title,
            body=checked.body,
            study_group=checked.study_group,
            study_question=checked.study_question,
            tags=",".join(checked.tags) or None,
            status=status,
            expert=False,
            created_at=moment,
            published_at=None if held else moment,
        )
        .returning(ForumPost.id)
    ).scalar_one()
    for item in checked.links:
        connection.execute(insert(ForumLink).values(post_id=post_id, item_id=item))
    notified = 0 if held else _published(unit, _post(connection, post_id), moment)
    unit.details.update(post=post_id, status=status, group=checked.study_group, notified=notified)
    return Posted(post_id, status, False, notified)


@operation("forum.answer", target=lambda question_id, *a, **k: f"question {question_id}")
def answer(
    unit: Unit,
    question_id: int,
    body: str,
    user_id: int,
    moderator: bool = False,
    at: datetime | None = None,
) -> Posted:
    """Answer a published question; marked as an expert answer when the account is an expert of
    the question's group today."""
    moment = at or now()
    connection = unit.connection
    question = _visible(connection, question_id, None)
    if question.question_id is not None:
        raise UnknownPost(_l("no question %(id)s", id=question_id))
    text = _body(body)
    _limit(connection, user_id, moment)
    held = _held(connection, user_id, moderator, moment)
    expert = is_expert(connection, user_id, question.study_group, moment.date())
    status = HELD if held else PUBLISHED
    post_id: int = connection.execute(
        insert(ForumPost)
        .values(
            question_id=question_id,
            user_id=user_id,
            body=text,
            status=status,
            expert=expert,
            created_at=moment,
            published_at=None if held else moment,
        )
        .returning(ForumPost.id)
    ).scalar_one()
    notified = 0 if held else _published(unit, _post(connection, post_id), moment)
    unit.details.update(post=post_id, status=status, expert=expert, notified=notified)
    return Posted(post_id, status, expert, notified, ANSWER)


@operation("forum.vote", target=lambda post_id, *a, **k: f"post {post_id}")
def vote(unit: Unit, post_id: int, user_id: int, value: int) -> int:
    """Vote a published post up (1) or down (-1), or take one's vote back (0): one vote per
    account and post, never on one's own; the post's score."""
    if value not in (-1, 0, 1):
        raise ForumError(_l("vote: %(value)s is not up (1), down (-1) or none (0)", value=value))
    connection = unit.connection
    post = _visible(connection, post_id, None)
    if post.user_id == user_id:
        raise ForumError(_l("You cannot vote on your own post."))
    connection.execute(
        delete(ForumVote).where(ForumVote.post_id == post_id, ForumVote.user_id == user_id)
    )
    if value:
        connection.execute(
            insert(ForumVote).values(
                post_id=post_id, user_id=user_id, value=value, created_at=now()
            )
        )
    unit.details["value"] = value
    score: int = connection.execute(
        select(func.coalesce(func.sum(ForumVote.value), 0)).where(ForumVote.post_id == post_id)
    ).scalar_one()
    return int(score)


@operation("forum.accept", target=lambda question_id, answer_id, *a, **k: f"question {question_id}")
def accept(unit: Unit, question_id: int, answer_id: int | None, user_id: int) -> None:
    """The asker accepts one published answer to their question (another one replaces it;
    None accepts none)."""
    connection = unit.connection
    question = _visible(connection, question_id, user_id)
    if question.question_id is not None:
        raise UnknownPost(_l("no question %(id)s", id=question_id))
    if question.user_id != user_id:
        raise NotYours(_l("Only the asker accepts an answer to a question."))
    if answer_id is not None:
        found = _visible(connection, answer_id, None)
        if found.question_id != question_id:
            raise UnknownPost(_l("no answer %(id)s to this question", id=answer_id))
    connection.execute(
        update(ForumPost).where(ForumPost.id == question_id).values(accepted_id=answer_id)
    )
    unit.details["answer"] = answer_id


@operation("forum.report", target=lambda post_id, *a, **k: f"post {post_id}")
def report(unit: Unit, post_id: int, user_id: int, reason: str) -> int:
    """Report a published post to the moderators, with the reason; the report's id."""
    text = _reason(reason)
    _visible(unit.connection, post_id, None)
    report_id: int = unit.connection.execute(
        insert(ForumReport)
        .values(post_id=post_id, user_id=user_id, reason=text, created_at=now())
        .returning(ForumReport.id)
    ).scalar_one()
    unit.details["reason"] = text
    return report_id


def _moderated(unit: Unit, post_id: int, status: str, reason: str | None, moment: datetime) -> None:
    values: dict[str, object] = {"status": status, "moderation_reason": reason}
    unit.connection.execute(update(ForumPost).where(ForumPost.id == post_id).values(**values))
    if reason is not None:
        unit.details["reason"] = reason


def _resolve_reports(unit: Unit, post_id: int, resolution: str, moment: datetime) -> int:
    done = unit.connection.execute(
        update(ForumReport)
        .where(ForumReport.post_id == post_id, ForumReport.resolved_at.is_(None))
        .values(resolved_at=moment, resolution=resolution[:REASON_LENGTH])
    ).rowcount
    return int(done or 0)


@operation("forum.approve", target=lambda post_id, *a, **k: f"post {post_id}")
def approve(unit: Unit, post_id: int, at: datetime | None = None) -> Posted:
    """Publish a held post (the experts or the asker are told then, the first time it is shown)."""
    moment = at or now()
    post = _post(unit.connection, post_id)
    if post.status != HELD:
        raise WrongState(_l("post %(id)s is not waiting for review", id=post_id))
    if post.question_id is not None:
        question = _post(unit.connection, post.question_id)
        if question.status != PUBLISHED:
            raise WrongState(
                _l(
                    "post %(id)s answers question %(question)s, which is not shown: show the "
                    "question again first, or reject the answer",
                    id=post_id,
                    question=post.question_id,
                )
            )
    first = post.published_at is None  # else shown before, then edited by its author
    unit.connection.execute(
        update(ForumPost)
        .where(ForumPost.id == post_id)
        .values(status=PUBLISHED, published_at=post.published_at or moment, moderation_reason=None)
    )
    notified = _published(unit, _post(unit.connection, post_id), moment) if first else 0
    unit.details["notified"] = notified
    kind = QUESTION if post.question_id is None else ANSWER
    return Posted(post_id, PUBLISHED, post.expert, notified, kind)


@operation("forum.reject", target=lambda post_id, *a, **k: f"post {post_id}")
def reject(unit: Unit, post_id: int, reason: str) -> None:
    """Refuse a held post, with the reason (kept, never shown to the public)."""
    text = _reason(reason)
    post = _post(unit.connection, post_id)
    if post.status != HELD:
        raise WrongState(_l("post %(id)s is not waiting for review", id=post_id))
    _moderated(unit, post_id, REJECTED, text, now())


@operation("forum.hide", target=lambda post_id, *a, **k: f"post {post_id}")
def hide(unit: Unit, post_id: int, reason: str) -> int:
    """Hide a published post from everyone but the moderators, with the reason; its open reports
    are resolved by it (their number)."""
    text = _reason(reason)
    post = _post(unit.connection, post_id)
    if post.status != PUBLISHED:
        raise WrongState(_l("post %(id)s is not shown", id=post_id))
    moment = now()
    _moderated(unit, post_id, HIDDEN, text, moment)
    resolved = _resolve_reports(unit, post_id, f"hidden: {text}", moment)
    unit.details["reports"] = resolved
    return resolved


@operation("forum.unhide", target=lambda post_id, *a, **k: f"post {post_id}")
def unhide(unit: Unit, post_id: int, reason: str) -> None:
    """Show a hidden post again, with the reason."""
    text = _reason(reason)
    post = _post(unit.connection, post_id)
    if post.status != HIDDEN:
        raise WrongState(_l("post %(id)s is not hidden", id=post_id))
    _moderated(unit, post_id, PUBLISHED, text, now())


@operation("forum.edit", target=lambda post_id, *a, **k: f"post {post_id}")
def edit(unit: Unit, post_id: int, body: str, reason: str, title: str | None = None) -> None:
    """A moderator's edit of a post's text (and a question's title), with the reason."""
    text = _reason(reason)
    post = _post(unit.connection, post_id)
    values: dict[str, object] = {
        "body": _body(body),
        "edited_at": now(),
        "moderation_reason": text,
    }
    if title is not None and post.question_id is None:
        values["title"] = _text(title, "title", TITLE_LENGTH)
    unit.connection.execute(update(ForumPost).where(ForumPost.id == post_id).values(**values))
    unit.details["reason"] = text


@operation("forum.dismiss", target=lambda report_id, *a, **k: f"report {report_id}")
def dismiss(unit: Unit, report_id: int, reason: str) -> None:
    """Resolve a report without hiding the post, with the reason."""
    text = _reason(reason)
    row = unit.connection.execute(
        select(ForumReport.resolved_at).where(ForumReport.id == report_id)
    ).first()
    if row is None:
        raise UnknownPost(_l("no report %(id)s", id=report_id))
    if row.resolved_at is not None:
        raise WrongState(_l("report %(id)s is resolved already", id=report_id))
    unit.connection.execute(
        update(ForumReport)
        .where(ForumReport.id == report_id)
        .values(resolved_at=now(), resolution=f"dismissed: {text}"[:REASON_LENGTH])
    )
    unit.details["reason"] = text


@operation("forum.revise", target=lambda post_id, *a, **k: f"post {post_id}")
def revise(
    unit: Unit,
    post_id: int,
    user_id: int,
    body: str,
    title: str | None = None,
    moderator: bool = False,
    at: datetime | None = None,
) -> Posted:
    """The author's edit of their own post (and a question's title) within :data:`EDIT_HOURS`
    of posting (a question only while unanswered). A moderator's hide wins (a hidden or rejected
    post is not theirs to see); a held post stays held; a published post of an account whose
    posts are held goes back to the moderators. The audit row keeps the text before."""
    moment = at or now()
    connection = unit.connection
    post = _visible(connection, post_id, user_id)
    if post.user_id != user_id:
        raise NotYours(_l("Only its author edits a post (moderators use their own form)."))
    until = editable_until(post.created_at, post.status, _answered(connection, post))
    if until is None:
        raise WrongState(_l("This question has an answer: it can no longer be edited."))
    if moment > until:
        raise WrongState(
            _l("A post can be edited for %(hours)s hours after posting.", hours=EDIT_HOURS)
        )
    values: dict[str, object] = {"body": _body(body), "edited_at": moment}
    if title is not None and post.question_id is None:
        values["title"] = _text(title, "title", TITLE_LENGTH)
    status = post.status
    if status == PUBLISHED and _held(connection, user_id, moderator, moment):
        status = HELD
        values["status"] = HELD
    connection.execute(update(ForumPost).where(ForumPost.id == post_id).values(**values))
    unit.details.update(status=status, before=post.body[:BEFORE_LENGTH])
    if values.get("title", post.title) != post.title:
        unit.details["title_before"] = post.title
    return Posted(post_id, status, bool(post.expert))
