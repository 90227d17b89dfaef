"""The weights of a mentor-mentee pair's score, and the conditions for a pair at all."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from stdgap.programmes.rules import RuleBook, RuleSpec, RuleValue

PROGRAMME = "mentorship"

SPECS = [
    RuleSpec("weight_base", "float", "1", "value of any allowed pair (a mentee matched)", 0),
    RuleSpec("weight_study_group", "float", "3", "× share of the mentee's study groups shared", 0),
    RuleSpec("weight_question", "float", "4", "× share of the mentee's Questions shared", 0),
    RuleSpec(
        "weight_expertise", "float", "2", "× share of the mentee's fields of expertise shared", 0
    ),
    RuleSpec("weight_region", "float", "1", "added when both are of the same ITU region", 0),
    RuleSpec(
        "weight_region_preferred",
        "float",
        "2",
        "added as well when the mentee asked for a mentor of their region",
        0,
    ),
    RuleSpec(
        "weight_gender_preferred",
        "float",
        "1",
        "added when the mentor is of the gender the mentee asked for",
        0,
    ),
    RuleSpec(
        "weight_time_zone",
        "float",
        "1",
        "× closeness of their time zones (1 when the same, 0 at time_zone_span hours apart)",
        0,
    ),
    RuleSpec(
        "time_zone_span", "float", "6", "hours apart at which time zones count nothing", 0, 12
    ),
    RuleSpec(
        "load_penalty",
        "float",
        "0.1",
        "taken off for each mentee a mentor already has (spreads the load)",
        0,
    ),
    RuleSpec(
        "mentee_age_limit", "int", "35", "mentees must be younger (next generation); 0: any", 0
    ),
    RuleSpec("require_language", "bool", "true", "a pair must share a language"),
    RuleSpec("require_study_group", "bool", "false", "a pair must share a study group"),
]

BOOK = RuleBook(PROGRAMME, SPECS)


@dataclass(frozen=True)
class Weights:
    weight_base: float = 1.0
    weight_study_group: float = 3.0
    weight_question: float = 4.0
    weight_expertise: float = 2.0
    weight_region: float = 1.0
    weight_region_preferred: float = 2.0
    weight_gender_preferred: float = 1.0
    weight_time_zone: float = 1.0
    time_zone_span: float = 6.0
    load_penalty: float = 0.1
    mentee_age_limit: int = 35
    require_language: bool = True
    require_study_group: bool = False

    @classmethod
    def from_values(cls, values: dict[str, RuleValue]) -> Weights:
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def load(cls, connection: Connection, rule_set: str = "default") -> Weights:
        return cls.from_values(BOOK.values(connection, rule_set))
