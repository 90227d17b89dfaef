"""Workbooks made in the tests: ordinary ones (openpyxl) and hostile ones, whose sheet XML is
written straight into the archive (a zip bomb, a cell at XFD1048576, millions of tiny rows, a
lying <dimension>, an entity bomb, a declared size that lies)."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
ATTENDANCE: list[list[object]] = [["meeting_id", "person_id", "member_id"], ["M1", "P1", "A"]]


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook with one sheet per item (name → rows)."""
    book = Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet(name)
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _inline(row: int, cells: list[object]) -> bytes:
    parts = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
        % (bytes([65 + i]), row, str(text).encode())
        for i, text in enumerate(cells)
    )
    return b'<row r="%d">%s</row>' % (row, parts)


def header_rows() -> bytes:
    return b"".join(_inline(number, row) for number, row in enumerate(ATTENDANCE, start=1))


def with_sheet_xml(path: Path, chunks: Iterable[bytes], level: int = 1, part: str = SHEET) -> Path:
    """An attendance workbook whose first sheet's XML (or another ``part``) is ``chunks``
    (written as they come)."""
    plain = path.with_suffix(".plain.xlsx")
    workbook(plain, {"attendance": ATTENDANCE})
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out,
    ):
        for item in source.infolist():
            if item.filename == part:
                with out.open(part, "w", force_zip64=True) as sheet:
                    for chunk in chunks:
                        sheet.write(chunk)
            else:
                out.writestr(item, source.read(item.filename))
        if part not in source.namelist():
            with out.open(part, "w", force_zip64=True) as added:
                for chunk in chunks:
                    added.write(chunk)
    plain.unlink()
    return path


def sheet_data(rows: Iterable[bytes], before: bytes = b"") -> Iterator[bytes]:
    yield HEAD + before + b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def deflate_bomb(path: Path, megabytes: int) -> Path:
    """A sheet of ``megabytes`` MiB of blanks: a few hundred KB packed."""
    blanks = b" " * (1 << 20)
    return with_sheet_xml(path, sheet_data([header_rows(), *(blanks for _ in range(megabytes))]))


def shared_strings_bomb(path: Path, megabytes: int) -> Path:
    """A shared-strings table of ``megabytes`` MiB of one string, repeated."""
    block = b"<si><t>x</t></si>" * (1 << 16)
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    chunks = [head, *(block for _ in range(megabytes)), b"</sst>"]
    return with_sheet_xml(path, chunks, part="xl/sharedStrings.xml")


def tiny_rows(path: Path, count: int) -> Path:
    """``count`` identical rows of one cell each (26 bytes a row, unpacked)."""
    block = b"<row><c><v>1</v></c></row>" * 100_000
    return with_sheet_xml(path, sheet_data([block for _ in range(count // 100_000)]))


def far_cell(path: Path, value: bool = True) -> Path:
    """The header and a row, then a cell at XFD1048576 (with a value, or styled and empty)."""
    cell = b'<c r="XFD1048576"><v>1</v></c>' if value else b'<c r="XFD1048576" s="0"/>'
    rows = [header_rows(), b'<row r="1048576">' + cell + b"</row>"]
    return with_sheet_xml(path, sheet_data(rows))


def lying_dimension(path: Path) -> Path:
    """A good sheet whose <dimension> claims every cell of the sheet."""
    return with_sheet_xml(path, sheet_data([header_rows()], b'<dimension ref="A1:XFD1048576"/>'))


def entity_bomb(path: Path) -> Path:
    """A sheet whose XML declares nested entities (billion laughs)."""
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8)
    )
    doctype = b"<!DOCTYPE worksheet [" + entities + b"]>"
    xml = HEAD.replace(b"<worksheet", doctype + b"<worksheet", 1)
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>'
    return with_sheet_xml(path, [xml, b"<sheetData>", row, b"</sheetData></worksheet>"])


def declared_size(path: Path, size: int) -> Path:
    """The workbook with the sheet's unpacked size declared as ``size`` (in the local header
    and in the central directory), its bytes unchanged."""
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    local = data.find(b"PK\x03\x04")
    while local >= 0:
        length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + length] == name:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == name:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def long_prefix_rows(path: Path, count: int) -> Path:
    """``count`` empty rows, all numbered 3, under a namespace prefix of 40 letters (so that a
    pattern for short prefixes would count none of them)."""
    prefix = b"p" * 40
    head = HEAD.replace(
        b"<worksheet xmlns=",
        b"<" + prefix + b":worksheet xmlns:" + prefix + b"=",
    )
    row = b"<" + prefix + b':row r="3"/>'
    block = row * 10_000
    chunks = [head, b"<" + prefix + b":sheetData>"]
    chunks += [block for _ in range(count // 10_000)]
    chunks.append(b"</" + prefix + b":sheetData></" + prefix + b":worksheet>")
    return with_sheet_xml(path, chunks)


def sheets_elsewhere(path: Path, count: int) -> Path:
    """A workbook of ``count`` sheets kept in ``xl/other/`` rather than ``xl/worksheets/``
    (their relationships point there)."""
    plain = path.with_suffix(".plain.xlsx")
    workbook(plain, {f"s{i}": [["a"]] for i in range(count)})
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            name = item.filename.replace("xl/worksheets/", "xl/other/")
            if item.filename.endswith((".rels", "[Content_Types].xml")):
                data = data.replace(b"worksheets/", b"other/")
            out.writestr(name, data)
    plain.unlink()
    return path
