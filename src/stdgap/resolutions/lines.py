"""Line classification: each cleaned line becomes a typed :class:`Line`.

Kinds: ``blank``, ``heading`` (``RESOLUTION 44 (Rev. Geneva, 2022)``), ``formula`` (``The World
… Assembly (Geneva, 2022),``), ``parens`` (``(Johannesburg, 2008; …)``), ``verb``, ``numbered``
(``7<tab>to …``), ``item`` (``a)``, ``vii)``), ``bullet``, ``annex`` and ``text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdgap.resolutions.cleanup import squash
from stdgap.resolutions.headings import Formula, Heading, parse_formula, parse_heading
from stdgap.resolutions.verbs import split_verb
from stdgap.resolutions.vocab import ENGLISH, Language

_PARENS = re.compile(
    r"^[(（]([^()（）]*(?:\d{4}|(?:WRC|CMR|ВКР|RRC|WARC)-\d{2})[^()（）]*)[)）]$", re.I
)
_NUMBERED = re.compile(r"^\(?(\d{1,3})(?:\.|\))?(?:[ \t]+)(\S.*)$")
_ITEM = re.compile(r"^\(?([a-z]{1,6}|[A-Z]|[а-яё]|[\u0621-\u064a])[ ]?[)）][ \t]*(.*)$")
_DOTTED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?[ \t]+(\S.*)$")  # "1.2" of Word's "%1.%2"
_BULLET = re.compile(r"^[•·▪◦‣∙–]\s*(.*)$")
_ANNEX = re.compile(
    r"^(ANNEX|Annex|ANNEXE|Annexe|ANEXO|Anexo|ПРИЛОЖЕНИЕ|Приложение|الملحق|附件)"
    r"(?:\s+[A-Z0-9]{1,3})?\d{0,2}$"
)
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def is_roman(token: str) -> bool:
    return bool(token) and bool(_ROMAN.match(token))


@dataclass(frozen=True)
class Line:
    kind: str
    text: str
    num: str | None = None
    index: int = 0
    heading: Heading | None = None
    formula: Formula | None = None
    raw: str = ""  # a verb line's text as written (its punctuation included)


def classify(raw: str, index: int = 0, lang: Language = ENGLISH) -> Line:
    text = squash(raw)
    if not text:
        return Line("blank", "", index=index)
    heading = parse_heading(text, lang)
    if heading is not None:
        return Line("heading", heading.rest, str(heading.number), index, heading=heading)
    formula = parse_formula(text, lang)
    if formula is not None:
        return Line("formula", text, formula.place_year, index, formula=formula)
    match = _PARENS.match(text)
    if match:
        return Line("parens", match.group(1), None, index)
    if _ANNEX.match(text):
        return Line("annex", text, None, index)
    stripped = raw.strip()
    match = _NUMBERED.match(stripped)
    if match:
        return Line("numbered", squash(match.group(2)), match.group(1), index)
    match = _DOTTED.match(stripped)
    if match:
        return Line("item", squash(match.group(2)), match.group(1), index)
    match = _ITEM.match(stripped)
    if match and (len(match.group(1)) == 1 or is_roman(match.group(1))):
        return Line("item", squash(match.group(2)), match.group(1), index)
    match = _BULLET.match(text)
    if match:
        return Line("bullet", squash(match.group(1)), None, index)
    verb = split_verb(text, lang)
    if verb:
        return Line("verb", verb[1], verb[0], index, raw=text)
    return Line("text", text, None, index)


_OPEN_KINDS = ("item", "numbered", "text", "bullet")
_ENDS = (".", ";", ":", ",", "。", "；", "：", "，", "؛", "،")


def classify_all(text: str, lang: Language = ENGLISH) -> list[Line]:
    raws = text.split("\n")
    lines = [classify(raw, index, lang) for index, raw in enumerate(raws)]
    return [_heading_in_sentence(lines, k, squash(raws[k])) for k in range(len(lines))]


def _heading_in_sentence(lines: list[Line], k: int, text: str) -> Line:
    """A mixed-case ``Resolution 123 (Rev. Bucharest, 2022)`` that a narrow page put on a line
    of its own inside a sentence (the line before is open, or the next goes on in lower case)
    is text, not a heading."""
    line = lines[k]
    if line.kind != "heading" or text.isupper() or not text[:1].isupper():
        return line
    before = next((x for x in reversed(lines[:k]) if x.kind != "blank"), None)
    after = next((x for x in lines[k + 1 :] if x.kind != "blank"), None)
    opened = before is not None and before.kind in _OPEN_KINDS and not before.text.endswith(_ENDS)
    goes_on = after is not None and after.text[:1].islower()
    if not (opened or goes_on):
        return line
    return Line("text", text, None, line.index)
