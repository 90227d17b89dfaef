"""Reads behind the country and group pages (public data only: no person is ever named)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from stdgap.store.models import Classification, Country, Group, Meeting, Member, Role

GROUP_KINDS_ORDER = ("tsag", "study_group", "regional_group", "working_party", "focus_group")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def countries(engine: Engine) -> list[dict[str, Any]]:
    """Every country with its current ITU region and developing status, and its member count."""
    with engine.connect() as connection:
        members = dict(
            connection.execute(select(Member.country, func.count()).group_by(Member.country)).all()
        )
        current = connection.execute(
            select(Classification.country, Classification.attribute, Classification.value).where(
                Classification.valid_to.is_(None),
                Classification.attribute.in_(("itu_region", "developing", "ldc")),
            )
        ).all()
        rows = connection.execute(select(Country.alpha3, Country.name).order_by(Country.name)).all()
    attrs: dict[str, dict[str, str]] = {}
    for code, attribute, value in current:
        attrs.setdefault(code, {})[attribute] = value
    return [
        {
            "code": code,
            "name": name,
            "region": attrs.get(code, {}).get("itu_region"),
            "developing": attrs.get(code, {}).get("developing") == "true",
            "ldc": attrs.get(code, {}).get("ldc") == "true",
            "members": members.get(code, 0),
        }
        for code, name in rows
    ]


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

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


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
