"""The yearly report on the participation of developing countries (Res. 74 instructs 1 and 2,
Res. 44 programme 1, Res. 107 instructs 4)."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.charts.specs import world_map
from stdgap.documents.document import Chart, Report, Section, Table, format_value
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.reports.countries import country_values, label_countries
from stdgap.reports.figures import bar_figure, line_figure
from stdgap.reports.notes import data_quality_section, method_section
from stdgap.reports.tables import Source

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


def _cell_text(table: Table, row: int, indicator: str) -> str:
    if not 0 <= row < len(table.rows):  # no such year in the data
        return "–"
    return format_value(table.rows[row][1][table.query.chosen.index(indicator)])


def _key_figures(source: Source, year: int) -> Section:
    query = IndicatorRequest.of(KEY_FIGURES, ("year",), from_year=year - 1, to_year=year)
    table = source.table(f"Key figures, {year - 1} and {year}", query)
    table.transposed = True
    latest = len(table.rows) - 1
    summary = (
        f"In {year}, {_cell_text(table, latest, 'participants')} people took part in "
        f"{_cell_text(table, latest, 'attendances')} meeting attendances; delegations of "
        f"developing countries made {_cell_text(table, latest, 'developing_attendance_share')} "
        f"of attendances and {_cell_text(table, latest, 'developing_contribution_share')} of "
        f"contributions, and held {_cell_text(table, latest, 'developing_leadership_held_share')}"
        f" of the chair and vice-chair positions held on {source.reference_date(year)}."
    )
    return Section("Key figures", [summary], [table])


def _by(source: Source, year: int, dim: str, indicators: tuple[str, ...], caption: str) -> Table:
    return source.table(caption, IndicatorRequest.of(indicators, (dim,), {"year": str(year)}))


def _participation(source: Source, year: int) -> list[Section]:
    indicators = ("participants", "attendances", "contributions", "fellowship_attendances")
    region = _by(source, year, "region", indicators, f"Participation by ITU region, {year}")
    status = _by(
        source,
        year,
        "status",
        (*indicators, "leadership_held", "drafting_stage_share"),
        f"Participation by development status, {year}",
    )
    classes = [
        _by(source, year, dim, indicators, f"Participation by {label}, {year}")
        for dim, label in (("ldc", "LDC status"), ("lldc", "LLDC status"), ("sids", "SIDS status"))
    ]
    return [
        Section(
            "Participation by region and status",
            [
                "Attendances, contributions and leadership are attributed to the country of the "
                "member a person attended for, contributed for or was nominated by, with the "
                "country's classification on the meeting's (or the role's) start date."
            ],
            [region, status],
            [bar_figure(region, "attendances", f"Attendances by ITU region, {year}")],
        ),
        Section("Least developed, landlocked and small island developing countries", [], classes),
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
    table = _by(source, year, "group", indicators, f"Participation by group, {year}")
    chart = bar_figure(
        table, "developing_attendance_share", f"Developing-country share of attendances, {year}"
    )
    return Section("TSAG, study groups and regional groups", [], [table], [chart])


def _over_years(source: Source, year: int, indicators: tuple[str, ...], caption: str) -> Table:
    return source.table(caption, IndicatorRequest.of(indicators, ("year",), to_year=year))


def _trends(source: Source, year: int) -> list[Section]:
    contributions = _over_years(
        source,
        year,
        ("contributions", "developing_contribution_share", "drafting_stage_share"),
        "Contributions by year",
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
        "Chair and vice-chair positions by year",
    )
    roles = _by(
        source,
        year,
        "role",
        ("roles_held", "developing_roles_held_share", "women_roles_held_share"),
        f"Positions held on {source.reference_date(year)} by role",
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
        f"Each region's share of all positions, attendances, contributions and fellowships, {year}",
    )
    next_generation = _over_years(
        source,
        year,
        ("women_share", "young_share", "newcomer_share", "retention_rate"),
        "Women, young experts, newcomers and retention by year",
    )
    remote = _over_years(
        source,
        year,
        ("remote_share", "fellowship_attendances"),
        "Remote participation and fellowships by year",
    )
    fellowships = _by(
        source,
        year,
        "ldc",
        ("fellowship_attendances", "attendances"),
        f"Fellowships by LDC status, {year}",
    )
    return [
        Section(
            "Contributions",
            [
                "The drafting-stage share tells whether contributions come at Question and "
                "working-party level, where texts are written, or only at approval."
            ],
            [contributions],
            [
                line_figure(
                    contributions,
                    ("developing_contribution_share", "drafting_stage_share"),
                    "Contribution shares by year",
                )
            ],
        ),
        Section(
            "Leadership",
            [
                "Positions are counted as held on the reference date of each year "
                f"({source.reference_date(year)} for {year}), as lists of office-holders are "
                "read: in an assembly year the outgoing and the incoming chairs are not both "
                "counted. The last column counts every position active on at least one day of "
                "the year (leadership_positions), for comparison with earlier reports. Chairs "
                "and vice-chairs are told apart, with the other positions, by role.",
                "A developing share within one region is always 0 % or 100 %; the share of all "
                "tells how each region did. A contribution with sources in several regions "
                "counts in each, so the regions' shares of contributions add up to more than "
                "100 %.",
            ],
            [leadership, roles, regions],
            [
                line_figure(
                    leadership,
                    ("developing_leadership_held_share", "women_leadership_held_share"),
                    "Leadership shares by year",
                ),
                bar_figure(
                    regions,
                    "leadership_held_share_of_total",
                    f"Each region's share of all positions held, {year}",
                ),
            ],
        ),
        Section(
            "Next-generation experts",
            [
                "Retention for a year counts the newcomers of that year who came back the next "
                "year; the latest year has no retention figure yet."
            ],
            [next_generation],
            [
                line_figure(
                    next_generation,
                    ("young_share", "newcomer_share", "retention_rate"),
                    "Young experts, newcomers and retention by year",
                )
            ],
        ),
        Section(
            "Remote participation and fellowships",
            [],
            [remote, fellowships],
            [line_figure(remote, ("remote_share",), "Remote share of attendances by year")],
        ),
    ]


def _map(source: Source, year: int) -> tuple[Section, Section]:
    table = _by(source, year, "country", ("participants",), f"Participants by country, {year}")
    values = country_values(source.engine, table)
    label_countries(source.engine, table)
    chart = Chart(
        f"Participants by country, {year}",
        f"World map of the number of participants by country in {year}; "
        f"{len(values)} countries shown, suppressed and absent countries in grey.",
        world_map(f"Participants by country, {year}", values, "participants"),
    )
    annex = Section(
        "Annex: participants by country",
        ["Countries are named with their ISO alpha-3 code in brackets."],
        [table],
    )
    return Section("Participation around the world", [], [], [chart]), annex


def build_annual_report(engine: Engine, year: int, rule: Rule = PUBLIC) -> Report:
    source = Source.of(engine, rule)
    source.check_year(year)
    world, by_country = _map(source, year)
    sections = [
        _key_figures(source, year),
        *_participation(source, year),
        _groups(source, year),
        *_trends(source, year),
        world,
        method_section(source),
        data_quality_section(source, year),
        by_country,
    ]
    return Report(
        f"Participation of developing countries in ITU-T, {year}",
        "Annual report under Res. 74 (instructs 1 and 2), Res. 44 (programme 1) and "
        f"Res. 107 (instructs 4); {source.method_note()}.",
        sections,
    )
