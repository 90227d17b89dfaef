"""The allocation of greatest value as a mixed-integer programme, solved with HiGHS.

Maximise the total value of the fellowships granted under the families of constraints of
:mod:`.allocation`, or all but some (``relax``). A candidate with one option is a binary; one
who may take either is y ∈ {0, 1, 2} (a partial, a full), which is linear when a full is worth,
costs and uses twice a partial (the usual case: no symmetric pair of binaries for the solver to
tell apart); when it is not, a binary f (1 for a full) corrects what is not. The regional share
is linear with a variable G for the fellows granted: g_r ≥ s·G − 1 + ε (at least s·G rounded
down, g_r being whole), or, for a region that might be full before its share is met, the
disjunction "that, or g_r ≥ room_r" with one binary z_r: g_r − s·G + s·Gmax·z_r ≥ −1 + ε and
g_r − room_r·z_r ≥ 0.

The regional share rarely binds, and it couples every candidate: the problem is first solved
without it; when that optimum keeps every share, it is the optimum (a relaxation's optimum that
is feasible). Values are rounded to 1/1000, so the objective is integral at some scale and
HiGHS proves optimality quickly. Solutions are kept per set of families left out, so the
explanations' re-solves share the work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from stdgap.fellowships.allocation import (
    SHARE_SLACK,
    Allocation,
    Candidate,
    Kind,
    Limits,
    Relax,
    Usage,
    by_order,
    constrained_regions,
    objective,
    prefer,
    region_room,
)


@dataclass(frozen=True)
class _Solved:
    choice: dict[str, Kind]
    optimal: bool
    message: str


class _Model:
    """The rows and columns of one programme, built as sparse triplets."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.cost: list[float] = []
        self.bound: list[float] = []

    def column(self, cost: float, bound: float) -> int:
        self.cost.append(cost)
        self.bound.append(bound)
        return len(self.cost) - 1

    def row(self, entries: list[tuple[int, float]], low: float, high: float) -> None:
        number = len(self.lower)
        for col, coefficient in entries:
            if coefficient:
                self.rows.append(number)
                self.cols.append(col)
                self.vals.append(coefficient)
        self.lower.append(low)
        self.upper.append(high)


@dataclass(frozen=True)
class _Columns:
    """A candidate's columns: one binary for a single option; for both options, y ∈ {0, 1, 2}
    (1: partial, 2: full) and, when needed, f (1 for a full) to correct what is not linear."""

    single: Kind | None
    main: int
    full: int | None = None


def _terms(candidate: Candidate, columns: _Columns, quantity: str) -> list[tuple[int, float]]:
    """The columns and coefficients of one quantity (cost, units, fellows) of a candidate."""
    if columns.single is not None:
        option = candidate.options[columns.single]
        return [(columns.main, 1.0 if quantity == "fellows" else float(getattr(option, quantity)))]
    if quantity == "fellows":  # y − f: one fellow either way
        assert columns.full is not None
        return [(columns.main, 1.0), (columns.full, -1.0)]
    half = float(getattr(candidate.options["partial"], quantity))
    whole = float(getattr(candidate.options["full"], quantity))
    terms = [(columns.main, half)]
    if columns.full is not None:
        terms.append((columns.full, whole - 2 * half))
    return terms


def _most(candidate: Candidate, quantity: str) -> float:
    return max(0.0, *(float(getattr(o, quantity)) for o in candidate.options.values()))


