"""Reading users' XLSX workbooks safely: a worker process (:mod:`.xlsx_worker`) checks and
unpacks the workbook within the limits of :class:`~stdgap.tabular.limits.XlsxLimits`, and writes
each sheet's rows to a CSV file that this process then reads like any table. A workbook that
passes a limit is refused with an error naming the file (and the sheet, row and column where
it can), and this process neither parses its XML nor holds its unpacked data.
"""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stdgap.tabular.errors import InputError
from stdgap.tabular.limits import XlsxLimits
from stdgap.tabular.table import Table, Values, header_of

WORKER = "stdgap.tabular.xlsx_worker"


@dataclass(frozen=True)
class Sheet:
    """A sheet of a workbook: its name, a label for errors (``book.xlsx[attendance]``) and the
    CSV file of its rows (None when it holds nothing)."""

    name: str
    label: str
    path: Path | None


def _where(label: str, answer: dict[str, Any]) -> str:
    sheet, line, column = answer.get("sheet"), answer.get("line"), answer.get("column")
    place = f"{label}[{sheet}]" if sheet else label
    if line:
        place += f":{line}"
        if column:
            place += f": {column}"
    return place


def _too_slow(label: str, seconds: int) -> str:
    return (
        f"{label}: reading the workbook takes more than the {seconds:,} s allowed "
        "(STDGAP_XLSX_SECONDS); refused"
    )


def _run_worker(request: dict[str, Any], label: str, seconds: int) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", WORKER],
            input=json.dumps(request),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(_too_slow(label, seconds)) from None
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL) and not done.stdout:
        raise InputError(_too_slow(label, seconds))  # its processor time ran out first
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise InputError(
            f"{label}: the workbook cannot be read within the limits of memory and time "
            f"(STDGAP_XLSX_MEMORY_MB, STDGAP_XLSX_SECONDS; the reader stopped with status "
            f"{done.returncode}); refused"
        )
    return answer


def read_workbook(
    path: Path, folder: Path, label: str, limits: XlsxLimits | None = None
) -> list[Sheet]:
    """The sheets of the workbook at ``path``, in its order, their rows written under
    ``folder`` (which the caller removes); :class:`InputError` when it passes a limit or cannot
    be read."""
    try:
        limits = limits or XlsxLimits.from_env()
    except ValueError as error:
        raise InputError(f"{label}: {error}") from None
    out = Path(tempfile.mkdtemp(prefix="book-", dir=folder))
    request = {"path": str(path.resolve()), "folder": str(out), "limits": limits.as_dict()}
    answer = _run_worker(request, label, limits.seconds)
    if "error" in answer:
        raise InputError(f"{_where(label, answer)}: {answer['error']}; refused")
    return [
        Sheet(
            str(sheet["name"]),
            f"{label}[{sheet['name']}]",
            out / Path(str(sheet["file"])).name if sheet["file"] else None,
        )
        for sheet in answer["sheets"]
    ]


def _sheet_rows(reader: Any, handle: Any, width: int) -> Iterator[tuple[int, Values]]:
    with handle:
        for number, *values in reader:
            if len(values) < width:
                values += [""] * (width - len(values))
            yield int(number), values


def open_sheet(sheet: Sheet) -> Table:
    """The table of a sheet read by :func:`read_workbook` (its file opened now)."""
    if sheet.path is None:
        raise InputError(f"{sheet.label}: the sheet is empty (a header row is required)")
    handle = sheet.path.open(encoding="utf-8", newline="")
    reader = csv.reader(handle)
    number, *first = next(reader)
    header = header_of(first, sheet.label, int(number))
    return Table(header, _sheet_rows(reader, handle, len(header)), sheet.label, int(number))
