"""When and where the demo's CxO meetings and events are: a pure plan drawn from the generated
meetings and the seed (no store), so that ``stdgap demo`` knows their ids before it writes and
a second run recognises them as its own.

- **CxO meetings**, two a year: one in Geneva the day before TSAG's first meeting of the year
  (in its first half; mid-May when TSAG does not meet then), one alongside the year's major ITU
  event (:data:`~stdgap.demo.outreach_catalogue.MAJOR_EVENTS`) or in a host city in
  turn. Virtual from March 2020 to the end of 2021, hybrid after, in person before.
- **Events**, a few a year per ITU region: workshops the days just before or after a
  regional-group meeting of the region, in the same city (Res. 44's back-to-back events);
  trainings in a city of the region; webinars (online); and each year an e-learning course and
  an awareness campaign for every region.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from stdgap.demo.calibration import CITIES, COUNTRIES, period_of
from stdgap.demo.outreach_catalogue import HOST_CITIES, MAJOR_EVENTS, THEMES, Theme
from stdgap.events.queries import group_region
from stdgap.reference.vocabulary import ITU_REGIONS

Row = dict[str, str]
#: The demo's region codes (calibration) → ITU regions, and the codes used in event ids.
REGION_OF_CODE = {
    "AFR": "Africa",
    "AMS": "Americas",
    "ARB": "Arab States",
    "ASP": "Asia-Pacific",
    "CIS": "CIS",
    "EUR": "Europe",
}
CODE_OF_REGION = {region: code for code, region in REGION_OF_CODE.items()}
VIRTUAL_FROM, VIRTUAL_UNTIL = date(2020, 3, 1), date(2021, 12, 31)


@dataclass(frozen=True)
class CxoPlan:
    meeting_id: str
    start: date
    city: str
    host: str
    format: str
    occasion: str
    theme: Theme


@dataclass(frozen=True)
class EventPlan:
    event_id: str
    kind: str
    title: str
    region: str | None
    start: date
    end: date
    city: str
    host: str
    format: str
    capacity: int | None
    anchor: str | None  # the regional-group meeting it is back to back with


@dataclass(frozen=True)
class OutreachPlan:
    cxo: tuple[CxoPlan, ...]
    events: tuple[EventPlan, ...]
    #: Registrations per event relative to the full size (the small scale keeps tests fast).
    demand: float = 1.0

    def meeting_ids(self) -> set[str]:
        return {m.meeting_id for m in self.cxo} | {e.event_id for e in self.events}


def _format(day: date, remote_ok: bool = True) -> str:
    if VIRTUAL_FROM <= day <= VIRTUAL_UNTIL:
        return "virtual"
    if day < VIRTUAL_FROM:
        return "in_person"
    return "hybrid" if remote_ok else "in_person"


def _cxo(meetings: list[Row], years: list[int], rng: random.Random) -> list[CxoPlan]:
    tsag = {}
    for row in meetings:
        day = date.fromisoformat(row["start"])
        first_half = day.month <= 6
        if (
            row["group"] == "TSAG"
            and row["kind"] == "plenary"
            and first_half
            and day.year not in tsag
        ):
            tsag[day.year] = day
    slots: list[tuple[date, str, str, str, str]] = []  # day, city, host, format, occasion
    turn = 0
    for year in years:
        first = tsag.get(year, date(year, 5, 16)) - timedelta(days=1)
        slots.append((first, "Geneva", "CHE", _format(first), "TSAG" if year in tsag else ""))
        if year in MAJOR_EVENTS:
            occasion, city, host, month_day = MAJOR_EVENTS[year]
        else:
            city, host = HOST_CITIES[turn % len(HOST_CITIES)]
            occasion, month_day = "", "10-05"
            turn += 1
        second = date.fromisoformat(f"{year}-{month_day}")
        slots.append((second, city, host, "virtual" if not city else _format(second), occasion))
    # Themes in turn: each meeting its own, the list starting again when it runs out.
    order = list(THEMES)
    rng.shuffle(order)
    return [
        CxoPlan(
            f"{period_of(day)}-CTO-{day:%y%m%d}",
            day,
            city,
            host,
            fmt,
            occasion,
            order[n % len(order)],
        )
        for n, (day, city, host, fmt, occasion) in enumerate(slots)
    ]


TITLES = {
    "workshop": "Workshop on {topic} for {region}",
    "training": "Training on {topic} ({region})",
    "webinar": "Webinar: {topic} for {region}",
    "elearning": "E-learning course: {topic}",
    "awareness": "Awareness campaign: {topic}",
}
TOPICS = (
    "bridging the standardization gap",
    "AI for good in networks",
    "digital health standards",
    "quantum-safe networks",
    "e-waste and the circular economy",
    "conformance and interoperability testing",
    "digital financial services security",
    "smart sustainable cities",
    "numbering and mobile roaming",
    "cybersecurity capacity building",
    "drafting ITU-T Recommendations",
    "quality of service regulation",
)
#: Countries whose capital hosts a region's trainings (those the demo has a city for).
_HOSTS = {
    region: [c.alpha3 for c in COUNTRIES if c.region == code and c.alpha3 in CITIES]
    for code, region in REGION_OF_CODE.items()
}


def _weekday(day: date) -> date:
    """``day``, or the Monday after when it is a weekend day."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _event_id(kind: str, region: str | None, day: date, taken: set[str]) -> str:
    code = CODE_OF_REGION[region] if region else "ALL"
    base = f"{period_of(day)}-EV-{kind[:3].upper()}-{code}-{day:%y%m%d}"
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    taken.add(found)
    return found


