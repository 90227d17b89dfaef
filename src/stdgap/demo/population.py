"""Synthetic members (Member States, sector members, associates, academia) and participants.

Participants are simulated year by year: returning participants come back with the retention
rates of calibration.py, newcomers fill the year up to its target, and a few change affiliation.
They are held in compact arrays so that the large scale (hundreds of thousands of people) fits
in memory.
"""

from __future__ import annotations

import bisect
import itertools
import random
from array import array
from dataclasses import dataclass, field
from datetime import date, timedelta

from stdgap.demo.calibration import (
    ACADEMIA_KINDS,
    BIRTH_YEAR_UNKNOWN_SHARE,
    COUNTRIES,
    FIRST_TIMER_RETENTION,
    GENDER_UNKNOWN_SHARE,
    GENDER_X_SHARE,
    ORG_FIRST,
    ORG_SECOND,
    ORG_THIRD,
    PALAU_JOINED,
    PLACE_SYLLABLES,
    REGULAR_RETENTION,
    RG_REGIONS,
    WOMEN_SHARE,
    WOMEN_SHARE_TREND,
    YEAR_FACTOR,
)
from stdgap.demo.schedule import NONE, Schedule

MEMBER_STATE, SECTOR_MEMBER, ASSOCIATE, ACADEMIA = 0, 1, 2, 3
TYPE_NAMES = ("member_state", "sector_member", "associate", "academia")
#: Share of newly arriving participants by the type of member they come for.
TYPE_MIX = (0.42, 0.45, 0.05, 0.08)
_TYPE_CUM = tuple(itertools.accumulate(TYPE_MIX))
_ACTIVITY_CUM = (0.3, 0.8, 1.0)  # light, regular, heavy
GENDER_CODES = ("", "F", "M", "X")
FLAG_TSAG, FLAG_INTERPRETATION, FLAG_VETERAN = 1, 2, 4
_MS_SIZE = (0.15, 0.6, 1.5, 3.0, 5.0, 7.5, 10.0, 13.0, 16.0, 20.0)


@dataclass
class Members:
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    type: list[int] = field(default_factory=list)
    country: list[int] = field(default_factory=list)
    sme: list[str] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    first_year: list[int] = field(default_factory=list)  # years a person may attend for it
    last_year: list[int] = field(default_factory=list)
    size: list[float] = field(default_factory=list)

    def add(self, member_id: str, name: str, kind: int, country: int, size: float) -> int:
        self.ids.append(member_id)
        self.names.append(name)
        self.type.append(kind)
        self.country.append(country)
        self.sme.append("")
        self.parent.append(-1)
        self.joined.append("")
        self.left.append("")
        self.first_year.append(0)
        self.last_year.append(9999)
        self.size.append(size)
        return len(self.ids) - 1

    def rows(self) -> list[dict[str, str]]:
        return [
            {
                "member_id": self.ids[m],
                "name": self.names[m],
                "type": TYPE_NAMES[self.type[m]],
                "country": COUNTRIES[self.country[m]].alpha3,
                "sme": self.sme[m],
                "parent_member_id": self.ids[self.parent[m]] if self.parent[m] >= 0 else "",
                "joined": self.joined[m],
                "left": self.left[m],
            }
            for m in range(len(self.ids))
        ]


