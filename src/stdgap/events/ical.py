"""iCalendar (RFC 5545) of events: one event's file and the feed of upcoming events. Lines end
in CRLF and are folded at 75 octets (never inside a UTF-8 character); texts are escaped; every
event has its UID and the file's DTSTAMP. Events are all-day (``VALUE=DATE``; DTEND the day
after the last)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

PRODID = "-//stdgap//events//EN"
UID_DOMAIN = "events.stdgap"


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets: continuation lines start with one space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # the space of a continuation counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def vevent(event: dict[str, Any], stamp: datetime, base_url: str) -> list[str]:
    start: date = event["start"]
    end: date = event["end"] or start
    place = ", ".join(p for p in (event.get("city"), event.get("country_name")) if p)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event['event_id']}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{_day(start)}",
        f"DTEND;VALUE=DATE:{_day(end + timedelta(days=1))}",
        f"SUMMARY:{escape(event['title'])}",
    ]
    if event.get("description"):
        lines.append(f"DESCRIPTION:{escape(event['description'])}")
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    if event.get("kind"):
        lines.append(f"CATEGORIES:{escape(event['kind'])}")
    lines.append(f"URL:{base_url.rstrip('/')}/events/{event['event_id']}")
    lines.append("END:VEVENT")
    return lines


def calendar(
    events: Iterable[dict[str, Any]],
    base_url: str,
    name: str = "stdgap events",
    stamp: datetime | None = None,
) -> str:
    """The VCALENDAR of ``events`` (records of :mod:`stdgap.events.queries`)."""
    moment = (stamp or datetime.now(UTC)).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += vevent(event, moment, base_url)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
