"""A question's links to the knowledge catalogue, resolved to what the catalogue says of each
item (its title, status and page); an id the catalogue does not know (an item removed since)
is shown as it is. A new question links only to items the catalogue holds (:func:`unknown`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from stdgap.knowledge.queries import items_by_ids


def unknown(engine: Engine, ids: list[str]) -> list[str]:
    """The ids among ``ids`` the catalogue holds no item of, in order."""
    held = {item.item_id for item in items_by_ids(engine, ids)} if ids else set()
    return [item_id for item_id in ids if item_id not in held]


def resolve(engine: Engine, ids: list[str]) -> list[dict[str, Any]]:
    """One entry per id, in order: ``id``, ``title``, ``status`` and ``url`` (None when the
    catalogue has no item of that id)."""
    found = {item.item_id: item for item in items_by_ids(engine, ids)} if ids else {}
    entries: list[dict[str, Any]] = []
    for item_id in ids:
        item = found.get(item_id)
        entries.append(
            {
                "id": item_id,
                "title": item.title if item is not None else None,
                "status": item.status if item is not None else None,
                "url": item.url if item is not None else None,
            }
        )
    return entries
