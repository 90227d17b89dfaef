"""people: participants, with gender, birth year, nationality and current affiliation."""

from __future__ import annotations

from typing import Any

from stdgap.ingest.context import ImportContext
from stdgap.ingest.handlers.common import SeenKeys, reference
from stdgap.ingest.upsert import upsert
from stdgap.ingest.validate import ParsedRow
from stdgap.store.models import Person, table_of


class PeopleHandler:
    kind = "people"
    streaming = True

    def __init__(self) -> None:
        self.seen = SeenKeys()

    def handle(self, ctx: ImportContext, label: str, batch: list[ParsedRow]) -> None:
        rows: list[dict[str, Any]] = []
        for line, values, extras in batch:
            person_id = values.get("person_id")
            country = ctx.country(label, line, "country", values.get("country"))
            member = reference(
                ctx, ctx.maps.members, label, line, "member_id", values.get("member_id")
            )
            if person_id is None or not self.seen.check(ctx, person_id, label, line, "person_id"):
                continue
            rows.append(
                {
                    "person_id": person_id,
                    "gender": values.get("gender"),
                    "birth_year": values.get("birth_year"),
                    "country": country,
                    "member_id": member,
                    "attributes": extras or None,
                }
            )
        if not ctx.writing:
            for row in rows:
                ctx.maps.people.setdefault(row["person_id"], ctx.placeholder_id())
            return
        ids = upsert(
            ctx.connection, table_of(Person), ["person_id"], rows, ctx.counts_for(self.kind)
        )
        ctx.maps.people.update({key[0]: pk for key, pk in ids.items()})
