"""attendance: who attended which meeting for which member, how; the largest file by far."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update

from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import reference
from stdgap.ingest.validate import ParsedRow
from stdgap.store.models import Attendance, table_of

_OFFSET = 1 << 31
Stored = tuple[int, str, bool, str | None]  # id, mode, fellowship, interpretation


def _packed(meeting: int, person: int, member: int) -> int:
    return ((meeting + _OFFSET) << 64) | ((person + _OFFSET) << 32) | (member + _OFFSET)


class AttendanceHandler:
    kind = "attendance"
    streaming = True

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.stored_meetings: set[int] | None = None
        self.stored: dict[int, dict[tuple[int, int], Stored]] = {}

    def _stored_for(self, ctx: ImportContext, meeting: int) -> dict[tuple[int, int], Stored] | None:
        if self.stored_meetings is None:
            self.stored_meetings = set(
                ctx.connection.execute(select(Attendance.meeting_id).distinct()).scalars()
            )
        if meeting not in self.stored_meetings:
            return None
        cached = self.stored.get(meeting)
        if cached is None:
            table = table_of(Attendance)
            cached = {
                (row.person_id, row.member_id): (
                    row.id,
                    row.mode,
                    bool(row.fellowship),
                    row.interpretation,
                )
                for row in ctx.connection.execute(
                    select(table).where(table.c.meeting_id == meeting)
                )
            }
            self.stored[meeting] = cached
        return cached

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        maps = ctx.maps
        new_rows: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        counts = ctx.counts_for(self.kind)
        for line, values, _extras in batch:
            meeting = reference(ctx, maps.meetings, label, line, "meeting_id", values["meeting_id"])
            person = reference(ctx, maps.people, label, line, "person_id", values["person_id"])
            member = reference(ctx, maps.members, label, line, "member_id", values["member_id"])
            if meeting is None or person is None or member is None:
                continue
            key = _packed(meeting, person, member)
            if key in self.seen:
                ctx.error(
                    label,
                    line,
                    "person_id",
                    f"'{values['person_id']}' attends '{values['meeting_id']}' for "
                    f"'{values['member_id']}' twice in this import",
                )
                continue
            self.seen.add(key)
            if not ctx.writing:
                continue
            mode = values.get("mode", "in_person")
            fellowship = values.get("fellowship", False)
            interpretation = values.get("interpretation")
            stored_rows = self._stored_for(ctx, meeting)
            stored = stored_rows.get((person, member)) if stored_rows else None
            if stored is None:
                new_rows.append(
                    {
                        "meeting_id": meeting,
                        "person_id": person,
                        "member_id": member,
                        "mode": mode,
                        "fellowship": fellowship,
                        "interpretation": interpretation,
                    }
                )
            elif stored[1:] != (mode, fellowship, interpretation):
                changed.append({"_id": stored[0], "m": mode, "f": fellowship, "i": interpretation})
            else:
                counts.unchanged += 1
        if not ctx.writing:
            return
        if new_rows:
            ctx.connection.execute(insert(table_of(Attendance)), new_rows)
            counts.inserted += len(new_rows)
        if changed:
            table = table_of(Attendance)
            ctx.connection.execute(
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(
                    mode=bindparam("m"), fellowship=bindparam("f"), interpretation=bindparam("i")
                ),
                changed,
            )
            counts.updated += len(changed)
