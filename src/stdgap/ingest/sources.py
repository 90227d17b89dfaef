"""What an import reads: tables of a known kind, each with a label for error messages.

A CSV file is one table. A workbook is one table per sheet holding data: a workbook of one
such sheet takes its kind from what the caller says, else from the sheet's name, else from the
file's name; in a workbook of several, every sheet holding data is named after its kind
(``members``, ``attendance``, ``2024 attendance`` …), and a sheet that is not refuses the
workbook: no row is left out silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from stdgap.ingest.kinds import KINDS, kind_from_word
from stdgap.tabular.errors import InputError
from stdgap.tabular.files import Row, Table, Values, check_file, open_table
from stdgap.tabular.xlsx import Sheet, open_sheet, read_workbook


@dataclass(frozen=True)
class Source:
    """A table to import: its kind, a label for error messages, and how to open it."""

    label: str
    kind: str
    opener: Callable[[], Table]
    #: The CSV file the table is, when it is one (it may then be read a column at a time).
    csv_path: Path | None = None

    @classmethod
    def from_path(cls, path: Path, kind: str) -> Source:
        csv_path = path if path.suffix.lower() == ".csv" else None
        return cls(label=str(path), kind=kind, opener=lambda: open_table(path), csv_path=csv_path)

    @classmethod
    def from_rows(cls, label: str, kind: str, header: list[str], rows: Iterable[Row]) -> Source:
        """Rows made in memory (the demo generator); line numbers count as in a file."""

        def cells() -> Iterator[tuple[int, Values]]:
            for line, row in enumerate(rows, start=2):
                yield line, [row.get(name, "") for name in header]

        return cls(label, kind, lambda: Table(header, cells(), label))

    def open(self) -> Table:
        return self.opener()


class KindUnknown(InputError):
    """Nothing says what a table holds (the caller, its sheet's name, its file's name)."""

    def __init__(self, label: str) -> None:
        self.label = label
        super().__init__(f"{label}: cannot tell what the file holds ({', '.join(KINDS)})")


def _kind_of_words(text: str) -> str | None:
    words = [word for word in re.split(r"[^a-z]+", text.lower()) if word]
    kinds = {kind for kind in (kind_from_word(word) for word in words) if kind}
    return kinds.pop() if len(kinds) == 1 else None


def guess_kind(path: Path) -> str | None:
    """The kind named by the file's stem (``2024-attendance.xlsx`` → attendance), if exactly one."""
    return _kind_of_words(path.stem)


def sheet_kind(name: str) -> str | None:
    """The kind named by a sheet's name (``Attendance``, ``2024 attendance``), if exactly one."""
    return _kind_of_words(name)


def _names(sheets: list[Sheet]) -> str:
    return ", ".join(f"'{sheet.name}'" for sheet in sheets)


def workbook_kinds(
    label: str, sheets: list[Sheet], kind: str | None, default: str | None
) -> list[tuple[Sheet, str]]:
    """Each sheet holding data with its kind (see the module's rules)."""
    filled = [sheet for sheet in sheets if sheet.path is not None]
    if not filled:
        raise InputError(f"{label}: the workbook has no sheet with data (a header row is required)")
    if len(filled) == 1:
        only = filled[0]
        found = kind or sheet_kind(only.name) or guess_kind(Path(label)) or default
        if found is None:
            raise KindUnknown(label)
        return [(only, found)]
    if kind is not None:
        raise InputError(
            f"{label}: {len(filled)} sheets hold data ({_names(filled)}) and a kind is given for "
            "the whole file: leave it out, and name each sheet after its kind"
        )
    unknown = [sheet for sheet in filled if sheet_kind(sheet.name) is None]
    if unknown:
        raise InputError(
            f"{label}: the sheet(s) {_names(unknown)} hold data but their names are not kinds of "
            f"table ({', '.join(KINDS)}): name each sheet after its kind, or remove it; no row "
            "is left out silently"
        )
    return [(sheet, sheet_kind(sheet.name) or "") for sheet in filled]


def file_sources(
    path: Path,
    folder: Path,
    label: str | None = None,
    kind: str | None = None,
    default: str | None = None,
) -> list[Source]:
    """The tables of the file at ``path`` (named ``label`` in errors): ``kind`` is what the
    caller says the file holds, ``default`` what a file holds when nothing else says. A
    workbook is checked and unpacked now, into ``folder`` (which the caller removes)."""
    label = label or str(path)
    if check_file(path, label) == ".csv":
        found = kind or guess_kind(Path(label)) or default
        if found is None:
            raise KindUnknown(label)
        return [Source(label, found, partial(open_table, path, label), csv_path=path)]
    sheets = read_workbook(path, folder, label)
    return [
        Source(sheet.label, found, partial(open_sheet, sheet))
        for sheet, found in workbook_kinds(label, sheets, kind, default)
    ]
