"""Page furniture of PDF text removed before parsing, and words hyphenated at line ends rejoined.

Removed anywhere: running heads (``Res. 123``, ``Rés. 44``, ``Dec. 5``, ``Res. ITU-R 1-8``), page
numbers between dashes (``- 5 -``), ``Page 5 (of 12)``. Removed next to a page break (a form
feed) only: bare page numbers, and lines repeated at the head or foot of several pages (a
header or footer). Footnotes printed at the foot of a page are taken out (:mod:`pagenotes`).
Form feeds become line breaks, so an item split over two pages continues
on the next line, as if the page had never ended.
"""

from __future__ import annotations

import re
from collections import Counter

from stdgap.resolutions.pagenotes import page_notes
from stdgap.resolutions.parsed import Footnote

_ANYWHERE = re.compile(
    r"^\s*(?:"
    r"(?:\d{1,4}\s+)?(?:Res|Rés|Dec|Déc|Rec|Resol|Рез|Реш|Рек)\.\s*(?:(?:ITU|UIT|МСЭ)-[RTD]\s*)?"
    r"\d{1,4}(?:-\d{1,2})?(?:\s+\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]"
    r"|(?:Page|Página|Страница|الصفحة)\s+\d{1,4}(?:\s+(?:of|de|из|من)\s+\d{1,4})?"
    r"|第\s*\d{1,4}\s*页"
    r")\s*$",
    re.I,
)
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6}|\d{1,4}\s*/\s*\d{1,4})\s*$", re.I)
_HYPHEN_END = re.compile(r"([^\W\d_]{2})-$")
_LOWER_START = re.compile(r"^[a-zà-öø-ÿа-яё]")
_DIGITS = re.compile(r"\d+")
_ENTRY = re.compile(r"^(?:#|[a-z]{1,5}\)|[•·▪–-])[\t ]")  # a numbered clause, an item, a bullet
_EDGE = 3  # lines at the head and foot of a page where headers and footers stand


def _key(line: str) -> str:
    return _DIGITS.sub("#", line.strip())


def _repeated(pages: list[list[str]]) -> set[str]:
    """Lines (digits folded) standing at the head or foot of at least three pages, or of every
    page when there are two."""
    counts: Counter[str] = Counter()
    for page in pages:
        body = [line for line in page if line.strip()]
        edges = {_key(line) for line in body[:_EDGE] + body[-_EDGE:]}
        counts.update(edges)
    need = 3 if len(pages) > 3 else max(2, len(pages))
    return {
        key
        for key, n in counts.items()
        if n >= need and key and len(key) <= 120 and not _ENTRY.match(key)
    }


def _edges(page: list[str], depth: int) -> set[int]:
    filled = [k for k, line in enumerate(page) if line.strip()]
    return set(filled[:depth] + filled[-depth:])


_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?:RESOLUTION|R[ÉE]SOLUTION|RESOLUCI[ÓO]N|РЕЗОЛЮЦИЯ|DECISION|D[ÉE]CISION|DECISI[ÓO]N"
    r"|РЕШЕНИЕ|القرار|المقرر)\s+(?:(?:ITU|UIT|МСЭ)-[RTD]\s+)?(\d{1,4})(?:-\d{1,2})?(?!\d)"
    r"|(?:ITU-[RTD]\s*)?第\s*(\d{1,4})(?:-\d{1,2})?\s*号(?:决议|决定))",
    re.I,
)


def _heading_number(line: str) -> str | None:
    match = _HEADING_NUMBER.match(line)
    return (match.group(1) or match.group(2)) if match else None


def _first_heading(pages: list[list[str]]) -> tuple[str | None, str]:
    """The number and line of the document's first heading."""
    for line in (line for page in pages for line in page):
        number = _heading_number(line)
        if number is not None:
            return number, line.strip()
    return None, ""


