"""A table read from a user's file: a normalised header, numbered rows of cells, and the cells
its reader could not read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from stdgap.tabular.errors import InputError, RowError

Row = dict[str, str]
Values = list[str]

_SEPARATORS = re.compile(r"[\s_\-]+")


def header_name(text: str) -> str:
    """A header cell as the name of a column: ``" Meeting ID"``, ``"meeting-id"`` and
    ``"\\ufeffMEETING_ID"`` are all ``meeting_id`` (case, spaces, hyphens, underscores,
    surrounding white space and byte-order marks aside)."""
    return _SEPARATORS.sub("_", text.replace("\ufeff", "").strip().lower()).strip("_")


def header_of(cells: list[str], label: str, line: int = 1) -> list[str]:
    header = [header_name(cell) for cell in cells]
    if not any(header):
        raise InputError(f"{label}:{line}: the header row is empty")
    return header


@dataclass
class Table:
    """A file's normalised header and its rows as (line number, cells in header order).

    Cells are untrimmed strings, blank where empty. ``problems`` gathers, while the rows are
    read, the errors of cells the reader could not read (a byte that is not UTF-8, a cell past
    the CSV limit); ``unreadable`` holds those cells as (row line, column index), so that they
    are not checked again as values.
    """

    header: list[str]
    rows: Iterator[tuple[int, Values]]
    label: str = ""
    header_line: int = 1
    problems: list[RowError] = field(default_factory=list)
    unreadable: set[tuple[int, int]] = field(default_factory=set)

    def take_problems(self) -> list[RowError]:
        """The problems found since the last call."""
        found, self.problems = self.problems, []
        return found

    def column_name(self, index: int) -> str:
        if index < len(self.header) and self.header[index]:
            return self.header[index]
        return f"(column {index + 1})"
