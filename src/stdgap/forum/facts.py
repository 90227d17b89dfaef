"""The fact source ``forum_questions``: the forum's published questions (Res. 44 asks for a forum
answered by study-group experts), by the year asked, the question's study group, and the asker's
country (the country of the registry person their account is linked to; unknown otherwise) with
its classes on the day asked. Registered with the indicator engine when the engine first needs
its sources.

The engine's units are counts and shares: the time to the first expert answer is published as
the whole hours summed over the questions with an expert answer (their mean is that sum divided
by ``forum_questions_expert_answered``) and as the share of questions with an expert answer
within two days."""

from __future__ import annotations

import polars as pl

from stdgap.i18n.translate import N_
from stdgap.indicators.catalogue import REGIONS, Indicator
from stdgap.indicators.classify import CLASS_COLUMNS, classify
from stdgap.indicators.context import Codes, Context, coded
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.sources import register

NAME = "forum_questions"
TABLE = "forum_questions"
DIMENSIONS = ("year", "group", "region", "status", "ldc", "lldc", "sids", "country")
#: An expert answer this soon (hours) counts as quick.
QUICK_HOURS = 48
_SQL = (
    "SELECT q.id, q.study_group, CAST(q.published_at AS VARCHAR(40)) AS asked_at, p.country, "
    "(SELECT COUNT(*) FROM forum_posts a WHERE a.question_id = q.id "
    "AND a.status = 'published') AS answers, "
    "(SELECT CAST(MIN(a.published_at) AS VARCHAR(40)) FROM forum_posts a "
    "WHERE a.question_id = q.id AND a.status = 'published' AND a.expert) AS first_expert "
    "FROM forum_posts q JOIN users u ON u.id = q.user_id "
    "LEFT JOIN people p ON p.id = u.person_id "
    "WHERE q.question_id IS NULL AND q.status = 'published'"
)
_SCHEMA = {
    "id": pl.Int32,
    "study_group": pl.String,
    "asked_at": pl.String,
    "country": pl.String,
    "answers": pl.Int32,
    "first_expert": pl.String,
}


def _moment(column: str) -> pl.Expr:
    """A time stored as text (``YYYY-MM-DD HH:MM:SS``, whatever the store adds after it)."""
    return pl.col(column).str.slice(0, 19).str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False)


def build(ctx: Context) -> pl.DataFrame:
    """One row per published question: the year and group, the asker's country and classes on
    the day asked, whether it has an answer and an expert answer, and the hours until the first
    expert answer."""
    groups = {name: code for code, name in enumerate(ctx.codes.groups)}
    rows = ctx.tables.extra[TABLE].with_columns(
        _moment("asked_at").alias("asked"), _moment("first_expert").alias("expert_at")
    )
    rows = rows.with_columns(
        pl.col("asked").dt.date().alias("date"),
        pl.col("asked").dt.year().cast(pl.Int16).alias("year"),
        coded("study_group", groups, pl.UInt16).alias("group"),
        (pl.col("answers") > 0).alias("answered"),
        pl.col("expert_at").is_not_null().alias("expert"),
        ((pl.col("expert_at") - pl.col("asked")).dt.total_seconds() / 3600)
        .clip(lower_bound=0)
        .alias("hours"),
    ).rename({"country": "alpha3"})
    pairs = rows.select(pl.col("alpha3").alias("country"), "date").drop_nulls().unique()
    classes = classify(pairs, ctx.tables.classifications, ctx.transition_counts).rename(
        {"country": "alpha3"}
    )
    rows = rows.join(classes, on=["alpha3", "date"], how="left").with_columns(
        pl.col("dev", "ldc", "lldc", "sids").fill_null(False),
        pl.col("region").fill_null(REGIONS.index("unknown")).cast(pl.UInt8),
    )
    places = {name: code for code, name in enumerate(ctx.codes.countries)}
    rows = rows.with_columns(
        pl.col("alpha3")
        .replace_strict(places, default=None, return_dtype=pl.UInt16)
        .alias("country")
        if places
        else pl.lit(None, pl.UInt16).alias("country"),
        pl.col("hours").fill_null(0).round(0).cast(pl.Int64).alias("hours"),
        (pl.col("expert") & (pl.col("hours") <= QUICK_HOURS)).fill_null(False).alias("quick"),
    )
    return rows.select(
        "id", "year", "group", "country", *CLASS_COLUMNS, "answered", "expert", "hours", "quick"
    )


def aggregate(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    return (
        rows.group_by(keys)
        .agg(
            pl.len().alias("fq"),
            pl.col("answered").sum().alias("fq_answered"),
            pl.col("expert").sum().alias("fq_expert"),
            pl.col("hours").filter(pl.col("expert")).sum().alias("fq_hours"),
            pl.col("quick").sum().alias("fq_quick"),
        )
        .collect()
    )


SOURCE = FactSource(
    NAME,
    build,
    aggregate,
    {
        "forum_questions": ("fq",),
        "forum_questions_answered": ("fq_answered",),
        "forum_questions_expert_answered": ("fq_expert",),
        "forum_answered_share": ("fq_answered", "fq"),
        "forum_expert_answer_hours": ("fq_hours",),
        "forum_quick_expert_answer_share": ("fq_quick", "fq"),
    },
    {TABLE: (_SQL, _SCHEMA)},
)
CLAUSE = "Res. 44 programme 2; Res. 44 instructs 13"
INDICATORS = (
    Indicator(
        "forum_questions",
        N_("Forum questions asked"),
        N_(
            "Questions published in the forum (held, hidden and rejected ones are not counted), "
            "by the year asked and the asker's country (of the registry person their account is "
            "linked to; unknown otherwise)."
        ),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "forum_questions_answered",
        N_("Forum questions answered"),
        N_("Published forum questions with at least one published answer."),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "forum_questions_expert_answered",
        N_("Forum questions with an expert answer"),
        N_(
            "Published forum questions with at least one published answer by an expert of the "
            "question's group (an account linked to a person holding a role in that group, its "
            "parent or a sub-group)."
        ),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "forum_answered_share",
        N_("Share of forum questions answered"),
        N_("Published forum questions with an answer, divided by the questions in the cell."),
        "share",
        NAME,
        CLAUSE,
        DIMENSIONS,
        "questions with an answer",
        "questions",
    ),
    Indicator(
        "forum_expert_answer_hours",
        N_("Hours to the first expert answer (sum)"),
        N_(
            "For the questions with an expert answer, the whole hours from the question's "
            "publication to its first published expert answer, summed; divided by "
            "forum_questions_expert_answered it is the mean time to the first expert answer."
        ),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "forum_quick_expert_answer_share",
        N_("Share of forum questions with an expert answer within two days"),
        N_(
            "Published forum questions whose first expert answer came within 48 hours of the "
            "question, divided by the questions in the cell."
        ),
        "share",
        NAME,
        CLAUSE,
        DIMENSIONS,
        "questions with an expert answer within 48 hours",
        "questions",
    ),
)
register(SOURCE, INDICATORS)
