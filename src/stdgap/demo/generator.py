"""Deterministic, synthetic ITU-T-shaped demo data in the canonical import format.

``generate(scale, seed)`` returns rows for the six canonical files (DATA-FORMATS.md) as dicts of
column name → cell text. The same scale and seed always give the same rows, and each iterable
can be iterated any number of times; attendance (10 million rows at the large scale) and
contributions are produced lazily on every iteration, never held in memory. Nothing here touches
a database. See docs/demo-data.md for what the data contains and the figures it is shaped on.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stdgap.demo.activity import contributions, person_id, roles
from stdgap.demo.calibration import COUNTRIES, MAX_FELLOWSHIPS_PER_PERSON_YEAR
from stdgap.demo.plan import Paths, Plan, build_plan
from stdgap.demo.population import (
    FLAG_INTERPRETATION,
    GENDER_CODES,
    Members,
    People,
    build_members,
    build_people,
)
from stdgap.demo.schedule import PLENARY, REGIONAL, Schedule, build_schedule

Scale = Literal["small", "itu", "large"]
Row = dict[str, str]


@dataclass(frozen=True)
class DemoData:
    members: Iterable[Row]
    people: Iterable[Row]
    meetings: Iterable[Row]
    attendance: Iterable[Row]  # lazy: produced anew on each iteration
    contributions: Iterable[Row]  # lazy as well
    roles: Iterable[Row]
    expected_attendance_rows: int  # exactly what one iteration of ``attendance`` yields


@dataclass(frozen=True)
class Settings:
    first_year: int
    last_year: int
    participants_per_year: int  # in the first year; later years follow YEAR_FACTOR
    session_factor: float  # study-group and TSAG meetings a year, relative to ITU-T's
    rapporteur_factor: float
    regional_factor: float
    member_factor: float  # sector members, associates and academia, relative to ~590
    contribution_factor: float
    attendance_factor: float  # meetings a participant attends a year, relative
    question_share: float  # share of Questions whose rapporteurs and editors are listed
    attendance_rows: int | None = None  # an exact total to reach, or the natural one


SETTINGS: dict[str, Settings] = {
    "small": Settings(2023, 2024, 200, 1.0, 0.3, 0.5, 0.3, 0.15, 2.7, 0.15),
    "itu": Settings(2017, 2026, 3400, 1.0, 1.0, 1.0, 1.0, 1.0, 1.25, 1.0),
    "large": Settings(2017, 2026, 120_000, 3.0, 4.0, 3.0, 4.0, 5.0, 1.7, 1.0, 10_000_000),
}


class Rows:
    """A re-iterable sequence of rows: each ``iter()`` starts again from the first row."""

    def __init__(self, factory: Callable[[], Iterator[Row]]) -> None:
        self._factory = factory

    def __iter__(self) -> Iterator[Row]:
        return self._factory()


def _fixed(rows: list[Row]) -> Rows:
    return Rows(lambda: (dict(row) for row in rows))


def generate(scale: Scale = "itu", seed: int = 2024) -> DemoData:
    """The demo data set of ``scale`` (small, itu or large) drawn with ``seed``."""
    cfg = SETTINGS[scale]

    def key(part: str) -> str:
        return f"stdgap-demo:{scale}:{seed}:{part}"

    years = list(range(cfg.first_year, cfg.last_year + 1))
    sched = build_schedule(
        years,
        random.Random(key("meetings")),
        cfg.session_factor,
        cfg.rapporteur_factor,
        cfg.regional_factor,
    )
    mem = build_members(random.Random(key("members")), years, cfg.member_factor)
    ppl = build_people(random.Random(key("people")), mem, sched, cfg.participants_per_year)
    paths = Paths(sched, ppl)
    plan = build_plan(
        random.Random(key("plan")), mem, ppl, paths, cfg.attendance_factor, cfg.attendance_rows
    )
    role_rows = roles(key("roles"), sched, mem, ppl, plan, cfg.question_share)
    return DemoData(
        members=_fixed(mem.rows()),
        people=Rows(lambda: _people(mem, ppl)),
        meetings=_fixed(sched.rows()),
        attendance=Rows(lambda: _attendance(key("attendance"), sched, mem, ppl, plan, paths)),
        contributions=Rows(
            lambda: contributions(key("contributions"), sched, mem, plan, cfg.contribution_factor)
        ),
        roles=_fixed(role_rows),
        expected_attendance_rows=plan.total,
    )


def _people(mem: Members, ppl: People) -> Iterator[Row]:
    for i in range(len(ppl.nat)):
        birth = ppl.birth_year[i]
        yield {
            "person_id": person_id(i),
            "gender": GENDER_CODES[ppl.gender[i]],
            "birth_year": str(birth) if birth else "",
            "country": COUNTRIES[ppl.nat[i]].alpha3,
            "member_id": mem.ids[ppl.member(i, ppl.last[i])],
        }


def _attendance(
    seed: str, sched: Schedule, mem: Members, ppl: People, plan: Plan, paths: Paths
) -> Iterator[Row]:
    """Year by year, participant by participant: the meetings of their plan, with mode,
    fellowship and interpretation. The inner loop is kept flat: it runs 10 million times."""
    rnd = random.Random(seed)
    draw = rnd.random
    ids, kinds, groups, remote_p, starts = (
        sched.ids,
        sched.kind,
        sched.group,
        sched.remote_p,
        sched.start,
    )
    member_ids, member_country, fellows = mem.ids, mem.country, plan.fellows
    nat, flags, candidates = ppl.nat, ppl.flags, paths.candidates
    for yoff, persons in enumerate(ppl.active):
        counts = plan.counts[yoff]
        mid_year = date(sched.years[yoff], 6, 30)
        for j, i in enumerate(persons):
            pid = person_id(i)
            m = ppl.member(i, yoff)
            member_id = member_ids[m]
            country = COUNTRIES[member_country[m]]
            mult = 1.15 if country.developing(mid_year) else 0.9
            lang = COUNTRIES[nat[i]].language if flags[i] & FLAG_INTERPRETATION else ""
            fellow = i * 64 + yoff in fellows
            main = paths.groups(i, yoff)[0] if fellow else -1
            granted = 0
            for mt in candidates(i, yoff, counts[j], rnd):
                p = remote_p[mt]
                if p == 0.0:
                    mode = "in_person"
                elif p == 1.0:
                    mode = "remote"
                else:
                    mode = "remote" if draw() < p * mult else "in_person"
                fellowship = "false"
                if (
                    fellow
                    and p < 1.0
                    and groups[mt] == main
                    and granted < MAX_FELLOWSHIPS_PER_PERSON_YEAR
                    and kinds[mt] in (PLENARY, REGIONAL)
                    and (country.ldc(starts[mt]) or country.low_income)
                ):
                    mode, fellowship = "in_person", "true"
                    granted += 1
                yield {
                    "meeting_id": ids[mt],
                    "person_id": pid,
                    "member_id": member_id,
                    "mode": mode,
                    "fellowship": fellowship,
                    "interpretation": lang
                    if lang and kinds[mt] == PLENARY and draw() < 0.85
                    else "",
                }
