"""References to other resolutions (and decisions), with the body that adopted them.

``Resolution 123 (Rev. Bucharest, 2022) of the Plenipotentiary Conference`` → PP 123;
``Resolutions 44 and 54 (Rev. New Delhi, 2024) of this assembly`` → WTSA 44 and WTSA 54;
``WTSA Resolution 1`` → WTSA 1; ``Resolution ITU-R 1-8 (Rev. Sharm el-Sheikh, 2023)`` → RA 1
(edition 8); ``Resolution 76 (Rev.WRC-15)`` → WRC 76; ``Council Decision 482`` → Council 482
(a decision); ``Résolution 123 (Rév. Dubaï, 2018) de la Conférence de plénipotentiaires`` → PP
123; ``Resolution 122 (Rev. Guadalajara, 2010)`` → body None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stdgap.resolutions.headings import assembly_code, place_year
from stdgap.resolutions.parsed import Reference
from stdgap.resolutions.references_script import script_citations
from stdgap.resolutions.vocab import fold

_PREFIX = (
    r"(?:\b(?P<prefix>WTSA|WTDC|PP|RA|WRC|Council|ITU Council|Plenipotentiary Conference)"
    r"(?:-\d{2})?\s+)?"
)
_WORDS = (
    r"(?P<word>Resolutions?|Decisions?|R[ée]solutions?|D[ée]cisions?|Resoluci(?:ón|ones)"
    r"|Decisi(?:ón|ones)|Резолюци[яиюей]\w*|Решени[яеийю]\w*)"
)
_SERIES = r"(?P<series>(?:ITU|UIT|МСЭ)-[RTD]\s+)?"
_INSIDE = (
    r"(?:\s*\((?:[^()\[\]\d]{0,14}\[?[^()\[\]]*?\d{4}[^()\[\]]*?\]?"
    r"|(?:R[eé]v\.\s*|Пересм\.\s*)?(?:WRC|RRC|WARC|CMR|ВКР)-\d{2})\))"
)
_ENTRY = r"\d{1,4}(?:-\d{1,2})?(?![\d/])" + _INSIDE + "?"
ENTRY = re.compile(
    r"(\d{1,4})(?:-(\d{1,2}))?(?!\d)(?:\s*\((?P<inside>[^()]*?(?:\d{4}|-\d{2})[^()\d]{0,4})\))?"
)
_SEP = r"(?:\s*,\s*(?:and\s+|et\s+|y\s+|и\s+)?|\s+(?:and|et|y|и)\s+)"
PATTERN = re.compile(
    _PREFIX
    + r"\b"
    + _WORDS
    + r"\s+"
    + _SERIES
    + r"(?P<entries>"
    + _ENTRY
    + r"(?:"
    + _SEP
    + _ENTRY
    + r")*)(?!\d)"
)
_OF = re.compile(
    r"^,?\s*(?:of|de|del|du|des)\s+(?:the\s+|la\s+|l'|el\s+|los\s+)?(?:ITU\s+|UIT\s+)?"
    r"(?P<body>[^;,]{3,90})",
    re.I,
)
_RU_OF = re.compile(r"^,?\s*(?P<body>[А-Яа-яё][^;,]{1,90})")
_THIS = re.compile(
    r"^(?:this|the present|present|la présente|présente|esta|la presente|presente|настоящей"
    r"|cette)\s+(?P<what>\w+)",
    re.I,
)
_REVISED = re.compile(r"^(?:Rev\.?|Rév\.?|Пересм\.?|revised|révisée|revisada)\s*", re.I)
_WRC = re.compile(r"^(?:(?:R[eé]v|Пересм)\.?\s*)?((?:WRC|RRC|WARC|CMR|ВКР)-\d{2})$")
_GENITIVES = {
    "полномочной конференции": "PP",
    "всемирной конференции по развитию электросвязи": "WTDC",
    "всемирной ассамблеи по стандартизации электросвязи": "WTSA",
    "ассамблеи радиосвязи": "RA",
    "всемирной конференции радиосвязи": "WRC",
    "совета": "Council",
}
_CODES = {"wtsa": "WTSA", "wtdc": "WTDC", "pp": "PP", "ra": "RA", "wrc": "WRC"}
# The assemblies' abbreviations in the six languages (folded): WTDC is CMDT / ВКРЭ, WTSA is
# AMNT / ВАСЭ, RA is AR / АР, WRC is CMR / ВКР, PP is ПК.
_ABBREVIATIONS = {
    **_CODES,
    "cmdt": "WTDC",
    "вкрэ": "WTDC",
    "amnt": "WTSA",
    "васэ": "WTSA",
    "ar": "RA",
    "ар": "RA",
    "cmr": "WRC",
    "вкр": "WRC",
    "пк": "PP",
}


@dataclass(frozen=True)
class Citation:
    """A reference and where it stands in the text (for inline ``ref`` elements)."""

    start: int
    end: int
    references: tuple[Reference, ...]


def body_code(name: str | None, own_assembly: str | None) -> str | None:
    """The body a phrase names at its start (``the Plenipotentiary Conference, on …``)."""
    if not name:
        return None
    text = fold(name.strip())
    this = _THIS.match(text)
    if this:
        what = this.group("what")
        if what.startswith(("assembl", "ассамбле", "asamblea")):
            return own_assembly or "WTSA"
        return own_assembly
    text = re.sub(r"^(?:the |itu |la |l'|el |los )+", "", text)
    first = re.split(r"[\s,;.)]", text, maxsplit=1)[0]
    first = re.sub(r"-\d{2}$", "", first)  # WTDC-22
    if first in _ABBREVIATIONS:
        return _ABBREVIATIONS[first]
    if text.startswith(("council", "conseil", "consejo")):
        return "Council"
    for genitive, code in _GENITIVES.items():
        if text.startswith(genitive):
            return code
    found = assembly_code(text[:90])
    if found is None or found == "Council":
        return None
    # the name must open the phrase, not stand somewhere inside it
    for word in (
        "plenipotentiary",
        "world",
        "radiocommunication",
        "conférence",
        "assemblée",
        "conferencia",
        "asamblea",
        "regional",
    ):
        if text.startswith(word):
            return found
    return None


def _revision(inside: str | None) -> tuple[str | None, str | None]:
    """(revision label, body implied) of what stands in the parentheses."""
    if not inside:
        return None, None
    inside = inside.replace("[", "").replace("]", "").strip()
    wrc = _WRC.match(inside)
    if wrc:
        rev = "Rev. " if inside.lower().startswith(("rev", "rév", "пересм")) else ""
        return rev + wrc.group(1), "WRC"
    revised = bool(_REVISED.match(inside))
    place = place_year(_REVISED.sub("", inside)) or inside
    return (f"Rev. {place}" if revised else place), None


def _prefix_code(prefix: str | None) -> str | None:
    if not prefix:
        return None
    if "Council" in prefix:
        return "Council"
    if prefix.startswith("Plenipotentiary"):
        return "PP"
    return _CODES.get(prefix.lower())


def citations(text: str, own_assembly: str | None = None) -> Iterator[Citation]:
    """Every citation of ``text`` in order (Latin and Cyrillic ones, then Arabic and Chinese
    ones from :mod:`references_script`), none overlapping another."""
    found = sorted(
        [*_latin_citations(text, own_assembly), *_script(text, own_assembly)],
        key=lambda c: c.start,
    )
    kept: list[Citation] = []
    for citation in found:
        last = kept[-1] if kept else None
        if last is not None and citation.start < last.end:
            if citation.start <= last.start:
                continue
            # "… of the Plenipotentiary Conference and Resolution 8": the body's phrase ends
            # where the next citation starts
            cut = last.start + len(text[last.start : citation.start].rstrip())
            kept[-1] = Citation(last.start, cut, last.references)
        kept.append(citation)
    yield from kept


def _script(text: str, own_assembly: str | None) -> Iterator[Citation]:
    for start, end, refs in script_citations(text, own_assembly):
        yield Citation(start, end, refs)


def _latin_citations(text: str, own_assembly: str | None = None) -> Iterator[Citation]:
    for match in PATTERN.finditer(text):
        end = match.end()
        after = text[end:]
        of = _OF.match(after) or (_RU_OF.match(after) if match.group("word")[0] in "РР" else None)
        body = _prefix_code(match.group("prefix"))
        if body is None and of is not None:
            body = body_code(of.group("body"), own_assembly)
            if body is not None:
                end += of.end()
        if match.group("series"):
            body = {"R": "RA", "T": "WTSA", "D": "WTDC"}[match.group("series").strip()[-1]]
        kind = (
            "decision"
            if fold(match.group("word")).startswith(("dec", "déc", "реш"))
            else ("resolution")
        )
        entries = []
        for m in ENTRY.finditer(match.group("entries")):
            revision, implied = _revision(m.group("inside"))
            entries.append((int(m.group(1)), m.group(2), revision, implied))
        refs: list[Reference] = []
        for k, (number, edition, revision, implied) in enumerate(entries):
            if revision is None:  # "Resolutions 44 and 54 (Rev. …)": the revision is shared
                revision = next((r for _, _, r, _ in entries[k + 1 :] if r is not None), None)
            refs.append(
                Reference(
                    body or implied, number, revision, kind, int(edition) if edition else None
                )
            )
        yield Citation(match.start(), end, tuple(refs))


def find(texts: Iterable[str], own_assembly: str | None = None) -> list[Reference]:
    """Every distinct reference in ``texts``, in the order first cited."""
    seen: dict[Reference, None] = {}
    for text in texts:
        for citation in citations(text, own_assembly):
            for ref in citation.references:
                seen.setdefault(ref, None)
    return list(seen)
