"""The tables of the knowledge portal (migration ``0015``): catalogue items with their search
terms (made by :mod:`stdgap.knowledge.analysis` when an item is written), attachments and the
text read from them, reading lists and their entries, each user's last visit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base


class KnowledgeItem(Base):
    """An item of the catalogue, known by its stable public id (``ITU-T Y.3172``)."""

    __tablename__ = "knowledge_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(100), unique=True)
    number: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(30))
    study_group: Mapped[str | None] = mapped_column(String(20))
    question: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    published: Mapped[date | None] = mapped_column(Date)
    #: The languages it exists in (ISO 639-1 codes of the six UN languages).
    languages: Mapped[list[str]] = mapped_column(JSON)
    keywords: Mapped[list[str]] = mapped_column(JSON)
    #: Where to read it: {language: URL}.
    links: Mapped[dict[str, Any]] = mapped_column(JSON)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    changed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    #: The catalogue's revision when the item was last written (the search index follows it).
    revision: Mapped[int] = mapped_column(Integer, index=True)
    #: Search terms of the title (and number), of the keywords, of the summary and attachments.
    title_terms: Mapped[str] = mapped_column(Text)
    keyword_terms: Mapped[str] = mapped_column(Text)
    body_terms: Mapped[str] = mapped_column(Text)
    analysis: Mapped[int] = mapped_column(Integer)


class KnowledgeAttachment(Base):
    """A document attached to an item (PDF or DOCX) and the text read from it on upload."""

    __tablename__ = "knowledge_attachments"
    __table_args__ = (UniqueConstraint("item_id", "filename", name="uq_knowledge_attachment"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("knowledge_items.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class KnowledgeList(Base):
    """A reading list curated by officers, for a group and/or a topic."""

    __tablename__ = "knowledge_lists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    study_group: Mapped[str | None] = mapped_column(String(20))
    topic: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class KnowledgeListEntry(Base):
    """An item on a reading list, at its place."""

    __tablename__ = "knowledge_list_entries"
    __table_args__ = (UniqueConstraint("list_id", "item_id", name="uq_knowledge_list_item"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("knowledge_lists.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("knowledge_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))


class KnowledgeVisit(Base):
    """A user's visits to the portal: ``seen_at`` is where "new since my last visit" starts
    (the start of the visit before this one), ``last_at`` the start of the current one."""

    __tablename__ = "knowledge_visits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime)
