"""attendance: who attended which meeting for which member, how; the largest file by far."""

from __future__ import annotations

from typing import Any

import polars as pl
from sqlalchemy import select

from stdgap.ingest.attendance_write import (
    SPARSE_ROWS,
    meetings_with_rows,
    stored_rows,
    update_by_key,
)
from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import reference
from stdgap.ingest.validate import ParsedRow
from stdgap.store.bulk import bulk_insert
from stdgap.store.models import Attendance, table_of

_OFFSET = 1 << 31  # keys pack (meeting, person, member) into one int; placeholder ids are < 0
COLUMNS = ("meeting_id", "person_id", "member_id", "mode", "fellowship", "interpretation")
Stored = tuple[str, bool, str | None]  # mode, fellowship, interpretation
Key = tuple[int, int, int]  # meeting, person, member


class AttendanceHandler:
    kind = "attendance"
    streaming = True

    def __init__(self) -> None:
        self.seen: set[int] = set()
        #: The meetings asked about so far, and those of them with stored attendance.
        self.asked_meetings: set[int] = set()
        self.stored_meetings: set[int] = set()
        self.stored: dict[int, dict[tuple[int, int], Stored]] = {}
        #: Keys met in files read a column at a time (meeting, person, member store ids).
        self.seen_keys: pl.DataFrame | None = None

    def keys_frame(self) -> pl.DataFrame | None:
        """Every key met so far as columns (those met row-wise moved over)."""
        if self.seen:
            moved = pl.DataFrame(
                [
                    (
                        (key >> 64) - _OFFSET,
                        ((key >> 32) & 0xFFFFFFFF) - _OFFSET,
                        (key & 0xFFFFFFFF) - _OFFSET,
                    )
                    for key in self.seen
                ],
                schema={"meeting_id": pl.Int64, "person_id": pl.Int64, "member_id": pl.Int64},
                orient="row",
            )
            self.seen = set()
            frames = [moved] if self.seen_keys is None else [self.seen_keys, moved]
            self.seen_keys = pl.concat(frames)
        return self.seen_keys

    def _keys_set(self) -> set[int]:
        """Every key met so far, packed (those met a column at a time moved over)."""
        if self.seen_keys is not None:
            for meeting, person, member in self.seen_keys.iter_rows():
                self.seen.add(
                    ((meeting + _OFFSET) << 64) | ((person + _OFFSET) << 32) | (member + _OFFSET)
                )
            self.seen_keys = None
        return self.seen

    def _meetings_with_rows(self, ctx: ImportContext, batch: list[ParsedRow]) -> set[int]:
        """The meetings with stored attendance, among those of ``batch`` and earlier batches:
        asked of the store for the batch's meetings not asked before (a few rows added to a
        large store do not scan its whole attendance)."""
        meetings = ctx.maps.meetings
        unasked = {meetings.get(values.get("meeting_id", "")) for _line, values, _ in batch}
        unasked -= self.asked_meetings
        unasked.discard(None)
        if unasked:
            ctx.writer.wait()
            asked = sorted(meeting for meeting in unasked if meeting is not None)
            self.stored_meetings.update(meetings_with_rows(ctx.connection, asked))
            self.asked_meetings.update(asked)
        return self.stored_meetings

    def _stored_for(self, ctx: ImportContext, meeting: int) -> dict[tuple[int, int], Stored]:
        """The stored attendance of a meeting that has some, keyed by (person, member)."""
        cached = self.stored.get(meeting)
        if cached is None:
            ctx.writer.wait()
            table = table_of(Attendance)
            query = select(
                table.c.person_id,
                table.c.member_id,
                table.c.mode,
                table.c.fellowship,
                table.c.interpretation,
            ).where(table.c.meeting_id == meeting)
            cached = {
                (person, member): (mode, bool(fellowship), interpretation)
                for person, member, mode, fellowship, interpretation in ctx.connection.execute(
                    query
                )
            }
            self.stored[meeting] = cached
        return cached

    def _missing(self, ctx: ImportContext, label: str, line: int, values: dict[str, Any]) -> None:
        maps = ctx.maps
        for column, known in (
            ("meeting_id", maps.meetings),
            ("person_id", maps.people),
            ("member_id", maps.members),
        ):
            reference(ctx, known, label, line, column, values.get(column))

    def _look_up_sparse(
        self, ctx: ImportContext, batch: list[ParsedRow]
    ) -> tuple[set[Key], dict[Key, Stored]]:
        """The stored rows of the batch's keys at meetings it has few rows of (and whose rows
        are not read yet), looked up by key: a file of rows spread over many meetings does not
        read every meeting's attendance."""
        maps = ctx.maps
        keys: dict[int, list[Key]] = {}
        with_rows = self._meetings_with_rows(ctx, batch)
        for _line, values, _extras in batch:
            meeting = maps.meetings.get(values.get("meeting_id", ""))
            person = maps.people.get(values.get("person_id", ""))
            member = maps.members.get(values.get("member_id", ""))
            if person is None or member is None:
                continue
            if meeting in with_rows and meeting not in self.stored:
                keys.setdefault(meeting, []).append((meeting, person, member))
        sparse = [key for found in keys.values() if len(found) < SPARSE_ROWS for key in found]
        if not sparse:
            return set(), {}
        ctx.writer.wait()
        stored = {
            (meeting, person, member): (mode, fellowship, interpretation)
            for meeting, person, member, mode, fellowship, interpretation in stored_rows(
                ctx.connection, sparse
            )
        }
        return set(sparse), stored

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        meetings, people, members = ctx.maps.meetings, ctx.maps.people, ctx.maps.members
        seen = self._keys_set()
        with_rows = self._meetings_with_rows(ctx, batch)
        sparse, looked_up = self._look_up_sparse(ctx, batch)
        new_rows: list[tuple[int, int, int, str, bool, str | None]] = []
        changed: list[dict[str, Any]] = []
        counts = ctx.counts_for(self.kind)
        for line, values, _extras in batch:
            meeting = meetings.get(values.get("meeting_id", ""))
            person = people.get(values.get("person_id", ""))
            member = members.get(values.get("member_id", ""))
            if meeting is None or person is None or member is None:
                self._missing(ctx, label, line, values)
                continue
            key = ((meeting + _OFFSET) << 64) | ((person + _OFFSET) << 32) | (member + _OFFSET)
            if key in seen:
                ctx.error(
                    label,
                    line,
                    "person_id",
                    f"'{values['person_id']}' attends '{values['meeting_id']}' for "
                    f"'{values['member_id']}' twice in this import",
                )
                continue
            seen.add(key)
            if ctx.errors:
                continue
            row = (
                values.get("mode", "in_person"),
                values.get("fellowship", False),
                values.get("interpretation"),
            )
            if (meeting, person, member) in sparse:
                stored = looked_up.get((meeting, person, member))
            elif meeting in with_rows:
                stored = self._stored_for(ctx, meeting).get((person, member))
            else:
                stored = None
            if stored is None:
                new_rows.append((meeting, person, member, *row))
            elif stored != row:
                changed.append(
                    {"k_meeting": meeting, "k_person": person, "k_member": member}
                    | {"v_mode": row[0], "v_fellowship": row[1], "v_interpretation": row[2]}
                )
            else:
                counts.unchanged += 1
        if ctx.errors:
            return
        table = table_of(Attendance)
        connection = ctx.connection
        ctx.writer.submit(lambda: bulk_insert(connection, table, COLUMNS, new_rows))
        counts.inserted += len(new_rows)
        if changed:
            ctx.writer.wait()
            ctx.connection.execute(
                update_by_key(table),
                changed,
            )
            counts.updated += len(changed)
