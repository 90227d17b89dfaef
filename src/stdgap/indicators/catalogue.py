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
#: What an indicator's cells disclose: public record of a standards body (who chairs which group,
#: which member submitted which contribution, which member attended which meeting), published
#: exactly; or facts about persons (gender, age, newcomer status, fellowship receipt), protected.
Disclosure = Literal["public_record", "protected"]

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
    "role",
)

#: Dimensions that describe persons: any cell split or filtered by one is protected.
PROTECTED_DIMENSIONS: frozenset[str] = frozenset({"gender"})

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
    "role": N_(
        "the position held in the group (`chair`, `vice_chair`, `rapporteur`, "
        "`associate_rapporteur`, `editor`, `liaison_rapporteur`); indicators of roles only: "
        "the chair and vice-chair ones have cells for those two, `roles_held` and its shares "
        "for every position"
    ),
}

REGIONS: tuple[str, ...] = (*ITU_REGIONS, UNKNOWN_REGION)
STATUSES: tuple[str, ...] = ("developing", "developed")
GENDERS: tuple[str, ...] = ("F", "M", "X", "unknown")
MEMBER_TYPES: tuple[str, ...] = ("member_state", "sector_member", "associate", "academia")
BOOLEANS: tuple[str, ...] = ("true", "false")
#: The positions of the roles file (DATA-FORMATS.md) in a group: ``leadership_*`` indicators
#: count chairs and vice-chairs, ``roles_held`` every one of them. Mentors (a role of the
#: programmes, not a position in a group) are not among them.
ROLES: tuple[str, ...] = (
    "chair",
    "vice_chair",
    "rapporteur",
    "associate_rapporteur",
    "editor",
    "liaison_rapporteur",
)
LEADERSHIP_ROLES: tuple[str, ...] = ("chair", "vice_chair")

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
    "role": ROLES,
}

SHARE_OF_TOTAL = "_share_of_total"

