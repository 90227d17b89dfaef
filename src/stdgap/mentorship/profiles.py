"""Mentor and mentee profiles of a cycle: entered one at a time or imported from files.

Mentor files: ``cycle, person_id`` (required), ``study_groups, questions, languages`` (lists
separated by ';'), ``region, gender, capacity, available``. Mentee files: ``cycle, person_id``,
the same lists, ``region, gender, birth_year, prefer_same_region, preferred_mentor_gender``.
A profile already in the cycle is updated. Any bad row and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field
from sqlalchemy import Connection, insert, select, update

from stdgap.mentorship.models import Mentee, Mentor
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.unit import Unit, operation
from stdgap.tabular.columns import BirthYear, Column, Gender, Text
from stdgap.tabular.errors import ImportFailed, RowError
from stdgap.tabular.typed import read_typed, split_list

Role = Literal["mentor", "mentee"]
Capacity = Annotated[int, Field(ge=0, le=50)]
LISTS = ("study_groups", "questions", "languages")

_COMMON: dict[str, Column] = {
    "cycle": Column(Text, required=True),
    "person_id": Column(Text, required=True),
    "study_groups": Column(str),
    "questions": Column(str),
    "languages": Column(str),
    "region": Column(Text),
    "gender": Column(Gender, upper=True),
}
COLUMNS: dict[Role, dict[str, Column]] = {
    "mentor": {**_COMMON, "capacity": Column(Capacity), "available": Column(bool)},
    "mentee": {
        **_COMMON,
        "birth_year": Column(BirthYear),
        "prefer_same_region": Column(bool),
        "preferred_mentor_gender": Column(Gender, upper=True),
    },
}


def _model(role: Role) -> type[Mentor] | type[Mentee]:
    return Mentor if role == "mentor" else Mentee


def _row(values: dict[str, Any]) -> dict[str, Any]:
    row = {key: value for key, value in values.items() if key != "person_id"}
    row["person_ref"] = values["person_id"]
    for name in LISTS:
        row[name] = ";".join(split_list(values.get(name)))
    return row


def _upsert(connection: Connection, role: Role, values: dict[str, Any]) -> None:
    model = _model(role)
    row = _row(values)
    where = (model.cycle == row["cycle"]) & (model.person_ref == row["person_ref"])
    found = connection.execute(select(model.id).where(where)).scalar_one_or_none()
    if found is None:
        defaults: dict[str, Any] = (
            {"capacity": 1, "available": True}
            if role == "mentor"
            else {"prefer_same_region": False}
        )
        connection.execute(insert(model).values(**{**defaults, **row}))
    else:
        connection.execute(update(model).where(model.id == found).values(**row))


def _profile(role: Role, values: dict[str, Any]) -> str:
    return f"{role} {values.get('cycle', '')}/{values.get('person_id', '')}"


@operation("mentorship.profile", target=_profile)
def add_profile(unit: Unit, role: Role, values: dict[str, Any]) -> None:
    """Enter or update one profile (``values`` keyed like the file's columns)."""
    unknown = set(values) - set(COLUMNS[role])
    if unknown:
        raise ProgrammeError(f"unknown field(s) for a {role}: {', '.join(sorted(unknown))}")
    for name in ("cycle", "person_id"):
        if not values.get(name):
            raise ProgrammeError(f"a {role} needs a {name}")
    if role == "mentor" and not 0 <= int(values.get("capacity", 1)) <= 50:
        raise ProgrammeError("capacity must be between 0 and 50")
    _upsert(unit.connection, role, values)


def _files(role: Role, paths: list[Path]) -> str:
    return f"{role}s: " + ", ".join(str(path) for path in paths)


@operation("mentorship.import", target=_files)
def import_profiles(unit: Unit, role: Role, paths: list[Path]) -> int:
    """Import profile files in one transaction; :class:`ImportFailed` lists the bad rows."""
    errors: list[RowError] = []
    ready: list[dict[str, Any]] = []
    for path in paths:
        table = read_typed(path, COLUMNS[role])
        seen: dict[tuple[str, str], int] = {}
        bad = {error.line for error in table.errors}
        for line, values in table.rows:
            key = (values.get("cycle", ""), values.get("person_id", ""))
            if key in seen:
                table.error(line, "person_id", f"'{key[1]}' appears twice (line {seen[key]})")
                continue
            seen[key] = line
            if line not in bad:
                ready.append(values)
        errors.extend(table.errors)
    if errors:
        raise ImportFailed(errors)
    for values in ready:
        _upsert(unit.connection, role, values)
    return len(ready)
