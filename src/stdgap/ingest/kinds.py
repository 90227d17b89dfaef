"""The canonical file kinds, their dependency order and required columns (DATA-FORMATS.md)."""

from __future__ import annotations

KINDS: tuple[str, ...] = ("members", "people", "meetings", "attendance", "contributions", "roles")

COLUMNS: dict[str, tuple[str, ...]] = {
    "members": (
        "member_id",
        "name",
        "type",
        "country",
        "sme",
        "parent_member_id",
        "joined",
        "left",
    ),
    "people": ("person_id", "gender", "birth_year", "country", "member_id"),
    "meetings": (
        "meeting_id",
        "group",
        "start",
        "end",
        "kind",
        "city",
        "host_country",
        "format",
    ),
    "attendance": ("meeting_id", "person_id", "member_id", "mode", "fellowship", "interpretation"),
    "contributions": ("doc_id", "meeting_id", "sources", "level", "submitted", "title"),
    "roles": ("person_id", "member_id", "group", "role", "start", "end", "responsibility"),
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "members": ("member_id", "name", "type", "country"),
    "people": ("person_id",),
    "meetings": ("meeting_id", "group", "start"),
    "attendance": ("meeting_id", "person_id", "member_id"),
    "contributions": ("doc_id", "meeting_id", "sources"),
    "roles": ("person_id", "member_id", "group", "role", "start"),
}

_WORDS: dict[str, str] = {
    "member": "members",
    "members": "members",
    "membership": "members",
    "people": "people",
    "person": "people",
    "persons": "people",
    "participants": "people",
    "meeting": "meetings",
    "meetings": "meetings",
    "attendance": "attendance",
    "attendances": "attendance",
    "contribution": "contributions",
    "contributions": "contributions",
    "role": "roles",
    "roles": "roles",
    "leadership": "roles",
}


def kind_from_word(word: str) -> str | None:
    return _WORDS.get(word.lower())


def order_of(kind: str) -> int:
    return KINDS.index(kind)
