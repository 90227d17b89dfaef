"""Reading a plain CSV file straight into columns, as Python's ``csv`` reader reads it.

A plain file is UTF-8 (a byte-order mark aside) with no quote, no NUL, no carriage return but
before a line feed, and no line longer than the CSV cell limit: each line is then one record,
and its cells are the texts between commas, exactly what :mod:`stdgap.tabular.csvfile` yields.
Any other file (quoted cells, bad bytes …) returns None and is read row by row, as before, with
the reader's own messages. Lines count from 1 (the header); blank records (every cell empty)
are left out; a record with more or fewer cells than the header is kept apart with its count.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from stdgap.tabular.table import header_of

_BOM = b"\xef\xbb\xbf"
LINE = "_line"


@dataclass(frozen=True)
class PlainTable:
    header: list[str]
    #: One String column per header cell (``c0``, ``c1`` …) and the line of each record in
    #: ``_line``, for the records of as many cells as the header.
    frame: pl.DataFrame
    #: (line, cells) of the records with more or fewer cells than the header.
    ragged: list[tuple[int, int]]
    #: Records read (blank ones aside), the ragged included.
    records: int


def cell(index: int) -> str:
    return f"c{index}"


def _lines(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The length in bytes (a closing carriage return aside) and the commas of each line of
    ``data``; a newline that ends the data starts no line."""
    raw = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(raw == ord("\n"))
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [len(raw)]))
    if data.endswith(b"\n"):
        starts, ends = starts[:-1], ends[:-1]
    lengths = ends - starts
    closed = np.zeros(len(ends), dtype=bool)
    nonempty = lengths > 0
    closed[nonempty] = raw[ends[nonempty] - 1] == ord("\r")
    lengths = lengths - closed
    where = np.searchsorted(newlines, np.flatnonzero(raw == ord(",")))
    commas = np.bincount(where, minlength=len(ends))[: len(ends)]
    return lengths, commas


def read_plain(path: Path, label: str) -> PlainTable | None:
    """The file's columns, or None when the file is not plain (see the module)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    data = data.removeprefix(_BOM)
    if not data or b'"' in data or b"\x00" in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lengths, commas = _lines(data)
    if lengths.max() > csv.field_size_limit():
        return None
    first_end = data.find(b"\n")
    first = data if first_end < 0 else data[:first_end]
    header = header_of(first.decode("utf-8").removesuffix("\r").split(","), label)
    width = len(header)
    names = [cell(index) for index in range(width)]
    body = b"" if first_end < 0 else data[first_end + 1 :]
    if body:
        frame = pl.read_csv(
            body,
            has_header=False,
            schema=dict.fromkeys(names, pl.String()),
            quote_char=None,
            truncate_ragged_lines=True,
            missing_columns="insert",
            extra_columns="ignore",
        )
    else:
        frame = pl.DataFrame(schema=dict.fromkeys(names, pl.String()))
    if frame.height != len(lengths) - 1:  # one row per line (not so: read row-wise)
        return None
    line = np.arange(2, len(lengths) + 1, dtype=np.int64)
    lengths, commas = lengths[1:], commas[1:]
    filled = lengths > commas  # a line of commas only is blank (every cell empty): left out
    uneven = filled & (commas != width - 1)
    ragged = list(zip(line[uneven].tolist(), (commas[uneven] + 1).tolist(), strict=True))
    kept = filled & ~uneven
    frame = frame.with_columns(pl.Series(LINE, line)).filter(pl.Series(kept))
    frame = frame.select(LINE, *(pl.col(name).fill_null("") for name in names))
    return PlainTable(header, frame, ragged, frame.height + len(ragged))
