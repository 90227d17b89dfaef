"""The columns of each canonical file kind (DATA-FORMATS.md) and their types."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from stdgap.tabular.columns import BirthYear, Column, Gender, Text

MemberType = Literal["member_state", "sector_member", "associate", "academia"]
MeetingKind = Literal[
    "plenary",
    "working_party",
    "rapporteur",
    "regional_group",
    "workshop",
    "cto",
    # events (stdgap.events): training, awareness campaigns, webinars, e-learning courses
    "training",
    "awareness",
    "webinar",
    "elearning",
]
MeetingFormat = Literal["in_person", "virtual", "hybrid"]
Mode = Literal["in_person", "remote"]
Level = Literal["question", "working_party", "plenary"]
RoleName = Literal[
    "chair",
    "vice_chair",
    "rapporteur",
    "associate_rapporteur",
    "editor",
    "mentor",
    "liaison_rapporteur",
]


def _schema(**columns: Column) -> dict[str, Column]:
    return columns


SCHEMAS: dict[str, dict[str, Column]] = {
    "members": _schema(
        member_id=Column(Text, required=True),
        name=Column(Text, required=True),
        type=Column(MemberType, required=True, code=True),
        country=Column(Text, required=True),
        sme=Column(bool),
        parent_member_id=Column(Text),
        joined=Column(date),
        left=Column(date),
    ),
    "people": _schema(
        person_id=Column(Text, required=True),
        gender=Column(Gender, upper=True),
        birth_year=Column(BirthYear),
        country=Column(Text),
        member_id=Column(Text),
    ),
    "meetings": _schema(
        meeting_id=Column(Text, required=True),
        group=Column(Text, required=True),
        start=Column(date, required=True),
        end=Column(date),
        kind=Column(MeetingKind, code=True),
        city=Column(Text),
        host_country=Column(Text),
        format=Column(MeetingFormat, code=True),
    ),
    "attendance": _schema(
        meeting_id=Column(Text, required=True),
        person_id=Column(Text, required=True),
        member_id=Column(Text, required=True),
        mode=Column(Mode, code=True),
        fellowship=Column(bool),
        interpretation=Column(Text),
    ),
    "contributions": _schema(
        doc_id=Column(Text, required=True),
        meeting_id=Column(Text, required=True),
        sources=Column(str, required=True),
        level=Column(Level, code=True),
        submitted=Column(date),
        title=Column(str),
    ),
    "roles": _schema(
        person_id=Column(Text, required=True),
        member_id=Column(Text, required=True),
        group=Column(Text, required=True),
        role=Column(RoleName, required=True, code=True),
        start=Column(date, required=True),
        end=Column(date),
        responsibility=Column(Annotated[str, Field(max_length=1000)]),
    ),
}


COLUMNS: dict[str, tuple[str, ...]] = {kind: tuple(schema) for kind, schema in SCHEMAS.items()}
