"""The attendance rows grouped into the cells of the attendance facts by lookups in arrays
indexed by id, instead of joins of every row.

A row's year, group and classes depend only on its meeting and its member's country, so they
are worked out once per (meeting, country) into one part of the packed cell key; each row then
takes its member's country, that part and its meeting's date by indexing NumPy arrays with its
ids, and the rows are grouped on the packed key. Over ten million rows this is a few times
quicker than joining them to the meetings, the members and the classes. It answers only where
the lookups are small and every id is known (the joins handle the rest, see
:func:`stdgap.indicators.builtin.build_attendance`).
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from stdgap.indicators.context import Context, class_codes
from stdgap.tabular.packing import Packing

#: Entries of a lookup table by id, at most (an id beyond it: the joins).
MOST_IDS = 1 << 24
#: (meeting, country) pairs worked out, at most.
MOST_PAIRS = 1 << 22
#: Rows per (meeting date, country) pair classified, at least, beyond :data:`ALWAYS_PAIRS`:
#: classifying every pair costs about what joining a row does, so fewer rows go to the joins.
ROWS_PER_PAIR = 1
#: Pairs classified whatever the rows (a tenth of a second or so; kept for the next change).
ALWAYS_PAIRS = 500_000
#: The columns of a cell of the attendance facts, and their types.
CELL_SCHEMA = pl.Schema(
    {
        "person": pl.Int32,
        "member": pl.Int32,
        "year": pl.Int16,
        "group": pl.UInt16,
        "klass": pl.UInt16,
    }
)
#: The measures of a cell (over the rows' ``remote``, ``fellowship`` and ``date``), as
#: :func:`stdgap.indicators.builtin._grouped_by_joins` aggregates them.
CELL_MEASURES = (
    pl.len().cast(pl.UInt32).alias("n"),
    pl.col("remote").sum().cast(pl.UInt32).alias("n_remote"),
    pl.col("fellowship").sum().cast(pl.UInt32).alias("n_fellowship"),
    pl.col("date").min().alias("earliest"),
)
#: The bits of the remote rows' count in the packed sum of a cell's remote and fellowship rows.
_REMOTE_SHIFT = 32


def _positions(ids: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int32]:
    """An array of ``size`` giving each id's position in ``ids``, -1 for an id not there."""
    found = np.full(size, -1, dtype=np.int32)
    found[ids] = np.arange(len(ids), dtype=np.int32)
    return found


#: Class codes worked out: what they depend on, the codes by date and country, and the frame
#: that decodes them.
_Classes = tuple[tuple[Any, ...], npt.NDArray[np.int64], pl.DataFrame]
#: The class codes worked out last.
_last_classes: list[_Classes] = []
_classes_lock = threading.Lock()


def _fingerprint(frame: pl.DataFrame) -> bytes:
    """A digest of ``frame``'s rows, in order (the same content in another frame object, as a
    snapshot read from the Parquet cache holds, gives the same)."""
    return hashlib.sha256(frame.hash_rows().to_numpy().tobytes()).digest()


def _classes_on(
    ctx: Context, dates: pl.Series, rows: int
) -> tuple[npt.NDArray[np.int64], pl.DataFrame] | None:
    """The class code of each of ``dates`` (rows) and country code (columns), and the frame
    that decodes it; None when a pair has none, or when there are more pairs than
    :data:`ALWAYS_PAIRS` and classifying them would cost more than the ``rows`` it serves
    (:data:`ROWS_PER_PAIR`). The codes of the same dates, countries, setting and
    classifications are kept from the last time (a change's few persons are grouped with the
    codes of the build before it, or of the change before it)."""
    countries = ctx.codes.countries
    depends = (
        tuple(countries),
        ctx.transition_counts,
        dates.to_physical().to_numpy().tobytes(),
        ctx.tables.classifications.schema,
        _fingerprint(ctx.tables.classifications),
    )
    with _classes_lock:
        for key, klass, classes in _last_classes:
            if key == depends:
                return klass, classes
    pairs = len(dates) * len(countries)
    if pairs > ALWAYS_PAIRS and pairs * ROWS_PER_PAIR > rows:
        return None
    on_dates = pl.DataFrame({"date": dates}).join(
        pl.DataFrame({"code": np.arange(len(countries), dtype=np.uint16)}), how="cross"
    )
    coded, classes = class_codes(on_dates, countries, ctx.tables, ctx.transition_counts)
    coded = on_dates.join(coded, on=["date", "code"], how="left", maintain_order="left")
    if coded["klass"].null_count():
        return None
    klass = coded["klass"].to_numpy().astype(np.int64).reshape(len(dates), len(countries))
    with _classes_lock:
        _last_classes[:] = [(depends, klass, classes)]
    return klass, classes


