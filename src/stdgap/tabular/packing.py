"""Small integer columns packed into one 64-bit integer, and unpacked again: Polars groups and
joins on one integer column several times quicker than on several columns, and a database
unpacks many rows sent as one list of integers (:meth:`Packing.sql`) quicker than it binds
their values row by row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

#: Bits of a packed key (non-negative in a signed 64-bit integer).
KEY_BITS = 63


@dataclass(frozen=True)
class Packing:
    """How the integer ``columns`` of a frame go into one key: each column's value minus its
    lowest, in bits of its own (the first column highest)."""

    columns: tuple[str, ...]
    lowest: tuple[int, ...]
    shifts: tuple[int, ...]
    widths: tuple[int, ...]

    @classmethod
    def of(cls, frame: pl.DataFrame, columns: Sequence[str]) -> Packing | None:
        """The packing of ``frame``'s ``columns``; None when it has no rows, when one of them
        holds a null (it would not be told apart from any other row's null) or when they need
        more than 63 bits."""
        return cls.of_lazy(frame.lazy(), columns)

    @classmethod
    def of_lazy(cls, frame: pl.LazyFrame, columns: Sequence[str]) -> Packing | None:
        """:meth:`of` the rows of a lazy frame (their bounds read in one pass)."""
        count = len(columns)
        stats = (
            frame.select(
                pl.len().alias("rows"),
                *(pl.col(name).null_count().alias(f"n{i}") for i, name in enumerate(columns)),
                *(pl.col(name).min().alias(f"l{i}") for i, name in enumerate(columns)),
                *(pl.col(name).max().alias(f"h{i}") for i, name in enumerate(columns)),
            )
            .collect()
            .row(0)
        )
        rows, nulls = stats[0], stats[1 : 1 + count]
        lowest, highest = stats[1 + count : 1 + 2 * count], stats[1 + 2 * count :]
        if not rows or any(nulls):
            return None
        widths = tuple(
            max(int(high) - int(low), 1).bit_length()
            for low, high in zip(lowest, highest, strict=True)
        )
        if sum(widths) > KEY_BITS:
            return None
        shifts = tuple(sum(widths[i + 1 :]) for i in range(count))
        return cls(tuple(columns), tuple(int(value) for value in lowest), shifts, widths)

    def key(self) -> pl.Expr:
        """The packed key of each row (Int64)."""
        return pl.sum_horizontal(
            (pl.col(name).cast(pl.Int64) - low) * (1 << shift)
            for name, low, shift in zip(self.columns, self.lowest, self.shifts, strict=True)
        )

    def sql(self, name: str, key: str = "value") -> str:
        """SQL giving column ``name`` back from the packed integer ``key`` (SQLite, PostgreSQL:
        ``>>`` and ``&`` on 64-bit integers)."""
        at = self.columns.index(name)
        mask = (1 << self.widths[at]) - 1
        return f"((({key}) >> {self.shifts[at]}) & {mask}) + {self.lowest[at]}"

    def unpacked(self, key: str, schema: pl.Schema) -> list[pl.Expr]:
        """The columns again from the packed column ``key``, of their types in ``schema``."""
        return [
            ((pl.col(key) // (1 << shift)) % (1 << width) + low).cast(schema[name]).alias(name)
            for name, low, shift, width in zip(
                self.columns, self.lowest, self.shifts, self.widths, strict=True
            )
        ]

    def without_last(self) -> Packing:
        """The packing of the columns but the last: its key is this one's divided by 2 to the
        last column's width (``//``, as the key is never negative)."""
        dropped = self.widths[-1]
        return Packing(
            self.columns[:-1],
            self.lowest[:-1],
            tuple(shift - dropped for shift in self.shifts[:-1]),
            self.widths[:-1],
        )
