"""The experts of a question's area: the accounts linked to a person of the registry who holds,
on the day, a role of a group (chair, vice-chair, rapporteur, associate rapporteur, editor,
liaison rapporteur) in the question's study group, its parent or one of its sub-groups."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, or_, select

from stdgap.accounts.models import User
from stdgap.indicators.catalogue import ROLES
from stdgap.store.models import Group, Role

#: The roles that make their holder an expert of the group (not mentors).
EXPERT_ROLES: tuple[str, ...] = ROLES


def area(connection: Connection, code: str) -> list[int]:
    """The ids of the group ``code``, its parent and its sub-groups (none for an unknown code)."""
    row = connection.execute(select(Group.id, Group.parent_id).where(Group.code == code)).first()
    if row is None:
        return []
    children = connection.scalars(select(Group.id).where(Group.parent_id == row.id)).all()
    return [row.id, *([row.parent_id] if row.parent_id is not None else []), *children]


def _holders(groups: list[int], on: date) -> Select[Any]:
    return select(Role.person_id).where(
        Role.group_id.in_(groups),
        Role.role.in_(EXPERT_ROLES),
        Role.start <= on,
        or_(Role.end.is_(None), Role.end >= on),
    )


def experts(connection: Connection, code: str, on: date) -> list[int]:
    """The active accounts that are experts of the group ``code`` on ``on``, by id."""
    groups = area(connection, code)
    if not groups:
        return []
    return list(
        connection.scalars(
            select(User.id)
            .where(User.active.is_(True), User.person_id.in_(_holders(groups, on)))
            .order_by(User.id)
        ).all()
    )


def is_expert(connection: Connection, user_id: int, code: str | None, on: date) -> bool:
    """Whether the account ``user_id`` is an expert of the group ``code`` on ``on``."""
    if not code:
        return False
    groups = area(connection, code)
    if not groups:
        return False
    found = connection.execute(
        select(User.id).where(User.id == user_id, User.person_id.in_(_holders(groups, on)))
    ).first()
    return found is not None
