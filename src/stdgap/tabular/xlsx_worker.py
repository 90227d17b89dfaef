"""Reading an XLSX workbook in a process of its own, within limits: ``python -m
stdgap.tabular.xlsx_worker`` reads a request (JSON) on standard input, writes each sheet's rows
as CSV files (the sheet's row number first, then its cells as text) and answers with JSON on
standard output: ``{"sheets": [{"name": …, "file": … or null, "rows": n}]}`` or
``{"error": …, "sheet": …, "line": …, "column": …}``.

Before openpyxl parses anything the worker caps its own memory, CPU time and output size
(``setrlimit``), checks the archive's declared sizes and compression ratios, and counts the rows
and cells of every sheet in the unpacked XML; openpyxl then parses with defusedxml (no entities,
no DTD), and rows are taken as the sheet has them: a row number or column far away (the last
cell ``XFD1048576``, a lying ``<dimension>``) makes no empty rows or cells.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from stdgap.tabular.limits import XlsxLimits

MIB = 1 << 20
LAST_ROW = 1_048_576  # the last row of a worksheet
MAX_PARTS = 10_000
_CHUNK = MIB
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_INLINE, _TEXT, _RUN_TEXT = f"{_MAIN}is", f"{_MAIN}t", f"{_MAIN}r/{_MAIN}t"


class Refused(Exception):
    """The workbook is over a limit or unreadable; the message says which."""

    def __init__(
        self, message: str, sheet: str | None = None, line: int | None = None, column: str = ""
    ) -> None:
        super().__init__(message)
        self.sheet, self.line, self.column = sheet, line, column

    def answer(self) -> dict[str, Any]:
        return {"error": str(self), "sheet": self.sheet, "line": self.line, "column": self.column}


def confine(limits: XlsxLimits, output_bytes: int) -> None:
    """Cap this process's address space, CPU time and the size of any file it writes."""
    try:
        import resource
    except ImportError:  # not on this system (Windows): the parent's timeout still holds
        return
    memory = limits.memory_mb * MIB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds, limits.seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output_bytes, output_bytes))


def _too_many(what: str, limit: int, variable: str) -> str:
    return f"the workbook has more than {limit:,} {what}, the most allowed ({variable})"


def check_archive(archive: zipfile.ZipFile, limits: XlsxLimits) -> list[str]:
    """The XML parts of the archive (where sheets may be), once its declared sizes are within
    the limits (the zip reader never unpacks more than a part's declared size)."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise Refused(f"the archive holds {len(parts):,} parts, more than {MAX_PARTS:,}")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_mb * MIB:
        raise Refused(
            f"the workbook unpacks to {unpacked / MIB:,.0f} MB, more than the "
            f"{limits.max_mb:,} MB allowed (STDGAP_XLSX_MAX_MB)"
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MIB and ratio > limits.max_ratio:
            raise Refused(
                f"the part {part.filename} unpacks to {ratio:,.0f} times its packed size, more "
                f"than the {limits.max_ratio:,} allowed (STDGAP_XLSX_MAX_RATIO): a zip bomb?"
            )
    sheets = [
        part.filename
        for part in parts
        if PurePosixPath(part.filename).parent.name == "worksheets"
        and part.filename.endswith(".xml")
    ]
    if len(sheets) > limits.max_sheets:
        raise Refused(_too_many("sheets", limits.max_sheets, "STDGAP_XLSX_MAX_SHEETS"))
    # a sheet may live anywhere its relationship points: every XML part is counted (the
    # workbook's own count of sheets is checked again once it is opened)
    return [part.filename for part in parts if part.filename.lower().endswith(".xml")]


def count_tags(archive: zipfile.ZipFile, parts: list[str], limits: XlsxLimits) -> None:
    """Count the rows and cells of every sheet in its unpacked XML, without parsing it, and
    stop at the first limit passed (a million tiny rows are refused in a fraction of a second)."""
    rows = cells = 0
    for name in parts:
        tail = b""
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                buffer = tail + chunk
                cut = buffer.rfind(b"<", max(0, len(buffer) - 64))
                cut = len(buffer) if cut < 0 else cut
                rows += len(_ROW_TAG.findall(buffer, 0, cut))
                cells += len(_CELL_TAG.findall(buffer, 0, cut))
                tail = buffer[cut:]
                if rows > limits.max_rows:
                    raise Refused(_too_many("rows", limits.max_rows, "STDGAP_XLSX_MAX_ROWS"))
                if cells > limits.max_cells:
                    raise Refused(_too_many("cells", limits.max_cells, "STDGAP_XLSX_MAX_CELLS"))


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV file would hold (dates ISO, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _column_letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Counter:
    def __init__(self, limits: XlsxLimits) -> None:
        self.limits, self.rows, self.cells = limits, 0, 0

    def add(self, sheet: str, line: int, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        limits = self.limits
        if self.rows > limits.max_rows:
            raise Refused(_too_many("rows", limits.max_rows, "STDGAP_XLSX_MAX_ROWS"), sheet, line)
        if self.cells > limits.max_cells:
            message = _too_many("cells", limits.max_cells, "STDGAP_XLSX_MAX_CELLS")
            raise Refused(message, sheet, line)


def _sheet_rows(sheet: Any, max_columns: int) -> Any:
    """(row number, {column: value}) of each row of a read-only sheet that has a value."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    title = sheet.title

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            if element.get("t") != "inlineStr":
                return super().parse_cell(element)  # type: ignore[no-any-return]
            # openpyxl makes a rich-text object of each inline string: the text is enough
            self.parse_cell_position(element)
            found = element.find(_INLINE)
            runs = [] if found is None else found.findall(_RUN_TEXT) or found.findall(_TEXT)
            value = "".join(run.text or "" for run in runs)
            return {"column": self.col_counter, "value": value}

        def parse_cell_position(self, element: Any) -> None:
            coordinate = element.get("r")
            if coordinate:
                self.col_counter = coordinate_to_tuple(coordinate)[1]
            else:
                self.col_counter += 1

        def parse_row(self, row: Any) -> tuple[int, dict[int, object]]:
            number = row.get("r")
            previous: int = getattr(self, "row_counter", 0)
            counter = int(number) if number is not None else previous + 1
            if not 1 <= counter <= LAST_ROW:
                raise Refused(f"row number {number} is not a row of a worksheet", title)
            self.row_counter, self.col_counter = counter, 0
            values: dict[int, object] = {}
            for element in row:
                cell = self.parse_cell(element)
                if cell["value"] is None or cell["value"] == "":
                    continue
                if cell["column"] > max_columns:
                    letters = _column_letters(cell["column"])
                    raise Refused(
                        f"a value in column {letters} (the {cell['column']:,}th), beyond the "
                        f"{max_columns:,} columns allowed (STDGAP_XLSX_MAX_COLUMNS)",
                        title,
                        self.row_counter,
                        letters,
                    )
                values[cell["column"]] = cell["value"]
            return counter, values

    with sheet._get_source() as source:
        parser = Parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        yield from parser.parse()