def _events(
    meetings: list[Row], years: list[int], rng: random.Random, per_region: int, other: float
) -> list[EventPlan]:
    anchors: dict[tuple[int, str], list[Row]] = {}
    for row in meetings:
        region = group_region(row["group"]) if row["kind"] == "regional_group" else None
        if region and row["city"] and row["format"] != "virtual":
            anchors.setdefault((int(row["start"][:4]), region), []).append(row)
    taken: set[str] = set()
    found: list[EventPlan] = []

    def add(kind: str, region: str | None, start: date, days: int, city: str, host: str,
            fmt: str, capacity: int | None, anchor: str | None = None) -> None:  # fmt: skip
        where = region or "all regions"
        title = TITLES[kind].format(topic=rng.choice(TOPICS), region=where)
        title = title[0].upper() + title[1:]
        end = start + timedelta(days=days - 1)
        event_id = _event_id(kind, region, start, taken)
        found.append(
            EventPlan(event_id, kind, title, region, start, end, city, host, fmt, capacity, anchor)
        )

    for year in years:
        for region in ITU_REGIONS:
            near = sorted(anchors.get((year, region), []), key=lambda r: r["meeting_id"])
            for row in rng.sample(near, min(len(near), per_region)):
                if rng.random() >= 0.75:
                    continue
                days = rng.choice((1, 2, 2))
                before = rng.random() < 0.5
                start = (
                    date.fromisoformat(row["start"]) - timedelta(days=days)
                    if before
                    else date.fromisoformat(row["end"] or row["start"]) + timedelta(days=1)
                )
                add("workshop", region, start, days, row["city"], row["host_country"],
                    _format(start), rng.choice((20, 30, 40)), row["meeting_id"])  # fmt: skip
            for _n in range(per_region):
                if rng.random() >= other:
                    continue
                start = _weekday(date(year, rng.randint(2, 11), rng.randint(1, 28)))
                if rng.random() < 0.5:
                    host = rng.choice(_HOSTS[region])
                    add("training", region, start, 3, CITIES[host], host, _format(start, False),
                        rng.choice((12, 15, 20)))  # fmt: skip
                else:
                    add("webinar", region, start, 1, "", "", "virtual", rng.choice((30, None)))
        start = date(year, rng.randint(1, 6), 1)
        add("elearning", None, start, 28, "", "", "virtual", 25)
        start = _weekday(date(year, rng.randint(7, 11), rng.randint(1, 28)))
        if year % 2 == 0:
            add("awareness", None, start, 1, "Geneva", "CHE", _format(start), None)
    return sorted(found, key=lambda e: (e.start, e.event_id))


#: Per scale: workshops a year per region (next to a regional-group meeting, three times in
#: four), the chance of a training or webinar as well, and registrations relative to full size.
#: Every event is written through the events' operations (an import for its meeting and one for
#: its attendance): these keep ``stdgap demo`` fast.
SCALES: dict[str, tuple[int, float, float]] = {
    "small": (1, 0.6, 0.5),
    "itu": (1, 0.4, 0.7),
    "large": (1, 0.4, 0.7),
}


def plan_outreach(meetings: Iterable[Row], seed: int, scale: str = "itu") -> OutreachPlan:
    """The CxO meetings and events of the demo whose generated meetings are ``meetings``."""
    per_region, other, demand = SCALES[scale]
    rows = sorted(meetings, key=lambda r: (r["start"], r["meeting_id"]))
    years = sorted({int(r["start"][:4]) for r in rows})
    rng = random.Random(f"stdgap-demo-outreach:{seed}:{len(rows)}")
    cxo = _cxo(rows, years, rng)
    events = _events(rows, years, rng, per_region, other)
    return OutreachPlan(tuple(cxo), tuple(events), demand)
