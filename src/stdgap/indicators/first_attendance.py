"""Whether a cell of the attendance facts holds its person's first attendance, and whether the
person came back the year after it, worked out over the cells (one per person, member, year,
group and classes: :func:`stdgap.indicators.builtin.build_attendance`).

A person's first attendance is on the earliest date of all their cells; they are retained when
one of their cells is in the year after that date's. Where the person ids are small
non-negative integers, both are worked out in arrays indexed by id (a few times quicker than
two windows over a million cells); otherwise by those windows. Both give the same.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

#: Person ids beyond this are left to the windows (an array of as many entries per person).
MOST_PERSON_IDS = 1 << 24
#: Ids per cell beyond which (and beyond 65,536) the arrays are left to the windows: a few cells
#: of one change, say, whose persons' ids are large.
SPARSE_IDS = 16
#: Stands for no date, in days (no date of the store comes near it).
_NO_DATE = np.iinfo(np.int32).max
#: Stands for no year (a year that follows none: the years of dates are far from it).
_NO_YEAR = np.iinfo(np.int32).min


def with_first_attendance(cells: pl.DataFrame) -> pl.DataFrame:
    """``cells`` (with ``person``, ``year`` and ``earliest``, the cell's earliest date) plus
    ``first`` (the cell's earliest date is its person's earliest) and ``first_retained``
    (``first``, and the person has a cell in the year after that date's)."""
    found = _by_arrays(cells)
    return found if found is not None else _by_windows(cells)


def _by_windows(cells: pl.DataFrame) -> pl.DataFrame:
    first_date = pl.col("earliest").min().over("person")
    return (
        cells.lazy()
        .with_columns(first_date.alias("_first_date"))
        .with_columns(
            (pl.col("earliest") == pl.col("_first_date")).fill_null(False).alias("first"),
            (pl.col("year") == pl.col("_first_date").dt.year() + 1)
            .any()
            .over("person")
            .alias("_back"),
        )
        .with_columns((pl.col("first") & pl.col("_back")).alias("first_retained"))
        .drop("_first_date", "_back")
        .collect()
    )


def _by_arrays(cells: pl.DataFrame) -> pl.DataFrame | None:
    """:func:`_by_windows` in arrays indexed by person id; None where the ids do not fit."""
    person = cells.get_column("person")
    if cells.height == 0 or person.null_count():
        return None
    lowest, highest = person.min(), person.max()
    assert isinstance(lowest, int) and isinstance(highest, int)
    if lowest < 0 or highest >= MOST_PERSON_IDS or highest > SPARSE_IDS * cells.height + (1 << 16):
        return None  # ids that do not fit, or so sparse that the arrays cost more than windows
    ids = person.cast(pl.Int64).to_numpy()
    days = cells.get_column("earliest").to_physical().fill_null(_NO_DATE).to_numpy()
    first_days = np.full(highest + 1, _NO_DATE, dtype=np.int32)
    np.minimum.at(first_days, ids, days)
    dated = days != _NO_DATE
    first = dated & (days == first_days[ids])
    # the year of each person's earliest date, then the cells in the year after it
    first_year = np.zeros(highest + 1, dtype=np.int32)
    known = first_days != _NO_DATE
    first_year[known] = _years(first_days[known])
    # a cell of no year is in no year after (the least year, which none follows)
    year = cells.get_column("year").cast(pl.Int32).fill_null(_NO_YEAR).to_numpy()
    after = year == first_year[ids] + 1  # a person of no date: no first cell to retain
    back = np.zeros(highest + 1, dtype=np.bool_)
    back[ids[after]] = True
    return cells.with_columns(
        pl.Series("first", first),
        pl.Series("first_retained", first & back[ids]),
    )


def _years(days: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
    """The calendar year of each of ``days`` (days since 1970-01-01)."""
    return pl.Series(days, dtype=pl.Int32).cast(pl.Date).dt.year().cast(pl.Int32).to_numpy()
