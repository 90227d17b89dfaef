"""Reads of the knowledge portal: items (as records for pages, the API and the command line),
their attachments and reading lists; what other capabilities call (the forum links questions
to items): :func:`item_exists` and :func:`items_by_ids` — stable names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, bindparam, func, select, true

from stdgap.i18n.translate import _l
from stdgap.knowledge.errors import UnknownItem
from stdgap.knowledge.models import (
    KnowledgeAttachment,
    KnowledgeItem,
    KnowledgeList,
    KnowledgeListEntry,
)


@dataclass(frozen=True)
class ItemLink:
    """What another page needs to link to an item."""

    item_id: str
    title: str
    url: str
    status: str


def item_url(item_id: str) -> str:
    """The path of an item's page (its id quoted)."""
    return f"/knowledge/items/{quote(item_id, safe='')}"


def item_exists(engine: Engine, item_id: str) -> bool:
    """Whether the catalogue has an item of this id (withdrawn ones included)."""
    with engine.connect() as connection:
        found = connection.execute(
            select(KnowledgeItem.id).where(KnowledgeItem.item_id == item_id)
        ).scalar()
    return found is not None


def items_by_ids(engine: Engine, ids: list[str]) -> list[ItemLink]:
    """The items of these ids that exist, in the order asked (unknown ids left out)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    with engine.connect() as connection:
        rows = connection.execute(
            select(KnowledgeItem.item_id, KnowledgeItem.title, KnowledgeItem.status).where(
                KnowledgeItem.item_id.in_(wanted)
            )
        ).all()
    found = {r.item_id: ItemLink(r.item_id, r.title, item_url(r.item_id), r.status) for r in rows}
    return [found[i] for i in wanted if i in found]


_RECORD = (
    KnowledgeItem.id,
    KnowledgeItem.item_id,
    KnowledgeItem.number,
    KnowledgeItem.title,
    KnowledgeItem.summary,
    KnowledgeItem.type,
    KnowledgeItem.study_group,
    KnowledgeItem.question,
    KnowledgeItem.status,
    KnowledgeItem.published,
    KnowledgeItem.languages,
    KnowledgeItem.keywords,
    KnowledgeItem.links,
    KnowledgeItem.added_at,
    KnowledgeItem.changed_at,
    KnowledgeItem.revision,
)


def _record(row: Any) -> dict[str, Any]:
    found = {c.key: getattr(row, c.key) for c in _RECORD if c.key != "id"}
    found["date"] = found.pop("published")
    #: The item's version: an edit made on another version is refused (409).
    found["version"] = found.pop("revision")
    found["url"] = item_url(row.item_id)
    return found


_RECORDS = select(*_RECORD).where(KnowledgeItem.item_id.in_(bindparam("ids", expanding=True)))
_TEXTS = (
    select(KnowledgeItem.item_id, func.substr(KnowledgeAttachment.text, 1, 20_000))
    .join(KnowledgeAttachment, KnowledgeAttachment.item_id == KnowledgeItem.id)
    .where(KnowledgeItem.item_id.in_(bindparam("ids", expanding=True)))
    .order_by(KnowledgeItem.item_id, KnowledgeAttachment.filename)
)


def records(engine: Engine, ids: list[str]) -> list[dict[str, Any]]:
    """The records of these items, in the order asked."""
    return results(engine, ids, texts=False)[0]


def attachment_texts(engine: Engine, ids: list[str]) -> dict[str, list[str]]:
    """The attached texts of each of these items, by file name (for the results' snippets)."""
    return results(engine, ids, texts=True)[1]


def results(
    engine: Engine, ids: list[str], texts: bool
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The records of these items in the order asked and (if ``texts``) the attached texts
    of each (the start of each, by file name): one page of search results, read at once."""
    if not ids:
        return [], {}
    attached: dict[str, list[str]] = {}
    with engine.connect() as connection:
        rows = connection.execute(_RECORDS, {"ids": ids}).all()
        if texts:
            for item_id, text in connection.execute(_TEXTS, {"ids": ids}):
                attached.setdefault(item_id, []).append(text or "")
    found = {r.item_id: _record(r) for r in rows}
    return [found[i] for i in ids if i in found], attached


def item(engine: Engine, item_id: str) -> dict[str, Any]:
    """An item's record with its attachments and the reading lists it is on (404 if unknown)."""
    with engine.connect() as connection:
        row = connection.execute(select(*_RECORD).where(KnowledgeItem.item_id == item_id)).first()
        if row is None:
            raise UnknownItem(_l("no item %(value)r", value=item_id))
        attachments = connection.execute(
            select(
                KnowledgeAttachment.filename,
                KnowledgeAttachment.media_type,
                KnowledgeAttachment.size,
                KnowledgeAttachment.added_at,
                func.length(KnowledgeAttachment.text).label("characters"),
            )
            .where(KnowledgeAttachment.item_id == row.id)
            .order_by(KnowledgeAttachment.filename)
        ).all()
        lists = connection.execute(
            select(KnowledgeList.list_id, KnowledgeList.title)
            .join(KnowledgeListEntry, KnowledgeListEntry.list_id == KnowledgeList.id)
            .where(KnowledgeListEntry.item_id == row.id)
            .order_by(KnowledgeList.list_id)
        ).all()
    found = _record(row)
    found["attachments"] = [dict(a._mapping) for a in attachments]
    found["lists"] = [{"list_id": a.list_id, "title": a.title} for a in lists]
    return found


def attachment_text(engine: Engine, item_id: str, filename: str) -> str:
    with engine.connect() as connection:
        found = connection.execute(
            select(KnowledgeAttachment.text)
            .join(KnowledgeItem, KnowledgeAttachment.item_id == KnowledgeItem.id)
            .where(KnowledgeItem.item_id == item_id, KnowledgeAttachment.filename == filename)
        ).scalar()
    if found is None:
        raise UnknownItem(_l("no attachment %(value)r", value=filename))
    return str(found)


def changed_since(engine: Engine, since: datetime | None, limit: int = 20) -> dict[str, Any]:
    """Items added or changed after ``since`` (all when None): how many, the latest first."""
    condition = KnowledgeItem.changed_at > since if since is not None else true()
    with engine.connect() as connection:
        total = connection.execute(
            select(func.count()).select_from(KnowledgeItem).where(condition)
        ).scalar()
        rows = connection.execute(
            select(*_RECORD)
            .where(condition)
            .order_by(KnowledgeItem.changed_at.desc(), KnowledgeItem.item_id)
            .limit(limit)
        ).all()
    items = []
    for row in rows:
        found = _record(row)
        found["new"] = since is None or row.added_at > since
        items.append(found)
    return {"since": since, "total": int(total or 0), "items": items}


def lists(
    engine: Engine, study_group: str | None = None, topic: str | None = None
) -> list[dict[str, Any]]:
    """The reading lists (of a group, of a topic), with how many items each holds."""
    query = (
        select(
            KnowledgeList.list_id,
            KnowledgeList.title,
            KnowledgeList.study_group,
            KnowledgeList.topic,
            KnowledgeList.description,
            func.count(KnowledgeListEntry.id).label("items"),
        )
        .outerjoin(KnowledgeListEntry, KnowledgeListEntry.list_id == KnowledgeList.id)
        .group_by(KnowledgeList.id)
        .order_by(KnowledgeList.list_id)
    )
    if study_group:
        query = query.where(KnowledgeList.study_group == study_group)
    if topic:
        query = query.where(func.lower(KnowledgeList.topic) == topic.lower())
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(query)]


def reading_list(engine: Engine, list_id: str) -> dict[str, Any]:
    """A reading list with its items in order (404 if unknown)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(KnowledgeList).where(KnowledgeList.list_id == list_id)
        ).first()
        if row is None:
            raise UnknownItem(_l("no reading list %(value)r", value=list_id))
        entries = connection.execute(
            select(KnowledgeListEntry.position, KnowledgeListEntry.note, *_RECORD)
            .join(KnowledgeItem, KnowledgeListEntry.item_id == KnowledgeItem.id)
            .where(KnowledgeListEntry.list_id == row.id)
            .order_by(KnowledgeListEntry.position)
        ).all()
    items = []
    for entry in entries:
        found = _record(entry)
        found["note"] = entry.note
        items.append(found)
    return {
        "list_id": row.list_id,
        "title": row.title,
        "study_group": row.study_group,
        "topic": row.topic,
        "description": row.description,
        "changed_at": row.changed_at,
        "items": items,
    }
