"""Why each candidate was or was not granted a fellowship: the constraint that decides it.

For a candidate left out of the optimal allocation, each family of constraints (per-person
cap, per-country cap, regional minimum, budget) is left out in turn and the allocation solved
again, ties going to the candidates left out; the first family (in that order, the most
particular first) without which the candidate is granted is the one that decides, and the
message says what it holds (who has the country's share of the meeting, how much money is
left, in which currency, how many fellows the regional minimum is). When no single family
keeps the candidate out, they all do together: the candidate scores less than the fellows
granted under them (``score``).
"""

from __future__ import annotations

from collections import defaultdict

from stdgap.fellowships.allocation import (
    FAMILIES,
    KINDS,
    Allocation,
    Candidate,
    Family,
    Kind,
    Limits,
    Usage,
    Violation,
    constrained_regions,
    objective,
    prefer,
)
from stdgap.fellowships.reasons import Reason, rule_names
from stdgap.fellowships.solver import Solver
from stdgap.i18n.translate import LazyText, _l

RULE_OF: dict[Family, str] = {
    "person": "person_cap",
    "country": "country_cap",
    "region": "regional_minimum",
    "budget": "budget",
}


def _n(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _money(amount: float) -> str:
    return f"{amount:,.0f}"


class Explainer:
    def __init__(
        self,
        candidates: list[Candidate],
        limits: Limits,
        allocation: Allocation,
        solver: Solver | None = None,
        currency: str = "CHF",
    ):
        self.candidates = candidates
        self.by_key = {c.key: c for c in candidates}
        self.limits = limits
        self.choice = allocation.choice
        self.optimal = allocation.optimal
        self.value = objective(candidates, allocation.choice)
        self.solver = solver or Solver(candidates, limits)
        self.currency = currency
        self.usage = Usage(candidates, limits, allocation.choice)
        self.granted_by_call: dict[str, list[Candidate]] = defaultdict(list)
        self.granted_by_group: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        self.granted_by_person: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
        for key in self.choice:
            c = self.by_key[key]
            self.granted_by_call[c.call].append(c)
            self.granted_by_group[(c.meeting, c.country)].append(c)
            self.granted_by_person[(c.person, c.year)].append(c)
        self.refused = {c.key for c in candidates if c.options and c.key not in self.choice}
        self.by_person: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
        self.by_group: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for c in candidates:
            self.by_person[(c.person, c.year)].append(c)
            self.by_group[(c.meeting, c.country)].append(c)
        self._relaxed: dict[frozenset[Family], dict[str, Kind]] = {}
        self._families: list[Family] | None = None

    # what each family costs the candidates left out

    def families(self) -> list[Family]:
        """The families of constraints of this allocation, the most particular first."""
        if self._families is None:
            regional = bool(constrained_regions(self.candidates, self.limits))
            self._families = [f for f in FAMILIES if f != "region" or regional]
        return self._families

    def relaxed(self, *families: Family) -> dict[str, Kind]:
        """The optimal allocation without ``families``, ties going to the candidates left out."""
        relax = frozenset(families)
        if relax not in self._relaxed:
            solved = self.solver.solved(relax)
            refused = self.refused

            def rank(c: Candidate) -> tuple[int, ...]:
                return (0 if c.key in refused else 1, c.order)

            self._relaxed[relax] = prefer(self.candidates, self.limits, solved.choice, rank, relax)
        return self._relaxed[relax]

    def binds(self, *families: Family) -> bool:
        """Whether leaving ``families`` out gives a greater value (else they cost nothing, and a
        candidate they seem to keep out only ties with a fellow granted)."""
        relaxed = objective(self.candidates, self.solver.solved(frozenset(families)).choice)
        return relaxed > self.value + 1e-6

    def deciding(self, c: Candidate) -> list[tuple[Family, ...]]:
        """The families without which ``c`` would be granted, the most particular first: each
        alone, else two together (only families that cost value count)."""
        wanted = [f for f in self.families() if self.touches(f, c)]
        alone: list[tuple[Family, ...]] = [
            (f,) for f in wanted if self.binds(f) and c.key in self.relaxed(f)
        ]
        if alone:
            return alone
        return [
            (first, second)
            for i, first in enumerate(wanted)
            for second in wanted[i + 1 :]
            if self.binds(first, second) and c.key in self.relaxed(first, second)
        ]

    def touches(self, family: Family, c: Candidate) -> bool:
        """Whether ``family`` can keep ``c`` out at all: a cap only through the candidate's own
        group (the person's year, the country's meeting), when that group can exceed it —
        leaving out the others' caps only brings it more competition."""
        if family == "person":
            group = self.by_person[(c.person, c.year)]
            cap = self.limits.person_cap(c.person, c.year)
        elif family == "country":
            group = self.by_group[(c.meeting, c.country)]
            cap = self.limits.country_units
        else:
            return True
        most = sum(max((o.units for o in g.options.values()), default=0) for g in group)
        return most > cap

    def ties(self, c: Candidate) -> bool:
        """Whether ``c`` could take the place of a fellow granted at no loss (a tie that the
        earlier application wins)."""
        return c.key in self.relaxed()

    # the messages

    def _value(self, c: Candidate) -> float:
        return c.options[self.choice[c.key]].value

    def _holders(self, group: list[Candidate]) -> str:
        return ", ".join(
            f"{c.key} ({self.choice[c.key]}, {_n(self._value(c))})"
            for c in sorted(group, key=lambda g: g.key)
        )

    def _best(self, c: Candidate) -> tuple[Kind, float]:
        kind = max(c.options, key=lambda k: (c.options[k].value, k == "full"))
        return kind, c.options[kind].value

    def _person(self, c: Candidate) -> list[LazyText]:
        cap, year = self.limits.person_units, c.year
        earlier = self.limits.used_person_units.get((c.person, year), 0)
        holders = self.granted_by_person[(c.person, year)]
        kind, _value = self._best(c)
        parts = [
            _l(
                "per-person cap: %(person)s may receive %(cap)s unit(s) of fellowship in "
                "%(year)s (a %(kind)s fellowship uses %(units)s)",
                person=c.person,
                cap=cap,
                year=year,
                kind=kind,
                units=c.options[kind].units,
            )
        ]
        if earlier:
            parts.append(_l("%(units)s unit(s) held from other calls", units=earlier))
        if holders:
            parts.append(_l("granted here: %(holders)s", holders=self._holders(holders)))
        return parts

    def _country(self, c: Candidate) -> list[LazyText]:
        holders = self.granted_by_group[(c.meeting, c.country)]
        kind, value = self._best(c)
        parts = [
            _l(
                "per-country cap: %(country)s may receive %(cap)s unit(s) of fellowship for "
                "%(meeting)s (one full or two partial fellowships), held by %(holders)s",
                country=c.country,
                cap=self.limits.country_units,
                meeting=c.meeting,
                holders=self._holders(holders) or "-",
            )
        ]
        if holders and all(value <= self._value(h) for h in holders):
            parts.append(
                _l(
                    "they score at least as much (this application, as a %(kind)s fellowship: "
                    "%(value)s)",
                    kind=kind,
                    value=_n(value),
                )
            )
        else:
            parts.append(
                _l(
                    "giving it to this application (score as a %(kind)s fellowship: %(value)s) "
                    "would lower the total score under the budget and the other caps",
                    kind=kind,
                    value=_n(value),
                )
            )
        return parts

    def _region(self, c: Candidate, alone: bool = True) -> list[LazyText]:
        fellows = len(self.choice)
        minimum = self.limits.region_minimum(fellows)
        without = self.relaxed("region")
        here: dict[str, int] = defaultdict(int)
        there: dict[str, int] = defaultdict(int)
        for key in self.choice:
            here[self.by_key[key].region or "?"] += 1
        for key in without:
            there[self.by_key[key].region or "?"] += 1
        kept = [
            f"{region} ({here[region]}, {there.get(region, 0)})"
            for region in sorted(here)
            if here[region] > there.get(region, 0)
        ]
        parts = [
            _l(
                "regional minimum: each region with eligible applicants gets at least "
                "%(share)s of the fellows granted, that is %(minimum)s of the %(fellows)s "
                "fellows (unless it has no more applicants it can take)",
                share=f"{self.limits.min_region_share:.0%}",
                minimum=minimum,
                fellows=fellows,
            ),
        ]
        if alone:
            parts.append(
                _l(
                    "without the minimum this application (%(region)s) would be granted",
                    region=c.region or "?",
                )
            )
        if kept:
            parts.append(
                _l(
                    "the minimum keeps fellowships for %(regions)s (fellows with the minimum, "
                    "without it)",
                    regions=", ".join(kept),
                )
            )
        return parts

    def _budget(self, c: Candidate) -> list[LazyText]:
        kind, value = self._best(c)
        cost = c.options[kind].cost
        total = self.limits.total_budget
        calls_full = self.usage.spent[c.call] + cost > self.limits.budgets.get(c.call, 0)
        if total is not None and not calls_full:
            head = _l(
                "budget: %(left)s %(currency)s left of the pooled %(budget)s %(currency)s; a "
                "%(kind)s fellowship for this application costs %(cost)s %(currency)s",
                left=_money(total - self.usage.pooled),
                budget=_money(total),
                currency=self.currency,
                kind=kind,
                cost=_money(cost),
            )
        else:
            limit = self.limits.budgets.get(c.call, 0)
            head = _l(
                "budget: %(left)s %(currency)s left of %(budget)s %(currency)s for %(call)s; a "
                "%(kind)s fellowship for this application costs %(cost)s %(currency)s",
                left=_money(limit - self.usage.spent[c.call]),
                budget=_money(limit),
                call=c.call,
                currency=self.currency,
                kind=kind,
                cost=_money(cost),
            )
        granted = self.granted_by_call[c.call]
        if not granted:
            return [head]
        lowest = min(granted, key=lambda g: (self._value(g), g.key))
        if value <= self._value(lowest):
            tail = _l(
                "every fellow granted scores at least as much (lowest: %(lowest)s, "
                "%(low)s; this application, as a %(kind)s fellowship: %(value)s)",
                lowest=lowest.key,
                low=_n(self._value(lowest)),
                kind=kind,
                value=_n(value),
            )
        else:
            tail = _l(
                "the fellows granted in its place score more in total for the money (this "
                "application, as a %(kind)s fellowship: %(value)s)",
                kind=kind,
                value=_n(value),
            )
        return [head, tail]

    def _score(self, c: Candidate) -> list[LazyText]:
        kind, value = self._best(c)
        broken = {v.family for k in c.options for v in self.usage.violations_if_added(c, k)}
        rules = rule_names([RULE_OF[f] for f in FAMILIES if f in broken] or ["-"])
        return [
            _l(
                "score: no one or two rules alone keep it out; together the rules leave no "
                "room where it scores more than the fellows granted (this application, as a "
                "%(kind)s fellowship: %(value)s; what granting it now would break: %(rules)s)",
                kind=kind,
                value=_n(value),
                rules=rules,
            )
        ]

    def _family(self, family: Family, c: Candidate, alone: bool) -> list[LazyText]:
        if family == "person":
            return self._person(c)
        if family == "country":
            return self._country(c)
        if family == "region":
            return self._region(c, alone)
        return self._budget(c)

    def not_granted(self, c: Candidate) -> Reason:
        reason = self._not_granted(c)
        if reason.rule != "stopped" and self.ties(c):
            tie = _l(
                "it scores as much as a fellow granted who applied earlier: ties go to the "
                "earlier application"
            )
            return Reason(reason.rule, (*reason.parts, tie))
        return reason

    def _not_granted(self, c: Candidate) -> Reason:
        if not self.optimal:
            for kind in KINDS:
                if kind in c.options and not self.usage.violations_if_added(c, kind):
                    return Reason(
                        "stopped",
                        (
                            _l(
                                "not granted: a %(kind)s fellowship fits, but the solver stopped "
                                "before proving its answer",
                                kind=kind,
                            ),
                        ),
                    )
        deciding = self.deciding(c)
        if not deciding:
            return Reason("score", (_l("not granted"), *self._score(c)))
        if len(deciding[0]) == 1:
            (first,) = deciding[0]
            parts = [_l("not granted"), *self._family(first, c, alone=True)]
            others = [RULE_OF[f[0]] for f in deciding[1:]]
            if others:
                parts.append(
                    _l(
                        "without %(rules)s alone it would also be granted",
                        rules=rule_names(others),
                    )
                )
            return Reason(RULE_OF[first], tuple(parts))
        # two rules together: the one that adding it breaks first (budget, when it is spent)
        broken = {v.family for k in c.options for v in self.usage.violations_if_added(c, k)}
        local = [f for f in FAMILIES if f in broken]
        pair = sorted(deciding, key=lambda p: (not (set(p) & set(local)), FAMILIES.index(p[0])))[0]
        first, second = sorted(pair, key=lambda f: (f not in local, FAMILIES.index(f)))
        parts = [_l("not granted"), *self._family(first, c, alone=False)]
        if second in local:
            parts += self._family(second, c, alone=False)
        parts.append(
            _l(
                "together with the %(other)s: without both it would be granted, without only "
                "one of them it stays out",
                other=rule_names([RULE_OF[second]]),
            )
        )
        return Reason(RULE_OF[first], tuple(parts))

    def granted(self, c: Candidate, kind: Kind) -> Reason:
        parts: list[LazyText] = [
            _l("granted %(kind)s (score %(value)s)", kind=kind, value=_n(c.options[kind].value))
        ]
        if kind == "partial" and "full" in c.options:
            self.usage.add(c, "partial", -1)
            blockers = self.usage.violations_if_added(c, "full")
            self.usage.add(c, "partial", 1)
            if blockers:
                parts.append(_l("not full: %(why)s", why=", ".join(_blocker(v) for v in blockers)))
        return Reason("granted", tuple(parts))

    def explain(self, c: Candidate) -> Reason:
        if not c.options:
            used = self.limits.used_person_units.get((c.person, c.year), 0)
            return Reason(
                "person_cap",
                (
                    _l("not granted"),
                    _l(
                        "per-person cap: %(person)s already holds %(used)s of %(cap)s unit(s) "
                        "of fellowship in %(year)s",
                        person=c.person,
                        used=used,
                        cap=self.limits.person_units,
                        year=c.year,
                    ),
                ),
            )
        kind = self.choice.get(c.key)
        return self.granted(c, kind) if kind else self.not_granted(c)


def _blocker(violation: Violation) -> str:
    return f"{violation.rule} ({violation.subject})"


def explain_all(
    candidates: list[Candidate],
    limits: Limits,
    allocation: Allocation,
    solver: Solver | None = None,
    currency: str = "CHF",
) -> dict[str, Reason]:
    explainer = Explainer(candidates, limits, allocation, solver, currency)
    return {c.key: explainer.explain(c) for c in candidates}
