"""People of the store as a nomination form offers them: searched by id or name only (the name
fields of their file, never the rest of it), each listed with their id, the name their file
gave (the ``name`` column, or given and family names) and the member they attend for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, or_, select

from stdgap.store.models import Country, Member, Person


@dataclass(frozen=True)
class StorePerson:
    person_id: str
    name: str
    country: str | None
    country_name: str | None
    member: str | None
    member_name: str | None
    birth_year: int | None
    gender: str | None

    def listing(self) -> dict[str, str | None]:
        """What a nomination form shows of the person: what picks them out (their id, name and
        the member they attend for), not their nationality, year of birth, gender or file."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "member": self.member,
            "member_name": self.member_name,
        }


#: The fields of a person's file that hold their name (the only ones a search reads).
NAME_FIELDS = ("name", "given_name", "family_name")


def display_name(attributes: dict[str, Any] | None, person_id: str) -> str:
    """The name a person's file gave (``name``, else ``given_name family_name``), else their
    id (people are never matched by name, and a store may hold none)."""
    found = attributes or {}
    name = str(found.get("name") or "").strip()
    if not name:
        parts = (found.get("given_name"), found.get("family_name"))
        name = " ".join(str(part).strip() for part in parts if part)
    return name or person_id


def _query() -> Any:
    return (
        select(
            Person.person_id,
            Person.attributes,
            Person.country,
            Country.name.label("country_name"),
            Member.member_id,
            Member.name.label("member_name"),
            Person.birth_year,
            Person.gender,
        )
        .outerjoin(Member, Member.id == Person.member_id)
        .outerjoin(Country, Country.alpha3 == Person.country)
    )


def _person(row: Any) -> StorePerson:
    return StorePerson(
        row.person_id,
        display_name(row.attributes, row.person_id),
        row.country,
        row.country_name,
        row.member_id,
        row.member_name,
        row.birth_year,
        row.gender,
    )


ESCAPE = "!"
#: The fewest characters a search needs (a letter or two would list the whole store).
SHORTEST = 2
#: The most people a search lists.
LIMIT = 50


def _like(text: str) -> str:
    """A LIKE pattern for what holds ``text`` (its wildcards taken literally)."""
    for char in (ESCAPE, "%", "_"):
        text = text.replace(char, ESCAPE + char)
    return f"%{text}%"


def _matching(text: str) -> Any:
    """Who a search for ``text`` finds: the person's id or a name field of their file (not the
    rest of it: an address or a note kept there is never matched)."""
    pattern = _like(text)
    field = {key: Person.attributes[key].as_string() for key in NAME_FIELDS}
    full = func.coalesce(field["given_name"], "") + " " + func.coalesce(field["family_name"], "")
    names = [column.ilike(pattern, escape=ESCAPE) for column in (*field.values(), full)]
    return or_(Person.person_id.ilike(pattern, escape=ESCAPE), *names)


@dataclass(frozen=True)
class Found:
    """The first ``people`` (by id) of the ``total`` a search matched."""

    people: list[StorePerson]
    total: int


def search(connection: Connection, text: str, limit: int = LIMIT) -> Found:
    """The first ``limit`` people whose id or name (a name field of their file) holds
    ``text`` (case aside), by id, and how many there are; none for a text shorter than
    :data:`SHORTEST`."""
    text = text.strip()
    if len(text) < SHORTEST:
        return Found([], 0)
    where = _matching(text)
    total = connection.execute(select(func.count()).select_from(Person).where(where)).scalar_one()
    query = _query().where(where).order_by(Person.person_id).limit(limit)
    return Found([_person(row) for row in connection.execute(query)], total)


def find(connection: Connection, person_id: str) -> StorePerson | None:
    row = connection.execute(_query().where(Person.person_id == person_id)).first()
    return _person(row) if row is not None else None
