"""The meeting calendar of the demo: TSAG, study groups, their working parties, rapporteur
meetings and regional groups, year by year, with formats that follow the pandemic years."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from stdgap.demo.calibration import (
    CITIES,
    COUNTRIES,
    COVID_START,
    GENEVA_SHARE,
    GROUPS,
    HYBRID_FROM,
    HYBRID_REMOTE,
    PRE_COVID_E_MEETINGS,
    PRE_COVID_REGIONAL_REMOTE,
    REGIONAL_GROUPS,
    RG_MEETINGS_PER_YEAR,
    RG_REGIONS,
    SUCCESSOR,
    period_of,
)

# Meeting kinds and formats, as small codes for the hot loops.
PLENARY, WORKING_PARTY, RAPPORTEUR, REGIONAL = 0, 1, 2, 3
KIND_NAMES = ("plenary", "working_party", "rapporteur", "regional_group")
IN_PERSON, VIRTUAL, HYBRID = 0, 1, 2
FORMAT_NAMES = ("in_person", "virtual", "hybrid")
NONE = 255  # "no group" in the byte arrays of the population


@dataclass(frozen=True)
class Group:
    code: str
    working_parties: int
    questions: int
    sessions: float
    rapporteur: float
    popularity: float
    developing_affinity: float
    contributions: float
    first_year: int
    last_year: int
    long_meeting: bool
    region: str = ""  # regional groups: the RG suffix (AFR, LATAM …)
    parent: int = NONE  # regional groups: index of their study group


def build_groups() -> list[Group]:
    groups = [
        Group(
            g.code,
            g.working_parties,
            g.questions,
            g.sessions,
            g.rapporteur,
            g.popularity,
            g.developing_affinity,
            g.contributions,
            g.first_year,
            g.last_year,
            g.long_meeting,
        )
        for g in GROUPS
    ]
    index = {g.code: i for i, g in enumerate(groups)}
    for code in REGIONAL_GROUPS:
        parent, _, region = code.partition("RG-")
        groups.append(
            Group(
                code, 0, 0, RG_MEETINGS_PER_YEAR, 0, 0, 0, 0, 0, 9999, False, region, index[parent]
            )
        )
    return groups


@dataclass
class Schedule:
    """Meetings as parallel lists (index = meeting number) plus the look-ups attendance needs."""

    years: list[int]
    groups: list[Group]
    ids: list[str] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    start: list[date] = field(default_factory=list)
    end: list[date] = field(default_factory=list)
    fmt: list[int] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    remote_p: list[float] = field(default_factory=list)
    #: sessions[g][yoff]: (plenary meeting, its working-party meetings) of group g that year
    sessions: list[list[list[tuple[int, tuple[int, ...]]]]] = field(default_factory=list)
    #: rapporteur[g][yoff][wp]: rapporteur meetings of the Questions of working party wp
    rapporteur: list[list[list[list[int]]]] = field(default_factory=list)
    #: resolve[g][yoff]: the group a participant of g works in that year (SG9, SG16 → SG21)
    resolve: list[list[int]] = field(default_factory=list)

    def exists(self, g: int, year: int) -> bool:
        spec = self.groups[g]
        return spec.first_year <= year <= spec.last_year

    def rows(self) -> list[dict[str, str]]:
        return [
            {
                "meeting_id": self.ids[m],
                "group": self.groups[self.group[m]].code,
                "start": self.start[m].isoformat(),
                "end": self.end[m].isoformat(),
                "kind": KIND_NAMES[self.kind[m]],
                "city": CITIES.get(self.host[m], ""),
                "host_country": self.host[m],
                "format": FORMAT_NAMES[self.fmt[m]],
            }
            for m in range(len(self.ids))
        ]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _session_dates(rng: random.Random, year: int, n: int, last_month: int) -> list[date]:
    """n meeting starts spread over the year, on Mondays, avoiding August and the holidays."""
    span = (date(year, last_month, 28) - date(year, 1, 12)).days
    out: list[date] = []
    for i in range(n):
        offset = int(span * (i + 0.2 + 0.6 * rng.random()) / n)
        day = _monday(date(year, 1, 12) + timedelta(days=offset))
        if day.month == 8:
            day = _monday(date(year, 9, 7))
        if day < date(year, 1, 8):
            day += timedelta(days=7)
        out.append(day)
    return out


def _count(rng: random.Random, rate: float) -> int:
    whole = int(rate)
    return max(1, whole + (1 if rng.random() < rate - whole else 0))


class _Builder:
    def __init__(self, schedule: Schedule, rng: random.Random) -> None:
        self.s = schedule
        self.rng = rng
        self.taken: set[str] = set()
        developed_hosts = [c for c in CITIES if c != "CHE"]
        self.sg_hosts = developed_hosts
        self.region_hosts: dict[str, list[str]] = {}
        for suffix, regions in RG_REGIONS.items():
            self.region_hosts[suffix] = [
                c.alpha3 for c in COUNTRIES if c.region in regions and c.alpha3 in CITIES
            ]

    def _format(self, day: date, kind: int) -> int:
        if day < HYBRID_FROM and day >= COVID_START:
            return VIRTUAL
        draw = self.rng.random()
        if day < COVID_START:  # remote participation offered, e-meetings for some rapporteurs
            if kind == RAPPORTEUR:
                return VIRTUAL if draw < PRE_COVID_E_MEETINGS else HYBRID
            if kind == REGIONAL:
                return HYBRID if draw < PRE_COVID_REGIONAL_REMOTE else IN_PERSON
            return HYBRID
        if kind == RAPPORTEUR:
            return VIRTUAL if draw < 0.55 else HYBRID if draw < 0.85 else IN_PERSON
        if kind == REGIONAL:
            return HYBRID if draw < 0.6 else IN_PERSON
        return HYBRID if draw < 0.92 else IN_PERSON

    def add(self, stem: str, g: int, kind: int, start: date, days: int, fmt: int, host: str) -> int:
        day = start
        while True:
            meeting_id = f"{period_of(day)}-{stem}-{day:%y%m%d}"
            if meeting_id not in self.taken:
                break
            day += timedelta(days=1)
        self.taken.add(meeting_id)
        s = self.s
        s.ids.append(meeting_id)
        s.group.append(g)
        s.kind.append(kind)
        s.start.append(day)
        s.end.append(day + timedelta(days=days - 1))
        s.fmt.append(fmt)
        s.host.append("" if fmt == VIRTUAL else host)
        remote = HYBRID_REMOTE.get(day.year, 0.35)
        if kind == RAPPORTEUR:
            remote = min(0.8, remote + 0.2)
        s.remote_p.append(0.0 if fmt == IN_PERSON else 1.0 if fmt == VIRTUAL else remote)
        return len(s.ids) - 1

    def group_year(self, g: int, yoff: int, session_factor: float, rapp_factor: float) -> None:
        s, rng = self.s, self.rng
        spec, year = s.groups[g], s.years[yoff]
        if spec.region:
            hosts = self.region_hosts[spec.region]
            for day in _session_dates(rng, year, _count(rng, spec.sessions * session_factor), 11):
                fmt = self._format(day, REGIONAL)
                m = self.add(
                    spec.code, g, REGIONAL, day, rng.choice((3, 4, 5)), fmt, rng.choice(hosts)
                )
                s.sessions[g][yoff].append((m, ()))
            return
        last_month = 9 if spec.last_year == year else 11  # end before WTSA-24 in October
        n = _count(rng, spec.sessions * session_factor)
        for day in _session_dates(rng, year, n, last_month):
            fmt = self._format(day, PLENARY)
            host = "CHE" if g == 0 or rng.random() < GENEVA_SHARE else rng.choice(self.sg_hosts)
            days = 12 if spec.long_meeting else 5
            plenary = self.add(spec.code, g, PLENARY, day, days, fmt, host)
            wps = tuple(
                self.add(
                    f"{spec.code}-WP{w + 1}",
                    g,
                    WORKING_PARTY,
                    s.start[plenary] + timedelta(days=1),
                    days - 2,
                    fmt,
                    host,
                )
                for w in range(spec.working_parties)
            )
            s.sessions[g][yoff].append((plenary, wps))
        n_rapp = int(spec.rapporteur * rapp_factor + rng.random())
        for _ in range(n_rapp):
            q = rng.randrange(spec.questions)
            first = date(year, 1, 15)
            day = first + timedelta(days=rng.randrange((date(year, last_month, 20) - first).days))
            if day.weekday() >= 5:
                day += timedelta(days=7 - day.weekday())
            fmt = self._format(day, RAPPORTEUR)
            host = "CHE" if rng.random() < 0.4 else rng.choice(self.sg_hosts)
            m = self.add(
                f"{spec.code}-Q{q + 1}", g, RAPPORTEUR, day, rng.choice((1, 2, 3, 5)), fmt, host
            )
            s.rapporteur[g][yoff][q % spec.working_parties].append(m)


def build_schedule(
    years: list[int],
    rng: random.Random,
    session_factor: float,
    rapp_factor: float,
    rg_factor: float,
) -> Schedule:
    groups = build_groups()
    s = Schedule(years=years, groups=groups)
    n_years = len(years)
    s.sessions = [[[] for _ in years] for _ in groups]
    s.rapporteur = [[[[] for _ in range(max(1, g.working_parties))] for _ in years] for g in groups]
    index = {g.code: i for i, g in enumerate(groups)}
    s.resolve = [
        [
            index[SUCCESSOR[g.code]] if g.code in SUCCESSOR and years[y] > g.last_year else i
            for y in range(n_years)
        ]
        for i, g in enumerate(groups)
    ]
    builder = _Builder(s, rng)
    for yoff, year in enumerate(years):
        for g, spec in enumerate(groups):
            if not s.exists(g, year):
                continue
            factor = rg_factor if spec.region else session_factor
            builder.group_year(g, yoff, factor, rapp_factor)
    # Order meetings by date so the meeting file reads like a calendar.
    order = sorted(range(len(s.ids)), key=lambda m: (s.start[m], s.ids[m]))
    _renumber(s, order)
    return s


def _renumber(s: Schedule, order: list[int]) -> None:
    new_of = [0] * len(order)
    for new, old in enumerate(order):
        new_of[old] = new
    for name in ("ids", "group", "kind", "start", "end", "fmt", "host", "remote_p"):
        values = getattr(s, name)
        setattr(s, name, [values[old] for old in order])
    s.sessions = [
        [[(new_of[p], tuple(new_of[w] for w in wps)) for p, wps in year] for year in g]
        for g in s.sessions
    ]
    s.rapporteur = [[[[new_of[m] for m in wp] for wp in year] for year in g] for g in s.rapporteur]
