"""The allocation problem of fellowships: candidates, their options, the limits they share, and
what a choice of fellowships uses of each limit.

Each candidate (an eligible application) may receive a full fellowship, a partial one or
nothing. A choice is feasible when it keeps, per *family* of constraints:

- ``budget``: each call's budget (Σ cost ≤ budget), and a pooled budget over the calls when
  given;
- ``country``: per meeting and country of the delegation, Σ units ≤ cap (one full = 2 units, a
  partial 1, cap 2: one full or two partials);
- ``person``: per person and year, Σ units ≤ the person's cap, less what they already hold
  that year;
- ``region``: per ITU region with candidates, fellows granted in the region ≥ share × all
  fellows granted, rounded down (10 % of 17 fellows: at least 1), unless the region already
  has all the fellows it can take (its "room": the most fellows its countries' caps allow).

The solver (:mod:`.solver`) finds the choice of greatest value, also with one family left out
(the explanations ask what each family costs a candidate); :class:`Usage` says what a choice
breaks, and :func:`prefer` moves ties to the candidates preferred (earlier applications).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["full", "partial"]
KINDS: tuple[Kind, ...] = ("full", "partial")
Family = Literal["budget", "country", "person", "region"]
#: The families of constraints, most particular first: the order in which an explanation
#: names the one that decides.
FAMILIES: tuple[Family, ...] = ("person", "country", "region", "budget")


@dataclass(frozen=True)
class Option:
    cost: int
    value: float
    units: int


@dataclass(frozen=True)
class Candidate:
    key: str
    call: str
    meeting: str
    country: str  # of the delegation: the member the person attends for
    region: str | None
    person: str
    year: int
    options: dict[Kind, Option]
    order: int = 0  # earlier applications win ties


@dataclass(frozen=True)
class Limits:
    budgets: dict[str, int]  # per call
    country_units: int = 2
    person_units: int = 2
    used_person_units: dict[tuple[str, int], int] = field(default_factory=dict)
    min_region_share: float = 0.0
    total_budget: int | None = None

    def person_cap(self, person: str, year: int) -> int:
        return self.person_units - self.used_person_units.get((person, year), 0)

    def region_minimum(self, fellows: int) -> int:
        """The fewest fellows a region must have out of ``fellows`` granted (unless full): the
        share of them, rounded down (so that a few fellows do not need every region at once)."""
        return max(0, math.ceil(self.min_region_share * fellows - 1 + SHARE_SLACK - 1e-12))


@dataclass(frozen=True)
class Allocation:
    choice: dict[str, Kind]  # granted candidates only
    value: float
    optimal: bool
    message: str


@dataclass(frozen=True)
class Violation:
    rule: Literal["budget", "total_budget", "country", "person", "region"]
    subject: str  # the call, meeting/country, person/year or region concerned
    used: float
    limit: float

    @property
    def family(self) -> Family:
        return "budget" if self.rule == "total_budget" else self.rule


Relax = frozenset[Family]
#: g_r ≥ s·G − 1 + SLACK, for whole numbers g_r: at least s·G rounded down.
SHARE_SLACK = 1e-6


def region_room(
    candidates: Iterable[Candidate], limits: Limits, relax: Relax = frozenset()
) -> dict[str, int]:
    """The most fellows each region can take under the country caps (units per meeting); every
    candidate of the region when the caps are left out."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    regions: dict[tuple[str, str], str] = {}
    for candidate in candidates:
        if candidate.region is None or not candidate.options:
            continue
        group = (candidate.meeting, candidate.country)
        groups[group].append(min(option.units for option in candidate.options.values()))
        regions[group] = candidate.region
    room: dict[str, int] = defaultdict(int)
    for group, needs in groups.items():
        if "country" in relax:
            room[regions[group]] += len(needs)
            continue
        left, taken = limits.country_units, 0
        for units in sorted(needs):
            if units <= left:
                left -= units
                taken += 1
        room[regions[group]] += taken
    return dict(room)


def constrained_regions(
    candidates: Iterable[Candidate], limits: Limits, relax: Relax = frozenset()
) -> list[str]:
    """The regions whose share is a constraint: every region with candidates, when there are
    two or more and the share is above 0."""
    if limits.min_region_share <= 0 or "region" in relax:
        return []
    regions = sorted({c.region for c in candidates if c.region is not None and c.options})
    return regions if len(regions) > 1 else []


