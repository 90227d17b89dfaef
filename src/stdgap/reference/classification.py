"""A country's classification on a date: the one answer every part of stdgap uses.

A classification row holds on [valid_from, valid_to), a blank bound being open; where rows of
one attribute overlap, the one that started last wins. Booleans are the strings 'true'/'false';
a country with no row for an attribute on the date is not in that list (and has no region). A
country is *developing* when its ``developing`` value is true, or its ``transition`` value is
true and the store setting ``transition_counts_as_developing`` is on.

:func:`classify` answers for many (country, date) pairs at once, as a Polars frame (the indicator
engine's facts); :class:`ClassificationReader` wraps it for Python callers (programmes, reports,
pages). Both read the same rows and apply the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl
from sqlalchemy import Connection, select

from stdgap.reference.vocabulary import BOOLEAN_ATTRIBUTES, CLASSIFIED_ATTRIBUTES, FLAGS
from stdgap.store.models import Classification, Country
from stdgap.store.settings import get_setting

TRANSITION_SETTING = "transition_counts_as_developing"

CLASSIFICATION_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "country": pl.String,
    "attribute": pl.String,
    "value": pl.String,
    "valid_from": pl.Date,
    "valid_to": pl.Date,
}

#: Columns :func:`classify` adds to the pairs.
CLASS_COLUMNS: tuple[str, ...] = (
    "itu_region",
    "income_group",
    "developing",
    "ldc",
    "lldc",
    "sids",
    "transition",
    "developing_listed",
)


def transition_counts(connection: Connection) -> bool:
    """The store setting: do economies in transition count as developing? (default: yes)"""
    return get_setting(connection, TRANSITION_SETTING) == "true"


def classify(
    pairs: pl.DataFrame, classifications: pl.DataFrame, transition_counts: bool
) -> pl.DataFrame:
    """``pairs`` (columns ``country``, ``date``) with :data:`CLASS_COLUMNS`: the ITU region and
    income group (null when none), and whether the country is developing (by the rule above), an
    LDC, an LLDC, a SIDS, an economy in transition, and listed as developing, on the date.

    A country's classes change only on its rows' bounds, so the dates between two bounds (an
    epoch) share them: each (country, epoch) is resolved once, on one of its dates, and the
    answer spread to the epoch's other dates (many meeting dates, a few bounds a country)."""
    distinct = pairs.select("country", "date").unique()
    epochs = _epochs(distinct, classifications)
    chosen = epochs.group_by("country", "epoch").agg(pl.col("date").min())
    resolved = _on_dates(chosen.select("country", "date"), classifications, transition_counts)
    by_epoch = chosen.join(resolved, on=["country", "date"]).drop("date")
    spread = epochs.join(by_epoch, on=["country", "epoch"], how="left").drop("epoch")
    return pairs.join(spread, on=["country", "date"], how="left").with_columns(
        pl.col(name).fill_null(False) for name in (*BOOLEAN_ATTRIBUTES, "developing_listed")
    )


def _epochs(distinct: pl.DataFrame, classifications: pl.DataFrame) -> pl.DataFrame:
    """``distinct`` (country, date) with ``epoch``: how many of the country's classification
    bounds (valid_from and valid_to dates) fall on or before the date."""
    bounds = (
        pl.concat(
            [
                classifications.select("country", pl.col(bound).alias("bound"))
                for bound in ("valid_from", "valid_to")
            ]
        )
        .drop_nulls()
        .unique()
        .sort("country", "bound")
        .with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.UInt32).over("country").alias("epoch"))
        .sort("bound")
    )
    dated = distinct.sort("date")
    found = dated.join_asof(
        bounds.cast({"country": dated.schema["country"], "bound": dated.schema["date"]}),
        left_on="date",
        right_on="bound",
        by="country",
        strategy="backward",
        check_sortedness=False,  # both sorted by date above; Polars cannot check within groups
    )
    # before the first bound: epoch 0; no date: no epoch (resolved as nothing, as by date)
    epoch = pl.when(pl.col("date").is_not_null()).then(pl.col("epoch").fill_null(0))
    return found.select("country", "date", epoch.alias("epoch"))


