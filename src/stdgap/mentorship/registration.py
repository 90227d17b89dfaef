"""Registering as a mentor or a mentee, and editing one's profile.

Someone taking part registers for themselves: the profile is theirs (their user) and its person
is their user name. An officer registers for someone: a participant's id, a user's name, or both
(the user is then told about their pairs and may edit the profile). A person is a mentor or a
mentee of a cycle, not both, and registers once per cycle. Only officers change whose a profile
is; nobody moves a profile to another cycle.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from stdgap.i18n.translate import _
from stdgap.mentorship.access import Actor, NotFound
from stdgap.mentorship.fields import LISTS, ROLE_WORDS, Role
from stdgap.mentorship.profiles import (
    group_codes,
    model_of,
    profile_problems,
    row_of,
    user_ids,
)
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.unit import Unit, operation

OWNERSHIP = ("person_id", "user")


def _other(role: Role) -> Role:
    return "mentee" if role == "mentor" else "mentor"


def _owner(connection: Connection, actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with whose profile it is settled (person_id, user) for ``actor``."""
    if not actor.manages:
        if actor.user_id is None:
            raise ProgrammeError(_("sign in to register"))
        return {**values, "person_id": actor.name, "user": actor.name}
    person, user = values.get("person_id"), values.get("user")
    if not person and not user:  # an officer taking part themselves
        if actor.user_id is None:
            raise ProgrammeError(_("give the person's id, their user name, or both"))
        return {**values, "person_id": actor.name, "user": actor.name}
    return {**values, "person_id": person or user}


def _check_user(connection: Connection, values: dict[str, Any]) -> dict[str, int]:
    users = user_ids(connection, {values["user"]} if values.get("user") else set())
    if values.get("user") and values["user"] not in users:
        raise ProgrammeError(_("no user named %(name)r", name=values["user"]))
    return users


def _check_unique(
    connection: Connection, role: Role, cycle: str, person: str, this: int | None = None
) -> None:
    for checked in (role, _other(role)):
        model = model_of(checked)
        query = select(model.id).where(model.cycle == cycle, model.person_ref == person)
        found = connection.execute(query).scalar_one_or_none()
        if found is None or (checked == role and found == this):
            continue
        if checked == role:
            raise ProgrammeError(
                _(
                    "%(who)s is already a %(role)s of cycle %(cycle)s",
                    who=person,
                    role=_(ROLE_WORDS[role]),
                    cycle=cycle,
                )
            )
        raise ProgrammeError(
            _(
                "%(who)s is a %(role)s of cycle %(cycle)s: one cannot be both",
                who=person,
                role=_(ROLE_WORDS[checked]),
                cycle=cycle,
            )
        )


def _check_values(connection: Connection, values: dict[str, Any], registering: bool) -> None:
    found = profile_problems(values, group_codes(connection), registering)
    if found:
        raise ProgrammeError("; ".join(f"{name}: {message}" for name, message in found))


def _target(actor: Actor, role: Role, values: dict[str, Any], *args: object) -> str:
    person = values.get("person_id") or values.get("user") or actor.name
    return f"{role} {values.get('cycle', '')}/{person}"


@operation("mentorship.register", target=_target)
def register(unit: Unit, actor: Actor, role: Role, values: dict[str, Any]) -> int:
    """Register a profile (``values`` checked by :class:`stdgap.mentorship.fields.ProfileIn`);
    its id."""
    connection = unit.connection
    _check_values(connection, values, registering=True)
    values = _owner(connection, actor, values)
    users = _check_user(connection, values)
    _check_unique(connection, role, values["cycle"], values["person_id"])
    row = row_of(values, users)
    if role == "mentor":
        row = {"capacity": 1, "available": True, **row}
    else:
        row = {"prefer_same_region": False, **row}
    row = {**{name: "" for name in LISTS}, **row}
    model = model_of(role)
    inserted = connection.execute(insert(model).values(**row).returning(model.id)).scalar_one()
    unit.details["id"] = int(inserted)
    return int(inserted)


def _edit_target(actor: Actor, role: Role, profile_id: int, *args: object) -> str:
    return f"{role} {profile_id}"


@operation("mentorship.edit", target=_edit_target)
def edit(unit: Unit, actor: Actor, role: Role, profile_id: int, values: dict[str, Any]) -> None:
    """Change a profile (its owner, or an officer); its cycle stays."""
    connection = unit.connection
    model = model_of(role)
    found = connection.execute(
        select(model.user_id, model.cycle, model.person_ref).where(model.id == profile_id)
    ).first()
    if found is None:
        raise NotFound(_("no %(role)s profile %(id)s", role=_(ROLE_WORDS[role]), id=profile_id))
    actor.check(found.user_id)
    changes = {key: value for key, value in values.items() if key != "cycle"}
    _check_values(connection, changes, registering=False)
    if not changes.get("person_id"):
        changes.pop("person_id", None)
    if not actor.manages:
        changes = {key: value for key, value in changes.items() if key not in OWNERSHIP}
    users = _check_user(connection, changes)
    person = changes.get("person_id") or found.person_ref
    if person != found.person_ref:
        _check_unique(connection, role, found.cycle, person, profile_id)
    row = row_of(changes, users)
    if actor.manages and "user" in values and not values.get("user"):
        row["user_id"] = None
    if row:
        connection.execute(update(model).where(model.id == profile_id).values(**row))
