"""The fact source ``fund_spending``: the fund's spending (net of reversals, in the fund's
currency), by the year of the spending and the beneficiary country (its region and classes on the
spending's date; ``unknown`` region when none is recorded), one indicator per programme of the
earmarks besides the total. Registered with the indicator engine when it first needs its
sources."""

from __future__ import annotations

import polars as pl

from stdgap.fund.vocabulary import PROGRAMMES
from stdgap.i18n.translate import N_
from stdgap.indicators.catalogue import REGIONS, Indicator
from stdgap.indicators.classify import CLASS_COLUMNS, classify
from stdgap.indicators.context import Codes, Context
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.sources import register

NAME = "fund_spending"
TABLE = "fund_entries"
DIMENSIONS = ("year", "region", "status", "ldc", "lldc", "sids", "country")
_SQL = (
    "SELECT e.id, t.day, k.programme, COALESCE(t.country, o.country) AS country, "
    "CAST(e.amount AS DOUBLE PRECISION) AS amount "
    "FROM fund_entries e JOIN fund_transactions t ON t.id = e.transaction_id "
    "JOIN fund_earmarks k ON k.id = e.earmark_id "
    "LEFT JOIN fund_transactions o ON o.id = t.reverses_id "
    "WHERE e.account = 'spent'"
)
_SCHEMA = {
    "id": pl.Int32,
    "day": pl.Date,
    "programme": pl.String,
    "country": pl.String,
    "amount": pl.Float64,
}
_PROGRAMMES = tuple(PROGRAMMES)


def build(ctx: Context) -> pl.DataFrame:
    rows = ctx.tables.extra[TABLE].with_columns(
        pl.col("day").dt.year().cast(pl.Int16).alias("year"), pl.col("day").alias("date")
    )
    pairs = rows.select("country", "date").drop_nulls().unique()
    classes = classify(pairs, ctx.tables.classifications, ctx.transition_counts)
    rows = rows.join(classes, on=["country", "date"], how="left").with_columns(
        pl.col("dev", "ldc", "lldc", "sids").fill_null(False),
        pl.col("region").fill_null(REGIONS.index("unknown")).cast(pl.UInt8),
    )
    places = {name: code for code, name in enumerate(ctx.codes.countries)}
    rows = rows.with_columns(
        pl.col("country").replace_strict(places, default=None, return_dtype=pl.UInt16)
        if places
        else pl.lit(None, pl.UInt16).alias("country"),
        *(
            pl.when(pl.col("programme") == name)
            .then(pl.col("amount"))
            .otherwise(0.0)
            .alias(f"fs_{name}")
            for name in _PROGRAMMES
        ),
    )
    return rows.select(
        "id", "year", "country", *CLASS_COLUMNS, "amount", *(f"fs_{name}" for name in _PROGRAMMES)
    )


def aggregate(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    return (
        rows.group_by(keys)
        .agg(
            pl.col("amount").sum().round(2).alias("fs"),
            pl.col("amount").filter(pl.col("ldc")).sum().round(2).alias("fs_ldc"),
            *(pl.col(f"fs_{name}").sum().round(2).alias(f"fs_{name}") for name in _PROGRAMMES),
        )
        .collect()
    )


SOURCE = FactSource(
    NAME,
    build,
    aggregate,
    {
        "fund_spending": ("fs",),
        "ldc_fund_spending_share": ("fs_ldc", "fs"),
        **{f"fund_spending_{name}": (f"fs_{name}",) for name in _PROGRAMMES},
    },
    {TABLE: (_SQL, _SCHEMA)},
)
CLAUSE = "Res. 44 programme 4"
_TITLES = {
    "fellowships": N_("Fund spending on fellowships"),
    "events": N_("Fund spending on events and workshops"),
    "interpretation": N_("Fund spending on interpretation"),
    "mentorship": N_("Fund spending on mentorship"),
    "general": N_("Fund spending from general contributions"),
}
INDICATORS = (
    Indicator(
        "fund_spending",
        N_("Fund spending"),
        N_(
            "Spending of the BSG fund in the fund's currency (net of reversals), by the year of "
            "the spending and the beneficiary country (region unknown when none is recorded)."
        ),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "ldc_fund_spending_share",
        N_("Share of fund spending for LDCs"),
        N_(
            "Fund spending whose beneficiary country is an LDC on the spending's date, divided "
            "by all fund spending in the cell (a principle of spending)."
        ),
        "share",
        NAME,
        CLAUSE,
        DIMENSIONS,
        "spending for LDCs",
        "spending",
    ),
    *(
        Indicator(
            f"fund_spending_{name}",
            _TITLES[name],
            N_("Fund spending (net of reversals) from earmarks of this programme."),
            "count",
            NAME,
            CLAUSE,
            DIMENSIONS,
        )
        for name in _PROGRAMMES
    ),
)
register(SOURCE, INDICATORS)
