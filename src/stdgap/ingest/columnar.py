"""Checking a whole column at once, with the messages of :func:`validate.validate_batch`.

Each distinct text of a column is checked once, in Python, by the column's own check (the same
stripping, the same messages); the results are then spread over the column's rows by Polars.
Only the rows with an error become Python objects (their messages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from stdgap.tabular.columns import Column
from stdgap.tabular.errors import RowError


@dataclass(frozen=True)
class Checked:
    """A column checked: ``value`` (null where blank or bad), ``text`` (the stripped cell, null
    where blank or bad) and ``error`` (the message, null where none)."""

    value: pl.Series
    text: pl.Series
    error: pl.Series


def _dtype(column: Column) -> pl.DataType:
    return pl.Boolean() if column.kind is bool else pl.String()


def check_column(raw: pl.Series, column: Column, known: dict[str, int] | None = None) -> Checked:
    """``raw`` checked against ``column``; with ``known`` (source id → store id), ``value`` is
    the store id of the text (null when unknown: the caller reports it)."""
    keys: list[str] = raw.unique().to_list()
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
    dtype = pl.Int64() if known is not None else _dtype(column)
    if not keys:  # (replace_strict keeps the type of an empty column)
        return Checked(pl.Series(dtype=dtype), pl.Series(dtype=pl.String()), raw.clone())
    return Checked(
        raw.replace_strict(keys, values, return_dtype=dtype),
        raw.replace_strict(keys, texts, return_dtype=pl.String()),
        raw.replace_strict(keys, errors, return_dtype=pl.String()),
    )


def row_errors(label: str, column: str, lines: pl.Series, messages: pl.Series) -> list[RowError]:
    """The errors of the rows whose message is not null."""
    wanted = messages.is_not_null()
    if not wanted.any():
        return []
    return [
        RowError(label, line, column, message)
        for line, message in zip(
            lines.filter(wanted).to_list(), messages.filter(wanted).to_list(), strict=True
        )
    ]
