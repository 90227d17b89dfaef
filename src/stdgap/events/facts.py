"""The fact source ``event_attendance``: registrations for events (not cancelled) and who came,
by the year and group of the event's meeting and the registrant's country (its region and
classes on the event's start date, ITU member type of the member they registered for).
Registered with the indicator engine when the engine first needs its sources."""

from __future__ import annotations

import polars as pl

from stdgap.i18n.translate import N_
from stdgap.indicators.catalogue import REGIONS, Indicator
from stdgap.indicators.classify import CLASS_COLUMNS, classify
from stdgap.indicators.context import Codes, Context, coded
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.sources import register

NAME = "event_attendance"
TABLE = "event_registrations"
DIMENSIONS = ("year", "group", "region", "status", "ldc", "lldc", "sids", "member_type", "country")
_SQL = (
    "SELECT r.id, e.meeting_id, m.id AS member_pk, r.country, "
    "CASE WHEN r.status = 'confirmed' THEN 1 ELSE 0 END AS confirmed, "
    "CASE WHEN r.attended THEN 1 ELSE 0 END AS attended "
    "FROM event_registrations r JOIN events e ON e.id = r.event_id "
    "LEFT JOIN members m ON m.member_id = r.member_ref "
    "WHERE r.status <> 'cancelled'"
)
_SCHEMA = {
    "id": pl.Int32,
    "meeting_id": pl.Int32,
    "member_pk": pl.Int32,
    "country": pl.String,
    "confirmed": pl.Int8,
    "attended": pl.Int8,
}


def build(ctx: Context) -> pl.DataFrame:
    """One row per registration: its meeting's year and group, the registrant's country (else
    the member's) with its classes on the start date, the member's type."""
    rows = (
        ctx.tables.extra[TABLE]
        .rename({"meeting_id": "meeting", "member_pk": "member"})
        .with_columns(pl.col("confirmed", "attended").cast(pl.Boolean))
    )
    rows = rows.join(ctx.meetings, on="meeting", how="left")
    members = ctx.tables.members.select(
        pl.col("id").alias("member"), pl.col("country").alias("member_country")
    )
    types = {name: code for code, name in enumerate(ctx.codes.member_types)}
    rows = rows.join(
        ctx.tables.members.select(
            pl.col("id").alias("member"), coded("type", types, pl.UInt8).alias("member_type")
        ),
        on="member",
        how="left",
    ).join(members, on="member", how="left")
    rows = rows.with_columns(pl.coalesce("country", "member_country").alias("alpha3"))
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
        else pl.lit(None, pl.UInt16).alias("country")
    )
    return rows.select(
        "id", "year", "group", "member_type", "country", *CLASS_COLUMNS, "confirmed", "attended"
    )


def aggregate(rows: pl.LazyFrame, keys: list[str], codes: Codes) -> pl.DataFrame:
    return (
        rows.group_by(keys)
        .agg(
            pl.len().alias("er"),
            pl.col("dev").sum().alias("er_dev"),
            pl.col("confirmed").sum().alias("er_confirmed"),
            pl.col("attended").sum().alias("ea"),
            (pl.col("attended") & pl.col("dev")).sum().alias("ea_dev"),
        )
        .collect()
    )


SOURCE = FactSource(
    NAME,
    build,
    aggregate,
    {
        "event_registrations": ("er",),
        "event_attendances": ("ea",),
        "event_attendance_rate": ("ea", "er_confirmed"),
        "developing_event_registration_share": ("er_dev", "er"),
        "developing_event_attendance_share": ("ea_dev", "ea"),
    },
    {TABLE: (_SQL, _SCHEMA)},
)
CLAUSE = "Res. 44 instructs 10; Res. 74"
INDICATORS = (
    Indicator(
        "event_registrations",
        N_("Event registrations"),
        N_(
            "Registrations for events (workshops, training, webinars …) that are confirmed or "
            "waitlisted, by the registrant's country (else the member's)."
        ),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "event_attendances",
        N_("Event attendances"),
        N_("Registrations for events whose registrant came (marked by the officer)."),
        "count",
        NAME,
        CLAUSE,
        DIMENSIONS,
    ),
    Indicator(
        "event_attendance_rate",
        N_("Event attendance rate"),
        N_("Registrants who came, divided by the confirmed registrations in the cell."),
        "share",
        NAME,
        CLAUSE,
        DIMENSIONS,
        "registrants who came",
        "confirmed registrations",
    ),
    Indicator(
        "developing_event_registration_share",
        N_("Share of event registrations from developing countries"),
        N_(
            "Event registrations whose country is developing on the event's start date, divided "
            "by all event registrations in the cell."
        ),
        "share",
        NAME,
        CLAUSE,
        DIMENSIONS,
        "registrations from developing countries",
        "registrations",
    ),
    Indicator(
        "developing_event_attendance_share",
        N_("Share of event attendances from developing countries"),
        N_(
            "Event attendances whose country is developing on the event's start date, divided by "
            "all event attendances in the cell."
        ),
        "share",
        NAME,
        CLAUSE,
        DIMENSIONS,
        "attendances from developing countries",
        "attendances",
    ),
)
register(SOURCE, INDICATORS)