_ALL = tuple(d for d in DIMENSIONS if d != "role")
_NO_GENDER = tuple(d for d in _ALL if d != "gender")
_LEADERSHIP = (*_ALL, "role")


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
    disclosure: Disclosure = "public_record"
    #: For a protected indicator: what it would tell about persons (docs/indicators.md).
    protects: str = ""
    #: For an indicator of roles: the roles it counts (its cells by ``role`` are those).
    roles: tuple[str, ...] = ()

    @property
    def is_share(self) -> bool:
        return self.unit == "share"

    @property
    def protected(self) -> bool:
        return self.disclosure == "protected"

    @property
    def of_total(self) -> bool:
        """A share of the total (``<count>_share_of_total``): its numerator is the cell's own
        count, so that count is its size, not the total."""
        return self.id.endswith(SHARE_OF_TOTAL)


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
        disclosure="protected",
        protects="who travelled on a fellowship: financial support received by a person",
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
        disclosure="protected",
        protects="the gender of persons",
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
        disclosure="protected",
        protects="the age of persons",
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
        disclosure="protected",
        protects="a person's history of attendance (who came for the first time)",
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
        disclosure="protected",
        protects="a person's history of attendance (who came back)",
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
        _LEADERSHIP,
        roles=LEADERSHIP_ROLES,
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
        _LEADERSHIP,
        "roles nominated by a developing country",
        "chair and vice-chair roles",
        roles=LEADERSHIP_ROLES,
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
        _LEADERSHIP,
        "roles held by women",
        "roles held by persons of known gender",
        disclosure="protected",
        protects="the gender of the persons holding positions",
        roles=LEADERSHIP_ROLES,
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
        disclosure="protected",
        protects="whether a person gave their gender",
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
        disclosure="protected",
        protects="whether a person gave their birth year",
    ),
    Indicator(
        "leadership_held",
        N_("Chair and vice-chair positions held on the reference date"),
        N_(
            "Distinct chair and vice-chair roles held on the reference date of the year (31 "
            "December unless the store setting `leadership_reference_date` says otherwise): "
            "started on or before that date and not ended by it (a role that ends on the date is "
            "no longer held; one that starts on it is). Unlike `leadership_positions`, outgoing "
            "and incoming office-holders of an assembly year are not both counted."
        ),
        "count",
        "roles",
        "Res. 44 recognizing",
        _LEADERSHIP,
        roles=LEADERSHIP_ROLES,
    ),
    Indicator(
        "developing_leadership_held_share",
        N_("Share of positions held on the reference date for developing countries"),
        N_(
            "Of the chair and vice-chair roles held on the reference date, those whose nominating "
            "member is from a developing country (on the role's start date), divided by all of "
            "them."
        ),
        "share",
        "roles",
        "Res. 44 resolves 4",
        _LEADERSHIP,
        "roles held on the date, nominated by a developing country",
        "roles held on the date",
        roles=LEADERSHIP_ROLES,
    ),
    Indicator(
        "women_leadership_held_share",
        N_("Share of positions held on the reference date by women"),
        N_(
            "Of the chair and vice-chair roles held on the reference date, those held by persons "
            "of gender `F`, divided by those held by persons of known gender."
        ),
        "share",
        "roles",
        "Res. 44 resolves 6",
        _LEADERSHIP,
        "roles held on the date by women",
        "roles held on the date by persons of known gender",
        disclosure="protected",
        protects="the gender of the persons holding positions",
        roles=LEADERSHIP_ROLES,
    ),
    Indicator(
        "roles_held",
        N_("Positions of every kind held on the reference date"),
        N_(
            "Distinct roles of every kind in a group (chair, vice-chair, rapporteur, associate "
            "rapporteur, editor, liaison rapporteur; not mentors) held on the reference date of "
            "the year, as for `leadership_held`. Split by `role` to see each kind."
        ),
        "count",
        "roles",
        "Res. 44 resolves 4",
        _LEADERSHIP,
        roles=ROLES,
    ),
    Indicator(
        "developing_roles_held_share",
        N_("Share of positions of every kind held on the reference date for developing countries"),
        N_(
            "Of the roles of every kind held on the reference date, those whose nominating member "
            "is from a developing country (on the role's start date), divided by all of them."
        ),
        "share",
        "roles",
        "Res. 44 resolves 4",
        _LEADERSHIP,
        "roles held on the date, nominated by a developing country",
        "roles held on the date",
        roles=ROLES,
    ),
    Indicator(
        "women_roles_held_share",
        N_("Share of positions of every kind held on the reference date by women"),
        N_(
            "Of the roles of every kind held on the reference date, those held by persons of "
            "gender `F`, divided by those held by persons of known gender."
        ),
        "share",
        "roles",
        "Res. 44 resolves 6",
        _LEADERSHIP,
        "roles held on the date by women",
        "roles held on the date by persons of known gender",
        disclosure="protected",
        protects="the gender of the persons holding positions",
        roles=ROLES,
    ),
    Indicator(
        "attendances_share_of_total",
        N_("Share of all attendances"),
        N_(
            "`attendances` in the cell divided by `attendances` over all values of the "
            "last requested dimension with the others fixed: grouped by year and region, each "
            "region's share of the year's total."
        ),
        "share",
        "attendance",
        "Res. 44 programme 1",
        _ALL,
        "`attendances` in the cell",
        "`attendances` over every value of the last dimension",
    ),
    Indicator(
        "participants_share_of_total",
        N_("Share of all participants"),
        N_(
            "`participants` in the cell divided by `participants` over all values of the "
            "last requested dimension with the others fixed: grouped by year and region, each "
            "region's share of the year's total."
        ),
        "share",
        "attendance",
        "Res. 44 programme 1",
        _ALL,
        "`participants` in the cell",
        "`participants` over every value of the last dimension",
    ),
    Indicator(
        "contributions_share_of_total",
        N_("Share of all contributions"),
        N_(
            "`contributions` in the cell divided by `contributions` over all values of the "
            "last requested dimension with the others fixed: grouped by year and region, each "
            "region's share of the year's total."
        ),
        "share",
        "contributions",
        "Res. 44 programme 1",
        _NO_GENDER,
        "`contributions` in the cell",
        "`contributions` over every value of the last dimension",
    ),
    Indicator(
        "leadership_held_share_of_total",
        N_("Share of all positions held on the reference date"),
        N_(
            "`leadership_held` in the cell divided by `leadership_held` over all values of the "
            "last requested dimension with the others fixed: grouped by year and region, each "
            "region's share of the year's total."
        ),
        "share",
        "roles",
        "Res. 44 resolves 4",
        _LEADERSHIP,
        "`leadership_held` in the cell",
        "`leadership_held` over every value of the last dimension",
        roles=LEADERSHIP_ROLES,
    ),
    Indicator(
        "fellowship_attendances_share_of_total",
        N_("Share of all attendances on a fellowship"),
        N_(
            "`fellowship_attendances` in the cell divided by `fellowship_attendances` over all "
            "values of the last requested dimension with the others fixed: grouped by year "
            "and region, each region's share of the year's total."
        ),
        "share",
        "attendance",
        "Res. 74 instructs 1",
        _ALL,
        "`fellowship_attendances` in the cell",
        "`fellowship_attendances` over every value of the last dimension",
        disclosure="protected",
        protects="who travelled on a fellowship: financial support received by a person",
    ),
)

CATALOGUE: dict[str, Indicator] = {indicator.id: indicator for indicator in _INDICATORS}
