"""roles: chairs, vice-chairs, rapporteurs, editors, mentors … with their terms."""

from __future__ import annotations

from typing import Any

from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import (
    SeenKeys,
    dates_in_order,
    group_id,
    normalise_group,
    reference,
)
from stdgap.ingest.upsert import upsert
from stdgap.ingest.validate import ParsedRow
from stdgap.store.models import Role, table_of


class RolesHandler:
    kind = "roles"
    streaming = True

    def __init__(self) -> None:
        self.seen = SeenKeys()

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        rows: list[dict[str, Any]] = []
        for line, values, extras in batch:
            person_id = values.get("person_id")
            person = reference(ctx, ctx.maps.people, label, line, "person_id", person_id)
            member = reference(
                ctx, ctx.maps.members, label, line, "member_id", values.get("member_id")
            )
            ordered = dates_in_order(
                ctx, label, line, "end", values.get("start"), values.get("end")
            )
            start, role = values.get("start"), values.get("role")
            if person_id is None or start is None or role is None or "group" not in values:
                continue
            group = normalise_group(values["group"])
            key = (person_id, group, role, start.isoformat())
            if not self.seen.check(ctx, key, label, line, "start"):
                continue
            if person is None or member is None or not ordered:
                continue
            rows.append(
                {
                    "person_id": person,
                    "group_id": group_id(ctx, group),
                    "role": values["role"],
                    "start": values["start"],
                    "member_id": member,
                    "end": values.get("end"),
                    "responsibility": values.get("responsibility"),
                    "attributes": extras or None,
                }
            )
        if ctx.writing and rows:
            upsert(
                ctx.connection,
                table_of(Role),
                ["person_id", "group_id", "role", "start"],
                rows,
                ctx.counts_for(self.kind),
            )
