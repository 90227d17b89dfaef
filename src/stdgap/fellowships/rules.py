"""The fellowship rules: who is eligible, how much a fellowship is worth, the caps and shares.

Defaults follow ITU-T practice (FACTS.md, "Fellowships for ITU-T meetings"): fellowships go to
the delegations of eligible countries (a Member State, or a Sector Member or Academia of an
eligible country: the country of the member the person attends for decides); per eligible
country and meeting one full fellowship or two partial ones (a full uses 2 units of a cap of 2,
a partial 1); no person more than one full or two partials per financial year (the calendar
year); priority to LDCs, women, next-generation experts (under 35) and active contributors.

Whether economies in transition count as developing is the store setting
``transition_counts_as_developing``, read by the indicators and these rules alike (the class
``developing`` follows it); whether the person's own nationality matters as well is the store
setting ``fellowship_nationality``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from stdgap.programmes.rules import RuleBook, RuleSpec, RuleValue

#: The classes eligibility may ask for; ``developing`` follows the transition setting.
CLASSES: tuple[str, ...] = ("developing", "ldc", "lldc", "sids")
MEMBER_TYPES: tuple[str, ...] = ("member_state", "sector_member", "associate", "academia")

PROGRAMME = "fellowships"

SPECS = [
    RuleSpec(
        "eligible_classes",
        "list",
        "developing",
        "the delegation's country is eligible when it is in any of these classes on the meeting "
        f"date ({', '.join(CLASSES)}; economies in transition are developing when the store "
        "setting transition_counts_as_developing is true)",
        choices=CLASSES,
    ),
    RuleSpec(
        "eligible_member_types",
        "list",
        "member_state;sector_member;academia",
        "the kinds of member a fellow may attend for (member_state, sector_member, associate, "
        "academia)",
        choices=MEMBER_TYPES,
    ),
    RuleSpec(
        "eligible_income_groups",
        "list",
        "",
        "when set, the delegation's country's income group on the meeting date must be one of "
        "these (low, lower_middle, upper_middle, high)",
    ),
    RuleSpec(
        "eligible_countries",
        "list",
        "",
        "when set, only delegations of these countries (alpha-3) apply",
    ),
    RuleSpec(
        "excluded_countries", "list", "", "countries (alpha-3) whose delegations are never eligible"
    ),
    RuleSpec(
        "require_itu_member",
        "bool",
        "true",
        "the delegation's country must be an ITU Member State",
    ),
    RuleSpec("country_units_per_meeting", "int", "2", "units a country may receive per meeting", 0),
    RuleSpec("full_units", "int", "2", "units a full fellowship uses", 1),
    RuleSpec("partial_units", "int", "1", "units a partial fellowship uses", 1),
    RuleSpec("person_units_per_year", "int", "2", "units a person may receive per year", 0),
    RuleSpec("base_value", "float", "1", "value of a full fellowship before priorities", 0),
    RuleSpec("weight_ldc", "float", "1", "added for an LDC on the meeting date", 0),
    RuleSpec("weight_woman", "float", "0.5", "added for a woman (gender F)", 0),
    RuleSpec("weight_next_generation", "float", "0.5", "added for a next-generation expert", 0),
    RuleSpec("next_generation_age", "int", "35", "next generation: younger than this", 1),
    RuleSpec(
        "weight_contributor",
        "float",
        "0.5",
        "added when the applicant brings written contributions to the meeting",
        0,
    ),
    RuleSpec("partial_value", "float", "0.5", "a partial's value as a share of a full's", 0, 1),
    RuleSpec(
        "min_region_share",
        "float",
        "0.1",
        "each ITU region with eligible applicants gets at least this share of the fellows "
        "granted, or all it can take",
        0,
        1,
    ),
]

BOOK = RuleBook(PROGRAMME, SPECS)


@dataclass(frozen=True)
class FellowshipRules:
    eligible_classes: tuple[str, ...] = ("developing",)
    eligible_member_types: tuple[str, ...] = ("member_state", "sector_member", "academia")
    eligible_income_groups: tuple[str, ...] = ()
    eligible_countries: tuple[str, ...] = ()
    excluded_countries: tuple[str, ...] = ()
    require_itu_member: bool = True
    country_units_per_meeting: int = 2
    full_units: int = 2
    partial_units: int = 1
    person_units_per_year: int = 2
    base_value: float = 1.0
    weight_ldc: float = 1.0
    weight_woman: float = 0.5
    weight_next_generation: float = 0.5
    next_generation_age: int = 35
    weight_contributor: float = 0.5
    partial_value: float = 0.5
    min_region_share: float = 0.1

    @classmethod
    def from_values(cls, values: dict[str, RuleValue]) -> FellowshipRules:
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def load(cls, connection: Connection, rule_set: str = "default") -> FellowshipRules:
        return cls.from_values(BOOK.values(connection, rule_set))
