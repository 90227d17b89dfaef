"""A fact source: where the figures of some indicators come from.

A source builds one frame from the store's tables (one row per fact, every dimension an integer
code column: ``year``, ``group``, ``region``, ``dev``, ``ldc``, ``lldc``, ``sids``,
``member_type``, ``country``, and ``gender`` where persons are counted), and aggregates a
filtered frame by the requested dimensions into value columns; ``values`` names, for each of
its indicators, the value column of a count or the (numerator, denominator) columns of a share.

A domain adds a source (fellowships granted, survey answers, events …) by registering it with
:func:`stdgap.indicators.sources.register`, with the SQL of the tables it reads and the
catalogue entries of its indicators; nothing else in the engine changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from stdgap.indicators.load import TableQuery

if TYPE_CHECKING:
    from stdgap.indicators.context import Codes, Context


#: A value column named ``<column>@total`` is ``<column>`` aggregated without the last requested
#: dimension: the total a share-of-total indicator divides by.
TOTAL = "@total"
#: The column ``<column>#k`` holds the sum of the record keys of what ``<column>`` counts (the
#: cell key of the perturbation of protected figures); a source without it publishes exactly.
KEY = "#k"


@dataclass(frozen=True)
class FactSource:
    name: str
    build: Callable[[Context], pl.DataFrame]
    aggregate: Callable[[pl.LazyFrame, list[str], Codes], pl.DataFrame]
    values: Mapping[str, tuple[str, ...]]
    #: Tables read for this source besides the engine's own (name → SQL and schema); the
    #: frames are in ``context.tables.extra[name]``.
    tables: Mapping[str, TableQuery] = field(default_factory=dict)
    #: The aggregation of the totals only (the columns ``<column>@total`` divides by), when
    #: it is quicker than :attr:`aggregate`; it must give those columns the same values.
    aggregate_totals: Callable[[pl.LazyFrame, list[str], Codes], pl.DataFrame] | None = None
