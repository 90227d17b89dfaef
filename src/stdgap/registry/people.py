"""People as the lists show them, to those who may see persons (never the public): their
public-record facts (nationality, affiliation, the meetings they attended, their delegations'
contributions there, the positions they hold); with ``personal``, their gender and birth year
too.

Contributions are recorded per member, not per author (see :mod:`stdgap.registry.participation`):
a person's contributions are those of the member they attended a meeting for, at that meeting.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, distinct, func, select

from stdgap.registry.filters import Filters, contains
from stdgap.registry.meetings import SHOWN
from stdgap.registry.members import attended
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


def _where(filters: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.country:
        where.append(Person.country == filters.country)
    if filters.member:
        where.append(Member.member_id == filters.member)
    if filters.member_type:
        where.append(Member.type == filters.member_type)
    if filters.search:
        where.append(contains(filters.search, Person.person_id))
    if (activity := attended(filters, "person")) is not None:
        where.append(activity)
    return where


def _counts(engine: Engine, ids: list[int]) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(lambda: {"meetings": 0, "roles": 0})
    if not ids:
        return found
    with engine.connect() as connection:
        present = connection.execute(
            select(Attendance.person_id, func.count(distinct(Attendance.meeting_id)))
            .where(Attendance.person_id.in_(ids))
            .group_by(Attendance.person_id)
        )
        for person, meetings in present:
            found[person]["meetings"] = meetings
        held = connection.execute(
            select(Role.person_id, func.count())
            .where(Role.person_id.in_(ids))
            .group_by(Role.person_id)
        )
        for person, roles in held:
            found[person]["roles"] = roles
    return found


def _facts(row: Any, personal: bool) -> dict[str, Any]:
    facts = {
        "person_id": row.person_id,
        "country": row.country,
        "member_id": row.member,
        "member_name": row.member_name,
    }
    if personal:
        facts.update(gender=row.gender, birth_year=row.birth_year)
    return facts


def _selection() -> Any:
    return select(
        Person.id,
        Person.person_id,
        Person.country,
        Person.gender,
        Person.birth_year,
        Member.member_id.label("member"),
        Member.name.label("member_name"),
    ).outerjoin(Member, Member.id == Person.member_id)


def list_people(
    engine: Engine, filters: Filters, limit: int = 100, offset: int = 0, personal: bool = False
) -> tuple[int, list[dict[str, Any]]]:
    """How many people match, and a page of them by id."""
    where = _where(filters)
    counted = (
        select(func.count())
        .select_from(Person)
        .outerjoin(Member, Member.id == Person.member_id)
        .where(*where)
    )
    query = _selection().where(*where).order_by(Person.person_id).limit(limit).offset(offset)
    with engine.connect() as connection:
        total = int(connection.execute(counted).scalar_one())
        rows = connection.execute(query).all()
    counts = _counts(engine, [row.id for row in rows])
    return total, [{**_facts(row, personal), **counts[row.id]} for row in rows]


def person(engine: Engine, person_id: str, personal: bool = False) -> dict[str, Any] | None:
    """A person with the meetings they attended (and for whom), their delegations'
    contributions there and the positions they held."""
    with engine.connect() as connection:
        row = connection.execute(_selection().where(Person.person_id == person_id)).first()
    if row is None:
        return None
    visits = _attendance(engine, row.id)
    return {
        **_facts(row, personal),
        **_counts(engine, [row.id])[row.id],
        "attendance": visits,
        "documents": _documents(engine, row.id),
        "roles_held": _roles(engine, row.id),
    }


def _attendance(engine: Engine, person: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Meeting.meeting_id,
                Group.code,
                Meeting.start,
                Member.member_id,
                Attendance.mode,
                Attendance.fellowship,
                Attendance.interpretation,
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .join(Group, Group.id == Meeting.group_id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.person_id == person)
            .order_by(Meeting.start.desc(), Meeting.meeting_id)
            .limit(SHOWN)
        ).all()
    return [
        {
            "meeting_id": r.meeting_id,
            "group": r.code,
            "start": _iso(r.start),
            "member_id": r.member_id,
            "mode": r.mode,
            "fellowship": r.fellowship,
            "interpretation": r.interpretation,
        }
        for r in rows
    ]


def _documents(engine: Engine, person: int) -> list[dict[str, Any]]:
    """Contributions of the members the person attended meetings for, at those meetings."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Contribution.doc_id,
                Meeting.meeting_id,
                Member.member_id,
                Contribution.level,
                Contribution.title,
            )
            .select_from(Attendance)
            .join(Contribution, Contribution.meeting_id == Attendance.meeting_id)
            .join(
                ContributionSource,
                and_(
                    ContributionSource.contribution_id == Contribution.id,
                    ContributionSource.member_id == Attendance.member_id,
                ),
            )
            .join(Meeting, Meeting.id == Contribution.meeting_id)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.person_id == person)
            .order_by(Meeting.start.desc(), Contribution.doc_id)
            .limit(SHOWN)
        ).all()
    return [
        {
            "doc_id": r.doc_id,
            "meeting_id": r.meeting_id,
            "member_id": r.member_id,
            "level": r.level,
            "title": r.title,
        }
        for r in rows
    ]


def _roles(engine: Engine, person: int) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Group.code, Role.role, Role.start, Role.end, Role.responsibility, Member.member_id
            )
            .join(Group, Group.id == Role.group_id)
            .join(Member, Member.id == Role.member_id)
            .where(Role.person_id == person)
            .order_by(Role.start.desc(), Group.code)
        ).all()
    return [
        {
            "group": r.code,
            "role": r.role,
            "start": _iso(r.start),
            "end": _iso(r.end),
            "responsibility": r.responsibility,
            "member_id": r.member_id,
        }
        for r in rows
    ]
