"""One resolution: heading, title, history, enacting formula, sections, annexes, references."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from stdgap.resolutions import references
from stdgap.resolutions.annex import parse_annexes
from stdgap.resolutions.lines import Line
from stdgap.resolutions.nesting import Nester
from stdgap.resolutions.parsed import Footnote, Item, Resolution
from stdgap.resolutions.places import place_year

ASSEMBLIES = {
    "World Telecommunication Standardization Assembly": "WTSA",
    "World Telecommunication Development Conference": "WTDC",
    "Plenipotentiary Conference": "PP",
    "Radiocommunication Assembly": "RA",
    "World Radiocommunication Conference": "WRC",
}
ASSEMBLY_NAMES = {code: name for name, code in ASSEMBLIES.items()}
_HEADING_REST = re.compile(r"^\((Rev\.\s*)?([^()]*)\)")


def assembly_code(name: str) -> str | None:
    for full, code in ASSEMBLIES.items():
        if full.lower() in name.lower():
            return code
    return None


def _heading(resolution: Resolution, line: Line) -> None:
    resolution.number = int(line.num) if line.num else None
    match = _HEADING_REST.match(line.text)
    if match:
        resolution.revised = bool(match.group(1))
        resolution.place_year = place_year(match.group(2))


def _front(resolution: Resolution, lines: Sequence[Line]) -> int:
    """Read heading, title, history and formula; the index where sections begin."""
    start = next((i for i, line in enumerate(lines) if line.kind == "heading"), None)
    if start is None:
        return 0
    _heading(resolution, lines[start])
    title: list[str] = []
    position = start + 1
    while position < len(lines):
        line = lines[position]
        if line.kind == "parens":
            resolution.history = [place_year(p) for p in line.text.split(";") if p.strip()]
        elif line.kind == "formula":
            resolution.assembly = assembly_code(line.text)
            resolution.place_year = resolution.place_year or place_year(line.num or "")
            position += 1
            break
        elif line.kind in ("verb", "heading", "annex", "numbered", "item"):
            break
        elif line.kind != "blank" and not resolution.history:
            title.append(line.text)
        position += 1
    resolution.title = " ".join(title) or None
    return position


def item_texts(items: Sequence[Item]) -> Iterator[str]:
    for item in items:
        yield item.text
        yield from item_texts(item.items)


def all_texts(resolution: Resolution) -> Iterator[str]:
    """Every text of a resolution in document order (for references, search, hashing)."""
    for preamble in resolution.preamble:
        yield from item_texts(preamble.items)
    for operative in resolution.operative:
        yield from item_texts(operative.clauses)
    for annex in resolution.annexes:
        yield annex.title
        stack = list(reversed(annex.parts))
        while stack:
            part = stack.pop()
            yield part.title
            yield from item_texts(part.items)
            stack.extend(reversed(part.parts))


def parse_resolution(
    lines: Sequence[Line],
    raws: Sequence[str],
    footnotes: Sequence[tuple[int, Footnote]] = (),
    partial: bool = False,
) -> Resolution:
    resolution = Resolution(partial=partial)
    start = _front(resolution, lines)
    annex_at = next((i for i in range(start, len(lines)) if lines[i].kind == "annex"), len(lines))
    nester = Nester()
    nester.run(lines[start:annex_at])
    resolution.preamble, resolution.operative = nester.preamble, nester.operative
    resolution.annexes = parse_annexes(lines[annex_at:], raws)
    resolution.footnotes = [note for _, note in footnotes]
    resolution.references = references.find(all_texts(resolution), resolution.assembly)
    return resolution