class Solver:
    """Solves one allocation problem, with or without families of constraints."""

    def __init__(self, candidates: list[Candidate], limits: Limits, time_limit: float = 60.0):
        self.candidates = [c for c in candidates if c.options]
        self.limits = limits
        self.time_limit = time_limit
        self._solved: dict[Relax, _Solved] = {}

    def allocation(self, relax: Relax = frozenset()) -> Allocation:
        """The optimal allocation without the families ``relax``, ties to earlier applications."""
        solved = self.solved(relax)
        choice = prefer(self.candidates, self.limits, solved.choice, by_order, relax)
        value = objective(self.candidates, choice)
        return Allocation(choice, value, solved.optimal, solved.message)

    def solved(self, relax: Relax = frozenset()) -> _Solved:
        if relax not in self._solved:
            self._solved[relax] = self._solve(relax)
        return self._solved[relax]

    def _solve(self, relax: Relax) -> _Solved:
        if not self.candidates:
            return _Solved({}, True, "no eligible candidate")
        if not constrained_regions(self.candidates, self.limits, relax):
            return self._milp(relax, with_regions=False)
        first = self.solved(relax | {"region"})
        usage = Usage(self.candidates, self.limits, first.choice, relax)
        if first.optimal and not usage.violations():
            return first
        return self._milp(relax, with_regions=True)

    def _columns(self, model: _Model, with_regions: bool) -> list[_Columns]:
        found: list[_Columns] = []
        for c in self.candidates:
            if len(c.options) == 1:
                (kind, option), *_ = c.options.items()
                found.append(_Columns(kind, model.column(-option.value, 1)))
                continue
            full, partial = c.options["full"], c.options["partial"]
            main = model.column(-partial.value, 2)
            uneven = (full.value, full.cost, full.units) != (
                2 * partial.value,
                2 * partial.cost,
                2 * partial.units,
            )
            if not (uneven or with_regions):
                found.append(_Columns(None, main))
                continue
            f = model.column(-(full.value - 2 * partial.value), 1)
            model.row([(main, 1.0), (f, -2.0)], 0, np.inf)  # f = 1 only when y = 2
            model.row([(main, 1.0), (f, -1.0)], -np.inf, 1)  # y = 2 only when f = 1
            found.append(_Columns(None, main, f))
        return found

    def _milp(self, relax: Relax, with_regions: bool) -> _Solved:
        from scipy.optimize import Bounds, LinearConstraint, milp  # imported when first needed
        from scipy.sparse import coo_array

        model = _Model()
        columns = self._columns(model, with_regions)
        self._rows(model, columns, relax)
        if with_regions:
            self._region_rows(model, columns, relax)
        n = len(model.cost)
        matrix = coo_array((model.vals, (model.rows, model.cols)), shape=(len(model.lower), n))
        result = milp(
            np.array(model.cost),
            integrality=np.ones(n, dtype=np.int8),
            bounds=Bounds(np.zeros(n), np.array(model.bound)),
            constraints=LinearConstraint(
                matrix.tocsr(), np.array(model.lower), np.array(model.upper)
            ),
            options={"mip_rel_gap": 1e-7, "time_limit": self.time_limit},
        )
        if result.x is None:
            return _Solved({}, False, f"no solution: {result.message}")
        chosen: dict[str, Kind] = {}
        for c, col in zip(self.candidates, columns, strict=True):
            level = round(float(result.x[col.main]))
            if level and col.single is not None:
                chosen[c.key] = col.single
            elif level:
                chosen[c.key] = "full" if level == 2 else "partial"
        message = str(result.message)
        if result.status != 0 and result.mip_gap is not None:
            message += f" (gap {result.mip_gap:.3%})"
        return _Solved(chosen, result.status == 0, message)

    def _rows(self, model: _Model, columns: list[_Columns], relax: Relax) -> None:
        limits = self.limits
        budgets: dict[str, list[Candidate]] = defaultdict(list)
        countries: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        people: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
        place = {c.key: col for c, col in zip(self.candidates, columns, strict=True)}
        for c in self.candidates:
            budgets[c.call].append(c)
            countries[(c.meeting, c.country)].append(c)
            people[(c.person, c.year)].append(c)

        def capped(group: list[Candidate], quantity: str, limit: float) -> None:
            if sum(_most(c, quantity) for c in group) > limit:  # else it cannot bind
                entries = [t for c in group for t in _terms(c, place[c.key], quantity)]
                model.row(entries, -np.inf, limit)

        if "budget" not in relax:
            for call, group in budgets.items():
                capped(group, "cost", float(limits.budgets.get(call, 0)))
            if limits.total_budget is not None:
                capped(self.candidates, "cost", float(limits.total_budget))
        if "country" not in relax:
            for group in countries.values():
                capped(group, "units", float(limits.country_units))
        if "person" not in relax:
            for (who, year), group in people.items():
                capped(group, "units", float(limits.person_cap(who, year)))

    def _region_rows(self, model: _Model, columns: list[_Columns], relax: Relax) -> None:
        """The rows of the regional share, with the column G of the fellows granted and a
        binary z_r for each region that might be full before its share is met."""
        regions = constrained_regions(self.candidates, self.limits, relax)
        room = region_room(self.candidates, self.limits, relax)
        share = self.limits.min_region_share
        g_max = float(min(sum(room.values()), len(self.candidates)))
        g_col = model.column(0.0, g_max)
        members: dict[str, list[tuple[int, float]]] = defaultdict(list)
        every: list[tuple[int, float]] = []
        for c, col in zip(self.candidates, columns, strict=True):
            terms = _terms(c, col, "fellows")
            every += terms
            if c.region is not None:
                members[c.region] += terms
        model.row([*every, (g_col, -1.0)], 0, 0)
        for region in regions:
            entries = members[region]
            room_r = float(room.get(region, 0))
            low = -1 + SHARE_SLACK  # g_r ≥ s·G, rounded down
            if room_r >= self.limits.region_minimum(int(g_max)):  # full once its share is met
                model.row([*entries, (g_col, -share)], low, np.inf)
                continue
            z = model.column(0.0, 1)
            model.row([*entries, (g_col, -share), (z, share * g_max)], low, np.inf)
            model.row([*entries, (z, -room_r)], 0, np.inf)


def solve(candidates: list[Candidate], limits: Limits, time_limit: float = 60.0) -> Allocation:
    """The allocation of greatest total value within ``limits`` (HiGHS branch and cut)."""
    return Solver(candidates, limits, time_limit).allocation()
