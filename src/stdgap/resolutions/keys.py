"""Stable clause keys, built from a clause's place in the text (its path), never from its text.

``instructs-tsb/2/i``: the section (verb + addressee codes, ``-2`` for a second section with the
same slug), the clause number as written (``u3`` for the third clause when unnumbered), the
sub-item number. The full key prefixes the resolution and version: ``WTSA-44/Geneva-2022/…``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from stdgap.resolutions import addressees
from stdgap.resolutions.parsed import Item, OperativeSection, Resolution
from stdgap.resolutions.vocab import canonical

_FILLERS = ("further", "also")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def verb_slug(verb: str) -> str:
    """``further resolves`` and ``resolves further`` share the slug ``resolves-further``."""
    words = verb.lower().split()
    core = [w for w in words if w not in _FILLERS]
    extra = [w for w in words if w in _FILLERS]
    return slug(" ".join(core + extra)) or "section"


def section_slug(section: OperativeSection) -> str:
    codes = addressees.normalise(section.addressee)
    who = "+".join(addressees.short(c) for c in codes)
    if not who and section.addressee:
        who = "-".join(slug(section.addressee).split("-")[:4])
    return verb_slug(canonical(section.verb)) + (f"-{who}" if who else "")


def version_prefix(body: str, number: int, label: str) -> str:
    return f"{body}-{number}/{slug(label).replace('-', ' ').title().replace(' ', '-')}"


@dataclass(frozen=True)
class ClauseRow:
    path: str
    parent_path: str | None
    position: int
    section: OperativeSection
    num: str | None
    text: str


def _segment(item: Item, position: int, used: Counter[str]) -> str:
    base = re.sub(r"[/\s]+", "", item.num) if item.num else f"u{position}"
    used[base] += 1
    return base if used[base] == 1 else f"{base}~{used[base]}"


def clause_rows(resolution: Resolution) -> list[ClauseRow]:
    """Every operative clause and sub-item with its path, in document order."""
    rows: list[ClauseRow] = []
    sections: Counter[str] = Counter()
    for section in resolution.operative:
        base = section_slug(section)
        sections[base] += 1
        name = base if sections[base] == 1 else f"{base}-{sections[base]}"
        used: Counter[str] = Counter()
        for k, clause in enumerate(section.clauses, 1):
            path = f"{name}/{_segment(clause, k, used)}"
            rows.append(ClauseRow(path, None, len(rows), section, clause.num, clause.text))
            sub_used: Counter[str] = Counter()
            for j, item in enumerate(clause.items, 1):
                sub_path = f"{path}/{_segment(item, j, sub_used)}"
                rows.append(ClauseRow(sub_path, path, len(rows), section, item.num, item.text))
    return rows
