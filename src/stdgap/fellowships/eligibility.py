"""Eligibility and value of one application, on the classifications at the meeting date.

Eligibility is decided on the delegation: the member the person attends for (its kind, and its
country's classes, income group and lists on the meeting date); ``developing`` follows the
store's transition setting, as in the indicators. The person's own nationality counts as well
when the store setting ``fellowship_nationality`` says so (``eligible``: an eligible country
too; ``same``: the delegation's country). Priorities (LDC) follow the delegation's country.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdgap.fellowships.rules import FellowshipRules
from stdgap.i18n.translate import LazyText, _l
from stdgap.reference.classification import CountryStatus

NATIONALITY_RULES: tuple[str, ...] = ("any", "eligible", "same")


@dataclass(frozen=True)
class Applicant:
    """What eligibility needs to know about an application."""

    member: str
    member_type: str
    gender: str | None
    birth_year: int | None
    contributions: int
    submitted: date | None


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    reasons: tuple[LazyText, ...]  # why not eligible (empty when eligible)
    value_full: float
    priorities: tuple[str, ...]  # e.g. ('LDC +1', 'woman +0.5')


def is_next_generation(birth_year: int | None, on: date, age_limit: int) -> bool:
    """Younger than ``age_limit`` at ``on``, from the birth year (the age reached that year)."""
    return birth_year is not None and on.year - birth_year < age_limit


def in_class(status: CountryStatus, name: str) -> bool:
    """Whether the country is in the class ``name`` on its date (``developing`` by the store's
    transition setting)."""
    return status.developing if name == "developing" else status.has(name)


def _classes(status: CountryStatus) -> str:
    shown = [name for name in ("developing", "ldc", "lldc", "sids") if in_class(status, name)]
    return ", ".join(shown)


def country_problems(
    status: CountryStatus, rules: FellowshipRules, who: LazyText
) -> list[LazyText]:
    """Why a country does not qualify (``who``: whose country it is, for the messages)."""
    found: list[LazyText] = []
    country, on = status.country, status.on.isoformat()
    if country in rules.excluded_countries:
        found.append(_l("%(who)s %(country)s is excluded by the rules", who=who, country=country))
    if rules.eligible_countries and country not in rules.eligible_countries:
        found.append(
            _l(
                "%(who)s %(country)s is not on the list of eligible countries",
                who=who,
                country=country,
            )
        )
    if rules.eligible_classes and not any(in_class(status, c) for c in rules.eligible_classes):
        classes = _classes(status)
        wanted = " or ".join(rules.eligible_classes)
        if classes:
            found.append(
                _l(
                    "%(who)s %(country)s is not %(wanted)s on %(on)s (it is: %(classes)s)",
                    who=who,
                    country=country,
                    wanted=wanted,
                    on=on,
                    classes=classes,
                )
            )
        else:
            found.append(
                _l(
                    "%(who)s %(country)s is not %(wanted)s on %(on)s (it is in none of the "
                    "classes developing, ldc, lldc, sids)",
                    who=who,
                    country=country,
                    wanted=wanted,
                    on=on,
                )
            )
    if rules.eligible_income_groups and status.income_group not in rules.eligible_income_groups:
        found.append(
            _l(
                "%(who)s %(country)s's income group on %(on)s is %(group)s, not %(wanted)s",
                who=who,
                country=country,
                on=on,
                group=status.income_group or "unknown",
                wanted=" or ".join(rules.eligible_income_groups),
            )
        )
    return found


def _ineligibility(
    applicant: Applicant,
    delegation: CountryStatus,
    nationality: CountryStatus | None,
    rules: FellowshipRules,
    nationality_rule: str,
    closes: date | None,
) -> list[LazyText]:
    reasons: list[LazyText] = []
    if rules.eligible_member_types and applicant.member_type not in rules.eligible_member_types:
        reasons.append(
            _l(
                "the member attended for, %(member)s, is a %(type)s; fellowships go to "
                "delegations of %(types)s",
                member=applicant.member,
                type=applicant.member_type,
                types=", ".join(rules.eligible_member_types),
            )
        )
    reasons += country_problems(delegation, rules, _l("the delegation's country"))
    if rules.require_itu_member and not delegation.itu_member:
        reasons.append(
            _l(
                "the delegation's country %(country)s is not an ITU Member State",
                country=delegation.country,
            )
        )
    if nationality_rule == "same" and (
        nationality is None or nationality.country != delegation.country
    ):
        reasons.append(
            _l(
                "the applicant's nationality (%(nationality)s) is not the delegation's country "
                "(%(country)s)",
                nationality=nationality.country if nationality else "unknown",
                country=delegation.country,
            )
        )
    if nationality_rule == "eligible":
        if nationality is None:
            reasons.append(_l("the applicant's nationality is unknown"))
        else:
            reasons += country_problems(nationality, rules, _l("the applicant's nationality"))
    submitted = applicant.submitted
    if closes is not None and submitted is not None and submitted > closes:
        reasons.append(
            _l(
                "submitted on %(submitted)s, after the call closed on %(closes)s",
                submitted=submitted.isoformat(),
                closes=closes.isoformat(),
            )
        )
    return reasons


def assess(
    applicant: Applicant,
    delegation: CountryStatus,
    rules: FellowshipRules,
    closes: date | None = None,
    nationality: CountryStatus | None = None,
    nationality_rule: str = "any",
) -> Assessment:
    """Whether the applicant is eligible for a meeting on ``delegation.on``, and the value of a
    full fellowship to them (base value plus the priorities that apply)."""
    reasons = _ineligibility(applicant, delegation, nationality, rules, nationality_rule, closes)
    priorities: list[str] = []
    value = rules.base_value
    if delegation.has("ldc") and rules.weight_ldc:
        value += rules.weight_ldc
        priorities.append(f"LDC {rules.weight_ldc:g}")
    if applicant.gender == "F" and rules.weight_woman:
        value += rules.weight_woman
        priorities.append(f"woman {rules.weight_woman:g}")
    young = is_next_generation(applicant.birth_year, delegation.on, rules.next_generation_age)
    if young and rules.weight_next_generation:
        value += rules.weight_next_generation
        priorities.append(f"under {rules.next_generation_age} {rules.weight_next_generation:g}")
    if applicant.contributions > 0 and rules.weight_contributor:
        value += rules.weight_contributor
        priorities.append(f"contributor {rules.weight_contributor:g}")
    return Assessment(not reasons, tuple(reasons), round(value, 3), tuple(priorities))