class Usage:
    """What a choice uses of each limit (those of the families not relaxed); answers what
    adding or swapping fellowships would break."""

    def __init__(
        self,
        candidates: list[Candidate],
        limits: Limits,
        choice: dict[str, Kind],
        relax: Relax = frozenset(),
    ):
        self.limits = limits
        self.relax = relax
        self.room = region_room(candidates, limits, relax)
        self.regions = constrained_regions(candidates, limits, relax)
        by_key = {candidate.key: candidate for candidate in candidates}
        self.spent: dict[str, int] = defaultdict(int)
        self.pooled = 0
        self.country: dict[tuple[str, str], int] = defaultdict(int)
        self.person: dict[tuple[str, int], int] = defaultdict(int)
        self.fellows: dict[str, int] = defaultdict(int)
        self.total = 0
        for key, kind in choice.items():
            self.add(by_key[key], kind, 1)

    def add(self, candidate: Candidate, kind: Kind, sign: int) -> None:
        option = candidate.options[kind]
        self.spent[candidate.call] += sign * option.cost
        self.pooled += sign * option.cost
        self.country[(candidate.meeting, candidate.country)] += sign * option.units
        self.person[(candidate.person, candidate.year)] += sign * option.units
        if candidate.region is not None:
            self.fellows[candidate.region] += sign
        self.total += sign

    def _budget(self, call: str) -> list[Violation]:
        if "budget" in self.relax:
            return []
        found: list[Violation] = []
        limit = self.limits.budgets.get(call, 0)
        if self.spent[call] > limit:
            found.append(Violation("budget", call, self.spent[call], limit))
        total = self.limits.total_budget
        if total is not None and self.pooled > total:
            found.append(Violation("total_budget", "all", self.pooled, total))
        return found

    def _country(self, meeting: str, alpha3: str) -> list[Violation]:
        units = self.country[(meeting, alpha3)]
        if "country" in self.relax or units <= self.limits.country_units:
            return []
        return [Violation("country", f"{meeting}/{alpha3}", units, self.limits.country_units)]

    def _person(self, who: str, year: int) -> list[Violation]:
        held, cap = self.person[(who, year)], self.limits.person_cap(who, year)
        if "person" in self.relax or held <= cap:
            return []
        return [Violation("person", f"{who}/{year}", held, cap)]

    def _regions(self) -> list[Violation]:
        found: list[Violation] = []
        needed = self.limits.region_minimum(self.total)
        for region in self.regions:
            got = self.fellows.get(region, 0)
            if got < needed and got < self.room.get(region, 0):
                found.append(Violation("region", region, got, needed))
        return found

    def violations(self) -> list[Violation]:
        found: list[Violation] = []
        for call in list(self.spent):
            found += [v for v in self._budget(call) if v.rule == "budget"]
        total = self.limits.total_budget
        if "budget" not in self.relax and total is not None and self.pooled > total:
            found.append(Violation("total_budget", "all", self.pooled, total))
        for meeting, alpha3 in list(self.country):
            found += self._country(meeting, alpha3)
        for who, year in list(self.person):
            found += self._person(who, year)
        return found + self._regions()

    def violations_near(self, *candidates: Candidate) -> list[Violation]:
        """The violations among the limits ``candidates`` touch, and the regions' shares."""
        found: list[Violation] = []
        for candidate in candidates:
            found += self._budget(candidate.call)
            found += self._country(candidate.meeting, candidate.country)
            found += self._person(candidate.person, candidate.year)
        unique = list(dict.fromkeys(found))
        return unique + self._regions()

    def violations_if_added(self, candidate: Candidate, kind: Kind) -> list[Violation]:
        """What adding ``candidate`` with ``kind`` would break (the choice must be feasible)."""
        self.add(candidate, kind, 1)
        try:
            return self.violations_near(candidate)
        finally:
            self.add(candidate, kind, -1)


def check(
    candidates: list[Candidate],
    limits: Limits,
    choice: dict[str, Kind],
    relax: Relax = frozenset(),
) -> list[Violation]:
    """The constraints that ``choice`` breaks (empty when it is feasible)."""
    return Usage(candidates, limits, choice, relax).violations()


def objective(candidates: list[Candidate], choice: dict[str, Kind]) -> float:
    by_key = {candidate.key: candidate for candidate in candidates}
    return round(sum(by_key[key].options[kind].value for key, kind in choice.items()), 6)


def prefer(
    candidates: list[Candidate],
    limits: Limits,
    choice: dict[str, Kind],
    rank: Callable[[Candidate], tuple[int, ...]],
    relax: Relax = frozenset(),
) -> dict[str, Kind]:
    """``choice`` with ties moved to preferred candidates (lower ``rank``) of the same call: a
    granted candidate gives way to a preferred one whose option of the same kind has the same
    value, when the swap keeps every constraint (the value, hence optimality, is unchanged)."""
    choice = dict(choice)
    usage = Usage(candidates, limits, choice, relax)
    by_call: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_call[candidate.call].append(candidate)
    for call_candidates in by_call.values():
        ordered = sorted(call_candidates, key=rank)
        for position, early in enumerate(ordered):
            if early.key in choice:
                continue
            for late in reversed(ordered[position + 1 :]):
                kind = choice.get(late.key)
                if kind is None or kind not in early.options or rank(late) == rank(early):
                    continue
                if early.options[kind].value != late.options[kind].value:
                    continue
                usage.add(late, kind, -1)
                usage.add(early, kind, 1)
                if usage.violations_near(early, late):
                    usage.add(early, kind, -1)
                    usage.add(late, kind, 1)
                    continue
                del choice[late.key]
                choice[early.key] = kind
                break
    return choice


def by_order(candidate: Candidate) -> tuple[int, ...]:
    """Earlier applications first (the allocation's tie-break)."""
    return (candidate.order,)
