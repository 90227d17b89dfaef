"""The fact source ``survey_answers``: survey responses and their choices, for the indicator
engine (registered when the engine first needs its sources, from the capability's entry).

Its frame has one row per response (``question`` null) and one per choice made (the option's
index, or the scale's value), with the engine's dimensions of the member answering: the year
of the response, the country and its classes on the response's day (``developing`` by the
store's transition setting), the member type. Free-text answers are not in it. Every figure of
it describes persons and organisations: its indicators are protected (perturbed, and
suppressed under the public minimum cell size, for the public; exact for analysts), and the
results of one survey (:mod:`stdgap.surveys.results`) use the same records' keys.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from stdgap.i18n.translate import N_
from stdgap.indicators.catalogue import Indicator
from stdgap.indicators.classify import UNKNOWN_REGION, classify
from stdgap.indicators.context import Codes, Context
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.sources import register

SOURCE = "survey_answers"
#: The salt of the record keys of responses.
RESPONSE_SALT = 21
DIMENSIONS = ("year", "region", "status", "ldc", "lldc", "sids", "member_type", "country")
_RESPONSES = (
    "SELECT id, survey_id, submitted_on, country, member_type FROM survey_responses",
    {
        "id": pl.Int32,
        "survey_id": pl.Int32,
        "submitted_on": pl.Date,
        "country": pl.String,
        "member_type": pl.String,
    },
)
_CHOICES = (
    "SELECT response_id, question_id, choice FROM survey_answers WHERE choice IS NOT NULL",
    {"response_id": pl.Int32, "question_id": pl.Int32, "choice": pl.Int32},
)


def _codes(values: list[str]) -> dict[str, int]:
    return {name: code for code, name in enumerate(values)}


def _table(ctx: Context, name: str, query: tuple[str, dict[str, Any]]) -> pl.DataFrame:
    """A table read for this source; empty when the tables were read without it (frames made
    by hand, as the engine's own tests do)."""
    found = ctx.tables.extra.get(name)
    return found if found is not None else pl.DataFrame(schema=query[1])


def build(ctx: Context) -> pl.DataFrame:
    """One row per response and one per choice (see the module)."""
    responses = _table(ctx, "survey_response_rows", _RESPONSES).rename(
        {"id": "response", "survey_id": "survey", "submitted_on": "date", "country": "alpha3"}
    )
    pairs = responses.select(pl.col("alpha3").alias("country"), "date").drop_nulls().unique()
    classes = classify(pairs, ctx.tables.classifications, ctx.transition_counts).rename(
        {"country": "alpha3"}
    )
    frame = responses.join(classes, on=["alpha3", "date"], how="left").with_columns(
        pl.col("region").fill_null(UNKNOWN_REGION),
        pl.col("dev", "ldc", "lldc", "sids").fill_null(False),
        pl.col("date").dt.year().cast(pl.Int16).alias("year"),
        pl.col("member_type")
        .replace_strict(_codes(ctx.codes.member_types), default=None, return_dtype=pl.UInt8)
        .alias("member_type"),
        pl.col("alpha3")
        .replace_strict(_codes(ctx.codes.countries), default=None, return_dtype=pl.UInt16)
        .alias("country"),
        pl.lit(None, pl.UInt16).alias("group"),
    )
    frame = frame.with_columns(ctx.record_key(frame, ["response"], RESPONSE_SALT).alias("rk"))
    base = frame.select(
        "survey",
        "response",
        "year",
        "group",
        "member_type",
        "country",
        "region",
        "dev",
        "ldc",
        "lldc",
        "sids",
        "rk",
    )
    choices = _table(ctx, "survey_choice_rows", _CHOICES).rename(
        {"response_id": "response", "question_id": "question"}
    )
    answered = base.join(choices, on="response", how="inner")
    alone = base.with_columns(
        pl.lit(None, pl.Int32).alias("question"), pl.lit(None, pl.Int32).alias("choice")
    )
    return pl.concat([alone, answered.select(alone.columns)], how="vertical")


def aggregate(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    """Responses (one row each, ``question`` null) by the requested dimensions."""
    one = rows.filter(pl.col("question").is_null())
    return (
        one.group_by(keys)
        .agg(
            pl.len().alias("s"),
            pl.col("rk").sum().alias("s#k"),
            pl.col("dev").sum().alias("s_dev"),
            pl.col("rk").filter("dev").sum().alias("s_dev#k"),
        )
        .collect()
    )


SURVEY_ANSWERS = FactSource(
    SOURCE,
    build,
    aggregate,
    {
        "survey_responses": ("s",),
        "developing_survey_response_share": ("s_dev", "s"),
    },
    {"survey_response_rows": _RESPONSES, "survey_choice_rows": _CHOICES},
)
RESPONSES = Indicator(
    "survey_responses",
    N_("Survey responses"),
    N_(
        "Responses to the surveys of stdgap (consultations, priorities, feedback), by the "
        "member answering: its country and that country's classes on the day of the response."
    ),
    "count",
    SOURCE,
    "Res. 74 instructs 1",
    DIMENSIONS,
    disclosure="protected",
    protects=N_("who answered a survey, and from which country and kind of member"),
)
DEVELOPING_SHARE = Indicator(
    "developing_survey_response_share",
    N_("Share of survey responses from developing countries"),
    N_(
        "Responses whose member's country is developing on the day of the response, divided "
        "by all responses in the cell."
    ),
    "share",
    SOURCE,
    "Res. 74 instructs 1",
    DIMENSIONS,
    "responses from developing countries",
    "responses",
    disclosure="protected",
    protects=N_("who answered a survey, and from which country and kind of member"),
)

register(SURVEY_ANSWERS, (RESPONSES, DEVELOPING_SHARE))
