"""The mobilization and participation report a region's vice-chairs and regional office present
(Res. 44 resolves further 2 ii): who in the region took part, where, with what, and who not yet."""

from __future__ import annotations

from datetime import date

from babel.lists import format_list
from sqlalchemy import Engine

from stdgap.documents.document import Chart, Report, Section, Table
from stdgap.documents.labels import region_label
from stdgap.documents.order import ordered
from stdgap.i18n.translate import _l, current, ngettext, use
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.reference.queries import member_states_in_region
from stdgap.reference.vocabulary import ITU_REGIONS, region_named
from stdgap.reports.countries import label_countries, names
from stdgap.reports.figures import bar_figure, chart_font, line_figure
from stdgap.reports.maps import ABSENT, SUPPRESSED, TOOK_PART, region_map
from stdgap.reports.notes import method_section
from stdgap.reports.tables import Source, document_symbol, empty_report

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


def build_region_report(
    engine: Engine, region: str, year: int, rule: Rule = PUBLIC, language: str = "en"
) -> Report:
    """The report of ``region`` on ``year``, written in ``language``; a year without meetings
    gives a report that says so."""
    region = canonical_region(region)
    with use(language):
        return _regional(engine, region, year, rule)


def _map(engine: Engine, region: str, year: int, table: Table, states: list[str]) -> Chart:
    """The region's map: each country of the region that took part, did not, or whose
    participants are too few to show."""
    known = names(engine)
    categories: dict[str, str] = {}
    for alpha3 in states:
        if alpha3 in known:
            categories[known[alpha3][0]] = ABSENT
    for (alpha3,), cells in table.rows:
        cell = cells[0]
        if alpha3 not in known or cell is None:
            continue
        if cell.suppressed:
            categories[known[alpha3][0]] = SUPPRESSED
        elif cell.value:
            categories[known[alpha3][0]] = TOOK_PART
    title = _(
        "Participants from the %(region)s region by country, %(year)s",
        region=region_label(region),
        year=year,
    )
    counts = {
        category: list(categories.values()).count(category)
        for category in (TOOK_PART, ABSENT, SUPPRESSED)
    }
    alt = _(
        "Map of the %(region)s region in %(year)s: %(took_part)s countries took part, "
        "%(absent)s Member States did not, and %(suppressed)s took part with too few "
        "participants to show; countries outside the region are in light grey.",
        region=region_label(region),
        year=year,
        took_part=counts[TOOK_PART],
        absent=counts[ABSENT],
        suppressed=counts[SUPPRESSED],
    )
    spec = region_map(title, categories, {m49: name for m49, name in known.values()})
    spec.setdefault("config", {})["font"] = chart_font()
    return Chart(title, alt, spec)


def _regional(engine: Engine, region: str, year: int, rule: Rule) -> Report:
    source = Source.of(engine, rule)
    label = region_label(region)
    title = _(
        "Mobilization and participation of the %(region)s region in ITU-T, %(year)s",
        region=label,
        year=year,
    )
    subtitle = _(
        "Regional report (Res. 44 resolves further 2 ii); %(method)s.", method=source.method_note()
    )
    symbol = document_symbol("region", year, region)
    missing = source.missing_year(year)
    if missing is not None:
        return empty_report(title, subtitle, symbol, missing)
    where = {"region": region, "year": str(year)}
    countries = source.table(
        _("Countries of the %(region)s region that took part, %(year)s", region=label, year=year),
        IndicatorRequest.of(COUNTRY_INDICATORS, ("country",), where),
    )
    label_countries(engine, countries)
    attendances = COUNTRY_INDICATORS.index("attendances")
    present = {  # a country in the table for a position held, without attendance, is absent
        alpha3
        for (alpha3,), cells in countries.rows
        if (cell := cells[attendances]) is not None and cell.value
    }
    known = names(engine)
    states = [alpha3 for alpha3, _name in member_states_in_region(engine, region, date(year, 7, 1))]
    absent = ordered(
        "country",
        [known[alpha3][1] for alpha3 in states if alpha3 not in present and alpha3 in known],
    )
    groups = source.table(
        _("Where the region took part: groups, %(year)s", year=year),
        IndicatorRequest.of(("participants", "attendances", "contributions"), ("group",), where),
    )
    member_types = source.table(
        _("Who took part: member types, %(year)s", year=year),
        IndicatorRequest.of(
            ("participants", "attendances", "contributions"), ("member_type",), where
        ),
    )
    trend = source.table(
        _("The %(region)s region over the years", region=label),
        IndicatorRequest.of(
            ("participants", "attendances", "contributions", "remote_share"),
            ("year",),
            {"region": region},
            to_year=year,
        ),
    )
    among_all = source.table(
        _(
            "The %(region)s region among all regions: shares of every total, %(year)s",
            region=label,
            year=year,
        ),
        IndicatorRequest.of(SHARES_OF_ALL, ("region",), {"year": str(year)}),
    )
    map_table = source.table(
        _("Participants by country, %(year)s", year=year),
        IndicatorRequest.of(("participants",), ("country",), where),
    )
    chart = _map(engine, region, year, map_table, states)
    not_yet = (
        ngettext(
            "%(num)s ITU Member State of the region had no attendance in the year: %(names)s.",
            "%(num)s ITU Member States of the region had no attendance in the year: %(names)s.",
            len(absent),
            num=len(absent),
            names=format_list(absent, locale=current().babel),
        )
        if absent
        else _("Every ITU Member State of the region took part in the year.")
    )
    return Report(
        title,
        subtitle,
        [
            Section(_("Countries that took part"), [], [countries], [chart]),
            Section(_("Who has not yet taken part"), [not_yet]),
            Section(
                _("Among all regions"),
                [
                    _(
                        "Each region's share of all participants, attendances, contributions, "
                        "positions held on %(date)s and fellowships.",
                        date=source.reference_date(year),
                    )
                ],
                [among_all],
                [
                    bar_figure(
                        among_all,
                        "attendances_share_of_total",
                        _("Each region's share of all attendances, %(year)s", year=year),
                    )
                ],
            ),
            Section(
                _("Where and with what"),
                [],
                [groups, member_types],
                [
                    bar_figure(
                        groups,
                        "attendances",
                        _(
                            "Attendances of the %(region)s region by group, %(year)s",
                            region=label,
                            year=year,
                        ),
                    )
                ],
            ),
            Section(
                _("Over the years"),
                [],
                [trend],
                [
                    line_figure(
                        trend,
                        ("participants", "attendances"),
                        _("The %(region)s region by year", region=label),
                    )
                ],
            ),
            method_section(source),
        ],
        symbol=symbol,
        subject=_("Participation of a region's countries in ITU-T standardization"),
        keywords=[_("ITU-T"), _("standardization gap"), label, str(year)],
    )
