"""The yearly report on the participation of developing countries (Res. 74 instructs 1 and 2,
Res. 44 programme 1, Res. 107 instructs 4)."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.charts.specs import world_map
from stdgap.documents.document import Chart, Report, Section, Table
from stdgap.i18n.translate import gettext as _
from stdgap.i18n.translate import use
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.reports.countries import country_values, label_countries
from stdgap.reports.figures import bar_figure, chart_font, line_figure
from stdgap.reports.notes import data_quality_section, method_section
from stdgap.reports.summary import annual_summary
from stdgap.reports.tables import Source, document_symbol, empty_report

KEY_FIGURES = (
    "participants",
    "attendances",
    "developing_participant_share",
    "developing_attendance_share",
    "developing_sector_members",
    "contributions",
    "developing_contribution_share",
    "leadership_held",
    "developing_leadership_held_share",
    "women_share",
    "women_leadership_held_share",
    "young_share",
    "newcomer_share",
    "remote_share",
    "fellowship_attendances",
)


def _key_figures(source: Source, year: int) -> Section:
    query = IndicatorRequest.of(KEY_FIGURES, ("year",), from_year=year - 1, to_year=year)
    table = source.table(
        _("Key figures, %(previous)s and %(year)s", previous=year - 1, year=year), query
    )
    table.transposed = True
    return Section(_("Key figures"), [], [table])


def _by(source: Source, year: int, dim: str, indicators: tuple[str, ...], caption: str) -> Table:
    return source.table(caption, IndicatorRequest.of(indicators, (dim,), {"year": str(year)}))


def _participation(source: Source, year: int) -> list[Section]:
    indicators = ("participants", "attendances", "contributions", "fellowship_attendances")
    region = _by(
        source, year, "region", indicators, _("Participation by ITU region, %(year)s", year=year)
    )
    status = _by(
        source,
        year,
        "status",
        (*indicators, "leadership_held", "drafting_stage_share"),
        _("Participation by development status, %(year)s", year=year),
    )
    classes = [
        _by(source, year, "ldc", indicators, _("Participation of LDCs, %(year)s", year=year)),
        _by(source, year, "lldc", indicators, _("Participation of LLDCs, %(year)s", year=year)),
        _by(source, year, "sids", indicators, _("Participation of SIDS, %(year)s", year=year)),
    ]
    return [
        Section(
            _("Participation by region and status"),
            [
                _(
                    "Attendances, contributions and leadership are attributed to the country of "
                    "the member a person attended for, contributed for or was nominated by, with "
                    "the country's classification on the meeting's (or the role's) start date."
                )
            ],
            [region, status],
            [
                bar_figure(
                    region, "attendances", _("Attendances by ITU region, %(year)s", year=year)
                )
            ],
        ),
        Section(
            _("Least developed, landlocked and small island developing countries"),
            [
                _(
                    "LDCs: least developed countries; LLDCs: landlocked developing countries; "
                    "SIDS: small island developing States, as classified on each meeting's date."
                )
            ],
            classes,
        ),
    ]


def _groups(source: Source, year: int) -> Section:
    indicators = (
        "participants",
        "attendances",
        "developing_attendance_share",
        "remote_share",
        "contributions",
        "developing_contribution_share",
    )
    table = _by(source, year, "group", indicators, _("Participation by group, %(year)s", year=year))
    chart = bar_figure(
        table,
        "developing_attendance_share",
        _("Developing-country share of attendances, %(year)s", year=year),
    )
    return Section(
        _("TSAG, study groups and regional groups"),
        [
            _(
                "Groups are listed in ITU order: TSAG, then the study groups with their "
                "regional groups."
            )
        ],
        [table],
        [chart],
    )


def _over_years(source: Source, year: int, indicators: tuple[str, ...], caption: str) -> Table:
    return source.table(caption, IndicatorRequest.of(indicators, ("year",), to_year=year))


def _trends(source: Source, year: int) -> list[Section]:
    contributions = _over_years(
        source,
        year,
        ("contributions", "developing_contribution_share", "drafting_stage_share"),
        _("Contributions by year"),
    )
    leadership = _over_years(
        source,
        year,
        (
            "leadership_held",
            "developing_leadership_held_share",
            "women_leadership_held_share",
            "leadership_positions",
        ),
        _("Chair and vice-chair positions by year"),
    )
    roles = _by(
        source,
        year,
        "role",
        ("roles_held", "developing_roles_held_share", "women_roles_held_share"),
        _("Positions held on %(date)s by role", date=source.reference_date(year)),
    )
    regions = _by(
        source,
        year,
        "region",
        (
            "leadership_held_share_of_total",
            "attendances_share_of_total",
            "contributions_share_of_total",
            "fellowship_attendances_share_of_total",
        ),
        _(
            "Each region's share of all positions, attendances, contributions and "
            "fellowships, %(year)s",
            year=year,
        ),
    )
    next_generation = _over_years(
        source,
        year,
        ("women_share", "young_share", "newcomer_share", "retention_rate"),
        _("Women, young experts, newcomers and retention by year"),
    )
    remote = _over_years(
        source,
        year,
        ("remote_share", "fellowship_attendances"),
        _("Remote participation and fellowships by year"),
    )
    fellowships = _by(
        source,
        year,
        "ldc",
        ("fellowship_attendances", "attendances"),
        _("Fellowships of LDCs and other countries, %(year)s", year=year),
    )
    return [
        Section(
            _("Contributions"),
            [
                _(
                    "The drafting-stage share tells whether contributions come at Question and "
                    "working-party level, where texts are written, or only at approval."
                )
            ],
            [contributions],
            [
                line_figure(
                    contributions,
                    ("developing_contribution_share", "drafting_stage_share"),
                    _("Contribution shares by year"),
                )
            ],
        ),
        Section(
            _("Leadership"),
            [
                _(
                    "Positions are counted as held on the reference date of each year (%(date)s "
                    "for %(year)s), as lists of office-holders are read: in an assembly year the "
                    "outgoing and the incoming chairs are not both counted. The last column counts "
                    "every position active on at least one day of the year, for comparison with "
                    "earlier reports. Chairs and vice-chairs are told apart, with the other "
                    "positions, by position.",
                    date=source.reference_date(year),
                    year=year,
                ),
                _(
                    "A developing share within one region is always 0 or 100 %; the share of "
                    "all tells how each region did. A contribution with sources in several "
                    "regions counts in each, so the regions' shares of contributions add up to "
                    "more than 100 %."
                ),
            ],
            [leadership, roles, regions],
            [
                line_figure(
                    leadership,
                    ("developing_leadership_held_share", "women_leadership_held_share"),
                    _("Leadership shares by year"),
                ),
                bar_figure(
                    regions,
                    "leadership_held_share_of_total",
                    _("Each region's share of all positions held, %(year)s", year=year),
                ),
            ],
        ),
        Section(
            _("Next-generation experts"),
            [
                _(
                    "Retention for a year counts the newcomers of that year who came back the "
                    "next year; the latest year has no retention figure yet."
                )
            ],
            [next_generation],
            [
                line_figure(
                    next_generation,
                    ("young_share", "newcomer_share", "retention_rate"),
                    _("Young experts, newcomers and retention by year"),
                )
            ],
        ),
        Section(
            _("Remote participation and fellowships"),
            [],
            [remote, fellowships],
            [line_figure(remote, ("remote_share",), _("Remote share of attendances by year"))],
        ),
    ]


def _map(source: Source, year: int) -> tuple[Section, Section]:
    title = _("Participants by country, %(year)s", year=year)
    table = _by(source, year, "country", ("participants",), title)
    values = country_values(source.engine, table)
    label_countries(source.engine, table)
    chart = Chart(
        title,
        _(
            "World map of the number of participants by country in %(year)s; %(count)s "
            "countries shown, suppressed and absent countries in grey.",
            year=year,
            count=len(values),
        ),
        world_map(title, values, _("Participants")),
    )
    chart.spec.setdefault("config", {})["font"] = chart_font()
    annex = Section(
        _("Annex: participants by country"),
        [_("Countries are listed by their names in the language of this report.")],
        [table],
    )
    return Section(_("Participation around the world"), [], [], [chart]), annex


def build_annual_report(
    engine: Engine, year: int, rule: Rule = PUBLIC, language: str = "en"
) -> Report:
    """The annual report on ``year``, written in ``language`` (a code of
    :mod:`stdgap.i18n.locales`); a year without meetings gives a report that says so."""
    with use(language):
        return _annual(engine, year, rule)


def _table(section: Section, number: int) -> Table:
    """A table of indicator cells that a section shows."""
    table = section.tables[number]
    assert isinstance(table, Table)
    return table


def _title(year: int) -> str:
    return _("Participation of developing countries in ITU-T, %(year)s", year=year)


def _annual(engine: Engine, year: int, rule: Rule) -> Report:
    source = Source.of(engine, rule)
    symbol = document_symbol("annual", year)
    subtitle = _(
        "Annual report under Res. 74 (instructs 1 and 2), Res. 44 (programme 1) and "
        "Res. 107 (instructs 4); %(method)s.",
        method=source.method_note(),
    )
    missing = source.missing_year(year)
    if missing is not None:
        return empty_report(_title(year), subtitle, symbol, missing)
    key = _key_figures(source, year)
    participation = _participation(source, year)
    groups = _groups(source, year)
    trends = _trends(source, year)
    world, by_country = _map(source, year)
    summary = Section(
        _("Executive summary"),
        annual_summary(source, year, _table(key, 0), _table(trends[1], 2), _table(groups, 0)),
    )
    sections = [
        summary,
        key,
        *participation,
        groups,
        *trends,
        world,
        method_section(source),
        data_quality_section(source, year),
        by_country,
    ]
    return Report(
        _title(year),
        subtitle,
        sections,
        symbol=symbol,
        subject=_("Participation of developing countries in ITU-T standardization"),
        keywords=[_("ITU-T"), _("standardization gap"), _("developing countries"), str(year)],
    )
