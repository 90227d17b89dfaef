"""Tables of the resolution tracker (created by migration ``0002``).

A resolution (body + number) has versions (one per text imported: a full text or an extract from
an outcomes report); a version has clauses (operative clauses and their sub-items), each with a
stable ``path`` (``instructs-tsb/2/i``) and a full ``key``
(``WTSA-44/Geneva-2022/instructs-tsb/2/i``); a clause carries actions.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from stdgap.store.models import Base

STATUSES = ("planned", "in_progress", "done", "not_started", "blocked")


class TrackedResolution(Base):
    __tablename__ = "resolutions"
    __table_args__ = (UniqueConstraint("body", "number", name="uq_resolutions_body_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)


class ResolutionVersion(Base):
    __tablename__ = "resolution_versions"
    __table_args__ = (
        UniqueConstraint("resolution_id", "label", "partial", name="uq_resolution_versions_label"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id"), index=True)
    label: Mapped[str] = mapped_column(String(100))  # "Geneva, 2022"
    year: Mapped[int | None] = mapped_column(Integer)
    revised: Mapped[bool] = mapped_column(Boolean, default=False)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str | None] = mapped_column(String(500))
    digest: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class ResolutionClause(Base):
    __tablename__ = "resolution_clauses"
    __table_args__ = (UniqueConstraint("version_id", "path", name="uq_resolution_clauses_path"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("resolution_versions.id"), index=True)
    path: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(400), index=True)
    position: Mapped[int] = mapped_column(Integer)
    parent_path: Mapped[str | None] = mapped_column(String(300))
    verb: Mapped[str] = mapped_column(String(100))
    addressee: Mapped[str | None] = mapped_column(Text)
    addressee_codes: Mapped[str] = mapped_column(String(300), default="")
    collaborators: Mapped[str | None] = mapped_column(Text)
    collaborator_codes: Mapped[str] = mapped_column(String(300), default="")
    condition: Mapped[str | None] = mapped_column(Text)
    num: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)


class ClauseAction(Base):
    __tablename__ = "clause_actions"
    __table_args__ = (
        CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'not_started', 'blocked')",
            name="status",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("resolution_clauses.id"), index=True)
    who: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("clause_actions.id"))


class EvidenceFile(Base):
    """A file uploaded as the evidence of an action (its bytes kept in the store)."""

    __tablename__ = "resolution_evidence_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
