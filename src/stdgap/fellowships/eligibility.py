"""Eligibility and value of one application, on the country's status at the meeting date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdgap.fellowships.rules import FellowshipRules
from stdgap.reference.classification import CountryStatus


@dataclass(frozen=True)
class Applicant:
    """What eligibility needs to know about an application."""

    country: str
    gender: str | None
    birth_year: int | None
    contributions: int
    submitted: date | None


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    reasons: tuple[str, ...]  # why not eligible (empty when eligible)
    value_full: float
    priorities: tuple[str, ...]  # e.g. ('LDC +1', 'woman +0.5')


def is_next_generation(birth_year: int | None, on: date, age_limit: int) -> bool:
    """Younger than ``age_limit`` at ``on``, from the birth year (the age reached that year)."""
    return birth_year is not None and on.year - birth_year < age_limit


def _ineligibility(
    status: CountryStatus, rules: FellowshipRules, closes: date | None, submitted: date | None
) -> list[str]:
    reasons: list[str] = []
    country, on = status.country, status.on.isoformat()
    if country in rules.excluded_countries:
        reasons.append(f"{country} is excluded by the rules")
    if rules.eligible_countries and country not in rules.eligible_countries:
        reasons.append(f"{country} is not on the list of eligible countries")
    if rules.require_itu_member and not status.itu_member:
        reasons.append(f"{country} is not an ITU Member State")
    if rules.eligible_classes and not any(status.has(c) for c in rules.eligible_classes):
        wanted = " or ".join(rules.eligible_classes)
        reasons.append(f"{country} is not {wanted} on {on} (it is: {status.describe()})")
    if rules.eligible_income_groups and status.income_group not in rules.eligible_income_groups:
        reasons.append(
            f"{country}'s income group on {on} is {status.income_group or 'unknown'}, not "
            f"{' or '.join(rules.eligible_income_groups)}"
        )
    if closes is not None and submitted is not None and submitted > closes:
        reasons.append(f"submitted on {submitted.isoformat()}, after the call closed on {closes}")
    return reasons


def assess(
    applicant: Applicant,
    status: CountryStatus,
    rules: FellowshipRules,
    closes: date | None = None,
) -> Assessment:
    """Whether the applicant is eligible for a meeting on ``status.on``, and the value of a full
    fellowship to them (base value plus the priorities that apply)."""
    reasons = _ineligibility(status, rules, closes, applicant.submitted)
    priorities: list[str] = []
    value = rules.base_value
    if status.has("ldc") and rules.weight_ldc:
        value += rules.weight_ldc
        priorities.append(f"LDC {rules.weight_ldc:g}")
    if applicant.gender == "F" and rules.weight_woman:
        value += rules.weight_woman
        priorities.append(f"woman {rules.weight_woman:g}")
    young = is_next_generation(applicant.birth_year, status.on, rules.next_generation_age)
    if young and rules.weight_next_generation:
        value += rules.weight_next_generation
        priorities.append(f"under {rules.next_generation_age} {rules.weight_next_generation:g}")
    if applicant.contributions > 0 and rules.weight_contributor:
        value += rules.weight_contributor
        priorities.append(f"contributor {rules.weight_contributor:g}")
    return Assessment(not reasons, tuple(reasons), round(value, 3), tuple(priorities))
