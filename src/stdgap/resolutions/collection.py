"""Collections: an outcomes report quoting many resolutions.

The status table (``Status / Number / Title`` flattened one cell a line; a row may be split
by a blank line between its number and its title), the summary lists (``Eight new Resolutions
(Resolutions 101 to 108)``) and one extract per ``RESOLUTION N`` heading in the annex.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from stdgap.resolutions.cleanup import Cleaned, squash
from stdgap.resolutions.document import parse_resolution
from stdgap.resolutions.lines import Line
from stdgap.resolutions.parsed import Collection, StatusRow
from stdgap.resolutions.vocab import ENGLISH, Language

_STATUS = re.compile(
    r"^(New|Rev\.?|Revised|NOC|Unchanged|Sup\.?|Suppressed|Mod\.?|Modified|Abrogated)$", re.I
)
_LIST = re.compile(
    r"^[·•\-]?\s*(\w+)\s+(new|revised|suppressed|unchanged|modified)\s+Resolutions?\s*"
    r"\((.*)\)\s*$",
    re.I,
)
_LIST_STATUS = {"new": "New", "revised": "Rev", "suppressed": "Sup", "unchanged": "NOC"}
_PLACE_YEAR = re.compile(r"\((?:Rev\.\s*)?([A-Z][A-Za-z .'-]+, \d{4})\)")
_BODIES = ("WTSA", "WTDC", "PP", "WRC", "RA")


def is_collection(lines: Sequence[Line]) -> bool:
    headings = sum(1 for line in lines if line.kind == "heading")
    return headings >= 2 or _table_start(lines) is not None


def _table_start(lines: Sequence[Line]) -> int | None:
    texts = [(i, line.text) for i, line in enumerate(lines) if line.kind != "blank"]
    for k in range(len(texts) - 2):
        if [t for _, t in texts[k : k + 3]] == ["Status", "Number", "Title"]:
            return texts[k + 2][0] + 1
    return None


def _row_starts(cells: Sequence[str], k: int) -> bool:
    return bool(_STATUS.match(cells[k])) and k + 1 < len(cells) and cells[k + 1].isdigit()


def status_table(lines: Sequence[Line], raws: Sequence[str]) -> list[StatusRow]:
    start = _table_start(lines)
    if start is None:
        return []
    cells: list[str] = []
    for line in lines[start:]:
        if line.kind in ("annex", "heading"):
            break
        cell = squash(raws[line.index])
        if cell:
            cells.append(cell)
    rows: list[StatusRow] = []
    k = 0
    while k < len(cells):
        if not _row_starts(cells, k):
            k += 1
            continue
        status, number, end = cells[k], int(cells[k + 1]), k + 2
        while end < len(cells) and not _row_starts(cells, end):
            end += 1
        rows.append(StatusRow(status, number, " ".join(cells[k + 2 : end])))
        k = end
    return rows


def _numbers(text: str) -> list[int]:
    found: list[int] = []
    for low, high in re.findall(r"(\d+)(?:\s*(?:to|-|–)\s*(\d+))?", text):
        if high and int(high) >= int(low) and int(high) - int(low) < 500:
            found.extend(range(int(low), int(high) + 1))
        else:
            found.append(int(low))
    return found


def summary_lists(raws: Sequence[str]) -> list[dict[str, object]]:
    lists: list[dict[str, object]] = []
    for raw in raws:
        match = _LIST.match(squash(raw))
        if match:
            status = _LIST_STATUS.get(match.group(2).lower(), match.group(2))
            lists.append({"status": status, "numbers": _numbers(match.group(3))})
    return lists


def parse_collection(
    cleaned: Cleaned, lines: Sequence[Line], raws: Sequence[str], lang: Language = ENGLISH
) -> Collection:
    headings = [i for i, line in enumerate(lines) if line.kind == "heading"]
    front = " ".join(raws[: headings[0]] if headings else raws)
    places = Counter(_PLACE_YEAR.findall(front))
    bodies = Counter(w for w in re.findall(r"\b[A-Z]{2,4}\b", front) if w in _BODIES)
    collection = Collection(
        status_table=status_table(lines, raws),
        lists=summary_lists(raws[: headings[0]] if headings else raws),
        assembly=bodies.most_common(1)[0][0] if bodies else None,
        place_year=places.most_common(1)[0][0] if places else None,
    )
    for n, start in enumerate(headings):
        end = headings[n + 1] if n + 1 < len(headings) else len(lines)
        notes = [(at, note) for at, note in cleaned.footnotes if start <= at < end]
        extract = parse_resolution(lines[start:end], raws, notes, partial=True, lang=lang)
        collection.extracts.append(extract)
    return collection
