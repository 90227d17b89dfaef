"""Reading lists, curated by officers: a title, a study group and/or a topic, items in order
(each with an optional note). Saving a list writes it whole (its items in the order given)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from stdgap.i18n.translate import _l
from stdgap.knowledge.errors import KnowledgeError
from stdgap.knowledge.items import _GROUP
from stdgap.knowledge.models import KnowledgeItem, KnowledgeList, KnowledgeListEntry
from stdgap.store.unit import Unit, operation
from stdgap.tabular.text import control_character

_LIST_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{0,99}$")


@dataclass(frozen=True)
class ListInput:
    list_id: str
    title: str
    study_group: str = ""
    topic: str = ""
    description: str = ""
    #: Item ids in order, each optionally with a note ("ITU-T Y.3172 | why read it").
    items: list[str] = field(default_factory=list)


def _entries(lines: list[str]) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for line in lines:
        item_id, _, note = line.partition("|")
        if item_id.strip():
            found.append((" ".join(item_id.split()), note.strip()[:500] or None))
    return found


@operation("knowledge.list", target=lambda entry, *a, **k: entry.list_id)
def save_list(unit: Unit, entry: ListInput) -> str:
    """Write a reading list (a new one, or a list of this id again, its items replaced)."""
    connection = unit.connection
    for name in ("list_id", "title", "study_group", "topic", "description"):
        char = control_character(getattr(entry, name))
        if char is not None:
            raise KnowledgeError(
                _l("%(field)s: holds a control character (%(char)s)", field=name, char=char)
            )
    list_id = entry.list_id.strip()
    if not _LIST_ID.match(list_id):
        raise KnowledgeError(
            _l(
                "list_id: '%(value)s' is not a list id (lower-case letters, digits and -)",
                value=list_id,
            )
        )
    title = " ".join(entry.title.split())
    if not title or len(title) > 300:
        raise KnowledgeError(_l("title: a value of at most 300 characters is required"))
    group = entry.study_group.strip().upper().replace(" ", "") or None
    if group and not _GROUP.match(group):
        raise KnowledgeError(
            _l("study_group: '%(value)s' is not a study group (SG2 … SG20, or TSAG)", value=group)
        )
    topic = " ".join(entry.topic.split())[:200] or None
    if group is None and topic is None:
        raise KnowledgeError(_l("a reading list is for a study group, a topic or both"))
    entries = _entries(entry.items)
    ids = [item_id for item_id, _ in entries]
    known = dict(
        connection.execute(
            select(KnowledgeItem.item_id, KnowledgeItem.id).where(KnowledgeItem.item_id.in_(ids))
        ).all()
    )
    for item_id in ids:
        if item_id not in known:
            raise KnowledgeError(_l("items: no item %(value)r", value=item_id))
    if len(set(ids)) != len(ids):
        raise KnowledgeError(_l("items: an item is on the list twice"))
    values = {
        "title": title,
        "study_group": group,
        "topic": topic,
        "description": entry.description.strip()[:5000] or None,
        "changed_at": datetime.now().replace(microsecond=0),
    }
    pk = connection.execute(
        select(KnowledgeList.id).where(KnowledgeList.list_id == list_id)
    ).scalar()
    if pk is None:
        pk = connection.execute(
            insert(KnowledgeList).values(list_id=list_id, **values).returning(KnowledgeList.id)
        ).scalar_one()
    else:
        connection.execute(update(KnowledgeList).where(KnowledgeList.id == pk).values(**values))
        connection.execute(delete(KnowledgeListEntry).where(KnowledgeListEntry.list_id == pk))
    for position, (item_id, note) in enumerate(entries, start=1):
        connection.execute(
            insert(KnowledgeListEntry).values(
                list_id=pk, item_id=known[item_id], position=position, note=note
            )
        )
    unit.details["items"] = len(entries)
    return list_id
