"""Who a survey is sent to: a target population of members, as data, and the invitations it
makes.

A :class:`Target` keeps members by kind (``member_types``), by the country's classes on a day
(``classes``: ``developing``, ``developed``, ``ldc``, ``lldc``, ``sids``; ``developing`` by the
store's setting ``transition_counts_as_developing``, as the indicators and the fellowships'
eligibility), by ITU region, or from a list (``members``); an empty filter keeps every member.
Members that left before the day are not targeted. Each member kept is invited at the address
of its contact (the members file's extra column ``contact_email``), and the users named in
``users`` (each with the member they answer for, which must be in the population) are invited
by their accounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from stdgap.accounts.models import User
from stdgap.i18n.translate import _l
from stdgap.reference.classification import ClassificationReader, CountryStatus
from stdgap.reference.vocabulary import ITU_REGIONS, region_named
from stdgap.store.models import Member
from stdgap.surveys.errors import SurveyError

CLASSES = ("developing", "developed", "ldc", "lldc", "sids")
MEMBER_TYPES = ("member_state", "sector_member", "associate", "academia")
#: The members file's extra columns read as a member's contact address.
CONTACT_COLUMNS = ("contact_email", "email")


@dataclass(frozen=True)
class Target:
    member_types: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    #: (user name, member id or None): users invited by their accounts.
    users: tuple[tuple[str, str | None], ...] = ()
    #: Whether members' contacts are invited at their addresses.
    contacts: bool = True
    #: The day the countries' classes are read on (None: the day of sending).
    on: date | None = None

    def record(self) -> dict[str, Any]:
        return {
            "member_types": list(self.member_types),
            "classes": list(self.classes),
            "regions": list(self.regions),
            "members": list(self.members),
            "users": [[name, member] for name, member in self.users],
            "contacts": self.contacts,
            "on": self.on.isoformat() if self.on else None,
        }

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> Target:
        if not data:
            return cls()
        return cls(
            tuple(data.get("member_types") or ()),
            tuple(data.get("classes") or ()),
            tuple(data.get("regions") or ()),
            tuple(data.get("members") or ()),
            tuple((str(u[0]), u[1]) for u in data.get("users") or ()),
            bool(data.get("contacts", True)),
            date.fromisoformat(data["on"]) if data.get("on") else None,
        )

    def checked(self) -> Target:
        """This target with regions spelt as ITU writes them; SurveyError naming a bad value."""
        for kind in self.member_types:
            if kind not in MEMBER_TYPES:
                raise SurveyError(
                    _l(
                        "member type: %(value)r is not one of %(allowed)s",
                        value=kind,
                        allowed=", ".join(MEMBER_TYPES),
                    )
                )
        for name in self.classes:
            if name not in CLASSES:
                raise SurveyError(
                    _l(
                        "country group: %(value)r is not one of %(allowed)s",
                        value=name,
                        allowed=", ".join(CLASSES),
                    )
                )
        regions = []
        for text in self.regions:
            region = region_named(text)
            if region is None:
                raise SurveyError(
                    _l(
                        "region: %(value)r is not an ITU region (%(allowed)s)",
                        value=text,
                        allowed=", ".join(ITU_REGIONS),
                    )
                )
            regions.append(region)
        return Target(
            self.member_types,
            self.classes,
            tuple(dict.fromkeys(regions)),
            self.members,
            self.users,
            self.contacts,
            self.on,
        )


@dataclass(frozen=True)
class Invitee:
    """One invitation to make: a user (``user_id``) or an address, answering for a member."""

    name: str
    member_pk: int | None
    member: str | None
    user_id: int | None = None
    email: str | None = None
    country: str | None = None


@dataclass
class Population:
    on: date
    #: Members kept: (pk, member id, name, type, country, classes shown).
    members: list[dict[str, Any]] = field(default_factory=list)
    invitees: list[Invitee] = field(default_factory=list)
    #: Members kept that have no contact address (no one is invited for them but users).
    without_contact: list[str] = field(default_factory=list)


def _in_classes(status: CountryStatus | None, wanted: tuple[str, ...]) -> bool:
    if not wanted:
        return True
    if status is None:
        return False
    for name in wanted:
        if name == "developing" and status.developing:
            return True
        if name == "developed" and not status.developing:
            return True
        if name in ("ldc", "lldc", "sids") and status.has(name):
            return True
    return False


def _contact(attributes: dict[str, Any] | None) -> str | None:
    for column in CONTACT_COLUMNS:
        value = (attributes or {}).get(column)
        if isinstance(value, str) and "@" in value:
            return value.strip()
    return None


def population(connection: Connection, target: Target, today: date) -> Population:
    """The members ``target`` keeps on its day (``today`` when it names none), and who is
    invited for them; SurveyError for an unknown member or user."""
    target = target.checked()
    on = target.on or today
    rows = connection.execute(
        select(
            Member.id,
            Member.member_id,
            Member.name,
            Member.type,
            Member.country,
            Member.left,
            Member.attributes,
        ).order_by(Member.member_id)
    ).all()
    known = {row.member_id: row for row in rows}
    for member in target.members:
        if member not in known:
            raise SurveyError(_l("member: %(value)r is not a member of the store", value=member))
    reader = ClassificationReader(connection, {row.country for row in rows})
    statuses = reader.statuses((row.country, on) for row in rows)
    found = Population(on)
    kept: dict[str, Any] = {}
    for row in rows:
        status = statuses.get((row.country, on))
        if target.members and row.member_id not in target.members:
            continue
        if target.member_types and row.type not in target.member_types:
            continue
        if row.left is not None and row.left <= on:
            continue
        if target.regions and (status is None or status.region not in target.regions):
            continue
        if not _in_classes(status, target.classes):
            continue
        kept[row.member_id] = row
        classes = [c for c in CLASSES if _in_classes(status, (c,))]
        found.members.append(
            {
                "member": row.member_id,
                "name": row.name,
                "type": row.type,
                "country": row.country,
                "region": status.region if status else None,
                "classes": classes,
                "contact": _contact(row.attributes) if target.contacts else None,
            }
        )
        address = _contact(row.attributes)
        if target.contacts and address:
            found.invitees.append(
                Invitee(row.name, row.id, row.member_id, email=address, country=row.country)
            )
        elif target.contacts:
            found.without_contact.append(row.member_id)
    found.invitees += _users(connection, target, kept, known)
    return found


def _users(
    connection: Connection, target: Target, kept: dict[str, Any], known: dict[str, Any]
) -> list[Invitee]:
    invitees = []
    for name, member in target.users:
        user = connection.execute(select(User.id, User.active).where(User.name == name)).first()
        if user is None or not user.active:
            raise SurveyError(_l("user: %(value)r is not an active user", value=name))
        if member is None:
            invitees.append(Invitee(name, None, None, user_id=user.id))
            continue
        if member not in known:
            raise SurveyError(_l("member: %(value)r is not a member of the store", value=member))
        if member not in kept:
            raise SurveyError(
                _l(
                    "member: %(value)r (of user %(user)s) is not in the target population",
                    value=member,
                    user=name,
                )
            )
        row = kept[member]
        invitees.append(Invitee(name, row.id, member, user_id=user.id, country=row.country))
    return invitees
