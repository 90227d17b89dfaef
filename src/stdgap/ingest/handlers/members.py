"""members: Member States, Sector Members, Associates and Academia, with their parents."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, update

from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import SeenKeys, dates_in_order
from stdgap.ingest.upsert import upsert
from stdgap.ingest.validate import ParsedRow
from stdgap.store.models import Member, table_of


class MembersHandler:
    kind = "members"
    streaming = False

    def __init__(self) -> None:
        self.seen = SeenKeys()

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        rows: list[dict[str, Any]] = []
        parents: dict[str, str] = {}
        lines: dict[str, int] = {}
        for line, values, extras in batch:
            member_id = values.get("member_id")
            country = ctx.country(label, line, "country", values.get("country"))
            dates_in_order(ctx, label, line, "left", values.get("joined"), values.get("left"))
            if member_id is None or not self.seen.check(ctx, member_id, label, line, "member_id"):
                continue
            lines[member_id] = line
            if "parent_member_id" in values:
                parents[member_id] = values["parent_member_id"]
            rows.append(
                {
                    "member_id": member_id,
                    "name": values.get("name"),
                    "type": values.get("type"),
                    "country": country,
                    "sme": values.get("sme"),
                    "joined": values.get("joined"),
                    "left": values.get("left"),
                    "attributes": extras or None,
                }
            )
        declared = set(ctx.maps.members) | set(lines)
        for member_id, parent in parents.items():
            if parent == member_id:
                ctx.error(
                    label, lines[member_id], "parent_member_id", "a member cannot be its own parent"
                )
            elif parent not in declared:
                ctx.error(label, lines[member_id], "parent_member_id", f"unknown member '{parent}'")
        if not ctx.writing:
            for row in rows:
                ctx.maps.members.setdefault(row["member_id"], ctx.placeholder_id())
            return
        for row in rows:
            row["parent_id"] = ctx.maps.members.get(parents.get(row["member_id"], ""))
        ids = upsert(
            ctx.connection, table_of(Member), ["member_id"], rows, ctx.counts_for(self.kind)
        )
        ctx.maps.members.update({key[0]: pk for key, pk in ids.items()})
        late_parents = [
            {
                "_id": ctx.maps.members[row["member_id"]],
                "new_parent": ctx.maps.members[parents[row["member_id"]]],
            }
            for row in rows
            if row["parent_id"] is None and row["member_id"] in parents
        ]
        if late_parents:
            table = table_of(Member)
            ctx.connection.execute(
                update(table)
                .where(table.c.id == bindparam("_id"))
                .values(parent_id=bindparam("new_parent")),
                late_parents,
            )
