"""meetings: of TSAG, study groups, regional groups, focus groups …; groups are created as met."""

from __future__ import annotations

from typing import Any

from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import SeenKeys, dates_in_order, group_id, normalise_group
from stdgap.ingest.upsert import upsert
from stdgap.ingest.validate import ParsedRow
from stdgap.store.models import Meeting, table_of


class MeetingsHandler:
    kind = "meetings"
    streaming = True

    def __init__(self) -> None:
        self.seen = SeenKeys()

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        rows: list[dict[str, Any]] = []
        for line, values, extras in batch:
            meeting_id = values.get("meeting_id")
            dates_in_order(ctx, label, line, "end", values.get("start"), values.get("end"))
            host = ctx.country(label, line, "host_country", values.get("host_country"))
            if meeting_id is None or not self.seen.check(
                ctx, meeting_id, label, line, "meeting_id"
            ):
                continue
            if "start" in values:
                ctx.maps.meeting_starts[meeting_id] = values["start"]
            group = values.get("group")
            rows.append(
                {
                    "meeting_id": meeting_id,
                    "group_id": group_id(ctx, normalise_group(group)) if group else None,
                    "start": values.get("start"),
                    "end": values.get("end"),
                    "kind": values.get("kind"),
                    "city": values.get("city"),
                    "host_country": host,
                    "format": values.get("format"),
                    "attributes": extras or None,
                }
            )
        if not ctx.writing:
            for row in rows:
                ctx.maps.meetings.setdefault(row["meeting_id"], ctx.placeholder_id())
            return
        ids = upsert(
            ctx.connection, table_of(Meeting), ["meeting_id"], rows, ctx.counts_for(self.kind)
        )
        ctx.maps.meetings.update({key[0]: pk for key, pk in ids.items()})
