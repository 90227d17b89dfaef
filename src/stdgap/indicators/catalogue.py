"""The catalogue of indicators: the single source of their ids, meanings and mandates.

Everything else (computation, CLI help, ``docs/indicators.md``, the web) reads from here. The ids
and definitions follow the contract in INDICATORS.md. Titles, definitions and the help of the
dimensions are English, marked with ``N_`` for translation; pages translate them where shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stdgap.i18n.translate import N_
from stdgap.reference.vocabulary import ITU_REGIONS, UNKNOWN_REGION

Unit = Literal["count", "share"]

#: Every dimension, in the order cells are keyed and columns printed.
DIMENSIONS: tuple[str, ...] = (
    "year",
    "group",
    "region",
    "status",
    "ldc",
    "lldc",
    "sids",
    "member_type",
    "gender",
    "country",
)

DIMENSION_HELP: dict[str, str] = {
    "year": N_(
        "year of the meeting's start (for roles: every year the role is active); an integer"
    ),
    "group": N_("code of the study group or other group (`SG5`, `TSAG`, `SG3RG-AFR` …)"),
    "region": N_("ITU/BDT region of the attributed country on the date; `unknown` if it has none"),
    "status": N_("`developing` or `developed`, of the attributed country on the date"),
    "ldc": N_("`true`/`false`: least developed country on the date"),
    "lldc": N_("`true`/`false`: landlocked developing country on the date"),
    "sids": N_("`true`/`false`: small island developing State on the date"),
    "member_type": N_("type of the attributed member (`member_state`, `sector_member`, …)"),
    "gender": N_("`F`, `M`, `X` or `unknown`, of the person"),
    "country": N_(
        "ISO 3166-1 alpha-3 code of the attributed country (`KEN`, `CHE` …): the "
        "member's for attendance, each source member's own for contributions, the nominating "
        "member's for roles"
    ),
}

REGIONS: tuple[str, ...] = (*ITU_REGIONS, UNKNOWN_REGION)
STATUSES: tuple[str, ...] = ("developing", "developed")
GENDERS: tuple[str, ...] = ("F", "M", "X", "unknown")
MEMBER_TYPES: tuple[str, ...] = ("member_state", "sector_member", "associate", "academia")
BOOLEANS: tuple[str, ...] = ("true", "false")

#: The closed set of values of a dimension (None: any value seen in the data).
DOMAINS: dict[str, tuple[str, ...] | None] = {
    "year": None,
    "group": None,
    "region": REGIONS,
    "status": STATUSES,
    "ldc": BOOLEANS,
    "lldc": BOOLEANS,
    "sids": BOOLEANS,
    "member_type": MEMBER_TYPES,
    "gender": GENDERS,
    "country": None,
}

_ALL = DIMENSIONS
_NO_GENDER = tuple(d for d in DIMENSIONS if d != "gender")


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    definition: str
    unit: Unit
    facts: str  # the name of its fact source (stdgap.indicators.sources)
    clause: str
    dimensions: tuple[str, ...]
    numerator: str = ""
    denominator: str = ""

    @property
    def is_share(self) -> bool:
        return self.unit == "share"


_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "participants",
        N_("Participants"),
        N_("Number of distinct persons with at least one attendance in the cell."),
        "count",
        "attendance",
        "Res. 44 programme 1",
        _ALL,
    ),
    Indicator(
        "attendances",
        N_("Attendances"),
        N_("Number of attendance rows (one person at one meeting for one member) in the cell."),
        "count",
        "attendance",
        "Res. 44 programme 1",
        _ALL,
    ),
    Indicator(
        "developing_participant_share",
        N_("Share of participants from developing countries"),
        N_(
            "Persons with at least one attendance in the cell made for a member of a developing "
            "country (on the meeting's start date), divided by all distinct persons in the cell."
        ),
        "share",
        "attendance",
        "Res. 44 resolves 1",
        _ALL,
        "persons with an attendance for a developing country",
        "distinct persons",
    ),
    Indicator(
        "developing_attendance_share",
        N_("Share of attendances for developing countries"),
        N_(
            "Attendances made for a member of a developing country, divided by all attendances in "
            "the cell."
        ),
        "share",
        "attendance",
        "Res. 44 resolves 1",
        _ALL,
        "attendances for a developing country",
        "attendances",
    ),
    Indicator(
        "developing_sector_members",
        N_("Sector Members from developing countries"),
        N_(
            "Distinct members of type `sector_member` from a developing country with at least one "
            "attendance in the cell."
        ),
        "count",
        "attendance",
        "Res. 44 programme 2",
        _ALL,
    ),
    Indicator(
        "remote_share",
        N_("Share of remote attendances"),
        N_("Attendances in mode `remote`, divided by all attendances in the cell."),
        "share",
        "attendance",
        "Res. 74 instructs 2",
        _ALL,
        "remote attendances",
        "attendances",
    ),
    Indicator(
        "fellowship_attendances",
        N_("Attendances on a fellowship"),
        N_("Attendances marked as made on a fellowship."),
        "count",
        "attendance",
        "Res. 74 instructs 1",
        _ALL,
    ),
    Indicator(
        "women_share",
        N_("Share of women among participants"),
        N_(
            "Distinct persons of gender `F`, divided by the distinct persons in the cell whose "
            "gender is known (`F`, `M` or `X`)."
        ),
        "share",
        "attendance",
        "Res. 44 resolves 6",
        _ALL,
        "women",
        "persons of known gender",
    ),
    Indicator(
        "young_share",
        N_("Share of young participants"),
        N_(
            "Distinct persons aged under 35 in the year of one of their meetings in the cell "
            "(meeting year − birth year < 35), divided by the distinct persons in the cell whose "
            "birth year is known. A person counts once per cell."
        ),
        "share",
        "attendance",
        "Res. 107 instructs 4",
        _ALL,
        "persons under 35",
        "persons of known birth year",
    ),
    Indicator(
        "newcomer_share",
        N_("Share of newcomers"),
        N_(
            "Distinct persons whose first attendance ever (over all stored data: the attendances "
            "on their earliest meeting start date) is in the cell, divided by all distinct persons "
            "in the cell."
        ),
        "share",
        "attendance",
        "Res. 107 instructs 4",
        _ALL,
        "persons attending for the first time",
        "distinct persons",
    ),
    Indicator(
        "retention_rate",
        N_("Retention of newcomers"),
        N_(
            "Of the persons whose first attendance ever is in the cell (whose year is then that "
            "first year Y), those with any attendance in year Y + 1, in any group and for any "
            "member, divided by all of them."
        ),
        "share",
        "attendance",
        "Res. 107 instructs 4",
        _ALL,
        "newcomers attending again the next year",
        "newcomers",
    ),
    Indicator(
        "contributions",
        N_("Contributions"),
        N_(
            "Number of distinct contributions in the cell, placed by their meeting's year and "
            "group; with a country dimension, a contribution counts in every cell one of its "
            "sources belongs to."
        ),
        "count",
        "contributions",
        "Res. 44 programme 1",
        _NO_GENDER,
    ),
    Indicator(
        "developing_contribution_share",
        N_("Share of contributions from developing countries"),
        N_(
            "For each contribution in the cell, its sources from developing countries divided by "
            "all its sources; the sum of these over the cell's contributions divided by the "
            "number of contributions in the cell (a contribution is in every cell one of its "
            "sources is in)."
        ),
        "share",
        "contributions",
        "Res. 44 programme 1",
        _NO_GENDER,
        "sum over contributions of their developing sources' share",
        "contributions",
    ),
    Indicator(
        "drafting_stage_share",
        N_("Share of contribution weight at the drafting stages"),
        N_(
            "Contribution weight (1 per contribution, split equally among its sources, each source "
            "in the cell of its own country) submitted at level `question` or `working_party`, "
            "divided by all contribution weight in the cell."
        ),
        "share",
        "contributions",
        "Res. 44 programme 1",
        _NO_GENDER,
        "contribution weight at question or working party level",
        "contribution weight",
    ),
    Indicator(
        "leadership_positions",
        N_("Chair and vice-chair positions"),
        N_(
            "Distinct chair and vice-chair roles active on at least one day of the year (start on "
            "or before 31 December, end blank or on or after 1 January); a role counts in each "
            "year it is active."
        ),
        "count",
        "roles",
        "Res. 44 recognizing",
        _ALL,
    ),
    Indicator(
        "developing_leadership_share",
        N_("Share of leadership positions held for developing countries"),
        N_(
            "Chair and vice-chair roles whose nominating member is from a developing country (on "
            "the role's start date), divided by all chair and vice-chair roles in the cell."
        ),
        "share",
        "roles",
        "Res. 44 resolves 4",
        _ALL,
        "roles nominated by a developing country",
        "chair and vice-chair roles",
    ),
    Indicator(
        "women_leadership_share",
        N_("Share of leadership positions held by women"),
        N_(
            "Chair and vice-chair roles held by persons of gender `F`, divided by those held by "
            "persons of known gender."
        ),
        "share",
        "roles",
        "Res. 44 resolves 6",
        _ALL,
        "roles held by women",
        "roles held by persons of known gender",
    ),
    Indicator(
        "gender_unknown_share",
        N_("Share of participants of unknown gender"),
        N_(
            "Distinct persons whose gender is not recorded (blank), divided by all distinct "
            "persons in the cell: the data quality of `women_share`."
        ),
        "share",
        "attendance",
        "Res. 74 instructs 2",
        _ALL,
        "persons of unknown gender",
        "distinct persons",
    ),
    Indicator(
        "birth_year_unknown_share",
        N_("Share of participants of unknown birth year"),
        N_(
            "Distinct persons with no recorded birth year, divided by all distinct persons in the "
            "cell: the data quality of `young_share`."
        ),
        "share",
        "attendance",
        "Res. 74 instructs 2",
        _ALL,
        "persons of unknown birth year",
        "distinct persons",
    ),
)

CATALOGUE: dict[str, Indicator] = {indicator.id: indicator for indicator in _INDICATORS}
