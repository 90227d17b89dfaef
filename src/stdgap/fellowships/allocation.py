"""The allocation of fellowships as a mixed-integer programme, solved with HiGHS.

Each candidate (an eligible application) may receive a full fellowship, a partial one or
nothing (binaries f and p, f + p ≤ 1). Maximise Σ value·f + partial value·p subject to

- each call's budget: Σ cost ≤ budget (and a pooled budget over the calls, when given);
- per meeting and country: Σ units ≤ cap (one full = 2 units, a partial 1, cap 2: one full
  or two partials);
- per person and year: Σ units ≤ the person's cap, less what they already hold that year;
- per ITU region with candidates: fellows granted in the region ≥ share × all fellows granted,
  unless the region already has all the fellows it can take (its "room": the most fellows
  its countries' caps allow). The "or" is linear with one binary per region:
  g_r ≥ s·G − s·N·z_r and g_r ≥ room_r·z_r.

Values are rounded to 1/1000, so the objective is integral at some scale and HiGHS can prove
optimality quickly. Among optimal allocations, ties then go to earlier applications: a granted
candidate is swapped for an earlier one of the same call with an option of equal value, when the
swap keeps every constraint (the value, hence optimality, is unchanged).

:func:`check` states which constraint a choice breaks; the explanation and the tests' brute
force use it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

Kind = Literal["full", "partial"]
KINDS: tuple[Kind, ...] = ("full", "partial")


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
    country: str
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


def region_room(candidates: list[Candidate], limits: Limits) -> dict[str, int]:
    """The most fellows each region can take under the country caps (units per meeting)."""
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
        left, taken = limits.country_units, 0
        for units in sorted(needs):
            if units <= left:
                left -= units
                taken += 1
        room[regions[group]] += taken
    return dict(room)


def _regions_constrained(candidates: list[Candidate], limits: Limits) -> list[str]:
    if limits.min_region_share <= 0:
        return []
    regions = sorted({c.region for c in candidates if c.region is not None and c.options})
    return regions if len(regions) > 1 else []


class Usage:
    """What a choice uses of each limit; answers what adding one more fellowship would break."""

    def __init__(self, candidates: list[Candidate], limits: Limits, choice: dict[str, Kind]):
        self.limits = limits
        self.room = region_room(candidates, limits)
        self.regions = _regions_constrained(candidates, limits)
        by_key = {candidate.key: candidate for candidate in candidates}
        self.spent: dict[str, int] = defaultdict(int)
        self.country: dict[tuple[str, str], int] = defaultdict(int)
        self.person: dict[tuple[str, int], int] = defaultdict(int)
        self.fellows: dict[str, int] = defaultdict(int)
        self.total = 0
        for key, kind in choice.items():
            self.add(by_key[key], kind, 1)

    def add(self, candidate: Candidate, kind: Kind, sign: int) -> None:
        option = candidate.options[kind]
        self.spent[candidate.call] += sign * option.cost
        self.country[(candidate.meeting, candidate.country)] += sign * option.units
        self.person[(candidate.person, candidate.year)] += sign * option.units
        if candidate.region is not None:
            self.fellows[candidate.region] += sign
        self.total += sign

    def violations(self) -> list[Violation]:
        limits, found = self.limits, []
        for call, total in self.spent.items():
            if total > limits.budgets.get(call, 0):
                found.append(Violation("budget", call, total, limits.budgets.get(call, 0)))
        pooled = sum(self.spent.values())
        if limits.total_budget is not None and pooled > limits.total_budget:
            found.append(Violation("total_budget", "all", pooled, limits.total_budget))
        for (meeting, alpha3), units in self.country.items():
            if units > limits.country_units:
                found.append(
                    Violation("country", f"{meeting}/{alpha3}", units, limits.country_units)
                )
        for (who, year), units in self.person.items():
            cap = limits.person_units - limits.used_person_units.get((who, year), 0)
            if units > cap:
                found.append(Violation("person", f"{who}/{year}", units, cap))
        for region in self.regions:
            got, needed = self.fellows.get(region, 0), limits.min_region_share * self.total
            if got < needed - 1e-9 and got < self.room.get(region, 0):
                found.append(Violation("region", region, got, needed))
        return found

    def violations_if_added(self, candidate: Candidate, kind: Kind) -> list[Violation]:
        """What adding ``candidate`` with ``kind`` would break (the choice must be feasible)."""
        self.add(candidate, kind, 1)
        try:
            return self.violations_near(candidate)
        finally:
            self.add(candidate, kind, -1)

    def violations_near(self, candidate: Candidate) -> list[Violation]:
        """The violations among the limits ``candidate`` touches, and the region shares."""
        limits, found = self.limits, []
        spent = self.spent[candidate.call]
        if spent > limits.budgets.get(candidate.call, 0):
            found.append(
                Violation("budget", candidate.call, spent, limits.budgets.get(candidate.call, 0))
            )
        pooled = sum(self.spent.values())
        if limits.total_budget is not None and pooled > limits.total_budget:
            found.append(Violation("total_budget", "all", pooled, limits.total_budget))
        units = self.country[(candidate.meeting, candidate.country)]
        if units > limits.country_units:
            subject = f"{candidate.meeting}/{candidate.country}"
            found.append(Violation("country", subject, units, limits.country_units))
        held = self.person[(candidate.person, candidate.year)]
        cap = limits.person_units - limits.used_person_units.get(
            (candidate.person, candidate.year), 0
        )
        if held > cap:
            found.append(Violation("person", f"{candidate.person}/{candidate.year}", held, cap))
        for region in self.regions:
            got, needed = self.fellows.get(region, 0), limits.min_region_share * self.total
            if got < needed - 1e-9 and got < self.room.get(region, 0):
                found.append(Violation("region", region, got, needed))
        return found


def check(candidates: list[Candidate], limits: Limits, choice: dict[str, Kind]) -> list[Violation]:
    """The constraints that ``choice`` breaks (empty when it is feasible)."""
    return Usage(candidates, limits, choice).violations()


def objective(candidates: list[Candidate], choice: dict[str, Kind]) -> float:
    by_key = {candidate.key: candidate for candidate in candidates}
    return round(sum(by_key[key].options[kind].value for key, kind in choice.items()), 6)


def _variables(candidates: list[Candidate]) -> list[tuple[int, Kind]]:
    return [(i, kind) for i, c in enumerate(candidates) for kind in KINDS if kind in c.options]


def solve(candidates: list[Candidate], limits: Limits, time_limit: float = 60.0) -> Allocation:
    """The allocation of greatest total value within ``limits`` (HiGHS branch and cut)."""
    from scipy.optimize import Bounds, LinearConstraint, milp  # imported when first needed
    from scipy.sparse import coo_array

    variables = _variables(candidates)
    regions = _regions_constrained(candidates, limits)
    n_x, n = len(variables), len(variables) + len(regions)
    if n_x == 0:
        return Allocation({}, 0.0, True, "no eligible candidate")
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def constraint(entries: list[tuple[int, float]], low: float, high: float) -> None:
        row = len(lower)
        for col, coefficient in entries:
            rows.append(row)
            cols.append(col)
            vals.append(coefficient)
        lower.append(low)
        upper.append(high)

    per_candidate: dict[int, list[int]] = defaultdict(list)
    groups: dict[tuple[str, ...], list[tuple[int, float]]] = defaultdict(list)
    people: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    for col, (i, kind) in enumerate(variables):
        c, option = candidates[i], candidates[i].options[kind]
        per_candidate[i].append(col)
        groups[("budget", c.call)].append((col, float(option.cost)))
        if limits.total_budget is not None:
            groups[("total",)].append((col, float(option.cost)))
        groups[("country", c.meeting, c.country)].append((col, float(option.units)))
        people[(c.person, c.year)].append((col, float(option.units)))
    for cols_of in per_candidate.values():
        if len(cols_of) > 1:
            constraint([(col, 1.0) for col in cols_of], 0, 1)
    for name, entries in groups.items():
        if name[0] == "budget":
            limit = float(limits.budgets.get(name[1], 0))
        elif name[0] == "total":
            limit = float(limits.total_budget or 0)
        else:
            limit = float(limits.country_units)
        constraint(entries, -np.inf, limit)
    for who, entries in people.items():
        cap = limits.person_units - limits.used_person_units.get(who, 0)
        constraint(entries, -np.inf, float(cap))
    share, room = limits.min_region_share, region_room(candidates, limits)
    for r, region in enumerate(regions):
        z = n_x + r
        in_region = [
            (col, 1.0) for col, (i, _k) in enumerate(variables) if candidates[i].region == region
        ]
        # g_r − s·G + s·N·z ≥ 0
        share_row: dict[int, float] = {col: -share for col in range(n_x)}
        for col, _one in in_region:
            share_row[col] += 1.0
        share_row[z] = share * len(candidates)
        constraint(list(share_row.items()), 0, np.inf)
        # g_r − room_r·z ≥ 0
        constraint([*in_region, (z, -float(room.get(region, 0)))], 0, np.inf)
    cost = np.zeros(n)
    for col, (i, kind) in enumerate(variables):
        cost[col] = -candidates[i].options[kind].value
    matrix = coo_array((vals, (rows, cols)), shape=(len(lower), n)).tocsr()
    result = milp(
        cost,
        integrality=np.ones(n, dtype=np.int8),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
        options={"mip_rel_gap": 1e-7, "time_limit": time_limit},
    )
    if result.x is None:
        return Allocation({}, 0.0, False, f"no solution: {result.message}")
    chosen: dict[str, Kind] = {}
    for col, (i, kind) in enumerate(variables):
        if result.x[col] > 0.5:
            chosen[candidates[i].key] = kind
    chosen = prefer_earlier(candidates, limits, chosen)
    message = str(result.message)
    if result.status != 0 and result.mip_gap is not None:
        message += f" (gap {result.mip_gap:.3%})"
    return Allocation(chosen, objective(candidates, chosen), result.status == 0, message)


def prefer_earlier(
    candidates: list[Candidate], limits: Limits, choice: dict[str, Kind]
) -> dict[str, Kind]:
    """``choice`` with ties of equal value moved to earlier applications where feasible."""
    choice = dict(choice)
    usage = Usage(candidates, limits, choice)
    by_call: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_call[candidate.call].append(candidate)
    for call_candidates in by_call.values():
        ordered = sorted(call_candidates, key=lambda c: c.order)
        for early in ordered:
            if early.key in choice:
                continue
            for late in reversed(ordered):
                if late.order <= early.order:
                    break
                kind = choice.get(late.key)
                if kind is None or kind not in early.options:
                    continue
                if early.options[kind].value != late.options[kind].value:
                    continue
                usage.add(late, kind, -1)
                usage.add(early, kind, 1)
                if usage.violations():
                    usage.add(early, kind, -1)
                    usage.add(late, kind, 1)
                    continue
                del choice[late.key]
                choice[early.key] = kind
                break
    return choice
