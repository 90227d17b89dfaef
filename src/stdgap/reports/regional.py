"""The mobilization and participation report a region's vice-chairs and regional office present
(Res. 44 resolves further 2 ii): who in the region took part, where, with what, and who not yet."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from stdgap.charts.specs import world_map
from stdgap.documents.document import Chart, Report, Section
from stdgap.i18n.translate import _l
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.reference.queries import member_states_in_region
from stdgap.reference.vocabulary import ITU_REGIONS, region_named
from stdgap.reports.countries import country_values, label_countries
from stdgap.reports.figures import bar_figure, line_figure
from stdgap.reports.notes import method_section
from stdgap.reports.tables import Source

COUNTRY_INDICATORS = (
    "participants",
    "attendances",
    "contributions",
    "leadership_held",
    "fellowship_attendances",
)
#: How the region did among all: its share of each total, beside every other region's.
SHARES_OF_ALL = (
    "participants_share_of_total",
    "attendances_share_of_total",
    "contributions_share_of_total",
    "leadership_held_share_of_total",
    "fellowship_attendances_share_of_total",
)


class UnknownRegion(ValueError):
    pass


def canonical_region(region: str) -> str:
    """The ITU region's own name for ``region`` (any spelling); UnknownRegion otherwise."""
    named = region_named(region)
    if named is None:
        raise UnknownRegion(
            _l(
                "unknown region '%(region)s'; the regions are %(regions)s",
                region=region,
                regions=", ".join(ITU_REGIONS),
            )
        )
    return named


def build_region_report(engine: Engine, region: str, year: int, rule: Rule = PUBLIC) -> Report:
    region = canonical_region(region)
    source = Source.of(engine, rule)
    source.check_year(year)
    where = {"region": region, "year": str(year)}
    countries = source.table(
        f"Countries of the {region} region that took part, {year}",
        IndicatorRequest.of(COUNTRY_INDICATORS, ("country",), where),
    )
    label_countries(engine, countries)
    attendances = COUNTRY_INDICATORS.index("attendances")
    present = {  # a country in the table for a position held, without attendance, is absent
        label.rsplit("(", 1)[1].rstrip(")")
        for (label,), cells in countries.rows
        if (cell := cells[attendances]) is not None and cell.value
    }
    absent = [
        name
        for alpha3, name in member_states_in_region(engine, region, date(year, 7, 1))
        if alpha3 not in present
    ]
    groups = source.table(
        f"Where the region took part: groups, {year}",
        IndicatorRequest.of(("participants", "attendances", "contributions"), ("group",), where),
    )
    member_types = source.table(
        f"Who took part: member types, {year}",
        IndicatorRequest.of(
            ("participants", "attendances", "contributions"), ("member_type",), where
        ),
    )
    trend = source.table(
        f"The {region} region over the years",
        IndicatorRequest.of(
            ("participants", "attendances", "contributions", "remote_share"),
            ("year",),
            {"region": region},
            to_year=year,
        ),
    )
    among_all = source.table(
        f"The {region} region among all regions: shares of every total, {year}",
        IndicatorRequest.of(SHARES_OF_ALL, ("region",), {"year": str(year)}),
    )
    map_table = source.table(
        f"Participants by country, {year}",
        IndicatorRequest.of(("participants",), ("country",), where),
    )
    chart = Chart(
        f"Participants from the {region} region by country, {year}",
        f"Map of participants by country of the {region} region in {year}.",
        world_map(
            f"Participants from the {region} region by country, {year}",
            country_values(engine, map_table),
            "participants",
        ),
    )
    not_yet = (
        "ITU Member States of the region with no attendance in the year: " + ", ".join(absent) + "."
        if absent
        else "Every ITU Member State of the region took part in the year."
    )
    return Report(
        f"Mobilization and participation of the {region} region in ITU-T, {year}",
        f"Regional report (Res. 44 resolves further 2 ii); {source.method_note()}.",
        [
            Section("Countries that took part", [], [countries], [chart]),
            Section("Who has not yet taken part", [not_yet]),
            Section(
                "Among all regions",
                [
                    "Each region's share of all participants, attendances, contributions, "
                    f"positions held on {source.reference_date(year)} and fellowships."
                ],
                [among_all],
                [
                    bar_figure(
                        among_all,
                        "attendances_share_of_total",
                        f"Each region's share of all attendances, {year}",
                    )
                ],
            ),
            Section(
                "Where and with what",
                [],
                [groups, member_types],
                [
                    bar_figure(
                        groups,
                        "attendances",
                        f"Attendances of the {region} region by group, {year}",
                    )
                ],
            ),
            Section(
                "Over the years",
                [],
                [trend],
                [
                    line_figure(
                        trend, ("participants", "attendances"), f"The {region} region by year"
                    )
                ],
            ),
            method_section(source),
        ],
    )
