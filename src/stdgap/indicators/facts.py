"""The fact frames the indicators are computed from, built once per data version: one frame per
fact source (:mod:`.sources`), every dimension a small integer code column (``group`` indexes
:attr:`Facts.groups`, ``member_type`` :attr:`Facts.member_types`, ``country``
:attr:`Facts.countries`, ``gender`` ``GENDERS``, ``region`` ``REGIONS``), so any combination of
dimensions is a cheap group-by.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from stdgap.indicators.context import Codes, Context, FactOptions
from stdgap.indicators.load import Tables
from stdgap.indicators.sources import registry


@dataclass
class Facts:
    frames: dict[str, pl.DataFrame]
    codes: Codes = field(default_factory=Codes)
    #: The years of the store's first and last meetings (None: no meeting).
    first_year: int | None = None
    last_year: int | None = None

    @property
    def groups(self) -> list[str]:
        return self.codes.groups

    @property
    def member_types(self) -> list[str]:
        return self.codes.member_types

    @property
    def countries(self) -> list[str]:
        return self.codes.countries

    @property
    def attendance(self) -> pl.DataFrame:
        return self.frames["attendance"]

    @property
    def contributions(self) -> pl.DataFrame:
        return self.frames["contributions"]

    @property
    def roles(self) -> pl.DataFrame:
        return self.frames["roles"]


def build_facts(tables: Tables, options: FactOptions | None = None) -> Facts:
    """The frame of every registered fact source, from the store's content ``tables``."""
    sources = registry()
    for source in sources.values():  # tables read without a source's own (frames made by hand)
        for name, (_sql, schema) in source.tables.items():
            if name not in tables.extra:
                tables.extra[name] = pl.DataFrame(schema=schema)
    context = Context(tables, Codes.of(tables), options or FactOptions())
    frames = {name: source.build(context) for name, source in sources.items()}
    years = tables.meetings.select(
        pl.col("start").dt.year().min().alias("first"),
        pl.col("start").dt.year().max().alias("last"),
    ).row(0)
    return Facts(frames, context.codes, years[0], years[1])
