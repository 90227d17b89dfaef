"""``.docx`` to the plain text the parser reads: one line per paragraph, in body order.

Table rows become one line per cell, indented by a tab, as the assembly's exported text has them.
Numbers that Word generates (automatic list numbering, ``w:numPr`` on a paragraph or its style)
are not in the paragraph text: they are computed here from ``numbering.xml`` (the abstract
numbering's levels: ``start``, ``numFmt``, ``lvlText`` such as ``%1.`` or ``%1.%2``, restarts of
deeper levels; as Word does, the lists of one abstract numbering share their counters and a
list whose ``lvlOverride`` has a ``startOverride`` restarts that level where it first appears)
and written before the text with a tab, as typed numbers are. The parser reads the depth back
from the labels (``1`` / ``a)`` / ``i)``, ``1`` / ``1.1`` / ``A)``, ``1)`` / ``(a)`` / ``(i)``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Levels of each ``numId`` and the running counters, in document order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # by abstract numbering
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    restarts: dict[str, set[int]] = field(default_factory=dict)  # numId → levels it restarts
    seen: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in node.findall(qn("w:lvl"))
            }
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            levels = {
                k: _Level(v.start, v.fmt, v.text)
                for k, v in abstract.get(ref.get(qn("w:val")), {}).items()
            }
            num_id = num.get(qn("w:numId"))
            numbering.abstract_of[num_id] = "a" + ref.get(qn("w:val"))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl].start = int(start.get(qn("w:val"), "1"))
                    numbering.restarts.setdefault(num_id, set()).add(ilvl)
            numbering.levels[num_id] = levels
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The number Word would print for the next paragraph of list ``num_id`` at ``ilvl``."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "•"
        if level.fmt == "none":
            return None
        # Word counts per abstract numbering: lists sharing one continue each other, and a list
        # whose lvlOverride has a startOverride restarts that level where it first appears
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), {})
        if (num_id, ilvl) not in self.seen and ilvl in self.restarts.get(num_id, set()):
            counters.pop(ilvl, None)
        self.seen.add((num_id, ilvl))
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for k in range(ilvl + 1):
            value = counters.get(k, levels.get(k, _Level()).start)
            fmt = levels.get(k, _Level()).fmt
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text.strip() or None


def _level(node: Any) -> _Level:
    def val(tag: str) -> str | None:
        child = node.find(qn(tag))
        return None if child is None else child.get(qn("w:val"))

    return _Level(int(val("w:start") or 1), val("w:numFmt") or "decimal", val("w:lvlText") or "")


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph, from its own properties or its style's."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is None:
            continue
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        value = None if num_id is None else num_id.get(qn("w:val"))
        if value is None or value == "0":
            return None
        return value, int(ilvl.get(qn("w:val"), "0") if ilvl is not None else 0)
    return None


_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")


@dataclass
class Notes:
    """Word's footnotes (``footnotes.xml``) by id, and the numbers Word prints for them: in the
    order their references appear."""

    texts: dict[str, str] = field(default_factory=dict)
    printed: int = 0

    @classmethod
    def of(cls, document: Any) -> Notes:
        notes = cls()
        for rel in document.part.rels.values():
            if rel.is_external or not rel.reltype.endswith("/footnotes"):
                continue
            root = etree.fromstring(rel.target_part.blob)
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) in (
                    "separator",
                    "continuationSeparator",
                    "continuationNotice",
                ):
                    continue
                paragraphs = [
                    "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in note.iter(qn("w:p"))
                ]
                notes.texts[note.get(qn("w:id"), "")] = " ".join(x.strip() for x in paragraphs)
        return notes

    def marker(self, note_id: str) -> str:
        """``[footnoteRef:N]`` and the body ``[N: text]``, as the clean-up pass reads them."""
        self.printed += 1
        n = self.printed
        return f"[footnoteRef:{n}][{n}: {self.texts.get(note_id, '').strip()}]"


def _text(paragraph: Paragraph, notes: Notes | None) -> str:
    """A paragraph's text with its footnote references written in."""
    if notes is None or not paragraph._p.xpath(".//w:footnoteReference"):
        return paragraph.text
    out: list[str] = []
    for node in paragraph._p.iter(qn("w:r")):
        ref = node.find(qn("w:footnoteReference"))
        if ref is not None:
            out.append(notes.marker(ref.get(qn("w:id"), "")))
        else:
            out.append(_run_text(node))
    return "".join(out)


_RUN_TEXT = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-", "softHyphen": ""}


def _run_text(run: Any) -> str:
    out: list[str] = []
    for child in run:
        tag = etree.QName(child).localname
        if tag == "t":
            out.append(child.text or "")
        elif tag in _RUN_TEXT:
            out.append(_RUN_TEXT[tag])
    return "".join(out)


def _paragraph_line(paragraph: Paragraph, numbering: Numbering, notes: Notes | None = None) -> str:
    text = _text(paragraph, notes)
    found = _num_pr(paragraph)
    if found is None or not text.strip():
        return text
    label = numbering.label(*found)
    if not label:
        return text
    if label.endswith(".") and label[:-1].isalpha():
        label = label[:-1] + ")"  # "a." typed by the assembly as "a)"
    elif label.endswith(".") and label[:-1].isdigit():
        label = label[:-1]  # "1." as "1"
    return f"{label}\t{text}"


def _blocks(document: object) -> Iterator[Paragraph | Table]:
    iter_inner = getattr(document, "iter_inner_content", None)
    if iter_inner is None:
        yield from getattr(document, "paragraphs", [])
        return
    yield from iter_inner()


def _table_lines(table: Table, numbering: Numbering, notes: Notes) -> Iterator[str]:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                yield "\t" + _paragraph_line(paragraph, numbering, notes)
        yield ""


def docx_text(path: Path) -> str:
    document = Document(str(path))
    numbering = Numbering.of(document)
    notes = Notes.of(document)
    lines: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Table):
            lines.extend(_table_lines(block, numbering, notes))
        else:
            lines.append(_paragraph_line(block, numbering, notes))
    return "\n".join(lines)
