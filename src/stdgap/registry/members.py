"""Members (Member States, Sector Members, Associates, Academia) as the lists show them:
public record (who they are, the meetings they sent delegates to, the contributions they
submitted, the positions their nominees hold). Which persons, only for those who may see
persons."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, distinct, extract, func, select
from sqlalchemy.orm import aliased

from stdgap.registry.filters import Filters, contains
from stdgap.registry.meetings import SHOWN
from stdgap.store.models import (
    Attendance,
    Contribution,
    ContributionSource,
    Group,
    Meeting,
    Member,
    Person,
    Role,
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def attended(filters: Filters, who: str) -> ColumnElement[bool] | None:
    """Whether the member or person (``who``: ``"member"`` or ``"person"``) attended a meeting
    of the filters' year and group: one subquery of the attendance, not one per row."""
    span = filters.year_span()
    if span is None and filters.group is None:
        return None
    column = Attendance.member_id if who == "member" else Attendance.person_id
    query = select(column).join(Meeting, Meeting.id == Attendance.meeting_id)
    if span is not None:
        query = query.where(Meeting.start.between(*span))
    if filters.group is not None:
        query = query.join(Group, Group.id == Meeting.group_id).where(Group.code == filters.group)
    outer = Member.id if who == "member" else Person.id
    return outer.in_(query)


