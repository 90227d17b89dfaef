"""Meetings as the lists show them: public record (dates, place, how many took part, which
members, which contributions). Who attended, person by person, only for those who may see
persons."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, distinct, func, select

from stdgap.registry.filters import Filters, contains
from stdgap.store.models import (
    Attendance,
    Contribution,
    ContributionSource,
    Group,
    Meeting,
    Member,
    Person,
)

#: The longest list a meeting's page shows of its attendance and contributions.
SHOWN = 1000


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _where(filters: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if span := filters.year_span():
        where.append(Meeting.start.between(*span))
    if filters.group:
        where.append(Group.code == filters.group)
    if filters.country:
        where.append(Meeting.host_country == filters.country)
    if filters.kind:
        where.append(Meeting.kind == filters.kind)
    if filters.member:
        attended = (
            select(Attendance.meeting_id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Member.member_id == filters.member)
        )
        where.append(Meeting.id.in_(attended))
    if filters.search:
        where.append(contains(filters.search, Meeting.meeting_id, Meeting.city))
    return where


def _counts(engine: Engine, ids: list[int]) -> dict[int, dict[str, int]]:
    """Participants, members and contributions of each meeting of ``ids``."""
    found: dict[int, dict[str, int]] = defaultdict(
        lambda: {"participants": 0, "members": 0, "contributions": 0}
    )
    if not ids:
        return found
    with engine.connect() as connection:
        present = connection.execute(
            select(
                Attendance.meeting_id,
                func.count(distinct(Attendance.person_id)),
                func.count(distinct(Attendance.member_id)),
            )
            .where(Attendance.meeting_id.in_(ids))
            .group_by(Attendance.meeting_id)
        )
        for meeting, people, members in present:
            found[meeting].update(participants=people, members=members)
        documents = connection.execute(
            select(Contribution.meeting_id, func.count())
            .where(Contribution.meeting_id.in_(ids))
            .group_by(Contribution.meeting_id)
        )
        for meeting, count in documents:
            found[meeting]["contributions"] = count
    return found


def list_meetings(
    engine: Engine, filters: Filters, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """How many meetings match, and a page of them, the latest first."""
    where = _where(filters)
    base = select(Meeting.id).join(Group, Group.id == Meeting.group_id).where(*where)
    query = (
        select(
            Meeting.id,
            Meeting.meeting_id,
            Group.code,
            Meeting.start,
            Meeting.end,
            Meeting.kind,
            Meeting.city,
            Meeting.host_country,
            Meeting.format,
        )
        .join(Group, Group.id == Meeting.group_id)
        .where(*where)
        .order_by(Meeting.start.desc(), Meeting.meeting_id)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        rows = connection.execute(query).all()
    counts = _counts(engine, [row.id for row in rows])
    return int(total), [
        {
            "meeting_id": row.meeting_id,
            "group": row.code,
            "start": _iso(row.start),
            "end": _iso(row.end),
            "kind": row.kind,
            "city": row.city,
            "host_country": row.host_country,
            "format": row.format,
            **counts[row.id],
        }
        for row in rows
    ]


def meeting(engine: Engine, meeting_id: str, persons: bool = False) -> dict[str, Any] | None:
    """A meeting with its members present and its contributions; with ``persons``, who
    attended, one row a person."""
    with engine.connect() as connection:
        found = connection.execute(
            select(
                Meeting.id,
                Meeting.meeting_id,
                Group.code,
                Meeting.start,
                Meeting.end,
                Meeting.kind,
                Meeting.city,
                Meeting.host_country,
                Meeting.format,
            )
            .join(Group, Group.id == Meeting.group_id)
            .where(Meeting.meeting_id == meeting_id)
        ).first()
        if found is None:
            return None
        members = connection.execute(
            select(
                Member.member_id,
                Member.name,
                Member.type,
                Member.country,
                func.count(distinct(Attendance.person_id)).label("delegates"),
            )
            .join(Attendance, Attendance.member_id == Member.id)
            .where(Attendance.meeting_id == found.id)
            .group_by(Member.member_id, Member.name, Member.type, Member.country)
            .order_by(Member.country, Member.name)
        ).all()
        documents = _contributions(engine, found.id)
        attendance = _attendance(engine, found.id) if persons else None
    counts = _counts(engine, [found.id])[found.id]
    data: dict[str, Any] = {
        "meeting_id": found.meeting_id,
        "group": found.code,
        "start": _iso(found.start),
        "end": _iso(found.end),
        "kind": found.kind,
        "city": found.city,
        "host_country": found.host_country,
        "format": found.format,
        **counts,
        "members_present": [
            {
                "member_id": m.member_id,
                "name": m.name,
                "type": m.type,
                "country": m.country,
                "delegates": m.delegates,
            }
            for m in members
        ],
        "documents": documents,
    }
    if attendance is not None:
        data["attendance"] = attendance
    return data


def _contributions(engine: Engine, meeting: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Contribution.id,
                Contribution.doc_id,
                Contribution.level,
                Contribution.submitted,
                Contribution.title,
            )
            .where(Contribution.meeting_id == meeting)
            .order_by(Contribution.doc_id)
            .limit(SHOWN)
        ).all()
        sources: dict[int, list[str]] = defaultdict(list)
        if rows:
            found = connection.execute(
                select(ContributionSource.contribution_id, Member.member_id)
                .join(Member, Member.id == ContributionSource.member_id)
                .where(ContributionSource.contribution_id.in_([r.id for r in rows]))
                .order_by(ContributionSource.contribution_id, ContributionSource.position)
            )
            for document, member in found:
                sources[document].append(member)
    return [
        {
            "doc_id": r.doc_id,
            "level": r.level,
            "submitted": _iso(r.submitted),
            "title": r.title,
            "sources": sources[r.id],
        }
        for r in rows
    ]


def _attendance(engine: Engine, meeting: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Person.person_id,
                Member.member_id,
                Attendance.mode,
                Attendance.fellowship,
                Attendance.interpretation,
            )
            .join(Person, Person.id == Attendance.person_id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.meeting_id == meeting)
            .order_by(Person.person_id)
            .limit(SHOWN)
        ).all()
    return [
        {
            "person_id": r.person_id,
            "member_id": r.member_id,
            "mode": r.mode,
            "fellowship": r.fellowship,
            "interpretation": r.interpretation,
        }
        for r in rows
    ]
