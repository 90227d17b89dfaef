"""How many meetings each participant attends each year, and which ones.

The plan is fixed before any attendance row is produced: the number of attendances of every
participant-year is drawn once (``counts``), so the exact total is known up front and can be set
to a target (10 million at the large scale). The rows themselves are produced later, lazily, by
picking that many meetings from the participant's candidate list (``candidates``).
"""

from __future__ import annotations

import random
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from stdgap.demo.calibration import COUNTRIES
from stdgap.demo.population import (
    FLAG_TSAG,
    FLAG_VETERAN,
    MEMBER_STATE,
    Members,
    People,
)
from stdgap.demo.schedule import NONE, Schedule

_NEWCOMER_K = (1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5, 6)
_ACTIVITY_K = ((1, 4), (3, 8), (6, 16))
_ROLE_POOL_CAP = 600
_BASE_PROPENSITY = (0.3, 1.0, 0.35, 0.45)  # by member type: state, sector, associate, academia
T = TypeVar("T")


@dataclass
class Plan:
    counts: list[array[int]] = field(default_factory=list)  # aligned with People.active
    total: int = 0
    fellows: set[int] = field(default_factory=set)  # person * 64 + year offset
    #: contribution weight of each member per (group, year offset)
    weights: dict[tuple[int, int], dict[int, float]] = field(default_factory=dict)
    #: participants eligible for posts per (year offset, group)
    pools: dict[tuple[int, int], list[int]] = field(default_factory=dict)


class Paths:
    """The ordered candidate meetings of a participant-year (see module docstring)."""

    def __init__(self, sched: Schedule, ppl: People) -> None:
        self.s, self.p = sched, ppl
        self.n_wp = [g.working_parties for g in sched.groups]

    def groups(self, i: int, yoff: int) -> tuple[int, int, int, int]:
        """Main, second, TSAG and regional group the participant works in that year."""
        resolve, p = self.s.resolve, self.p
        gp = resolve[p.g1[i]][yoff]
        gs = NONE if p.g2[i] == NONE else resolve[p.g2[i]][yoff]
        if gs == gp:
            gs = NONE
        tsag = 0 if p.flags[i] & FLAG_TSAG and gp != 0 and gs != 0 else NONE
        rg = p.rg[i] if p.rg[i] not in (gp, gs) else NONE
        return gp, gs, tsag, rg

    def cap(self, i: int, yoff: int, groups: tuple[int, int, int, int]) -> int:
        """The length of the full candidate list (``groups`` as from ``groups(i, yoff)``)."""
        gp, gs, tsag, rg = groups
        sessions, n_wp = self.s.sessions, self.n_wp
        n = len(sessions[gp][yoff])
        total = n * (1 + (n_wp[gp] > 0) + (n_wp[gp] > 1))
        if n_wp[gp]:
            total += len(self.s.rapporteur[gp][yoff][self.p.wp[i] % n_wp[gp]])
        if gs != NONE:
            total += len(sessions[gs][yoff]) * (1 + (n_wp[gs] > 0))
        for g in (tsag, rg):
            if g != NONE:
                total += len(sessions[g][yoff])
        return total

    def candidates(self, i: int, yoff: int, k: int, rnd: random.Random) -> list[int]:
        """The first k meetings of the participant's candidate list, in a random rotation."""
        gp, gs, tsag, rg = self.groups(i, yoff)
        sessions, n_wp, wp = self.s.sessions, self.n_wp, self.p.wp[i]
        out: list[int] = []
        own = _rotate(sessions[gp][yoff], rnd)
        w = wp % n_wp[gp] if n_wp[gp] else 0
        for plenary, wps in own:
            out.append(plenary)
            if wps:
                out.append(wps[w])
        if rg != NONE:  # regional delegates put their regional group first after their own
            out.extend(plenary for plenary, _ in _rotate(sessions[rg][yoff], rnd))
        if len(out) >= k:
            return out[:k]
        if n_wp[gp]:
            out.extend(_rotate(self.s.rapporteur[gp][yoff][w], rnd))
            if len(out) >= k:
                return out[:k]
        if gs != NONE:
            ws = wp % n_wp[gs] if n_wp[gs] else 0
            for plenary, wps in _rotate(sessions[gs][yoff], rnd):
                out.append(plenary)
                if wps:
                    out.append(wps[ws])
        if tsag != NONE and len(out) < k:
            out.extend(plenary for plenary, _ in _rotate(sessions[tsag][yoff], rnd))
        if n_wp[gp] > 1 and len(out) < k:
            out.extend(wps[(w + 1) % n_wp[gp]] for _, wps in own)
        return out[:k]


def _rotate(items: list[T], rnd: random.Random) -> list[T]:
    if len(items) < 2:
        return items
    start = int(rnd.random() * len(items))
    return items[start:] + items[:start]


