"""The fellowship rules: who is eligible, how much a fellowship is worth, the caps and shares.

Defaults follow ITU-T practice (FACTS.md, "Fellowships for ITU-T meetings"): per eligible
country and meeting one full fellowship or two partial ones (a full uses 2 units of a cap of 2, a
partial 1); no person more than one full or two partials per financial year (the calendar
year); priority to LDCs, women, next-generation experts (under 35) and active contributors.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from stdgap.programmes.rules import RuleBook, RuleSpec, RuleValue
from stdgap.reference.vocabulary import FLAGS

PROGRAMME = "fellowships"

SPECS = [
    RuleSpec(
        "eligible_classes",
        "list",
        "developing;transition",
        "a country is eligible when any of these classes is true on the meeting date "
        f"({', '.join(FLAGS)})",
    ),
    RuleSpec(
        "eligible_income_groups",
        "list",
        "",
        "when set, the country's income group on the meeting date must be one of these "
        "(low, lower_middle, upper_middle, high)",
    ),
    RuleSpec("eligible_countries", "list", "", "when set, only these countries (alpha-3) apply"),
    RuleSpec("excluded_countries", "list", "", "countries (alpha-3) never eligible"),
    RuleSpec("require_itu_member", "bool", "true", "the country must be an ITU Member State"),
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
    eligible_classes: tuple[str, ...] = ("developing", "transition")
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
