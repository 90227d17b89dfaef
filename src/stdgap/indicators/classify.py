"""The classification of a country on a date, for many (country, date) pairs at once.

A classification row holds on [valid_from, valid_to), a blank bound being open. Booleans are the
strings 'true'/'false'; a country with no row for an attribute on the date is not in that list
(and has region ``unknown``). A country is developing when its ``developing`` value is true, or
its ``transition`` value is true and economies in transition count as developing.
"""

from __future__ import annotations

import polars as pl

from stdgap.indicators.catalogue import REGIONS

REGION_CODES: dict[str, int] = {name: code for code, name in enumerate(REGIONS)}
UNKNOWN_REGION = REGION_CODES["unknown"]

#: Columns added by :func:`classify`.
CLASS_COLUMNS: tuple[str, ...] = ("region", "dev", "ldc", "lldc", "sids")


def classify(
    pairs: pl.DataFrame, classifications: pl.DataFrame, transition_counts: bool
) -> pl.DataFrame:
    """``pairs`` (distinct ``country``, ``date``) with region code, dev, ldc, lldc and sids."""
    on_date = (
        pairs.join(classifications, on="country", how="inner")
        .filter(
            (pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("date")))
            & (pl.col("valid_to").is_null() | (pl.col("date") < pl.col("valid_to")))
        )
        .sort("valid_from", nulls_last=False)
        .group_by("country", "date", "attribute")
        .agg(pl.col("value").last())
    )
    wide = on_date.pivot(on="attribute", index=["country", "date"], values="value")
    for name in ("itu_region", "developing", "transition", "ldc", "lldc", "sids"):
        if name not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.String).alias(name))

    def flag(name: str) -> pl.Expr:
        return (pl.col(name).str.to_lowercase() == "true").fill_null(False)

    developing = flag("developing") | (flag("transition") & transition_counts)
    resolved = wide.select(
        "country",
        "date",
        pl.col("itu_region")
        .replace_strict(REGION_CODES, default=UNKNOWN_REGION, return_dtype=pl.UInt8)
        .alias("region"),
        developing.alias("dev"),
        flag("ldc").alias("ldc"),
        flag("lldc").alias("lldc"),
        flag("sids").alias("sids"),
    )
    return pairs.join(resolved, on=["country", "date"], how="left").with_columns(
        pl.col("region").fill_null(UNKNOWN_REGION),
        *(pl.col(name).fill_null(False) for name in ("dev", "ldc", "lldc", "sids")),
    )
