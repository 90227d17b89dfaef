"""Reading a plain CSV file straight into columns, as Python's ``csv`` reader reads it.

A plain file is UTF-8 (a byte-order mark aside) with no quote, no NUL, no carriage return but
before a line feed, and no line longer than the CSV cell limit: each line is then one record,
and its cells are the texts between commas, exactly what :mod:`stdgap.tabular.csvfile` yields.
Any other file (quoted cells, bad bytes …) returns None and is read row by row, as before, with
the reader's own messages. Lines count from 1 (the header); blank records (every cell empty)
are left out; a record with more cells than the header is kept apart with its count.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from stdgap.tabular.table import header_of

_BOM = b"\xef\xbb\xbf"
LINE = "_line"


@dataclass(frozen=True)
class PlainTable:
    header: list[str]
    #: One String column per header cell (``c0``, ``c1`` …; blank where a row is short) and the
    #: line of each record in ``_line``, for the records of at most as many cells as the header.
    frame: pl.DataFrame
    #: (line, cells) of the records with more cells than the header.
    too_wide: list[tuple[int, int]]
    #: Records read (blank ones aside), the too wide included.
    records: int


def cell(index: int) -> str:
    return f"c{index}"


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
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    header = header_of(first.removesuffix("\r").split(","), label)
    lines = (
        pl.Series("text", [text[first_end + 1 :] if first_end >= 0 else ""])
        .str.split("\n")
        .explode()
        .str.strip_suffix("\r")
    )
    frame = pl.DataFrame({"text": lines}).with_columns(
        pl.int_range(2, pl.len() + 2, dtype=pl.Int64).alias(LINE),
        pl.col("text").str.count_matches(",", literal=True).alias("_commas"),
        pl.col("text").str.len_bytes().alias("_bytes"),
    )
    if frame.height and (frame["_bytes"].max() or 0) > csv.field_size_limit():  # type: ignore[operator]
        return None
    # a record of commas only is blank (every cell empty): the reader leaves it out
    frame = frame.filter(pl.col("_bytes") > pl.col("_commas"))
    width = len(header)
    wide = frame.filter(pl.col("_commas") >= width)
    too_wide = [(line, commas + 1) for line, commas in wide.select(LINE, "_commas").iter_rows()]
    frame = frame.filter(pl.col("_commas") < width)
    parts = pl.col("text").str.split(",")
    frame = frame.select(
        pl.col(LINE),
        *(
            parts.list.get(index, null_on_oob=True).fill_null("").alias(cell(index))
            for index in range(width)
        ),
    )
    return PlainTable(header, frame, too_wide, frame.height + len(too_wide))