def write_sheet(sheet: Any, path: Path, counter: Counter) -> int:
    """Write the rows of ``sheet`` that hold a value to ``path`` (CSV); how many there were."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for number, values in _sheet_rows(sheet, counter.limits.max_columns):
            texts = {column: cell_text(value) for column, value in values.items()}
            texts = {column: text for column, text in texts.items() if text}
            if not texts:
                continue
            counter.add(sheet.title, number, len(texts))
            writer.writerow([number, *(texts.get(c, "") for c in range(1, max(texts) + 1))])
            written += 1
    return written


def _open_workbook(path: Path) -> Any:
    os.environ["OPENPYXL_LXML"] = "False"  # every part through defusedxml, not lxml
    os.environ["OPENPYXL_DEFUSEDXML"] = "True"
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml import functions

    # openpyxl reads a sheet's <dimension> when it opens it, and the whole sheet when there is
    # none: rows are taken as the sheet has them here, so its dimension is not needed
    ReadOnlyWorksheet._get_size = lambda _sheet: None

    parsers = (functions.iterparse, functions.fromstring)
    if not openpyxl.DEFUSEDXML or any(
        not parser.__module__.startswith("defusedxml") for parser in parsers
    ):
        raise Refused("defusedxml is not installed: workbooks are not read without it")
    return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)


def convert(path: Path, folder: Path, limits: XlsxLimits) -> list[dict[str, Any]]:
    """Check ``path`` and write each of its sheets to ``folder``; the sheets' names, files and
    row counts, in the workbook's order."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise Refused(f"not an XLSX workbook ({error})") from None
    with archive:
        count_tags(archive, check_archive(archive, limits), limits)
    book = _open_workbook(path)
    counter = Counter(limits)
    sheets: list[dict[str, Any]] = []
    try:
        if len(book.worksheets) > limits.max_sheets:
            raise Refused(_too_many("sheets", limits.max_sheets, "STDGAP_XLSX_MAX_SHEETS"))
        for index, sheet in enumerate(book.worksheets, start=1):
            out = folder / f"sheet-{index}.csv"
            rows = write_sheet(sheet, out, counter)
            if not rows:
                out.unlink()
            sheets.append({"name": sheet.title, "file": out.name if rows else None, "rows": rows})
    finally:
        book.close()
    return sheets


def answer(request: dict[str, Any]) -> dict[str, Any]:
    limits = XlsxLimits(**request["limits"])
    confine(limits, output_bytes=2 * limits.max_mb * MIB + MIB)
    warnings.simplefilter("ignore")  # openpyxl warns per odd cell: nothing to act on here
    try:
        return {"sheets": convert(Path(request["path"]), Path(request["folder"]), limits)}
    except Refused as refusal:
        return refusal.answer()
    except MemoryError:
        return {
            "error": f"reading the workbook needs more than the {limits.memory_mb:,} MB "
            "allowed (STDGAP_XLSX_MEMORY_MB)"
        }
    except Exception as error:  # anything openpyxl or the XML parser may raise on a bad file
        return {"error": f"not a readable XLSX workbook ({type(error).__name__}: {error})"}


def main() -> None:
    result = answer(json.loads(sys.stdin.read()))
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
