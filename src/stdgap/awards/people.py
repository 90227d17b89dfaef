"""People of the store as a nomination form offers them: searched by id, name, member or
country, each with the name their file gave (the ``name`` column, or given and family names),
their country and member."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, cast, or_, select

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
        """What a nomination form shows of the person (not their year of birth or gender)."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "country": self.country,
            "country_name": self.country_name,
            "member": self.member,
            "member_name": self.member_name,
        }


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


def _like(text: str) -> str:
    """A LIKE pattern for what holds ``text`` (its wildcards taken literally)."""
    for char in (ESCAPE, "%", "_"):
        text = text.replace(char, ESCAPE + char)
    return f"%{text}%"


def search(connection: Connection, text: str, limit: int = 50) -> list[StorePerson]:
    """Up to ``limit`` people whose id, name (in their file's columns), member or country
    holds ``text`` (case aside), by id; none for an empty text."""
    text = text.strip()
    if not text:
        return []
    pattern = _like(text)
    # names are kept in JSON, where letters beyond ASCII are written as \\u escapes
    escaped = _like(json.dumps(text)[1:-1])
    query = (
        _query()
        .where(
            or_(
                Person.person_id.ilike(pattern, escape=ESCAPE),
                cast(Person.attributes, String).ilike(pattern, escape=ESCAPE),
                cast(Person.attributes, String).ilike(escaped, escape=ESCAPE),
                Member.member_id.ilike(pattern, escape=ESCAPE),
                Member.name.ilike(pattern, escape=ESCAPE),
                Country.name.ilike(pattern, escape=ESCAPE),
                Person.country.ilike(pattern, escape=ESCAPE),
            )
        )
        .order_by(Person.person_id)
        .limit(limit)
    )
    return [_person(row) for row in connection.execute(query)]


def find(connection: Connection, person_id: str) -> StorePerson | None:
    row = connection.execute(_query().where(Person.person_id == person_id)).first()
    return _person(row) if row is not None else None
