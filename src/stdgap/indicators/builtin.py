"""The engine's own fact sources: attendance, contributions and leadership roles.

Each builds its frame from the store's tables (:mod:`.context` gives the shared attributions)
and aggregates a filtered frame by the requested dimensions into the value columns its
indicators read.
"""

from __future__ import annotations

import polars as pl

from stdgap.indicators.classify import CLASS_COLUMNS
from stdgap.indicators.context import GENDER_CODES, UNKNOWN_GENDER, Codes, Context
from stdgap.indicators.factsource import FactSource

DRAFTING_LEVELS = ("question", "working_party")
WEIGHT_DIGITS = 9


def build_attendance(ctx: Context) -> pl.DataFrame:
    """One row per (person, member, year, group, classification) with attendance counts."""
    tables, meetings = ctx.tables, ctx.meetings
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
    rows = ctx.with_classes(rows)
    keys = ["person", "member", "member_type", "country", "year", "group", *CLASS_COLUMNS]
    grouped = rows.group_by(keys).agg(
        pl.len().cast(pl.UInt32).alias("n"),
        pl.col("remote").sum().cast(pl.UInt32).alias("n_remote"),
        pl.col("fellowship").sum().cast(pl.UInt32).alias("n_fellowship"),
        pl.col("first").any().alias("first"),
        (pl.col("first") & pl.col("retained")).any().alias("first_retained"),
    )
    return ctx.with_person(grouped)


def build_contributions(ctx: Context) -> pl.DataFrame:
    """One row per (contribution, source member) with the source's weight and classes."""
    tables, meetings = ctx.tables, ctx.meetings
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
    sources = ctx.with_classes(sources)
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


def build_roles(ctx: Context) -> pl.DataFrame:
    """One row per chair or vice-chair role and year it is active."""
    tables = ctx.tables
    group_code = ctx.group_codes()
    meeting_years = tables.meetings.select(pl.col("start").dt.year().max()).item()
    start_years = tables.roles.select(pl.col("start").dt.year().max()).item()
    horizon = max((y for y in (meeting_years, start_years) if y is not None), default=0)
    roles = (
        tables.roles.drop("role")
        .rename({"id": "role", "person_id": "person", "member_id": "member"})
        .join(group_code, on="group_id", how="left")
        .with_columns(pl.col("start").alias("date"))
    )
    roles = ctx.with_classes(roles)
    roles = roles.with_columns(
        pl.int_ranges(
            pl.col("start").dt.year(),
            pl.col("end").dt.year().fill_null(horizon) + 1,
            dtype=pl.Int16,
        ).alias("year")
    ).explode("year")
    roles = roles.filter(pl.col("year").is_not_null())
    roles = ctx.with_person(roles)
    return roles.select("role", "member_type", "country", "year", "group", *CLASS_COLUMNS, "gender")


def aggregate_attendance(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    persons = (
        rows.group_by([*keys, "person"])
        .agg(
            pl.col("n").sum().alias("a"),
            pl.col("n").filter("dev").sum().alias("a_dev"),
            pl.col("n_remote").sum().alias("a_remote"),
            pl.col("n_fellowship").sum().alias("a_fellowship"),
            pl.col("dev").any().alias("x_dev"),
            pl.col("young").any().alias("x_young"),
            pl.col("first").any().alias("x_first"),
            pl.col("first_retained").any().alias("x_retained"),
            pl.col("gender").first().alias("x_gender"),
            pl.col("born").first().alias("x_born"),
        )
        .group_by(keys)
        .agg(
            pl.len().alias("p"),
            pl.col("a").sum(),
            pl.col("a_dev").sum(),
            pl.col("a_remote").sum(),
            pl.col("a_fellowship").sum(),
            pl.col("x_dev").sum().alias("p_dev"),
            (pl.col("x_gender") == GENDER_CODES["F"]).sum().alias("p_f"),
            (pl.col("x_gender") != UNKNOWN_GENDER).sum().alias("p_gender"),
            (pl.col("x_gender") == UNKNOWN_GENDER).sum().alias("p_no_gender"),
            pl.col("x_young").sum().alias("p_young"),
            pl.col("x_born").sum().alias("p_born"),
            (~pl.col("x_born")).sum().alias("p_no_birth_year"),
            pl.col("x_first").sum().alias("p_first"),
            pl.col("x_retained").sum().alias("p_retained"),
        )
    )
    sector = codes.member_types.index("sector_member")
    members = (
        rows.filter(pl.col("dev") & (pl.col("member_type") == sector))
        .group_by(keys)
        .agg(pl.col("member").n_unique().alias("m_dev_sector"))
    )
    return (
        persons.join(members, on=keys, how="left", nulls_equal=True)
        .with_columns(pl.col("m_dev_sector").fill_null(0))
        .collect()
    )


def aggregate_contributions(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    weight = pl.col("weight")
    by_weight = rows.group_by(keys).agg(
        pl.col("contribution").n_unique().alias("c"),
        weight.sum().round(WEIGHT_DIGITS).alias("w"),
        weight.filter("drafting").sum().round(WEIGHT_DIGITS).alias("w_drafting"),
    )
    # Σ over the cell's contributions of their developing share: once per contribution, however
    # many of its sources fall in the cell.
    by_contribution = (
        rows.group_by([*keys, "contribution"])
        .agg(pl.col("dev_fraction").first())
        .group_by(keys)
        .agg(pl.col("dev_fraction").sum().round(WEIGHT_DIGITS).alias("c_dev"))
    )
    return by_weight.join(by_contribution, on=keys, how="left", nulls_equal=True).collect()


def aggregate_roles(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    role = pl.col("role")
    return (
        rows.group_by(keys)
        .agg(
            role.n_unique().alias("r"),
            role.filter("dev").n_unique().alias("r_dev"),
            role.filter(pl.col("gender") == GENDER_CODES["F"]).n_unique().alias("r_f"),
            role.filter(pl.col("gender") != UNKNOWN_GENDER).n_unique().alias("r_gender"),
        )
        .collect()
    )


ATTENDANCE = FactSource(
    "attendance",
    build_attendance,
    aggregate_attendance,
    {
        "participants": ("p",),
        "attendances": ("a",),
        "developing_participant_share": ("p_dev", "p"),
        "developing_attendance_share": ("a_dev", "a"),
        "developing_sector_members": ("m_dev_sector",),
        "remote_share": ("a_remote", "a"),
        "fellowship_attendances": ("a_fellowship",),
        "women_share": ("p_f", "p_gender"),
        "young_share": ("p_young", "p_born"),
        "newcomer_share": ("p_first", "p"),
        "retention_rate": ("p_retained", "p_first"),
        "gender_unknown_share": ("p_no_gender", "p"),
        "birth_year_unknown_share": ("p_no_birth_year", "p"),
    },
)
CONTRIBUTIONS = FactSource(
    "contributions",
    build_contributions,
    aggregate_contributions,
    {
        "contributions": ("c",),
        "developing_contribution_share": ("c_dev", "c"),
        "drafting_stage_share": ("w_drafting", "w"),
    },
)
ROLES = FactSource(
    "roles",
    build_roles,
    aggregate_roles,
    {
        "leadership_positions": ("r",),
        "developing_leadership_share": ("r_dev", "r"),
        "women_leadership_share": ("r_f", "r_gender"),
    },
)
BUILTIN: tuple[FactSource, ...] = (ATTENDANCE, CONTRIBUTIONS, ROLES)
