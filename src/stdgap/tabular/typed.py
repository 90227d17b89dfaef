"""Reading programme files (CSV/XLSX) into typed rows with ``FILE:LINE: column: message`` errors.

Files are read with :func:`stdgap.tabular.files.open_table` and cells are
checked with its column types; callers add their own checks (unknown call, duplicate) to the
same error list and write nothing when it is not empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdgap.tabular.columns import Column
from stdgap.tabular.errors import RowError
from stdgap.tabular.files import open_table


@dataclass
class TypedRows:
    label: str
    rows: list[tuple[int, dict[str, Any]]]
    errors: list[RowError] = field(default_factory=list)

    def error(self, line: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.label, line, column, message))


def read_typed(path: Path, columns: Mapping[str, Column]) -> TypedRows:
    """Rows of ``path`` typed by ``columns`` (blank cells left out); unknown columns ignored."""
    table = open_table(path)
    result = TypedRows(table.label or str(path), [])
    index = {name: position for position, name in enumerate(table.header) if name in columns}
    missing = [name for name, column in columns.items() if column.required and name not in index]
    for name in missing:
        result.error(
            table.header_line, name, f"required column '{name}' is missing from the header"
        )
    for line, cells in table.rows:
        if missing:
            continue
        values: dict[str, Any] = {}
        for name, position in index.items():
            if (line, position) in table.unreadable:
                continue
            text = cells[position].strip() if position < len(cells) else ""
            column = columns[name]
            if not text:
                if column.required:
                    result.error(line, name, "a value is required")
                continue
            value, message = column.check(text)
            if message is not None:
                result.error(line, name, message)
            else:
                values[name] = value
        result.rows.append((line, values))
    result.errors.extend(table.take_problems())
    return result


def split_list(text: str | None) -> list[str]:
    """'SG5; SG17' → ['SG5', 'SG17'] (separators ';' or ',', blanks dropped, order kept)."""
    if not text:
        return []
    seen: dict[str, None] = {}
    for part in text.replace(",", ";").split(";"):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)