def _propensity(mem: Members, m: int) -> float:
    """How much a member writes, relative to its attendance (developed members write more)."""
    base = _BASE_PROPENSITY[mem.type[m]]
    country = COUNTRIES[mem.country[m]]
    if country.developing_until == date.min:
        return base
    if country.alpha3 == "CHN":
        return base * 1.5
    if country.alpha3 == "KOR":
        return base * 1.2
    return base * (0.5 if country.weight >= 6 else 0.3 if country.weight >= 4 else 0.1)


def build_plan(
    rng: random.Random,
    mem: Members,
    ppl: People,
    paths: Paths,
    k_factor: float,
    target: int | None,
) -> Plan:
    plan = Plan()
    years = paths.s.years
    caps: list[array[int]] = []
    buckets: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    flat: dict[int, float] = defaultdict(float)  # (group, year offset, member) packed in an int
    propensity = [_propensity(mem, m) for m in range(len(mem.ids))]
    draw, groups_of, cap_of, member_of = rng.random, paths.groups, paths.cap, ppl.member
    first, flags, activity = ppl.first, ppl.flags, ppl.activity
    n_new = len(_NEWCOMER_K)
    for yoff, persons in enumerate(ppl.active):
        mid_year = date(years[yoff], 6, 30)
        eligible = [
            kind == MEMBER_STATE and (COUNTRIES[c].ldc(mid_year) or COUNTRIES[c].low_income)
            for kind, c in zip(mem.type, mem.country, strict=True)
        ]
        counts, year_caps = array("B"), array("B")
        for i in persons:
            groups = groups_of(i, yoff)
            cap = min(255, cap_of(i, yoff, groups))
            if first[i] == yoff and not flags[i] & FLAG_VETERAN:
                k = _NEWCOMER_K[int(draw() * n_new)]
            else:
                low, high = _ACTIVITY_K[activity[i]]
                k = low + int(draw() * (high - low + 1))
            k = max(1, min(cap, round(k * k_factor)))
            counts.append(k)
            year_caps.append(cap)
            m = member_of(i, yoff)
            gp, gs, _, rg = groups
            weight = k * propensity[m]
            flat[((gp << 5 | yoff) << 24) | m] += weight
            if gs != NONE:
                flat[((gs << 5 | yoff) << 24) | m] += weight / 3
            if rg != NONE:
                flat[((rg << 5 | yoff) << 24) | m] += propensity[m]
            if eligible[m]:
                buckets[mem.country[m], yoff, gp].append(i)
            if activity[i] or flags[i] & FLAG_VETERAN:
                pool = plan.pools.setdefault((yoff, gp), [])
                if len(pool) < _ROLE_POOL_CAP:
                    pool.append(i)
        plan.counts.append(counts)
        caps.append(year_caps)
    for packed, weight in flat.items():
        key = (packed >> 29, (packed >> 24) & 31)
        plan.weights.setdefault(key, {})[packed & 0xFFFFFF] = weight
    plan.total = sum(sum(c) for c in plan.counts)
    if target is not None:
        _adjust(rng, plan, caps, target)
    for (c, yoff, _), candidates in sorted(buckets.items()):
        ldc = COUNTRIES[c].ldc(date(years[yoff], 6, 30))
        slots, chance = (2, 0.85) if ldc else (1, 0.3)
        for i in rng.sample(candidates, min(slots, len(candidates))):
            if rng.random() < chance:
                plan.fellows.add(i * 64 + yoff)
    return plan


def _adjust(rng: random.Random, plan: Plan, caps: list[array[int]], target: int) -> None:
    """Add or remove single attendances at random participant-years to hit ``target``."""
    ratio, carry = target / plan.total, 0.0
    for counts, year_caps in zip(plan.counts, caps, strict=True):
        for j, k in enumerate(counts):  # scale every count, carrying the rounding over
            carry += k * ratio
            new = max(1, min(year_caps[j], int(carry)))
            carry -= new
            counts[j] = new
    plan.total = sum(sum(c) for c in plan.counts)
    diff = target - plan.total
    sizes = [len(c) for c in plan.counts]
    tries = 0
    while diff:
        tries += 1
        if tries > 100 * abs(target - plan.total) + 1_000_000:
            raise ValueError(f"cannot reach {target:,} attendances with this schedule")
        yoff = rng.choices(range(len(sizes)), sizes)[0]
        j = rng.randrange(sizes[yoff])
        k = plan.counts[yoff][j]
        if diff > 0 and k < caps[yoff][j]:
            plan.counts[yoff][j] = k + 1
            diff -= 1
        elif diff < 0 and k > 1:
            plan.counts[yoff][j] = k - 1
            diff += 1
    plan.total = target
