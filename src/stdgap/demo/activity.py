"""Contributions (produced lazily, meeting by meeting) and leadership roles of the demo."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from datetime import date, timedelta

from stdgap.demo.calibration import (
    CONTRIBUTION_DEADLINE_DAYS,
    COUNTRIES,
    DEVELOPING_CHAIR_SHARE,
    DEVELOPING_VICE_CHAIR_SHARE,
    REGION_NAMES,
    RG_CONTRIBUTIONS,
    STUDY_PERIODS,
    TITLE_FORMS,
    TOPICS,
    WOMEN_LEADERSHIP_WEIGHT,
    period_of,
)
from stdgap.demo.plan import Plan
from stdgap.demo.population import FLAG_VETERAN, Members, People
from stdgap.demo.schedule import PLENARY, RAPPORTEUR, REGIONAL, Schedule

_N_SOURCES = (1, 2, 3, 4)
_N_SOURCES_CUM = (0.7, 0.88, 0.96, 1.0)
_LEVELS = ("plenary", "working_party", "question")
_LEVEL_CUM = (0.25, 0.7, 1.0)
_RAPPORTEUR_CONTRIBUTIONS = 5.0
_SERIES = {
    "TSAG": "A",
    "SG2": "E",
    "SG3": "D",
    "SG5": "K",
    "SG9": "J",
    "SG11": "Q",
    "SG12": "P",
    "SG13": "Y",
    "SG15": "G",
    "SG16": "H",
    "SG17": "X",
    "SG20": "Y",
    "SG21": "H",
}
#: The calendar years whose participants can hold the posts of each study period.
_PERIOD_YEARS = {"T17": (2017, 2021), "T22": (2022, 2024), "T25": (2025, 2028)}


def person_id(i: int) -> str:
    return f"P{i + 1:06d}"


class _Sources:
    """Weighted draws of source members for a group and year, preferring same-country co-sources."""

    def __init__(self, plan: Plan, mem: Members, rnd: random.Random) -> None:
        self.plan, self.mem, self.rnd = plan, mem, rnd
        self._pools: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
        self._by_country: dict[tuple[int, int, int], list[int]] = {}

    def draw(self, g: int, yoff: int) -> list[int]:
        key = (g, yoff)
        if key not in self._pools:
            weights = self.plan.weights.get(key, {})
            members = sorted(weights)
            self._pools[key] = (members, list(itertools.accumulate(weights[m] for m in members)))
        members, cum = self._pools[key]
        if not members:
            return []
        rnd = self.rnd
        first = members[bisect.bisect(cum, rnd.random() * cum[-1])]
        out = [first]
        n = rnd.choices(_N_SOURCES, cum_weights=_N_SOURCES_CUM)[0]
        for _ in range(n - 1):
            if rnd.random() < 0.6:
                ckey = (g, yoff, self.mem.country[first])
                if ckey not in self._by_country:
                    self._by_country[ckey] = [m for m in members if self.mem.country[m] == ckey[2]]
                other = rnd.choice(self._by_country[ckey])
            else:
                other = members[bisect.bisect(cum, rnd.random() * cum[-1])]
            if other not in out:
                out.append(other)
        return out


def contributions(
    seed: str, sched: Schedule, mem: Members, plan: Plan, factor: float
) -> Iterator[dict[str, str]]:
    rnd = random.Random(seed)
    sources = _Sources(plan, mem, rnd)
    counters: dict[tuple[str, str], int] = {}
    wps_of = {p: wps for g in sched.sessions for year in g for p, wps in year}
    y0 = sched.years[0]
    for m, kind in enumerate(sched.kind):
        g = sched.group[m]
        spec = sched.groups[g]
        if kind == PLENARY:
            rate = spec.contributions
        elif kind == RAPPORTEUR:
            rate = _RAPPORTEUR_CONTRIBUTIONS
        elif kind == REGIONAL:
            rate = RG_CONTRIBUTIONS
        else:
            continue
        start = sched.start[m]
        yoff = start.year - y0
        wps = wps_of.get(m, ())
        for _ in range(int(rate * factor * (0.6 + 0.8 * rnd.random()))):
            members = sources.draw(g, yoff)
            if not members:
                break
            if kind == PLENARY:
                level = rnd.choices(_LEVELS, cum_weights=_LEVEL_CUM)[0]
                target = m if level == "plenary" or not wps else rnd.choice(wps)
            else:
                level, target = ("question" if kind == RAPPORTEUR else "plenary"), m
            prefix = period_of(start)
            number = counters.get((prefix, spec.code), 0) + 1
            counters[prefix, spec.code] = number
            extra = int(rnd.expovariate(1 / 8.0)) if rnd.random() < 0.88 else rnd.randrange(48, 90)
            submitted = start - timedelta(days=CONTRIBUTION_DEADLINE_DAYS + extra)
            yield {
                "doc_id": f"{prefix}-{spec.code}-C-{number:04d}",
                "meeting_id": sched.ids[target],
                "sources": ";".join(mem.ids[s] for s in members),
                "level": level,
                "submitted": submitted.isoformat(),
                "title": rnd.choice(TITLE_FORMS).format(rnd.choice(TOPICS)),
            }


class _RoleMaker:
    def __init__(
        self, rnd: random.Random, sched: Schedule, mem: Members, ppl: People, plan: Plan
    ) -> None:
        self.rnd, self.sched, self.mem, self.ppl, self.plan = rnd, sched, mem, ppl, plan
        self.rows: list[dict[str, str]] = []
        self.by_key: dict[tuple[str, str, str, str], dict[str, str]] = {}
        self.with_meetings = set(sched.group)

    def pick(self, yoff: int, g: int, developing: bool | None, day: date, used: set[int]) -> int:
        pool = [i for i in self.plan.pools.get((yoff, g), []) if i not in used]
        if developing is not None:
            wanted = [i for i in pool if COUNTRIES[self.ppl.nat[i]].developing(day) == developing]
            pool = wanted or pool
        if not pool:
            return -1
        ppl = self.ppl
        weights = [
            (WOMEN_LEADERSHIP_WEIGHT if ppl.gender[i] == 1 else 1.0)
            * (2.0 if ppl.activity[i] == 2 or ppl.flags[i] & FLAG_VETERAN else 1.0)
            * (1 + min(3, ppl.last[i] - yoff))  # prefer those who stay for the term
            for i in pool
        ]
        return self.rnd.choices(pool, weights)[0]

    def add(
        self,
        i: int,
        member: int,
        g: int,
        role: str,
        start: date,
        end: date | None,
        responsibility: str,
    ) -> None:
        key = (person_id(i), self.sched.groups[g].code, role, start.isoformat())
        held = self.by_key.get(key)
        if held is not None:  # one role per person, group, role and start: list both duties
            held["responsibility"] = f"{held['responsibility']}; {responsibility}"
            return
        row = {
            "person_id": key[0],
            "member_id": self.mem.ids[member],
            "group": key[1],
            "role": role,
            "start": key[3],
            "end": end.isoformat() if end else "",
            "responsibility": responsibility,
        }
        self.by_key[key] = row
        self.rows.append(row)

    def post(
        self,
        yoff: int,
        g: int,
        role: str,
        span: tuple[date, date | None],
        text: str,
        developing: bool | None,
        used: set[int],
        replace: float,
    ) -> None:
        """One post for a period, sometimes handed over to a successor mid-term."""
        start, end = span
        holders: list[tuple[date, date | None]] = [(start, end)]
        if end is not None and self.rnd.random() < replace:
            change = start + timedelta(days=self.rnd.randrange(300, max(301, (end - start).days)))
            holders = [(start, change - timedelta(days=1)), (change, end)]
        years = self.sched.years
        for first, last in holders:
            year = min(max(first.year, years[0]), years[-1])
            i = self.pick(year - years[0], g, developing, first, used)
            if i < 0:
                return
            used.add(i)
            leads = role in ("chair", "vice_chair")
            member = self.ppl.member(i, year - years[0])
            if leads:
                member = self.ppl.nat[i]  # Member States come first, in COUNTRIES order
            self.add(i, member, g, role, first, last, text)


def roles(
    seed: str, sched: Schedule, mem: Members, ppl: People, plan: Plan, question_share: float
) -> list[dict[str, str]]:
    """Chairs, vice-chairs, working-party chairs of each study period, and the posts of a
    ``question_share`` of the Questions (rapporteurs, editors …), liaisons and mentors."""
    rnd = random.Random(seed)
    maker = _RoleMaker(rnd, sched, mem, ppl, plan)
    y0, y1 = sched.years[0], sched.years[-1]
    for code, start, end in STUDY_PERIODS:
        first_year, last_year = _PERIOD_YEARS[code]
        if last_year < y0 or start.year > y1:
            continue
        pool_year = min(max(first_year, y0), y1)
        yoff = pool_year - y0
        groups = [
            g
            for g, spec in enumerate(sched.groups)
            if not spec.region
            and g in maker.with_meetings
            and spec.first_year <= last_year
            and spec.last_year >= first_year
        ]
        chairs = [(g, w) for g in groups for w in range(sched.groups[g].working_parties + 1)]
        vice = [(g, v) for g in groups for v in range(10 if g == 0 else rnd.randint(6, 9))]
        chair_dev = _quota(rnd, len(chairs), DEVELOPING_CHAIR_SHARE)
        vice_dev = _quota(rnd, len(vice), DEVELOPING_VICE_CHAIR_SHARE)
        used: set[int] = set()
        span = (start, end)
        for (g, w), dev in zip(chairs, chair_dev, strict=True):
            name = _name(sched.groups[g].code)
            text = name if w == 0 else f"Working Party {w}/{_number(sched.groups[g].code)}"
            maker.post(yoff, g, "chair", span, text, dev, used, 0.05)
        for (g, _), dev in zip(vice, vice_dev, strict=True):
            region = REGION_NAMES[rnd.choice(list(REGION_NAMES))]
            text = _name(sched.groups[g].code) + (
                f"; regional coordination, {region}" if dev else ""
            )
            maker.post(yoff, g, "vice_chair", span, text, dev, used, 0.1)
        for g in groups:
            _question_posts(maker, rnd, yoff, g, span, question_share)
    return maker.rows


def _question_posts(
    maker: _RoleMaker,
    rnd: random.Random,
    yoff: int,
    g: int,
    span: tuple[date, date | None],
    share: float,
) -> None:
    spec = maker.sched.groups[g]
    number = _number(spec.code)
    for q in range(1, spec.questions + 1):
        if rnd.random() >= share:
            continue
        used: set[int] = set()
        where = f"Q{q}/{number}"
        maker.post(yoff, g, "rapporteur", span, where, None, used, 0.15)
        for _ in range(rnd.choice((0, 0, 1, 1, 2))):
            maker.post(yoff, g, "associate_rapporteur", span, where, None, used, 0.1)
        for _ in range(rnd.randint(1, 3)):
            rec = f"{_SERIES[spec.code]}.{rnd.randrange(100, 4000)}"
            maker.post(
                yoff, g, "editor", span, f"{where}: draft Recommendation {rec}", None, used, 0.2
            )
    used = set()
    for n in range(2 if share >= 1 else 1):
        maker.post(yoff, g, "liaison_rapporteur", span, f"liaison {n + 1}", None, used, 0.1)
        maker.post(yoff, g, "mentor", span, "mentor of newcomers (BSG)", None, used, 0.1)


def _quota(rnd: random.Random, n: int, share: float) -> list[bool]:
    """Exactly round(n * share) True values in a random order."""
    flags = [k < round(n * share) for k in range(n)]
    rnd.shuffle(flags)
    return flags


def _number(code: str) -> str:
    return code.removeprefix("SG")


def _name(code: str) -> str:
    return "TSAG" if code == "TSAG" else f"Study Group {_number(code)}"