def _org_names(rng: random.Random) -> list[str]:
    names = [f"{a} {b}{c}" for c, a, b in itertools.product(ORG_THIRD, ORG_FIRST, ORG_SECOND)]
    head = names[: len(ORG_FIRST) * len(ORG_SECOND)]
    rng.shuffle(head)
    return head + names[len(head) :]


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(PLACE_SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def build_members(rng: random.Random, years: list[int], factor: float) -> Members:
    mem = Members()
    for c, country in enumerate(COUNTRIES):
        m = mem.add(f"MS-{country.alpha3}", country.name, MEMBER_STATE, c, _MS_SIZE[country.weight])
        if country.alpha3 == "PLW":
            mem.joined[m] = PALAU_JOINED.isoformat()
            mem.first_year[m] = PALAU_JOINED.year + 1
    heavy = list(itertools.accumulate(c.weight**3 for c in COUNTRIES))
    spread = list(itertools.accumulate(c.weight**2.2 + 1.0 for c in COUNTRIES))
    every = range(len(COUNTRIES))
    names = _org_names(rng)
    parents: list[int] = []
    n_sector = round(430 * factor)
    for n in range(n_sector):
        c = rng.choices(every, cum_weights=heavy)[0]
        size = rng.lognormvariate(0.0, 0.9) * (1.0 + COUNTRIES[c].weight / 3.0)
        name = names[n % len(names)] + ("" if n < len(names) else f" {n // len(names) + 1}")
        if parents and rng.random() < 0.12:
            parent = rng.choice(parents)
            name = f"{mem.names[parent]} ({COUNTRIES[c].name})"
            m = mem.add(f"SM-{n + 1:04d}", name, SECTOR_MEMBER, c, size * 0.5)
            mem.parent[m] = parent
        else:
            m = mem.add(f"SM-{n + 1:04d}", name, SECTOR_MEMBER, c, size)
            if COUNTRIES[c].weight >= 6 and len(parents) < 40:
                parents.append(m)
        mem.sme[m] = "true" if rng.random() < 0.25 else "false"
        _membership_dates(rng, mem, m, years)
    for n in range(round(50 * factor)):
        c = rng.choices(every, cum_weights=heavy)[0]
        name = f"{names[-(n + 1)]} Association"
        m = mem.add(f"AS-{n + 1:04d}", name, ASSOCIATE, c, 0.6 * rng.lognormvariate(0.0, 0.6))
        _membership_dates(rng, mem, m, years)
    used: set[str] = set()
    for n in range(round(110 * factor)):
        c = rng.choices(every, cum_weights=spread)[0]
        name = rng.choice(ACADEMIA_KINDS).format(_place(rng))
        while name in used:
            name = rng.choice(ACADEMIA_KINDS).format(_place(rng))
        used.add(name)
        m = mem.add(f"AC-{n + 1:04d}", name, ACADEMIA, c, 0.5 * rng.lognormvariate(0.0, 0.7))
        _membership_dates(rng, mem, m, years)
    return mem


def _membership_dates(rng: random.Random, mem: Members, m: int, years: list[int]) -> None:
    y0, y1 = years[0], years[-1]
    if rng.random() < 0.8:
        joined = date(rng.randrange(1994, y0), 1, 1) + timedelta(days=rng.randrange(365))
    else:
        joined = date(rng.randrange(y0, y1 + 1), 1, 1) + timedelta(days=rng.randrange(365))
        mem.first_year[m] = joined.year + 1 if joined.month > 6 else joined.year
    mem.joined[m] = joined.isoformat()
    earliest_leave = max(mem.first_year[m], y0) + 2
    if rng.random() < 0.08 and earliest_leave <= y1:
        left_year = rng.randrange(earliest_leave, y1 + 1)
        mem.left[m] = date(left_year, rng.randrange(1, 13), 1).isoformat()
        mem.last_year[m] = left_year - 1
    if mem.first_year[m] > mem.last_year[m]:
        mem.first_year[m] = mem.last_year[m] = 10000  # never attended for: no one is sent


@dataclass
class People:
    """Participants as parallel arrays; ``active[yoff]`` lists who attends in that year."""

    nat: array[int] = field(default_factory=lambda: array("H"))
    gender: array[int] = field(default_factory=lambda: array("B"))
    birth_year: array[int] = field(default_factory=lambda: array("H"))
    first: array[int] = field(default_factory=lambda: array("B"))
    last: array[int] = field(default_factory=lambda: array("B"))
    member_a: array[int] = field(default_factory=lambda: array("I"))
    member_b: array[int] = field(default_factory=lambda: array("I"))
    switch: array[int] = field(default_factory=lambda: array("B"))  # year offset of member_b
    g1: array[int] = field(default_factory=lambda: array("B"))  # main group
    g2: array[int] = field(default_factory=lambda: array("B"))  # second group or NONE
    rg: array[int] = field(default_factory=lambda: array("B"))  # regional group or NONE
    wp: array[int] = field(default_factory=lambda: array("B"))  # preferred working party
    flags: array[int] = field(default_factory=lambda: array("B"))
    activity: array[int] = field(default_factory=lambda: array("B"))  # 0 light, 1, 2 heavy
    active: list[array[int]] = field(default_factory=list)

    def member(self, i: int, yoff: int) -> int:
        return self.member_b[i] if yoff >= self.switch[i] else self.member_a[i]


class _Chooser:
    """Weighted draws over members and groups that are open in a given year."""

    def __init__(self, rng: random.Random, mem: Members, sched: Schedule) -> None:
        self.rng, self.mem, self.sched = rng, mem, sched
        self._members: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
        self._groups: dict[tuple[int, str, bool], tuple[list[int], list[float]]] = {}
        self._same_country: dict[tuple[int, int], list[int]] = {}
        self._regional: dict[str, list[int]] = {}

    def member(self, kind: int, year: int) -> int:
        key = (kind, year)
        if key not in self._members:
            mem = self.mem
            pool = [
                m
                for m in range(len(mem.ids))
                if mem.type[m] == kind and mem.first_year[m] <= year <= mem.last_year[m]
            ]
            self._members[key] = (pool, list(itertools.accumulate(mem.size[m] for m in pool)))
        pool, cum = self._members[key]
        return pool[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def member_same_country(self, country: int, year: int) -> int:
        key = (country, year)
        if key not in self._same_country:
            mem = self.mem
            self._same_country[key] = [
                m
                for m in range(len(mem.ids))
                if mem.country[m] == country and mem.first_year[m] <= year <= mem.last_year[m]
            ]
        return self.rng.choice(self._same_country[key])

    def regional(self, region: str, study_group: int) -> int:
        """A regional group of the region, that of ``study_group`` when there is one."""
        groups = self.sched.groups
        if region not in self._regional:
            self._regional[region] = [
                g for g, s in enumerate(groups) if s.region and region in RG_REGIONS[s.region]
            ]
        pool = self._regional[region]
        own = [g for g in pool if groups[g].parent == study_group]
        return own[0] if own and self.rng.random() < 0.7 else self.rng.choice(pool)

    def group(self, year: int, region: str, dev_delegate: bool) -> int:
        key = (year, region, dev_delegate)
        if key not in self._groups:
            pool: list[int] = []
            weights: list[float] = []
            for g, spec in enumerate(self.sched.groups):
                if not self.sched.exists(g, year):
                    continue
                if spec.region:
                    if region not in RG_REGIONS[spec.region]:
                        continue
                    share = 30.0 if dev_delegate else 2.0
                    n_rg = sum(
                        1 for s in self.sched.groups if region in RG_REGIONS.get(s.region, ())
                    )
                    pool.append(g)
                    weights.append(share / n_rg)
                else:
                    affinity = spec.developing_affinity if dev_delegate else 1.0
                    pool.append(g)
                    weights.append(spec.popularity * affinity)
            self._groups[key] = (pool, list(itertools.accumulate(weights)))
        pool, cum = self._groups[key]
        return pool[bisect.bisect(cum, self.rng.random() * cum[-1])]


def _rg_region(region: str, developing: bool) -> str:
    """The region a participant's regional-group choices come from ("" = none)."""
    if region == "EUR" and not developing:
        return ""
    return region if developing or region == "EUR" else ""


def build_people(rng: random.Random, mem: Members, sched: Schedule, per_year: int) -> People:
    ppl = People()
    choose = _Chooser(rng, mem, sched)
    years = sched.years
    countries = len(COUNTRIES)
    nat_weights = list(itertools.accumulate(c.weight**2 + 0.5 for c in COUNTRIES))
    active: list[int] = []
    for yoff, year in enumerate(years):
        survivors: list[int] = []
        for i in active:
            veteran = ppl.flags[i] & FLAG_VETERAN or ppl.first[i] < yoff - 1
            keep = REGULAR_RETENTION if veteran else FIRST_TIMER_RETENTION
            m = ppl.member(i, yoff)
            if rng.random() >= keep or mem.last_year[m] < year:
                continue
            ppl.last[i] = yoff
            survivors.append(i)
            if ppl.switch[i] == NONE and yoff - ppl.first[i] >= 2 and rng.random() < 0.025:
                if rng.random() < 0.6:
                    new = choose.member_same_country(mem.country[m], year)
                else:
                    new = choose.member(min(3, bisect.bisect(_TYPE_CUM, rng.random())), year)
                if new != m and mem.last_year[new] >= years[-1]:
                    ppl.member_b[i], ppl.switch[i] = new, yoff
        target = round(per_year * YEAR_FACTOR.get(year, 1.0))
        newcomers = [
            _new_person(
                rng,
                ppl,
                mem,
                choose,
                yoff,
                year,
                yoff == 0 and rng.random() < 0.6,
                countries,
                nat_weights,
            )
            for _ in range(max(0, target - len(survivors)))
        ]
        active = survivors + newcomers
        ppl.active.append(array("I", sorted(active)))
    return ppl


def _new_person(
    rng: random.Random,
    ppl: People,
    mem: Members,
    choose: _Chooser,
    yoff: int,
    year: int,
    veteran: bool,
    countries: int,
    nat_weights: list[float],
) -> int:
    i = len(ppl.nat)
    kind = min(3, bisect.bisect(_TYPE_CUM, rng.random()))
    m = choose.member(kind, year)
    c = mem.country[m]
    if kind != MEMBER_STATE and rng.random() < 0.12:
        c = bisect.bisect(nat_weights, rng.random() * nat_weights[-1])
        c = min(c, countries - 1)
    country = COUNTRIES[mem.country[m]]
    developing = country.developing(date(year, 6, 30))
    draw = rng.random()
    women = WOMEN_SHARE + WOMEN_SHARE_TREND * (year - 2021) - (0.03 if developing else 0.0)
    if draw < GENDER_UNKNOWN_SHARE:
        gender = 0
    elif draw < GENDER_UNKNOWN_SHARE + GENDER_X_SHARE:
        gender = 3
    else:
        gender = 1 if rng.random() < women else 2
    age = rng.gauss(48.0 if veteran else 42.0, 10.0)
    birth = year - int(min(74.0, max(23.0, age)))
    ppl.nat.append(c)
    ppl.gender.append(gender)
    ppl.birth_year.append(0 if rng.random() < BIRTH_YEAR_UNKNOWN_SHARE else birth)
    ppl.first.append(yoff)
    ppl.last.append(yoff)
    ppl.member_a.append(m)
    ppl.member_b.append(m)
    ppl.switch.append(NONE)
    delegate = kind == MEMBER_STATE and developing
    region = _rg_region(country.region, developing) if kind != ASSOCIATE else ""
    groups = choose.sched.groups
    g1 = choose.group(year, region, delegate)
    g2, rg = NONE, NONE
    if groups[g1].region:
        g2 = groups[g1].parent
    elif rng.random() < 0.35:
        g2 = choose.group(year, "", delegate)
        if g2 == g1:
            g2 = NONE
    regional = 0.6 if developing and country.weight <= 5 else 0.08
    if region and not groups[g1].region and rng.random() < regional:
        rg = choose.regional(region, g1)
    ppl.g1.append(g1)
    ppl.g2.append(g2)
    ppl.rg.append(rg)
    ppl.wp.append(rng.randrange(4))
    flags = FLAG_VETERAN if veteran else 0
    if rng.random() < (0.08 if kind == MEMBER_STATE else 0.03):
        flags |= FLAG_TSAG
    if COUNTRIES[c].language and rng.random() < (0.35 if developing else 0.08):
        flags |= FLAG_INTERPRETATION
    ppl.flags.append(flags)
    ppl.activity.append(min(2, bisect.bisect(_ACTIVITY_CUM, rng.random())))
    return i
