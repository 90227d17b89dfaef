"""Mentor and mentee profiles of a cycle: entered one at a time or imported from files.

Mentor files: ``cycle, person_id`` (required), ``study_groups, questions, expertise,
languages`` (lists separated by ';'), ``region, gender, time_zone, capacity, available`` and
``user`` (the account the profile belongs to). Mentee files: ``cycle, person_id``, the same lists,
``region, gender, time_zone, birth_year, prefer_same_region, preferred_mentor_gender, user``.
A profile already in the cycle is updated. Any bad row and nothing is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import Connection, insert, select, update

from stdgap.accounts.models import User
from stdgap.mentorship.fields import (
    LISTS,
    Region,
    Role,
    TimeZoneName,
    cycle_problem,
    language_problem,
)
from stdgap.mentorship.models import Mentee, Mentor
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.store.models import Group
from stdgap.store.unit import Unit, operation
from stdgap.tabular.columns import FIRST_BIRTH_YEAR, MIN_AGE, BirthYear, Column, Gender, Text
from stdgap.tabular.errors import ImportFailed, RowError
from stdgap.tabular.typed import read_typed, split_list

Capacity = Annotated[int, Field(ge=0, le=50)]
UserName = Annotated[str, Field(min_length=1, max_length=100)]

_COMMON: dict[str, Column] = {
    "cycle": Column(Text, required=True),
    "person_id": Column(Text, required=True),
    "study_groups": Column(str),
    "questions": Column(str),
    "expertise": Column(str),
    "languages": Column(str),
    "region": Column(Region),
    "gender": Column(Gender, upper=True),
    "time_zone": Column(TimeZoneName),
    "user": Column(UserName),
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


def model_of(role: Role) -> type[Mentor] | type[Mentee]:
    return Mentor if role == "mentor" else Mentee


def user_ids(connection: Connection, names: set[str]) -> dict[str, int]:
    """The ids of the users named (those that exist)."""
    if not names:
        return {}
    query = select(User.name, User.id).where(User.name.in_(sorted(names)))
    return {name: pk for name, pk in connection.execute(query)}


def row_of(values: dict[str, Any], users: dict[str, int]) -> dict[str, Any]:
    """The columns of a profile's row from values keyed like the files' columns."""
    row = {key: value for key, value in values.items() if key not in ("person_id", "user")}
    if "person_id" in values:
        row["person_ref"] = values["person_id"]
    if values.get("user"):
        row["user_id"] = users[values["user"]]
    for name in LISTS:
        if name in values:
            row[name] = ";".join(split_list(values.get(name)))
    return row


def group_codes(connection: Connection) -> set[str]:
    """The groups the store knows (their codes: SG5, SG17 …)."""
    return set(connection.execute(select(Group.code)).scalars())


def profile_problems(
    values: dict[str, Any], groups: set[str], registering: bool = False
) -> list[tuple[str, str]]:
    """(field, message) of each value of a profile that is not plausible: the cycle (a year;
    when ``registering``, from last year to two years ahead), study groups the store knows
    (``groups``), ISO 639-1 languages, an ITU region, a year of birth."""
    found: list[tuple[str, str]] = []
    if values.get("cycle") is not None:
        problem = cycle_problem(str(values["cycle"]), registering)
        if problem:
            found.append(("cycle", problem))
    unknown = [g for g in split_list(values.get("study_groups")) if g not in groups]
    if unknown:
        known = ", ".join(sorted(groups)) or "none yet"
        found.append(("study_groups", f"unknown group(s) {', '.join(unknown)} (known: {known})"))
    wrong = [item for item in split_list(values.get("languages")) if language_problem(item)]
    if wrong:
        found.append(
            ("languages", f"{', '.join(wrong)}: not a language code (ISO 639-1, e.g. en, pt-BR)")
        )
    region = values.get("region")
    if region is not None and region not in ITU_REGIONS:
        found.append(("region", f"{region!r} is not one of {', '.join(ITU_REGIONS)}"))
    year, last = values.get("birth_year"), date.today().year - MIN_AGE
    if year is not None and not FIRST_BIRTH_YEAR <= int(year) <= last:
        found.append(
            ("birth_year", f"{year} is not a year of birth from {FIRST_BIRTH_YEAR} to {last}")
        )
    return found


def list_length_problem(values: dict[str, Any]) -> tuple[str, str] | None:
    """(column, message) of a list too long to store, if any."""
    for name, limit in LISTS.items():
        if len(";".join(split_list(values.get(name)))) > limit:
            return name, f"too long: at most {limit} characters"
    return None


def _upsert(
    connection: Connection, role: Role, values: dict[str, Any], users: dict[str, int]
) -> int:
    model = model_of(role)
    row = row_of(values, users)
    where = (model.cycle == row["cycle"]) & (model.person_ref == row["person_ref"])
    found = connection.execute(select(model.id).where(where)).scalar_one_or_none()
    if found is None:
        defaults: dict[str, Any] = (
            {"capacity": 1, "available": True}
            if role == "mentor"
            else {"prefer_same_region": False}
        )
        defaults.update({name: "" for name in LISTS})
        inserted = connection.execute(
            insert(model).values(**{**defaults, **row}).returning(model.id)
        ).scalar_one()
        return int(inserted)
    connection.execute(update(model).where(model.id == found).values(**row))
    return int(found)


def _profile(role: Role, values: dict[str, Any]) -> str:
    return f"{role} {values.get('cycle', '')}/{values.get('person_id', '')}"


@operation("mentorship.profile", target=_profile)
def add_profile(unit: Unit, role: Role, values: dict[str, Any]) -> int:
    """Enter or update one profile (``values`` keyed like the file's columns); its id."""
    unknown = set(values) - set(COLUMNS[role])
    if unknown:
        raise ProgrammeError(f"unknown field(s) for a {role}: {', '.join(sorted(unknown))}")
    for name in ("cycle", "person_id"):
        if not values.get(name):
            raise ProgrammeError(f"a {role} needs a {name}")
    if role == "mentor" and not 0 <= int(values.get("capacity", 1)) <= 50:
        raise ProgrammeError("capacity must be between 0 and 50")
    problem = list_length_problem(values)
    if problem:
        raise ProgrammeError(f"{problem[0]}: {problem[1]}")
    implausible = profile_problems(values, group_codes(unit.connection))
    if implausible:
        raise ProgrammeError("; ".join(f"{name}: {message}" for name, message in implausible))
    for name, column in COLUMNS[role].items():
        if name in ("time_zone", "user") and values.get(name) is not None:
            _value, message = column.check(str(values[name]))
            if message:
                raise ProgrammeError(f"{name}: {message}")
    users = user_ids(unit.connection, {values["user"]} if values.get("user") else set())
    if values.get("user") and values["user"] not in users:
        raise ProgrammeError(f"user: no user named '{values['user']}'")
    return _upsert(unit.connection, role, values, users)


def _files(role: Role, paths: list[Path]) -> str:
    return f"{role}s: " + ", ".join(str(path) for path in paths)


@operation("mentorship.import", target=_files)
def import_profiles(unit: Unit, role: Role, paths: list[Path]) -> int:
    """Import profile files in one transaction; :class:`ImportFailed` lists the bad rows."""
    errors: list[RowError] = []
    ready: list[dict[str, Any]] = []
    names: set[str] = set()
    groups = group_codes(unit.connection)
    for path in paths:
        table = read_typed(path, COLUMNS[role])
        for _line, values in table.rows:
            if values.get("user"):
                names.add(values["user"])
        users = user_ids(unit.connection, names)
        seen: dict[tuple[str, str], int] = {}
        bad = {error.line for error in table.errors}
        for line, values in table.rows:
            key = (values.get("cycle", ""), values.get("person_id", ""))
            if key in seen:
                table.error(line, "person_id", f"'{key[1]}' appears twice (line {seen[key]})")
                continue
            seen[key] = line
            problem = list_length_problem(values)
            implausible = [] if line in bad else profile_problems(values, groups)
            if problem:
                table.error(line, *problem)
            elif implausible:
                for name, message in implausible:
                    table.error(line, name, message)
            elif values.get("user") and values["user"] not in users:
                table.error(line, "user", f"no user named '{values['user']}'")
            elif line not in bad:
                ready.append(values)
        errors.extend(table.errors)
    if errors:
        raise ImportFailed(errors)
    users = user_ids(unit.connection, names)
    for values in ready:
        _upsert(unit.connection, role, values, users)
    return len(ready)
