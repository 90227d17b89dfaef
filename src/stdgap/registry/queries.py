"""Members, groups, meetings and roles as the pages and reports show them (no person named)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from stdgap.reference.classification import ClassificationReader
from stdgap.store.models import Country, Group, Meeting, Member, Role

GROUP_KINDS_ORDER = ("tsag", "study_group", "regional_group", "working_party", "focus_group")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def countries(engine: Engine, on: date | None = None) -> list[dict[str, Any]]:
    """Every country with its ITU region, developing and LDC status on ``on`` (default: today),
    and its member count."""
    day = on or date.today()
    with engine.connect() as connection:
        members = dict(
            connection.execute(select(Member.country, func.count()).group_by(Member.country)).all()
        )
        statuses = ClassificationReader(connection).countries_on(day)
        rows = connection.execute(select(Country.alpha3, Country.name).order_by(Country.name)).all()
    found = []
    for code, name in rows:
        status = statuses.get(code)
        found.append(
            {
                "code": code,
                "name": name,
                "region": status.region if status else None,
                "developing": status.developing if status else False,
                "ldc": status.has("ldc") if status else False,
                "members": members.get(code, 0),
            }
        )
    return found


def country_members(engine: Engine, code: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Member.member_id, Member.name, Member.type, Member.sme, Member.joined, Member.left
            )
            .where(Member.country == code)
            .order_by(Member.type, Member.name)
        ).all()
    return [
        {
            "id": r.member_id,
            "name": r.name,
            "type": r.type,
            "sme": r.sme,
            "joined": _iso(r.joined),
            "left": _iso(r.left),
        }
        for r in rows
    ]


def _roles(engine: Engine, where: Any) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Group.code,
                Role.role,
                Role.responsibility,
                Role.start,
                Role.end,
                Member.name,
                Member.country,
            )
            .join(Group, Role.group_id == Group.id)
            .join(Member, Role.member_id == Member.id)
            .where(where)
            .order_by(Role.start.desc(), Group.code, Role.role)
        ).all()
    return [
        {
            "group": r.code,
            "role": r.role,
            "responsibility": r.responsibility,
            "start": _iso(r.start),
            "end": _iso(r.end),
            "member": r.name,
            "country": r.country,
        }
        for r in rows
    ]


def country_roles(engine: Engine, code: str) -> list[dict[str, Any]]:
    """Leadership and other roles held by persons nominated by the country's members."""
    return _roles(engine, Member.country == code)


def group_roles(engine: Engine, group_id: int) -> list[dict[str, Any]]:
    return _roles(engine, Role.group_id == group_id)


def groups(engine: Engine) -> list[dict[str, Any]]:
    parent = aliased(Group)
    with engine.connect() as connection:
        meetings = dict(
            connection.execute(
                select(Meeting.group_id, func.count()).group_by(Meeting.group_id)
            ).all()
        )
        rows = connection.execute(
            select(Group.id, Group.code, Group.kind, parent.code.label("parent")).outerjoin(
                parent, Group.parent_id == parent.id
            )
        ).all()
    order = {kind: i for i, kind in enumerate(GROUP_KINDS_ORDER)}
    found = [
        {"code": r.code, "kind": r.kind, "parent": r.parent, "meetings": meetings.get(r.id, 0)}
        for r in rows
    ]
    return sorted(found, key=lambda g: (order.get(g["kind"], 99), _natural(g["code"])))


def _natural(code: str) -> tuple[Any, ...]:
    import re

    return tuple(int(p) if p.isascii() and p.isdigit() else p for p in re.split(r"(\d+)", code))


def group(engine: Engine, code: str) -> dict[str, Any] | None:
    """A group with its parent, sub-groups, meetings and roles."""
    parent = aliased(Group)
    with engine.connect() as connection:
        row = connection.execute(
            select(Group.id, Group.code, Group.kind, parent.code.label("parent"))
            .outerjoin(parent, Group.parent_id == parent.id)
            .where(Group.code == code)
        ).first()
        if row is None:
            return None
        children = connection.scalars(
            select(Group.code).where(Group.parent_id == row.id).order_by(Group.code)
        ).all()
        meetings = connection.execute(
            select(
                Meeting.meeting_id,
                Meeting.start,
                Meeting.end,
                Meeting.kind,
                Meeting.city,
                Meeting.host_country,
                Meeting.format,
            )
            .where(Meeting.group_id == row.id)
            .order_by(Meeting.start.desc())
        ).all()
    return {
        "code": row.code,
        "kind": row.kind,
        "parent": row.parent,
        "subgroups": sorted(children, key=_natural),
        "meetings": [
            {
                "id": m.meeting_id,
                "start": _iso(m.start),
                "end": _iso(m.end),
                "kind": m.kind,
                "city": m.city,
                "host_country": m.host_country,
                "format": m.format,
            }
            for m in meetings
        ],
        "roles": group_roles(engine, row.id),
    }


def group_codes(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        codes = connection.scalars(select(Group.code)).all()
    return sorted(codes, key=_natural)