def _where(filters: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.country:
        where.append(Member.country == filters.country)
    if filters.member_type:
        where.append(Member.type == filters.member_type)
    if filters.search:
        where.append(contains(filters.search, Member.member_id, Member.name))
    if (activity := attended(filters, "member")) is not None:
        where.append(activity)
    return where


def _counts(engine: Engine, ids: list[int]) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(
        lambda: {"meetings": 0, "participants": 0, "contributions": 0}
    )
    if not ids:
        return found
    with engine.connect() as connection:
        present = connection.execute(
            select(
                Attendance.member_id,
                func.count(distinct(Attendance.meeting_id)),
                func.count(distinct(Attendance.person_id)),
            )
            .where(Attendance.member_id.in_(ids))
            .group_by(Attendance.member_id)
        )
        for member, meetings, people in present:
            found[member].update(meetings=meetings, participants=people)
        documents = connection.execute(
            select(ContributionSource.member_id, func.count())
            .where(ContributionSource.member_id.in_(ids))
            .group_by(ContributionSource.member_id)
        )
        for member, count in documents:
            found[member]["contributions"] = count
    return found


def list_members(
    engine: Engine, filters: Filters, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """How many members match, and a page of them by country and name."""
    parent = aliased(Member)
    where = _where(filters)
    query = (
        select(
            Member.id,
            Member.member_id,
            Member.name,
            Member.type,
            Member.country,
            Member.sme,
            Member.joined,
            Member.left,
            parent.member_id.label("parent"),
        )
        .outerjoin(parent, parent.id == Member.parent_id)
        .where(*where)
        .order_by(Member.country, Member.name, Member.member_id)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(Member).where(*where))
        count = int(total.scalar_one())
        rows = connection.execute(query).all()
    counts = _counts(engine, [row.id for row in rows])
    return count, [
        {
            "member_id": row.member_id,
            "name": row.name,
            "type": row.type,
            "country": row.country,
            "sme": row.sme,
            "joined": _iso(row.joined),
            "left": _iso(row.left),
            "parent": row.parent,
            **counts[row.id],
        }
        for row in rows
    ]


def member(engine: Engine, member_id: str, persons: bool = False) -> dict[str, Any] | None:
    """A member with its activity by year, the meetings it attended, its contributions and the
    positions its nominees hold; with ``persons``, which persons (affiliated, and in roles)."""
    parent = aliased(Member)
    with engine.connect() as connection:
        found = connection.execute(
            select(
                Member.id,
                Member.member_id,
                Member.name,
                Member.type,
                Member.country,
                Member.sme,
                Member.joined,
                Member.left,
                parent.member_id.label("parent"),
            )
            .outerjoin(parent, parent.id == Member.parent_id)
            .where(Member.member_id == member_id)
        ).first()
        if found is None:
            return None
        subsidiaries = connection.execute(
            select(Member.member_id, Member.name)
            .where(Member.parent_id == found.id)
            .order_by(Member.name)
        ).all()
    data: dict[str, Any] = {
        "member_id": found.member_id,
        "name": found.name,
        "type": found.type,
        "country": found.country,
        "sme": found.sme,
        "joined": _iso(found.joined),
        "left": _iso(found.left),
        "parent": found.parent,
        "subsidiaries": [{"member_id": s.member_id, "name": s.name} for s in subsidiaries],
        **_counts(engine, [found.id])[found.id],
        "years": _years(engine, found.id),
        "meetings_attended": _meetings(engine, found.id),
        "documents": _documents(engine, found.id),
        "roles": _roles(engine, found.id, persons),
    }
    if persons:
        data["people"] = _people(engine, found.id)
    return data


def _years(engine: Engine, member: int) -> list[dict[str, Any]]:
    """Meetings attended, delegates and contributions of each year (public record)."""
    year = extract("year", Meeting.start)
    with engine.connect() as connection:
        present = connection.execute(
            select(
                year,
                func.count(distinct(Attendance.meeting_id)),
                func.count(distinct(Attendance.person_id)),
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.member_id == member)
            .group_by(year)
        ).all()
        documents = connection.execute(
            select(year, func.count())
            .select_from(ContributionSource)
            .join(Contribution, Contribution.id == ContributionSource.contribution_id)
            .join(Meeting, Meeting.id == Contribution.meeting_id)
            .where(ContributionSource.member_id == member)
            .group_by(year)
        ).all()
    years: dict[int, dict[str, Any]] = {}
    for when, meetings, people in present:
        years[int(when)] = {"year": int(when), "meetings": meetings, "participants": people}
    for when, count in documents:
        entry = years.setdefault(int(when), {"year": int(when), "meetings": 0, "participants": 0})
        entry["contributions"] = count
    return [{"contributions": 0, **years[y]} for y in sorted(years, reverse=True)]


def _meetings(engine: Engine, member: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Meeting.meeting_id,
                Group.code,
                Meeting.start,
                func.count(distinct(Attendance.person_id)).label("delegates"),
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .join(Group, Group.id == Meeting.group_id)
            .where(Attendance.member_id == member)
            .group_by(Meeting.meeting_id, Group.code, Meeting.start)
            .order_by(Meeting.start.desc(), Meeting.meeting_id)
            .limit(SHOWN)
        ).all()
    return [
        {
            "meeting_id": r.meeting_id,
            "group": r.code,
            "start": _iso(r.start),
            "delegates": r.delegates,
        }
        for r in rows
    ]


def _documents(engine: Engine, member: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Contribution.doc_id, Meeting.meeting_id, Contribution.level, Contribution.title)
            .join(ContributionSource, ContributionSource.contribution_id == Contribution.id)
            .join(Meeting, Meeting.id == Contribution.meeting_id)
            .where(ContributionSource.member_id == member)
            .order_by(Meeting.start.desc(), Contribution.doc_id)
            .limit(SHOWN)
        ).all()
    return [
        {"doc_id": r.doc_id, "meeting_id": r.meeting_id, "level": r.level, "title": r.title}
        for r in rows
    ]


def _roles(engine: Engine, member: int, persons: bool) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Group.code, Role.role, Role.start, Role.end, Role.responsibility, Person.person_id
            )
            .join(Group, Group.id == Role.group_id)
            .join(Person, Person.id == Role.person_id)
            .where(Role.member_id == member)
            .order_by(Role.start.desc(), Group.code, Role.role)
        ).all()
    return [
        {
            "group": r.code,
            "role": r.role,
            "start": _iso(r.start),
            "end": _iso(r.end),
            "responsibility": r.responsibility,
            **({"person_id": r.person_id} if persons else {}),
        }
        for r in rows
    ]


def _people(engine: Engine, member: int) -> list[dict[str, Any]]:
    """The persons affiliated to the member now (their affiliation in the people file)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Person.person_id, Person.country)
            .where(Person.member_id == member)
            .order_by(Person.person_id)
            .limit(SHOWN)
        ).all()
    return [{"person_id": r.person_id, "country": r.country} for r in rows]
