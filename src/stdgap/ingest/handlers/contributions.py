"""contributions: documents with one or more source members (co-sources, split by ';')."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import SeenKeys, reference
from stdgap.ingest.upsert import BATCH, upsert
from stdgap.ingest.validate import ParsedRow
from stdgap.store.models import Contribution, ContributionSource, table_of


class ContributionsHandler:
    kind = "contributions"
    streaming = True

    def __init__(self) -> None:
        self.seen = SeenKeys()

    def _sources(self, ctx: ImportContext, label: str, line: int, text: str) -> list[int] | None:
        names = [part.strip() for part in text.split(";") if part.strip()]
        if not names:
            ctx.error(label, line, "sources", f"'{text}' names no member")
            return None
        if len(set(names)) != len(names):
            ctx.error(label, line, "sources", f"'{text}' names a member twice")
            return None
        found = [reference(ctx, ctx.maps.members, label, line, "sources", name) for name in names]
        return None if any(pk is None for pk in found) else [pk for pk in found if pk is not None]

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        rows: list[dict[str, Any]] = []
        sources: dict[str, list[int]] = {}
        for line, values, extras in batch:
            doc_id = values.get("doc_id")
            meeting = reference(
                ctx, ctx.maps.meetings, label, line, "meeting_id", values.get("meeting_id")
            )
            members = (
                self._sources(ctx, label, line, values["sources"]) if "sources" in values else None
            )
            if doc_id is None or not self.seen.check(ctx, doc_id, label, line, "doc_id"):
                continue
            if meeting is None or members is None:
                continue
            sources[doc_id] = members
            rows.append(
                {
                    "doc_id": doc_id,
                    "meeting_id": meeting,
                    "level": values.get("level", "plenary"),
                    "submitted": values.get("submitted"),
                    "title": values.get("title"),
                    "attributes": extras or None,
                }
            )
        if not ctx.writing or not rows:
            return
        counts = ctx.counts_for(self.kind)
        unchanged: set[tuple[Any, ...]] = set()
        ids = upsert(ctx.connection, table_of(Contribution), ["doc_id"], rows, counts, unchanged)
        stored = self._stored_sources(ctx, list(ids.values()))
        replace: list[int] = []
        new_links: list[dict[str, int]] = []
        for (doc_id,), contribution in ids.items():
            wanted = sources[doc_id]
            if stored.get(contribution, []) == wanted:
                continue
            if contribution in stored:
                replace.append(contribution)
            if (doc_id,) in unchanged:  # the row was equal but its sources changed
                counts.unchanged -= 1
                counts.updated += 1
            new_links.extend(
                {"contribution_id": contribution, "member_id": member, "position": position}
                for position, member in enumerate(wanted, start=1)
            )
        self._write_links(ctx, replace, new_links)

    @staticmethod
    def _stored_sources(ctx: ImportContext, contributions: list[int]) -> dict[int, list[int]]:
        table = table_of(ContributionSource)
        found: dict[int, list[int]] = {}
        for start in range(0, len(contributions), BATCH):
            query = (
                select(table.c.contribution_id, table.c.member_id)
                .where(table.c.contribution_id.in_(contributions[start : start + BATCH]))
                .order_by(table.c.contribution_id, table.c.position)
            )
            for contribution, member in ctx.connection.execute(query):
                found.setdefault(contribution, []).append(member)
        return found

    @staticmethod
    def _write_links(ctx: ImportContext, replace: list[int], links: list[dict[str, int]]) -> None:
        table = table_of(ContributionSource)
        for start in range(0, len(replace), BATCH):
            ctx.connection.execute(
                delete(table).where(table.c.contribution_id.in_(replace[start : start + BATCH]))
            )
        if links:
            ctx.connection.execute(insert(table), links)
