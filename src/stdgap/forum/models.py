"""The forum's tables (migration ``0016``): posts (a question, or an answer to one), one vote per
account and post, reports of posts, and a question's links to knowledge items (by their ids)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

import stdgap.accounts.models  # noqa: F401 - the users table posts refer to
from stdgap.store.models import Base


class ForumPost(Base):
    """A question (``question_id`` None: it has a title and tags) or an answer to the question
    ``question_id``. ``status``: published, held (waiting for a moderator), hidden (by a
    moderator, with a reason) or rejected (a held post refused)."""

    __tablename__ = "forum_posts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("forum_posts.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: A question's study group (the registry group's code, e.g. ``SG13``), its Question
    #: (``Q20/13``) if any, and its topic keywords (lower case, separated by commas).
    study_group: Mapped[str | None] = mapped_column(String(40), index=True)
    study_question: Mapped[str | None] = mapped_column(String(20))
    tags: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10))
    #: An answer given by an expert of the question's group (a role there when it was given).
    expert: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: A question's accepted answer (chosen by the asker).
    accepted_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: When the post was first shown to everyone (at once, or when a moderator approved it).
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The last moderator's reason (hiding, showing again, editing, rejecting).
    moderation_reason: Mapped[str | None] = mapped_column(String(500))


class ForumVote(Base):
    """One account's vote on one post: +1 or -1."""

    __tablename__ = "forum_votes"
    __table_args__ = (UniqueConstraint("post_id", "user_id", name="uq_forum_votes_post_user"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    value: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ForumReport(Base):
    """A signed-in reader's report of a post (with the reason), until a moderator resolves it."""

    __tablename__ = "forum_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(500))


class ForumLink(Base):
    """A question's link to an item of the knowledge catalogue, by the item's id."""

    __tablename__ = "forum_links"
    __table_args__ = (UniqueConstraint("post_id", "item_id", name="uq_forum_links_post_item"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_posts.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(100))
