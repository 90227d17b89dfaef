"""Addressees normalised to a code list (the raw text is always kept beside the codes)."""

from __future__ import annotations

import re

CODES = (
    "director_tsb",
    "director_bdt",
    "director_br",
    "secretary_general",
    "council",
    "tsag",
    "study_groups",
    "member_states",
    "sector_members",
    "associates",
    "academia",
    "regional_offices",
    "regions",
    "regional_organizations",
)
ALIASES = {
    "tsb": "director_tsb",
    "bdt": "director_bdt",
    "br": "director_br",
    "sg": "secretary_general",
    "secretary-general": "secretary_general",
    "sgs": "study_groups",
    "study-groups": "study_groups",
    "ms": "member_states",
    "member-states": "member_states",
    "sector-members": "sector_members",
    "regional-offices": "regional_offices",
}
SHORT = {
    "director_tsb": "tsb",
    "director_bdt": "bdt",
    "director_br": "br",
    "secretary_general": "secretary-general",
}

_TSB = re.compile(r"Telecommunication Standardization Bureau|\bTSB\b")
_BDT = re.compile(r"Telecommunications? Development(?: Bureau| and)|\bBDT\b")
_BR = re.compile(r"Radiocommunication(?: Bureau|\s+Bureaux)|\bBR\b")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("secretary_general", re.compile(r"Secretary-General", re.I)),
    ("tsag", re.compile(r"Telecommunication Standardization Advisory Group|\bTSAG\b")),
    ("council", re.compile(r"\bCouncil\b(?! of Arab)")),
    ("study_groups", re.compile(r"\bstudy groups?\b|\bStudy Groups? \d+", re.I)),
    ("member_states", re.compile(r"\bMembers? States\b", re.I)),
    ("sector_members", re.compile(r"\bSector Members\b", re.I)),
    ("associates", re.compile(r"\bAssociates\b")),
    ("academia", re.compile(r"\bAcademia\b", re.I)),
    ("regional_offices", re.compile(r"\bregional offices\b", re.I)),
    ("regions", re.compile(r"^(?:the )?regions\b", re.I)),
    ("regional_organizations", re.compile(r"regional telecommunication organizations", re.I)),
)


def directors(text: str) -> list[str]:
    if "Director" not in text:
        return []
    found: list[str] = []
    if re.search(r"\b(three|all) Bureaux|\bDirectors of the Bureaux", text):
        return ["director_tsb", "director_bdt", "director_br"]
    if re.search(r"other (two )?Bureaux", text):
        found += ["director_bdt", "director_br"]
    for code, pattern in (("director_tsb", _TSB), ("director_bdt", _BDT), ("director_br", _BR)):
        if pattern.search(text) and code not in found:
            found.append(code)
    return found


def normalise(text: str | None) -> list[str]:
    """The codes named in an addressee (or collaborator) phrase, in a fixed order."""
    if not text:
        return []
    found = set(directors(text))
    if "Director" in text:
        # "study groups" etc. after a Director are the object, not a second addressee.
        text = re.split(r"\bto\b", text, maxsplit=1)[0]
    for code, pattern in _PATTERNS:
        if pattern.search(text):
            found.add(code)
    return [code for code in CODES if code in found]


def resolve_code(name: str) -> str:
    """A code from what a user typed (``bdt``, ``director_bdt``, ``Member States``)."""
    key = name.strip().lower().replace(" ", "_")
    if key in CODES:
        return key
    if key.replace("_", "-") in ALIASES:
        return ALIASES[key.replace("_", "-")]
    codes = normalise(name)
    return codes[0] if codes else key


def short(code: str) -> str:
    return SHORT.get(code, code.replace("_", "-"))