def _running_heading(line: str, first: tuple[str | None, str]) -> bool:
    """The document's heading repeated at the head or foot of a later page (``RESOLUTION 77``,
    ``第9号决议``, the whole first heading line)."""
    number = _heading_number(line)
    if number is None or number != first[0]:
        return False
    return line.strip() == first[1] or len(line.strip()) <= 40


def strip_furniture(text: str) -> str:
    """The text without page furniture, pages joined by line breaks."""
    return strip_furniture_notes(text)[0]


def strip_furniture_notes(text: str) -> tuple[str, list[tuple[int, Footnote]]]:
    """The text without page furniture, pages joined by line breaks, and the footnotes found at
    the foot of its pages (:mod:`pagenotes`), with their line numbers."""
    pages = [page.split("\n") for page in text.split("\f")]
    several = len(pages) > 1
    repeated = _repeated(pages) if several else set()
    first = _first_heading(pages) if several else (None, "")
    heading_kept = False  # the first heading itself stays, wherever it stands
    kept_pages: list[list[str]] = []
    for n, page in enumerate(pages):
        out: list[str] = []
        kept_pages.append(out)
        if several and n < len(pages) - 1 and len(page) > 1 and page[-1] == "":
            page = page[:-1]  # "…\n\f": the line break belongs to the page break
        if several and n > 0 and len(page) > 1 and page[0] == "":
            page = page[1:]
        numbers = _edges(page, 2) if several else set()
        near = _edges(page, _EDGE) if several else set()
        for k, line in enumerate(page):
            if _ANYWHERE.match(line):
                continue
            if k in numbers and _PAGE_NUMBER.match(line):
                continue
            if k in near and line.strip() and _key(line) in repeated:
                continue
            if not heading_kept and first[0] is not None and line.strip() == first[1]:
                heading_kept = True
            elif k in near and _running_heading(line, first):
                continue
            out.append(line)
        if several and not any(line.strip() for line in out):
            out.clear()  # an empty page (two form feeds) leaves no blank line behind
    kept_pages, notes = page_notes(kept_pages)
    joined = "\n".join(line for page in kept_pages for line in page)
    return rejoin_headings(rejoin_hyphens(joined)), notes


_OPEN_HEADING = re.compile(
    r"^\s*(?:RESOLUTION|DECISION|RECOMMENDATION|R[ÉE]SOLUTION|D[ÉE]CISION|RESOLUCI[ÓO]N"
    r"|РЕЗОЛЮЦИЯ|РЕШЕНИЕ)\b[^()]*\([^()]*$"
)


def rejoin_headings(text: str) -> str:
    """A heading whose parentheses a narrow page broke (``RESOLUTION 7 (REV.`` / ``X, 2030)``)
    joined again (the next line takes the blank place)."""
    lines = text.split("\n")
    for k in range(len(lines) - 1):
        if _OPEN_HEADING.match(lines[k]) and ")" in lines[k + 1]:
            lines[k] = f"{lines[k].rstrip()} {lines[k + 1].strip()}"
            lines[k + 1] = ""
    return "\n".join(lines)


def rejoin_hyphens(text: str) -> str:
    """``develop-`` at a line end and ``ment`` on the next line become ``development`` (only
    when the next non-blank line starts in lower case)."""
    lines = text.split("\n")
    k = 0
    while k < len(lines) - 1:
        line = lines[k].rstrip()
        if _HYPHEN_END.search(line):
            nxt = k + 1
            while nxt < len(lines) and not lines[nxt].strip() and nxt - k <= 2:
                nxt += 1
            if nxt < len(lines) and _LOWER_START.match(lines[nxt].lstrip()):
                rest = lines[nxt].lstrip()
                word, _, tail = rest.partition(" ")
                lines[k] = line[:-1] + word
                lines[nxt] = tail
                for gap in range(k + 1, nxt):
                    lines[gap] = ""
        k += 1
    return "\n".join(lines)
