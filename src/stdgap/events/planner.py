"""Back-to-back planning (Res. 44 instructs 10): dates and places for an event of ``days`` days
adjacent to the regional-group meetings of a region (the days just before or just after, in the
same city), ranked, with their conflicts named.

The score of a proposal: up to 20 points for the size of the meeting it is adjacent to (the
people who attended it, relative to the largest anchor), less 30 for each other meeting in the
same city or of the same region overlapping its days, 20 for each public holiday of the host
country on its days, and 10 for each day of a weekend. Ties: earlier first, then the anchor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stdgap.events.holidays import Holiday
from stdgap.events.queries import HeldMeeting

SIZE_POINTS, MEETING_PENALTY, HOLIDAY_PENALTY, WEEKEND_PENALTY = 20, 30, 20, 10
ANCHOR_KIND = "regional_group"


@dataclass(frozen=True)
class Conflict:
    kind: str  # meeting, holiday, weekend
    day: date | None
    what: str

    def record(self) -> dict[str, Any]:
        return {"kind": self.kind, "day": self.day, "what": self.what}


@dataclass(frozen=True)
class Proposal:
    start: date
    end: date
    city: str | None
    country: str | None
    anchor: str
    anchor_group: str
    side: str  # before, after
    score: int
    conflicts: list[Conflict] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "city": self.city,
            "country": self.country,
            "anchor": self.anchor,
            "anchor_group": self.anchor_group,
            "side": self.side,
            "score": self.score,
            "conflicts": [conflict.record() for conflict in self.conflicts],
        }


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _same_city(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


def conflicts_of(
    first: date,
    last: date,
    city: str | None,
    country: str | None,
    region: str,
    meetings: Iterable[HeldMeeting],
    holidays: Iterable[Holiday],
    anchor: str | None = None,
) -> list[Conflict]:
    """What stands in the way of [first, last] in ``city``: other meetings there or of the
    region overlapping those days, the host country's public holidays, weekends."""
    found: list[Conflict] = []
    for meeting in meetings:
        if meeting.meeting_id == anchor or meeting.end < first or meeting.start > last:
            continue
        here = _same_city(meeting.city, city)
        if here or meeting.region == region:
            where = "same city" if here else "same region"
            found.append(
                Conflict(
                    "meeting",
                    max(meeting.start, first),
                    f"{meeting.meeting_id} ({meeting.group}) in {meeting.city or '?'}, "
                    f"{meeting.start.isoformat()} to {meeting.end.isoformat()} ({where})",
                )
            )
    days = _days(first, last)
    for holiday in holidays:
        if holiday.country == country and holiday.day in days:
            found.append(Conflict("holiday", holiday.day, f"{holiday.name} ({holiday.country})"))
    for day in days:
        if day.weekday() >= 5:
            found.append(Conflict("weekend", day, day.strftime("%A")))
    return found


def _score(size: int, largest: int, conflicts: list[Conflict]) -> int:
    points = round(SIZE_POINTS * size / largest) if largest else 0
    penalties = {"meeting": MEETING_PENALTY, "holiday": HOLIDAY_PENALTY, "weekend": WEEKEND_PENALTY}
    return points - sum(penalties[conflict.kind] for conflict in conflicts)


def plan(
    meetings: list[HeldMeeting],
    region: str,
    first: date,
    last: date,
    days: int,
    holidays: Iterable[Holiday] = (),
) -> list[Proposal]:
    """The proposals for an event of ``days`` days between ``first`` and ``last`` in
    ``region``, best first."""
    if days < 1:
        raise ValueError("days must be at least 1")
    listed = list(holidays)
    anchors = [
        m
        for m in meetings
        if m.kind == ANCHOR_KIND and m.region == region and m.end >= first and m.start <= last
    ]
    largest = max((m.size for m in anchors), default=0)
    proposals = []
    for anchor in anchors:
        spans = (
            ("before", anchor.start - timedelta(days=days), anchor.start - timedelta(days=1)),
            ("after", anchor.end + timedelta(days=1), anchor.end + timedelta(days=days)),
        )
        for side, start, end in spans:
            if start < first or end > last:
                continue
            conflicts = conflicts_of(
                start,
                end,
                anchor.city,
                anchor.country,
                region,
                meetings,
                listed,
                anchor.meeting_id,
            )
            proposals.append(
                Proposal(
                    start,
                    end,
                    anchor.city,
                    anchor.country,
                    anchor.meeting_id,
                    anchor.group,
                    side,
                    _score(anchor.size, largest, conflicts),
                    conflicts,
                )
            )
    return sorted(proposals, key=lambda p: (-p.score, p.start, p.anchor, p.side))
