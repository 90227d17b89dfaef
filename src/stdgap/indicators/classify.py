"""The classes of each attributed (country, date) as the indicator facts code them.

The classification itself is :func:`stdgap.reference.classification.classify`; here its answer
becomes compact columns: ``region`` a code into ``REGIONS`` (``unknown`` when none), ``dev``,
``ldc``, ``lldc`` and ``sids`` booleans.
"""

from __future__ import annotations

import polars as pl

from stdgap.indicators.catalogue import REGIONS
from stdgap.reference import classification

REGION_CODES: dict[str, int] = {name: code for code, name in enumerate(REGIONS)}
UNKNOWN_REGION = REGION_CODES["unknown"]

#: Columns added by :func:`classify`.
CLASS_COLUMNS: tuple[str, ...] = ("region", "dev", "ldc", "lldc", "sids")


def classify(
    pairs: pl.DataFrame, classifications: pl.DataFrame, transition_counts: bool
) -> pl.DataFrame:
    """``pairs`` (distinct ``country``, ``date``) with region code, dev, ldc, lldc and sids."""
    classes = classification.classify(pairs, classifications, transition_counts)
    return classes.select(
        *pairs.columns,
        pl.col("itu_region")
        .replace_strict(REGION_CODES, default=UNKNOWN_REGION, return_dtype=pl.UInt8)
        .alias("region"),
        pl.col("developing").alias("dev"),
        "ldc",
        "lldc",
        "sids",
    )
