"""Row schemas of the canonical files (pydantic), applied to rows whose blank cells are dropped."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict

Text = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1)]
MemberType = Literal["member_state", "sector_member", "associate", "academia"]
Gender = Literal["F", "M", "X"]
MeetingKind = Literal["plenary", "working_party", "rapporteur", "regional_group", "workshop", "cto"]
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
BirthYear = Annotated[int, Field(ge=1900, le=2100)]


class MemberRow(TypedDict):
    member_id: Text
    name: Text
    type: MemberType
    country: Text
    sme: NotRequired[bool]
    parent_member_id: NotRequired[Text]
    joined: NotRequired[date]
    left: NotRequired[date]


class PersonRow(TypedDict):
    person_id: Text
    gender: NotRequired[Gender]
    birth_year: NotRequired[BirthYear]
    country: NotRequired[Text]
    member_id: NotRequired[Text]


class MeetingRow(TypedDict):
    meeting_id: Text
    group: Text
    start: date
    end: NotRequired[date]
    kind: NotRequired[MeetingKind]
    city: NotRequired[Text]
    host_country: NotRequired[Text]
    format: NotRequired[MeetingFormat]


class AttendanceRow(TypedDict):
    meeting_id: Text
    person_id: Text
    member_id: Text
    mode: NotRequired[Mode]
    fellowship: NotRequired[bool]
    interpretation: NotRequired[Text]


class ContributionRow(TypedDict):
    doc_id: Text
    meeting_id: Text
    sources: Text
    level: NotRequired[Level]
    submitted: NotRequired[date]
    title: NotRequired[LongText]


class RoleRow(TypedDict):
    person_id: Text
    member_id: Text
    group: Text
    role: RoleName
    start: date
    end: NotRequired[date]
    responsibility: NotRequired[LongText]


ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "members": TypeAdapter(list[MemberRow]),
    "people": TypeAdapter(list[PersonRow]),
    "meetings": TypeAdapter(list[MeetingRow]),
    "attendance": TypeAdapter(list[AttendanceRow]),
    "contributions": TypeAdapter(list[ContributionRow]),
    "roles": TypeAdapter(list[RoleRow]),
}

# Columns whose values are codes: matched case-insensitively, spaces and hyphens read as "_".
CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "members": ("type",),
    "meetings": ("kind", "format"),
    "attendance": ("mode",),
    "contributions": ("level",),
    "roles": ("role",),
}
