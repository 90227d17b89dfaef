"""What an import reads: a table of a known kind with a label for error messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stdgap.ingest.kinds import kind_from_word
from stdgap.tabular.files import Row, Table, Values, open_table


@dataclass(frozen=True)
class Source:
    """A table to import: its kind, a label for error messages, and how to open it."""

    label: str
    kind: str
    opener: Callable[[], Table]

    @classmethod
    def from_path(cls, path: Path, kind: str) -> Source:
        return cls(label=str(path), kind=kind, opener=lambda: open_table(path))

    @classmethod
    def from_rows(cls, label: str, kind: str, header: list[str], rows: Iterable[Row]) -> Source:
        """Rows made in memory (the demo generator); line numbers count as in a file."""

        def cells() -> Iterator[tuple[int, Values]]:
            for line, row in enumerate(rows, start=2):
                yield line, [row.get(name, "") for name in header]

        return cls(label, kind, lambda: Table(header, cells()))

    def open(self) -> Table:
        return self.opener()


def guess_kind(path: Path) -> str | None:
    """The kind named by the file's stem (``2024-attendance.xlsx`` → attendance), if exactly one."""
    words = [word for word in re.split(r"[^a-z]+", path.stem.lower()) if word]
    kinds = {kind for kind in (kind_from_word(word) for word in words) if kind}
    return kinds.pop() if len(kinds) == 1 else None
