"""The canonical file kinds, their dependency order and required columns (DATA-FORMATS.md)."""

from __future__ import annotations

KINDS: tuple[str, ...] = ("members", "people", "meetings", "attendance", "contributions", "roles")

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
