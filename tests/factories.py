"""Factories that read like the domain: ``make_member(engine, "MS-KEN", country="KEN")``,
``make_meeting(engine, "SG5-2025-01", group="SG5", start="2025-01-20")``. Each writes through the
import (the write door), as a user's file would."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.ingest.pipeline import ImportReport, run_import
from stdgap.ingest.sources import Source

ACTOR = "test"


def _rows(engine: Engine, kind: str, rows: list[dict[str, str]]) -> ImportReport:
    header = list(dict.fromkeys(name for row in rows for name in row))
    return run_import.perform(engine, ACTOR, [Source.from_rows(f"test:{kind}", kind, header, rows)])


def make_member(
    engine: Engine, member_id: str, country: str = "KEN", type: str = "member_state", name: str = ""
) -> str:
    _rows(
        engine,
        "members",
        [{"member_id": member_id, "name": name or member_id, "type": type, "country": country}],
    )
    return member_id


def make_person(
    engine: Engine,
    person_id: str,
    member: str,
    country: str = "",
    gender: str = "",
    birth_year: int | None = None,
) -> str:
    row = {"person_id": person_id, "member_id": member, "country": country, "gender": gender}
    row["birth_year"] = str(birth_year or "")
    _rows(engine, "people", [row])
    return person_id


def make_meeting(
    engine: Engine, meeting_id: str, group: str = "SG5", start: str = "2025-01-20"
) -> str:
    _rows(engine, "meetings", [{"meeting_id": meeting_id, "group": group, "start": start}])
    return meeting_id


def make_role(
    engine: Engine,
    person: str,
    member: str,
    role: str,
    start: str,
    end: str = "",
    group: str = "SG5",
) -> None:
    row = {"person_id": person, "member_id": member, "group": group, "role": role}
    _rows(engine, "roles", [row | {"start": start, "end": end}])
