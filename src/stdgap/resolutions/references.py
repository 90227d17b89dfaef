"""References to other resolutions, with the body that adopted them.

``Resolution 123 (Rev. Bucharest, 2022) of the Plenipotentiary Conference`` → PP 123;
``Resolutions 44 and 54 (Rev. New Delhi, 2024) of this assembly`` → WTSA 44 and WTSA 54;
``WTSA Resolution 1`` → WTSA 1; ``Resolution 122 (Rev. Guadalajara, 2010)`` → body None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stdgap.resolutions.parsed import Reference
from stdgap.resolutions.places import place_year

_BODIES = (
    (re.compile(r"Plenipotentiary|^PP", re.I), "PP"),
    (re.compile(r"Development Conference|^WTDC", re.I), "WTDC"),
    (re.compile(r"Standardization Assembly|^WTSA", re.I), "WTSA"),
    (re.compile(r"Radiocommunication Assembly|^RA$", re.I), "RA"),
    (re.compile(r"Radiocommunication Conference|^WRC", re.I), "WRC"),
    (re.compile(r"Council", re.I), "Council"),
)
_BODY_AFTER = (
    r"the Plenipotentiary Conference|this [Aa]ssembly|this [Cc]onference|the (?:ITU )?Council"
    r"|the World Telecommunication Development Conference"
    r"|the World Telecommunication Standardization Assembly|the Radiocommunication Assembly"
    r"|the World Radiocommunication Conference|WTSA|WTDC|the PP"
)
_ENTRY = r"\d{1,4}(?:\s*\((?:Rev\.\s*)?\[?[^()\[\]]*?\d{4}\]?\))?"
ENTRY = re.compile(r"(\d{1,4})(?:\s*\((Rev\.\s*)?\[?([^()\[\]]*?\d{4})\]?\))?")
PATTERN = re.compile(
    r"(?:\b(?P<prefix>WTSA|WTDC|PP|RA|WRC|Council|ITU Council|Plenipotentiary Conference)"
    r"(?:-\d{2})?\s+)?"
    r"\bResolutions?\s+(?P<entries>"
    + _ENTRY
    + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    + _ENTRY
    + r")*)(?!\d)"
    r"(?:,?\s+of\s+(?P<body>" + _BODY_AFTER + r"))?"
)


@dataclass(frozen=True)
class Citation:
    """A reference and where it stands in the text (for inline ``ref`` elements)."""

    start: int
    end: int
    references: tuple[Reference, ...]


def body_code(name: str | None, own_assembly: str | None) -> str | None:
    if not name:
        return None
    if name.lower().startswith("this "):
        if "assembly" in name.lower():
            return own_assembly or "WTSA"
        return own_assembly
    for pattern, code in _BODIES:
        if pattern.search(name):
            return code
    return None


def _revision(rev: str | None, place: str | None) -> str | None:
    if not place:
        return None
    place = place_year(place)
    return f"Rev. {place}" if rev else place


def citations(text: str, own_assembly: str | None = None) -> Iterator[Citation]:
    for match in PATTERN.finditer(text):
        body = body_code(match.group("body") or match.group("prefix"), own_assembly)
        entries = [
            (int(m.group(1)), _revision(m.group(2), m.group(3)))
            for m in ENTRY.finditer(match.group("entries"))
        ]
        refs: list[Reference] = []
        for k, (number, revision) in enumerate(entries):
            if revision is None:  # "Resolutions 44 and 54 (Rev. …)": the revision is shared
                revision = next((r for _, r in entries[k + 1 :] if r is not None), None)
            refs.append(Reference(body, number, revision))
        yield Citation(match.start(), match.end(), tuple(refs))


def find(texts: Iterable[str], own_assembly: str | None = None) -> list[Reference]:
    """Every distinct reference in ``texts``, in the order first cited."""
    seen: dict[Reference, None] = {}
    for text in texts:
        for citation in citations(text, own_assembly):
            for ref in citation.references:
                seen.setdefault(ref, None)
    return list(seen)
