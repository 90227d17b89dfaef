"""Footnotes printed at the foot of a PDF page, with no separator line in the extracted text.

Word draws the separator above footnotes as a line, so text taken from a PDF shows the notes as
plain lines at the foot of the page: ``1 Including the remote villages …`` (then the page
furniture and the form feed). Such a block is taken as footnotes only when all of this holds,
so that clauses at the foot of a page stay clauses:

- the text has pages (form feeds): a text without them is not PDF text;
- the block is at the end of its page (a few lines each note at most);
- its notes are numbered in sequence, from the number after the last note found before;
- each note's number stands as a marker glued to a word earlier on the same page
  (``villages1``), as Word prints a footnote on the page of its marker;
- a note does not open in lower case, as clauses (``to …``, ``that …``, ``de …``) do;
- no separator line stands above it (notes under ``_____`` are endnotes, read later).
"""

from __future__ import annotations

import re

from stdgap.resolutions.parsed import Footnote

_NOTE = re.compile(r"^\s*(\d{1,2})[\t ]+(\S.*)$")
_MARKERS = re.compile(r"(?<=[^\W\d_])(\d{1,2}(?:,\s?\d{1,2})*)(?=[\s,;:.)»”]|$)")
_LINES_PER_NOTE = 4
_SEPARATOR = re.compile(r"^\s*(?:_{5,}|-{10,}|—{3,})\s*$")


def _markers(lines: list[str]) -> set[int]:
    found: set[int] = set()
    for line in lines:
        for match in _MARKERS.finditer(line):
            found.update(int(n) for n in re.findall(r"\d+", match.group(1)))
    return found


def _block(page: list[str], start: int, expected: int, markers: set[int]) -> list[Footnote]:
    """The notes of ``page[start:]`` when it is a valid block opening with note ``expected``."""
    notes: list[Footnote] = []
    for line in page[start:]:
        if not line.strip():
            continue
        match = _NOTE.match(line)
        number = int(match.group(1)) if match else None
        if match and number == expected + len(notes) and number in markers:
            text = match.group(2).strip()
            if text[:1].islower():
                return []
            notes.append(Footnote(str(number), text))
        elif notes:
            notes[-1].text = f"{notes[-1].text} {line.strip()}"
        else:
            return []
    filled = sum(1 for line in page[start:] if line.strip())
    return notes if notes and filled <= _LINES_PER_NOTE * len(notes) else []


def page_notes(pages: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, Footnote]]]:
    """``pages`` (furniture already removed) without the notes at their feet, and the notes
    with the number of the output line where each stood."""
    if len(pages) < 2:
        return pages, []
    out: list[list[str]] = []
    notes: list[tuple[int, Footnote]] = []
    line_no = 0
    last = 0
    for page in pages:
        filled = [k for k, line in enumerate(page) if line.strip()]
        found: list[Footnote] = []
        cut = len(page)
        for start in filled[-_LINES_PER_NOTE * 3 :]:
            above = next((page[k] for k in reversed(range(start)) if page[k].strip()), "")
            if _SEPARATOR.match(above):
                break  # endnotes under a separator line: extract_endnotes reads them
            markers = _markers(page[:start])
            expected = last + 1 if last else min(markers, default=1)
            found = _block(page, start, expected, markers)
            if found:
                cut = start
                break
        kept = page[:cut]
        for note in found:
            notes.append((line_no + len(kept), note))
            last = int(note.num or last)
        out.append(kept)
        line_no += len(kept)
    return out, notes
