"""The fact source ``cxo_participation``: who came to CxO meetings (Res. 68 resolves 1, 3, 5,
7), registered with the indicator engine when the engine loads its sources.

One fact per participant of a CxO meeting, attributed to the participant's country (its classes
on the meeting's start date) and to the meeting's year and group. Organisations and countries
at a meeting are public record (counted exactly); counts of persons are protected (perturbed,
small cells suppressed), as figures about persons are everywhere else."""

from __future__ import annotations

import polars as pl

from stdgap.cxo.vocabulary import EXECUTIVE_LEVELS, SMALL_SIZES
from stdgap.i18n.translate import N_
from stdgap.indicators.catalogue import Indicator
from stdgap.indicators.classify import CLASS_COLUMNS, UNKNOWN_REGION, classify
from stdgap.indicators.context import Codes, Context
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.sources import register

NAME = "cxo_participation"
#: Salt of the participants' record keys.
PARTICIPANT = 11
DIMENSIONS = ("year", "group", "region", "status", "ldc", "lldc", "sids")
CLAUSE = "Res. 68 resolves 1, 3, 5, 7"
_SQL = (
    "SELECT p.id, c.meeting_id, p.organisation, p.size, p.country, p.level "
    "FROM cxo_participants p JOIN cxo_meetings c ON c.id = p.cxo_meeting_id"
)
_SCHEMA = {
    "id": pl.Int32,
    "meeting_id": pl.Int32,
    "organisation": pl.String,
    "size": pl.String,
    "country": pl.String,
    "level": pl.String,
}


