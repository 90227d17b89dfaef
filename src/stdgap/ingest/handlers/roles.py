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
            group = normalise_group(values["group"])
            key = (values["person_id"], group, values["role"], values["start"].isoformat())
            if not self.seen.check(ctx, key, label, line, "start"):
                continue
            person = reference(ctx, ctx.maps.people, label, line, "person_id", values["person_id"])
            member = reference(ctx, ctx.maps.members, label, line, "member_id", values["member_id"])
            ordered = dates_in_order(ctx, label, line, "end", values["start"], values.get("end"))
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
