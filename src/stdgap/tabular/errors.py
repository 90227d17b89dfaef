"""Row-level errors, reported as ``FILE:LINE: column: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class RowError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class ImportFailed(Exception):
    """Validation found bad rows; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(errors)
        #: The rows (lines of files, the header included) that have at least one error.
        self.rows = len({(error.file, error.line) for error in errors})
        super().__init__(f"{len(errors)} error(s) in {self.rows} row(s); nothing was written")


class InputError(Exception):
    """A file could not be read at all (missing, wrong format, no header, unknown kind)."""
