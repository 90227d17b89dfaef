"""Checking a whole column at once, with the messages of :func:`validate.validate_batch`.

Each distinct text of a column is checked once, in Python, by the column's own check (the same
stripping, the same messages); the results are then spread over the column's rows by Polars.
Only the rows with an error become Python objects (their messages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

from stdgap.ingest.looked_up_ids import LookedUpIds
from stdgap.tabular.columns import MAX_ID, Column
from stdgap.tabular.errors import RowError


@dataclass(frozen=True)
class Checked:
    """A column checked. Each row points (``index``) to its distinct text, whose value (null
    where blank or bad; the store id with ``known``), stripped text (null where blank or bad)
    and error message (null where none) are in the lookups."""

    index: pl.Series
    values: pl.Series
    texts: pl.Series
    errors: pl.Series

    @property
    def value(self) -> pl.Series:
        return self.values.gather(self.index)

    @property
    def has_text(self) -> pl.Series:
        return self.texts.is_not_null().gather(self.index)

    @property
    def has_error(self) -> pl.Series:
        return self.errors.is_not_null().gather(self.index)

    def texts_where(self, mask: pl.Series) -> list[str | None]:
        return self.texts.gather(self.index.filter(mask)).to_list()

    def errors_where(self, mask: pl.Series) -> list[str]:
        """The messages of the rows of ``mask`` (rows with an error)."""
        return self.errors.gather(self.index.filter(mask)).to_list()


def _dtype(column: Column) -> pl.DataType:
    return pl.Boolean() if column.kind is bool else pl.String()


#: Texts that are what they say: printable ASCII without spaces (nothing to strip), 1 to
#: :data:`MAX_ID` characters: a text column takes them as they are, without a Python check.
_AS_IS = f"^[!-~]{{1,{MAX_ID}}}$"


def _check_each(
    keys: list[str], column: Column, known: Mapping[str, int] | None
) -> tuple[list[Any], list[str | None], list[str | None]]:
    """The value, stripped text and error of each distinct text, checked in Python."""
    values: list[Any] = []
    texts: list[str | None] = []
    errors: list[str | None] = []
    for raw_text in keys:
        text = raw_text.strip()
        value: Any = None
        problem: str | None = None
        if "\x00" in text:
            problem = "contains a NUL character"
        elif not text:
            problem = "required value is missing" if column.required else None
        else:
            value, problem = column.memo.get(text) or column.check(text)
        if problem is not None:
            value = None
        texts.append(text if problem is None and text else None)
        if known is not None and value is not None:
            value = known.get(value)
        values.append(value)
        errors.append(problem)
    return values, texts, errors


def check_column(raw: pl.Series, column: Column, known: Mapping[str, int] | None = None) -> Checked:
    """``raw`` checked against ``column``; with ``known`` (source id → store id), the value is
    the store id of the text (null when unknown: the caller reports it)."""
    dtype = pl.Int64() if known is not None else _dtype(column)
    distinct = raw.unique()
    as_is = distinct.str.contains(_AS_IS) if column.is_text else distinct.is_null()
    plain, other = distinct.filter(as_is), distinct.filter(~as_is)
    if isinstance(known, LookedUpIds):  # those of this column, at once: not one query each
        known.fetch([*plain.to_list(), *(text.strip() for text in other.to_list())])
    values, texts, errors = _check_each(other.to_list(), column, known)
    if known is None:
        plain_values = plain
    elif plain.len():
        if isinstance(known, LookedUpIds):  # those of this column, not the whole table's
            known = known.loaded()
        known_keys = pl.Series(list(known), dtype=pl.String())
        known_ids = pl.Series(list(known.values()), dtype=pl.Int64())
        plain_values = plain.replace_strict(known_keys, known_ids, default=None)
    else:
        plain_values = pl.Series(dtype=pl.Int64())
    keys = pl.concat([plain, other])
    index = (
        raw.replace_strict(keys, pl.int_range(keys.len(), dtype=pl.UInt32(), eager=True))
        if keys.len()
        else pl.Series(dtype=pl.UInt32())  # (replace_strict keeps the type of an empty column)
    )
    return Checked(
        index,
        pl.concat([plain_values.cast(dtype), pl.Series(values, dtype=dtype)]),
        pl.concat([plain, pl.Series(texts, dtype=pl.String())]),
        pl.concat(
            [
                pl.repeat(None, plain.len(), dtype=pl.String(), eager=True),
                pl.Series(errors, dtype=pl.String()),
            ]
        ),
    )


def row_errors(label: str, column: str, lines: pl.Series, checked: Checked) -> list[RowError]:
    """The errors of the rows whose text has one."""
    wanted = checked.has_error
    if not wanted.any():
        return []
    return [
        RowError(label, line, column, message)
        for line, message in zip(
            lines.filter(wanted).to_list(), checked.errors_where(wanted), strict=True
        )
    ]
