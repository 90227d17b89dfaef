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


def uneven_row(cells: int, width: int) -> str:
    """The message of a row of ``cells`` cells under a header of ``width``."""
    return f"{cells} cell{'' if cells == 1 else 's'} but the header has {width}"


OPEN_QUOTE_HINT = "(the value runs over several lines: is a quote left open?)"


def _one_line(error: RowError) -> RowError:
    """``error`` as one line: a value it names that runs over several lines (a quoted cell) is
    shown with ``\\n``; where the lines after the first hold commas, as the rows of a file do
    that a quote never closed has taken into one cell, with a hint."""
    message = error.message
    if "\n" not in message and "\r" not in message:
        return error
    later = "".join(message.splitlines()[1:])
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    if "," in later:
        message = f"{message} {OPEN_QUOTE_HINT}"
    return RowError(error.file, error.line, error.column, message)


class ImportFailed(Exception):
    """Validation found bad rows; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(map(_one_line, errors))
        #: The rows (lines of files, the header included) that have at least one error.
        self.rows = len({(error.file, error.line) for error in errors})
        super().__init__(f"{len(errors)} error(s) in {self.rows} row(s); nothing was written")


class InputError(Exception):
    """A file could not be read at all (missing, wrong format, no header, unknown kind)."""
