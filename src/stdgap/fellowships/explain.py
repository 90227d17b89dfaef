"""Why each candidate was or was not granted a fellowship, from the constraints it meets.

A candidate left out of an optimal allocation could not be added as it stands: adding it breaks
a constraint (checked with :func:`allocation.check`), and the message names that constraint and
who holds what it would need (the country's share of the meeting, the budget), with values.
"""

from __future__ import annotations

from collections import defaultdict

from stdgap.fellowships.allocation import (
    KINDS,
    Allocation,
    Candidate,
    Kind,
    Limits,
    Usage,
    Violation,
)


def _fmt(value: float) -> str:
    return f"{value:g}"


class Explainer:
    def __init__(self, candidates: list[Candidate], limits: Limits, allocation: Allocation):
        self.candidates = candidates
        self.by_key = {c.key: c for c in candidates}
        self.limits = limits
        self.choice = allocation.choice
        self.usage = Usage(candidates, limits, allocation.choice)
        self.granted_by_call: dict[str, list[Candidate]] = defaultdict(list)
        self.granted_by_group: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for key in self.choice:
            c = self.by_key[key]
            self.granted_by_call[c.call].append(c)
            self.granted_by_group[(c.meeting, c.country)].append(c)

    def _value(self, c: Candidate) -> float:
        return c.options[self.choice[c.key]].value

    def _holders(self, group: list[Candidate]) -> str:
        return ", ".join(
            f"{c.key} ({self.choice[c.key]}, value {_fmt(self._value(c))})" for c in group
        )

    def _budget(self, c: Candidate, kind: Kind, rule: str) -> str:
        option = c.options[kind]
        granted = self.granted_by_call[c.call]
        if rule == "total_budget":
            limit = self.limits.total_budget or 0
            spent = sum(self.usage.spent.values())
            head = f"budget: {limit - spent:,} left of the pooled {limit:,}"
        else:
            limit = self.limits.budgets.get(c.call, 0)
            spent = self.usage.spent[c.call]
            head = f"budget: {limit - spent:,} left of {limit:,} for {c.call}"
        text = f"{head}, a {kind} fellowship costs {option.cost:,}"
        if not granted:
            return text
        lowest = min(granted, key=lambda g: (self._value(g), g.key))
        if option.value <= self._value(lowest):
            return (
                f"{text}; lower value ({_fmt(option.value)}) than every fellow granted "
                f"(lowest: {lowest.key}, {_fmt(self._value(lowest))})"
            )
        return (
            f"{text}; making room would displace fellowships worth more in total "
            f"than its value ({_fmt(option.value)})"
        )

    def _country(self, c: Candidate, kind: Kind) -> str:
        holders = self.granted_by_group[(c.meeting, c.country)]
        value = c.options[kind].value
        text = (
            f"cap reached: {c.country} already has {self.limits.country_units} unit(s) of "
            f"fellowship for {c.meeting}: {self._holders(holders)}"
        )
        if holders and all(value <= self._value(h) for h in holders):
            return f"{text}; lower value ({_fmt(value)}) than theirs"
        return f"{text}; swapping would lower the total value (budget or caps elsewhere)"

    def _violation(self, c: Candidate, kind: Kind, violation: Violation) -> str:
        if violation.rule in ("budget", "total_budget"):
            return self._budget(c, kind, violation.rule)
        if violation.rule == "country":
            return self._country(c, kind)
        if violation.rule == "person":
            return (
                f"person cap: {c.person} would exceed {self.limits.person_units} unit(s) of "
                f"fellowship in {c.year}"
            )
        return (
            f"region share: granting it would leave {violation.subject} with "
            f"{int(violation.used)} fellow(s), below {self.limits.min_region_share:g} of all"
        )

    def _blockers(self, c: Candidate, kind: Kind) -> list[Violation]:
        return self.usage.violations_if_added(c, kind)

    def not_granted(self, c: Candidate) -> str:
        reasons: list[str] = []
        for kind in KINDS:
            if kind not in c.options:
                continue
            blockers = self._blockers(c, kind)
            if not blockers:
                return f"not granted: a {kind} fellowship fits, but the solver stopped early"
            reasons.append(f"{kind}: " + "; ".join(self._violation(c, kind, v) for v in blockers))
        return "not granted — " + " | ".join(reasons)

    def granted(self, c: Candidate, kind: Kind) -> str:
        text = f"granted {kind} (value {_fmt(c.options[kind].value)})"
        if kind == "partial" and "full" in c.options:
            self.usage.add(c, "partial", -1)
            blockers = self.usage.violations_if_added(c, "full")
            self.usage.add(c, "partial", 1)
            if blockers:
                why = "; ".join(self._violation(c, "full", v) for v in blockers)
                text += f"; not full — {why}"
        return text

    def explain(self, c: Candidate) -> str:
        if not c.options:
            return (
                f"not granted — person cap: {c.person} already holds "
                f"{self.limits.person_units} unit(s) of fellowship in {c.year}"
            )
        kind = self.choice.get(c.key)
        return self.granted(c, kind) if kind else self.not_granted(c)


def explain_all(
    candidates: list[Candidate], limits: Limits, allocation: Allocation
) -> dict[str, str]:
    explainer = Explainer(candidates, limits, allocation)
    return {c.key: explainer.explain(c) for c in candidates}
