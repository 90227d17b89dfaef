"""One resolution: heading, title, history, enacting formula, sections, annexes, references."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from stdgap.resolutions import references
from stdgap.resolutions.annex import parse_annexes
from stdgap.resolutions.headings import Formula, parse_formula, strip_revision
from stdgap.resolutions.headings import assembly_code as _any_assembly_code
from stdgap.resolutions.headings import place_year as heading_place
from stdgap.resolutions.lines import Line
from stdgap.resolutions.nesting import Nester
from stdgap.resolutions.parsed import Footnote, Item, Resolution
from stdgap.resolutions.vocab import ENGLISH, Language

ASSEMBLIES = {
    "World Telecommunication Standardization Assembly": "WTSA",
    "World Telecommunication Development Conference": "WTDC",
    "Plenipotentiary Conference": "PP",
    "Radiocommunication Assembly": "RA",
    "World Radiocommunication Conference": "WRC",
}
ASSEMBLY_NAMES = {code: name for name, code in ASSEMBLIES.items()}
ASSEMBLY_NAMES["Council"] = "Council"
_YEARS_ONLY = re.compile(r"^\d{4}(?:\s*[-–]\s*\d{4})+$")


def assembly_code(name: str) -> str | None:
    return _any_assembly_code(name)


def _heading(resolution: Resolution, line: Line) -> None:
    heading = line.heading
    resolution.number = int(line.num) if line.num else None
    if heading is None:
        return
    resolution.kind = heading.kind
    resolution.designation = heading.designation
    resolution.revised = heading.revised
    resolution.place_year = heading.place_year
    if "ITU-R" in heading.designation or "UIT-R" in heading.designation:
        resolution.assembly = "RA"
        resolution.revised = resolution.revised or "-" in heading.designation


def _history(text: str) -> list[str]:
    if _YEARS_ONLY.match(text.strip()):  # "1993-1995-2000" (Radiocommunication Assembly)
        return re.findall(r"\d{4}", text)
    return [p for p in (heading_place(x) for x in re.split(r"[;；؛]", text)) if p]


_FORMULA_OPENINGS = (
    "The ",
    "La ",
    "L'",
    "L’",
    "El ",
    "Le ",
    "Всемирная",
    "Полномочная",
    "Ассамблея",
    "إن ",
    "国际电",
    "世界",
    "全权代表大会",
    "无线电通信全会",
)


def _wrapped_formula(lines: Sequence[Line], position: int, lang: Language) -> Formula | None:
    """An enacting formula a narrow page broke over two or three lines."""
    texts: list[str] = []
    for line in lines[position : position + 3]:
        if line.kind == "blank":
            break
        texts.append(line.text)
        if len(texts) > 1:
            found = parse_formula(" ".join(texts), lang)
            if found is not None:
                return found
    return None


def _front(resolution: Resolution, lines: Sequence[Line], lang: Language = ENGLISH) -> int:
    """Read heading, title, history and formula; the index where sections begin."""
    start = next((i for i, line in enumerate(lines) if line.kind == "heading"), None)
    if start is None:
        return 0
    _heading(resolution, lines[start])
    title: list[str] = []
    position = start + 1
    while position < len(lines):
        line = lines[position]
        first = all(x.kind == "blank" for x in lines[start + 1 : position])
        if line.kind == "parens" and first and _heading_parens(resolution, line, lang):
            pass  # "RESOLUTION 17" / "(Rev. Hilltop, 2029)": the heading's own parentheses
        elif line.kind == "parens":
            resolution.history = _history(line.text)
        elif line.kind == "formula" and line.formula is not None:
            resolution.assembly = line.formula.assembly or resolution.assembly
            resolution.place_year = _better_place(resolution.place_year, line.formula.place_year)
            position += 1
            break
        elif line.kind in ("verb", "heading", "annex", "numbered", "item"):
            break
        elif (
            line.kind == "text"
            and line.text.startswith(_FORMULA_OPENINGS)
            and (wrapped := _wrapped_formula(lines, position, lang))
        ):
            resolution.assembly = wrapped.assembly or resolution.assembly
            resolution.place_year = _better_place(resolution.place_year, wrapped.place_year)
            position += 1
            while position < len(lines) and lines[position].kind not in ("verb", "blank"):
                position += 1
            break
        elif line.kind != "blank" and (not resolution.history or not title):
            title.append(line.text)
        position += 1
    resolution.title = " ".join(title) or None
    if resolution.place_year is None and resolution.history and resolution.history[-1].isdigit():
        resolution.place_year = resolution.history[-1]  # RA: "(2019-2023-2027)", this is 2027
    return position


def _heading_parens(resolution: Resolution, line: Line, lang: Language) -> bool:
    """Read ``(Rev. Place, Year)`` on the line right after a heading without parentheses."""
    if (
        resolution.place_year is not None
        or any(mark in line.text for mark in ";；؛")
        or _YEARS_ONLY.match(line.text.strip())
    ):
        return False
    revised, rest = strip_revision(line.text, lang)
    resolution.revised = resolution.revised or revised
    resolution.place_year = heading_place(rest)
    return True


_CONFERENCE_LABEL = re.compile(r"^(?:WRC|CMR|ВКР|RRC|WARC)-\d{2}$")


def _better_place(heading: str | None, formula: str | None) -> str | None:
    """The heading's place and year, unless it only names the conference (``Rev.WRC-23``) and
    the enacting formula gives the place (``(Dubai, 2023)``)."""
    if heading is None or (formula and _CONFERENCE_LABEL.match(heading)):
        return formula or heading
    return heading


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
    lang: Language = ENGLISH,
) -> Resolution:
    resolution = Resolution(partial=partial, language=lang.code)
    start = _front(resolution, lines, lang)
    annex_at = next((i for i in range(start, len(lines)) if lines[i].kind == "annex"), len(lines))
    nester = Nester(lang)
    nester.run(lines[start:annex_at])
    resolution.warnings.extend(
        f"line {line.index + 1}: not placed: {line.text[:80]}" for line in nester.unplaced
    )
    resolution.preamble, resolution.operative = nester.preamble, nester.operative
    resolution.annexes = parse_annexes(lines[annex_at:], raws)
    resolution.footnotes = [note for _, note in footnotes]
    resolution.references = references.find(all_texts(resolution), resolution.assembly)
    return resolution