def grouped_by_lookup(ctx: Context) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    """The attendance rows grouped by person, member, year, group and ``klass`` with the
    measures of :data:`CELL_MEASURES`, and the frame that decodes ``klass``, as grouping the
    joined rows gives them; None where lookups do not fit (no rows, or 2**31 or more, ids
    negative or beyond :data:`MOST_IDS`, a meeting or member unknown, a member without an id or
    a country, a meeting without a date or group, too many pairs or bits, or classes not worth
    working out for so few rows: see :func:`_classes_on`).

    Fewer aggregations than :data:`CELL_MEASURES` over the rows: the remote and fellowship rows
    are counted in one packed sum, and the earliest date is that of the earliest meeting
    position (the meetings are numbered in order of date)."""
    rows, members = ctx.tables.attendance, ctx.members
    meetings = ctx.meetings.sort("date", "meeting", nulls_last=True)
    if rows.height == 0 or meetings.height == 0 or members.height == 0:
        return None
    if rows.height >= 1 << (_REMOTE_SHIFT - 1):
        return None
    known = members.select("member", "country")
    if meetings.null_count().sum_horizontal().item() or known.null_count().sum_horizontal().item():
        return None
    ids = ("meeting_id", "person_id", "member_id")
    bounds = rows.select(
        pl.min_horizontal(pl.col(ids).min()).alias("lowest"),
        pl.max_horizontal(pl.col(ids).max()).alias("highest"),
        pl.sum_horizontal(pl.all().null_count()).alias("nulls"),
    ).row(0, named=True)
    lowest = min(bounds["lowest"], meetings["meeting"].min(), members["member"].min())
    highest = max(bounds["highest"], meetings["meeting"].max(), members["member"].max())
    if bounds["nulls"] or int(lowest) < 0 or int(highest) >= MOST_IDS:
        return None
    if meetings["meeting"].n_unique() < meetings.height:
        return None
    if members["member"].n_unique() < members.height:
        return None
    countries = len(ctx.codes.countries)
    if meetings.height * countries > MOST_PAIRS:
        return None
    # the class code of each (distinct meeting date, country)
    dates = meetings["date"].unique().sort()
    on_dates = _classes_on(ctx, dates, rows.height)
    if on_dates is None:
        return None
    klass, classes = on_dates
    # the packing of the cells: the ids' bounds from the rows, the rest from the pairs
    person, member = rows["person_id"], rows["member_id"]
    packing = Packing.of(
        pl.DataFrame(
            {
                "person": [person.min(), person.max()],
                "member": [member.min(), member.max()],
                "year": [meetings["year"].min(), meetings["year"].max()],
                "group": [meetings["group"].min(), meetings["group"].max()],
                "klass": [int(klass.min()), int(klass.max())],
            },
            schema=CELL_SCHEMA,
        ),
        list(CELL_SCHEMA),
    )
    if packing is None:
        return None
    low, shift = (
        dict(zip(packing.columns, packing.lowest, strict=True)),
        dict(zip(packing.columns, packing.shifts, strict=True)),
    )
    # the part of the key a (meeting, country) pair gives: at meeting position x countries + code
    year_group = np.zeros(meetings.height, dtype=np.int64)
    for name in ("year", "group"):
        year_group += (meetings[name].to_numpy().astype(np.int64) - low[name]) << shift[name]
    date_at = np.searchsorted(dates.to_physical().to_numpy(), meetings["date"].to_physical())
    part = (year_group[:, None] + ((klass[date_at] - low["klass"]) << shift["klass"])).ravel()
    meeting_at = _positions(meetings["meeting"].to_numpy().astype(np.int64), int(highest) + 1)
    country_of = np.full(int(highest) + 1, -1, dtype=np.int32)
    country_of[members["member"].to_numpy()] = members["country"].to_numpy()
    at = pl.lit(pl.Series(meeting_at)).gather(pl.col("meeting_id"))
    country = pl.lit(pl.Series(country_of)).gather(pl.col("member_id"))
    found = rows.lazy().select(
        at.alias("at"), country.alias("country"), "person_id", "member_id", "remote", "fellowship"
    )
    if found.select(pl.min_horizontal(pl.col("at", "country").min())).collect().item() < 0:
        return None  # a meeting or member unknown
    key = pl.lit(pl.Series(part)).gather(
        pl.col("at").cast(pl.Int64) * countries + pl.col("country")
    )
    for name, column in (("person", "person_id"), ("member", "member_id")):
        key = key + (pl.col(column).cast(pl.Int64) - low[name]) * (1 << shift[name])
    days = pl.Series(meetings["date"].to_physical().to_numpy(), dtype=pl.Int32)
    flags = pl.col("remote").cast(pl.Int64) * (1 << _REMOTE_SHIFT) + pl.col("fellowship").cast(
        pl.Int64
    )
    mask = (1 << _REMOTE_SHIFT) - 1
    grouped = (
        found.select(key.alias("_cell"), flags.alias("_flags"), "at")
        .group_by("_cell")
        .agg(pl.len().alias("n"), pl.col("_flags").sum(), pl.col("at").min())
        .select(
            *packing.unpacked("_cell", CELL_SCHEMA),
            pl.col("n").cast(pl.UInt32),
            (pl.col("_flags") // (1 << _REMOTE_SHIFT)).cast(pl.UInt32).alias("n_remote"),
            (pl.col("_flags") & mask).cast(pl.UInt32).alias("n_fellowship"),
            pl.lit(days).gather(pl.col("at")).cast(pl.Date).alias("earliest"),
        )
        .collect()
    )
    return grouped, classes
