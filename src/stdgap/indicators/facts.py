"""The fact frames the indicators are computed from, built once per data version.

Every dimension is a small integer code column (``group`` indexes :attr:`Facts.groups`,
``member_type`` :attr:`Facts.member_types`, ``country`` :attr:`Facts.countries`, ``gender``
``GENDERS``, ``region`` ``REGIONS``), so any combination of dimensions is a cheap group-by.
Attendance rows are pre-aggregated to one row per (person, member, year, group,
classification): the meetings of one person for one member in one group and year collapse into
counts, and nothing any indicator needs is lost (a member has one country).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from stdgap.indicators.catalogue import GENDERS, MEMBER_TYPES
from stdgap.indicators.classify import CLASS_COLUMNS, classify
from stdgap.indicators.load import Tables

YOUNG_AGE = 35
DRAFTING_LEVELS = ("question", "working_party")
GENDER_CODES = {name: code for code, name in enumerate(GENDERS)}
UNKNOWN_GENDER = GENDER_CODES["unknown"]


@dataclass
class Facts:
    attendance: pl.DataFrame
    contributions: pl.DataFrame
    roles: pl.DataFrame
    groups: list[str] = field(default_factory=list)
    member_types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


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


def _attendance(
    tables: Tables,
    meetings: pl.DataFrame,
    members: pl.DataFrame,
    countries: list[str],
    transition_counts: bool,
) -> pl.DataFrame:
    rows = tables.attendance.rename(
        {"meeting_id": "meeting", "person_id": "person", "member_id": "member"}
    ).join(meetings, on="meeting", how="left")
    firsts = rows.group_by("person").agg(pl.col("date").min().alias("first_date"))
    next_year = (
        rows.select("person", "year")
        .unique()
        .join(firsts, on="person")
        .filter(pl.col("year") == pl.col("first_date").dt.year() + 1)
        .select("person", pl.lit(True).alias("retained"))
    )
    firsts = firsts.join(next_year, on="person", how="left").with_columns(
        pl.col("retained").fill_null(False)
    )
    rows = rows.join(firsts, on="person", how="left").with_columns(
        (pl.col("date") == pl.col("first_date")).alias("first")
    )
    rows = _with_classes(rows, members, countries, tables, transition_counts)
    keys = ["person", "member", "member_type", "country", "year", "group", *CLASS_COLUMNS]
    grouped = rows.group_by(keys).agg(
        pl.len().cast(pl.UInt32).alias("n"),
        pl.col("remote").sum().cast(pl.UInt32).alias("n_remote"),
        pl.col("fellowship").sum().cast(pl.UInt32).alias("n_fellowship"),
        pl.col("first").any().alias("first"),
        (pl.col("first") & pl.col("retained")).any().alias("first_retained"),
    )
    return _with_person(grouped, tables)


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


def _contributions(
    tables: Tables,
    meetings: pl.DataFrame,
    members: pl.DataFrame,
    countries: list[str],
    transition_counts: bool,
) -> pl.DataFrame:
    sources = (
        tables.sources.rename({"contribution_id": "contribution", "member_id": "member"})
        .join(
            tables.contributions.rename({"id": "contribution", "meeting_id": "meeting"}),
            on="contribution",
        )
        .join(meetings, on="meeting", how="left")
        .with_columns(
            (1.0 / pl.len().over("contribution")).alias("weight"),
            pl.col("level").is_in(DRAFTING_LEVELS).alias("drafting"),
        )
    )
    sources = _with_classes(sources, members, countries, tables, transition_counts)
    # The developing share of one contribution: its developing sources over all its sources
    # (all of them, whichever cell each falls in), the term INDICATORS.md sums per contribution.
    sources = sources.with_columns(
        (pl.col("dev").cast(pl.Float64).sum().over("contribution") * pl.col("weight")).alias(
            "dev_fraction"
        )
    )
    return sources.select(
        "contribution",
        "dev_fraction",
        "member_type",
        "country",
        "year",
        "group",
        *CLASS_COLUMNS,
        "weight",
        "drafting",
    )


def _roles(
    tables: Tables,
    groups: list[str],
    members: pl.DataFrame,
    countries: list[str],
    transition_counts: bool,
) -> pl.DataFrame:
    codes = {name: code for code, name in enumerate(groups)}
    group_code = tables.groups.select(
        pl.col("id").alias("group_id"),
        pl.col("code").replace_strict(codes, return_dtype=pl.UInt16).alias("group"),
    )
    meeting_years = tables.meetings.select(pl.col("start").dt.year().max()).item()
    start_years = tables.roles.select(pl.col("start").dt.year().max()).item()
    horizon = max((y for y in (meeting_years, start_years) if y is not None), default=0)
    roles = (
        tables.roles.drop("role")
        .rename({"id": "role", "person_id": "person", "member_id": "member"})
        .join(group_code, on="group_id", how="left")
        .with_columns(pl.col("start").alias("date"))
    )
    roles = _with_classes(roles, members, countries, tables, transition_counts)
    roles = roles.with_columns(
        pl.int_ranges(
            pl.col("start").dt.year(),
            pl.col("end").dt.year().fill_null(horizon) + 1,
            dtype=pl.Int16,
        ).alias("year")
    ).explode("year")
    roles = roles.filter(pl.col("year").is_not_null())
    roles = _with_person(roles, tables)
    return roles.select("role", "member_type", "country", "year", "group", *CLASS_COLUMNS, "gender")


def build_facts(tables: Tables, transition_counts: bool) -> Facts:
    """The three fact frames of the store's content ``tables``."""
    groups = sorted(tables.groups.get_column("code").to_list())
    seen = set(tables.members.get_column("type").to_list())
    member_types = list(MEMBER_TYPES) + sorted(seen - set(MEMBER_TYPES))
    countries = tables.members.get_column("country").drop_nulls().unique().sort().to_list()
    meetings = _meetings(tables, groups)
    members = _members(tables, member_types, countries)
    return Facts(
        attendance=_attendance(tables, meetings, members, countries, transition_counts),
        contributions=_contributions(tables, meetings, members, countries, transition_counts),
        roles=_roles(tables, groups, members, countries, transition_counts),
        groups=groups,
        member_types=member_types,
        countries=countries,
    )