def _on_dates(
    distinct: pl.DataFrame, classifications: pl.DataFrame, transition_counts: bool
) -> pl.DataFrame:
    """The classes of each of the ``distinct`` (country, date) pairs, resolved date by date."""
    on_date = (
        distinct.join(classifications, on="country", how="inner")
        .filter(
            (pl.col("valid_from").is_null() | (pl.col("valid_from") <= pl.col("date")))
            & (pl.col("valid_to").is_null() | (pl.col("date") < pl.col("valid_to")))
        )
        .sort("valid_from", nulls_last=False)
        .group_by("country", "date", "attribute")
        .agg(pl.col("value").last())
    )
    if on_date.height:
        wide = on_date.pivot(on="attribute", index=["country", "date"], values="value")
    else:
        wide = distinct.head(0)
    for name in CLASSIFIED_ATTRIBUTES:
        if name not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.String).alias(name))

    def flag(name: str) -> pl.Expr:
        return (pl.col(name).str.to_lowercase() == "true").fill_null(False)

    resolved = wide.select(
        "country",
        "date",
        pl.col("itu_region"),
        pl.col("income_group"),
        (flag("developing") | (flag("transition") & transition_counts)).alias("developing"),
        *(flag(name).alias(name) for name in ("ldc", "lldc", "sids", "transition")),
        flag("developing").alias("developing_listed"),
    )
    return distinct.join(resolved, on=["country", "date"], how="left").with_columns(
        pl.col(name).fill_null(False) for name in (*BOOLEAN_ATTRIBUTES, "developing_listed")
    )


@dataclass(frozen=True)
class CountryStatus:
    """A country's classes on one date. ``flags`` holds the classes whose stored value is true
    (``developing``, ``ldc``, ``lldc``, ``sids``, ``transition``); ``developing`` applies the
    store's transition setting."""

    country: str
    on: date
    itu_member: bool
    region: str | None
    income_group: str | None
    developing: bool
    flags: frozenset[str]

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def describe(self) -> str:
        """e.g. 'developing, ldc' or 'none of developing, ldc, lldc, sids, transition'."""
        shown = [flag for flag in FLAGS if flag in self.flags]
        return ", ".join(shown) if shown else f"none of {', '.join(FLAGS)}"


def read_classifications(
    connection: Connection, countries: Iterable[str] | None = None
) -> pl.DataFrame:
    """The classification rows of ``countries`` (all when None) as a frame."""
    query = select(
        Classification.country,
        Classification.attribute,
        Classification.value,
        Classification.valid_from,
        Classification.valid_to,
    ).where(Classification.attribute.in_(CLASSIFIED_ATTRIBUTES))
    rows: list[tuple[object, ...]] = []
    if countries is None:
        rows = [tuple(row) for row in connection.execute(query)]
    else:
        wanted = sorted(set(countries))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows += [
                tuple(row)
                for row in connection.execute(query.where(Classification.country.in_(chunk)))
            ]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in CLASSIFICATION_SCHEMA]
    data = {
        name: [
            date.fromisoformat(v) if isinstance(v, str) and kind == pl.Date else v for v in values
        ]
        for (name, kind), values in zip(CLASSIFICATION_SCHEMA.items(), columns, strict=True)
    }
    return pl.DataFrame(data, schema=CLASSIFICATION_SCHEMA)


class ClassificationReader:
    """Reads the classifications of some countries (all when None) once, then answers for any
    (country, date) pairs through :func:`classify`."""

    def __init__(self, connection: Connection, countries: Iterable[str] | None = None) -> None:
        self._rows = read_classifications(connection, countries)
        self._transition = transition_counts(connection)
        members = select(Country.alpha3, Country.itu_member)
        self._members = {alpha3: bool(flag) for alpha3, flag in connection.execute(members)}

    def statuses(self, pairs: Iterable[tuple[str, date]]) -> dict[tuple[str, date], CountryStatus]:
        """The status of each distinct (country, date) of ``pairs``."""
        wanted = sorted(set(pairs))
        if not wanted:
            return {}
        frame = pl.DataFrame(
            {"country": [c for c, _d in wanted], "date": [d for _c, d in wanted]},
            schema={"country": pl.String, "date": pl.Date},
        )
        found: dict[tuple[str, date], CountryStatus] = {}
        for row in classify(frame, self._rows, self._transition).iter_rows(named=True):
            listed = {"developing": row["developing_listed"]}
            flags = frozenset(name for name in FLAGS if listed.get(name, row[name]))
            key = (row["country"], row["date"])
            found[key] = CountryStatus(
                country=row["country"],
                on=row["date"],
                itu_member=self._members.get(row["country"], False),
                region=row["itu_region"],
                income_group=row["income_group"],
                developing=bool(row["developing"]),
                flags=flags,
            )
        return found

    def status(self, country: str, on: date) -> CountryStatus:
        return self.statuses([(country, on)])[(country, on)]

    def countries_on(self, on: date) -> dict[str, CountryStatus]:
        """Every country that has classification rows, as classified on ``on``."""
        countries = self._rows.get_column("country").unique().to_list()
        return {
            code: status for (code, _d), status in self.statuses((c, on) for c in countries).items()
        }