def organisation_key(name: pl.Expr) -> pl.Expr:
    """An organisation as the same one at every meeting: its name, case and spaces ignored."""
    return name.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def regular(rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` (``meeting``, ``date``, ``org``, ``level``) with ``regular``: the organisation
    came, as an executive (CTO, other CxO) or their alternate, to this meeting and to the CxO
    meeting just before it."""
    order = (
        rows.select("meeting", "date")
        .unique()
        .sort("date", "meeting")
        .with_columns(pl.col("meeting").shift(1).alias("previous"))
    )
    executives = (
        rows.filter(pl.col("level").is_in(EXECUTIVE_LEVELS)).select("meeting", "org").unique()
    )
    regulars = (
        executives.join(order.select("meeting", "previous"), on="meeting")
        .join(
            executives.rename({"meeting": "previous"}).with_columns(pl.lit(True).alias("regular")),
            on=["previous", "org"],
        )
        .select("meeting", "org", "regular")
    )
    return rows.join(regulars, on=["meeting", "org"], how="left").with_columns(
        pl.col("regular").fill_null(False)
    )


def build(ctx: Context) -> pl.DataFrame:
    """One row per participant with the meeting's year and group and the country's classes."""
    people = ctx.tables.extra[NAME].rename({"meeting_id": "meeting"})
    rows = people.join(ctx.meetings, on="meeting", how="left").with_columns(
        organisation_key(pl.col("organisation")).alias("org")
    )
    rows = regular(rows)
    pairs = rows.filter(pl.col("country").is_not_null()).select("country", "date").unique()
    classes = classify(pairs, ctx.tables.classifications, ctx.transition_counts)
    rows = rows.join(classes, on=["country", "date"], how="left").with_columns(
        pl.col("region").fill_null(UNKNOWN_REGION),
        *(pl.col(flag).fill_null(False) for flag in ("dev", "ldc", "lldc", "sids")),
    )
    orgs = {name: code for code, name in enumerate(sorted(set(rows.get_column("org").to_list())))}
    code = (
        pl.col("org").replace_strict(orgs, return_dtype=pl.Int32)
        if orgs
        else pl.col("org").cast(pl.Null).cast(pl.Int32)
    )
    rows = rows.with_columns(
        code.alias("org"),
        pl.col("size").is_not_null().alias("sized"),
        pl.col("size").is_in(SMALL_SIZES).fill_null(False).alias("small"),
    )
    rows = rows.with_columns(ctx.record_key(rows, ["id"], PARTICIPANT).alias("pk"))
    return rows.select(
        "id", "org", "year", "group", *CLASS_COLUMNS, "sized", "small", "regular", "pk"
    )


def aggregate(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    person, key = pl.col("id"), pl.col("pk")
    counts: list[pl.Expr] = []
    for name, condition in (
        ("n", pl.lit(True)),
        ("n_dev", pl.col("dev")),
        ("n_sized", pl.col("sized")),
        ("n_small", pl.col("small")),
    ):
        counts.append(person.filter(condition).n_unique().alias(name))
        counts.append(key.filter(condition).sum().alias(f"{name}#k"))
    return (
        rows.group_by(keys)
        .agg(
            *counts,
            pl.col("org").n_unique().alias("o"),
            pl.col("org").filter("regular").n_unique().alias("o_regular"),
            pl.col("region").filter(pl.col("region") != UNKNOWN_REGION).n_unique().alias("r"),
        )
        .collect()
    )


SOURCE = FactSource(
    NAME,
    build,
    aggregate,
    {
        "cxo_participants": ("n",),
        "cxo_developing_share": ("n_dev", "n"),
        "cxo_sme_share": ("n_small", "n_sized"),
        "cxo_organisations": ("o",),
        "cxo_regions": ("r",),
        "cxo_regular_organisations": ("o_regular",),
        "cxo_regular_share": ("o_regular", "o"),
    },
    {NAME: (_SQL, _SCHEMA)},
)
_PERSONS = "who attended a CxO meeting: the participation of named executives"
INDICATORS = (
    Indicator(
        "cxo_participants",
        N_("CxO participants"),
        N_("Participants of CxO meetings in the cell (a person at two meetings counts twice)."),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
        disclosure="protected",
        protects=_PERSONS,
    ),
    Indicator(
        "cxo_developing_share",
        N_("Share of CxO participants from developing countries"),
        N_(
            "Participants of CxO meetings from a developing country (on the meeting's start "
            "date), divided by all participants in the cell."
        ),
        "share",
        NAME,
        "Res. 68 resolves 3",
        DIMENSIONS,
        "participants from a developing country",
        "participants",
        disclosure="protected",
        protects=_PERSONS,
    ),
    Indicator(
        "cxo_sme_share",
        N_("Share of CxO participants from SMEs"),
        N_(
            "Participants of CxO meetings from a small or medium enterprise or a micro "
            "enterprise, divided by the participants in the cell whose organisation's size is "
            "known."
        ),
        "share",
        NAME,
        "Res. 68 resolves 5",
        DIMENSIONS,
        "participants from SMEs and micro enterprises",
        "participants of known organisation size",
        disclosure="protected",
        protects=_PERSONS,
    ),
    Indicator(
        "cxo_organisations",
        N_("Organisations at CxO meetings"),
        N_("Distinct organisations with at least one participant at a CxO meeting in the cell."),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "cxo_regions",
        N_("Regions represented at CxO meetings"),
        N_(
            "Distinct ITU regions of the participants' countries (on the meeting's start date) "
            "in the cell; participants of no known region are not counted."
        ),
        "count",
        NAME,
        "Res. 68 resolves 7",
        DIMENSIONS,
    ),
    Indicator(
        "cxo_regular_organisations",
        N_("Regular organisations at CxO meetings"),
        N_(
            "Distinct organisations in the cell that came to a CxO meeting, as CTO, other CxO or "
            "alternate, having come so to the CxO meeting just before it."
        ),
        "count",
        NAME,
        "Res. 68 resolves 1",
        DIMENSIONS,
    ),
    Indicator(
        "cxo_regular_share",
        N_("Share of regular organisations at CxO meetings"),
        N_(
            "Regular organisations (see cxo_regular_organisations) divided by the distinct "
            "organisations at CxO meetings in the cell."
        ),
        "share",
        NAME,
        "Res. 68 resolves 1",
        DIMENSIONS,
        "regular organisations",
        "organisations",
    ),
)

register(SOURCE, INDICATORS)
