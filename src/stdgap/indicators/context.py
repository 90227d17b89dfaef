"""What every fact source builds its frame from: the store's tables read for the indicators,
the codes of groups, member types and countries, and the attributions they all share (a
meeting's date, year and group; a member's type and country; a country's classes on a date; a
person's gender and age)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from stdgap.indicators.catalogue import GENDERS, MEMBER_TYPES
from stdgap.indicators.classify import classify
from stdgap.indicators.load import Tables

YOUNG_AGE = 35
GENDER_CODES = {name: code for code, name in enumerate(GENDERS)}
UNKNOWN_GENDER = GENDER_CODES["unknown"]


@dataclass(frozen=True)
class Codes:
    """The values that integer code columns of the facts index into."""

    groups: list[str] = field(default_factory=list)
    member_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, tables: Tables) -> Codes:
        seen = set(tables.members.get_column("type").to_list())
        return cls(
            groups=sorted(tables.groups.get_column("code").to_list()),
            member_types=list(MEMBER_TYPES) + sorted(seen - set(MEMBER_TYPES)),
            countries=tables.members.get_column("country").drop_nulls().unique().sort().to_list(),
        )


@dataclass
class Context:
    """The tables, the codes and the transition setting, with the shared attributions."""

    tables: Tables
    codes: Codes
    transition_counts: bool

    @cached_property
    def meetings(self) -> pl.DataFrame:
        """``meeting``, ``date`` (its start), ``year`` and ``group`` (code)."""
        return _meetings(self.tables, self.codes.groups)

    @cached_property
    def members(self) -> pl.DataFrame:
        """``member``, ``member_type`` (code) and ``country`` (code)."""
        return _members(self.tables, self.codes.member_types, self.codes.countries)

    def group_codes(self) -> pl.DataFrame:
        """``group_id`` (the store's) and ``group`` (code)."""
        codes = {name: code for code, name in enumerate(self.codes.groups)}
        return self.tables.groups.select(
            pl.col("id").alias("group_id"),
            pl.col("code").replace_strict(codes, return_dtype=pl.UInt16).alias("group"),
        )

    def with_classes(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with ``member`` and ``date``) plus member_type, country (code) and the
        country's classes on the date."""
        return _with_classes(
            frame, self.members, self.codes.countries, self.tables, self.transition_counts
        )

    def with_person(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` (with ``person`` and ``year``) plus gender, born and young."""
        return _with_person(frame, self.tables)


def _members(tables: Tables, member_types: list[str], countries: list[str]) -> pl.DataFrame:
    """Each member's type code and country code (index in ``countries``)."""
    types = {name: code for code, name in enumerate(member_types)}
    places = {name: code for code, name in enumerate(countries)}
    return tables.members.select(
        pl.col("id").alias("member"),
        pl.col("type").replace_strict(types, return_dtype=pl.UInt8).alias("member_type"),
        pl.col("country").replace_strict(places, return_dtype=pl.UInt16).alias("country"),
    )


def _people(tables: Tables) -> pl.DataFrame:
    return tables.people.select(
        pl.col("id").alias("person"),
        pl.col("gender")
        .replace_strict(GENDER_CODES, default=UNKNOWN_GENDER, return_dtype=pl.UInt8)
        .alias("gender"),
        pl.col("birth_year"),
    )


def _meetings(tables: Tables, groups: list[str]) -> pl.DataFrame:
    codes = {name: code for code, name in enumerate(groups)}
    group_code = tables.groups.select(
        pl.col("id").alias("group_id"),
        pl.col("code").replace_strict(codes, return_dtype=pl.UInt16).alias("group"),
    )
    return tables.meetings.join(group_code, on="group_id", how="left").select(
        pl.col("id").alias("meeting"),
        pl.col("start").alias("date"),
        pl.col("start").dt.year().cast(pl.Int16).alias("year"),
        "group",
    )


def _with_classes(
    frame: pl.DataFrame,
    members: pl.DataFrame,
    countries: list[str],
    tables: Tables,
    transition_counts: bool,
) -> pl.DataFrame:
    """``frame`` (with ``member`` and ``date``) plus member_type, country (code) and the
    country's classes on the date."""
    frame = frame.join(members, on="member", how="left")
    names = pl.DataFrame(
        {"code": range(len(countries)), "country": countries},
        schema={"code": pl.UInt16, "country": pl.String},
    )
    pairs = frame.select(pl.col("country").alias("code"), "date").unique().join(names, on="code")
    classes = classify(pairs, tables.classifications, transition_counts)
    classes = classes.drop("country").rename({"code": "country"})
    return frame.join(classes, on=["country", "date"], how="left")


def _with_person(frame: pl.DataFrame, tables: Tables) -> pl.DataFrame:
    """Add gender, ``born`` (birth year known) and ``young`` (in the row's year)."""
    return (
        frame.join(_people(tables), on="person", how="left")
        .with_columns(
            pl.col("gender").fill_null(UNKNOWN_GENDER),
            pl.col("birth_year").is_not_null().alias("born"),
            ((pl.col("year").cast(pl.Int32) - pl.col("birth_year")) < YOUNG_AGE)
            .fill_null(False)
            .alias("young"),
        )
        .drop("birth_year")
    )
