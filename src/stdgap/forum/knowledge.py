"""A question's links to the knowledge catalogue, resolved to what the catalogue says of each
item (its title and address) when the catalogue is there; otherwise, or for an id it does not
know, just the id. The catalogue (``stdgap.knowledge``) is looked up by name at run time, so the
forum works, and shows the ids, in a store or an installation without it."""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

#: The module offering ``items_by_ids(engine, ids)``.
CATALOGUE = "stdgap.knowledge.queries"


def _lookup() -> Any:
    try:
        module = importlib.import_module(CATALOGUE)
    except ImportError:
        return None
    return getattr(module, "items_by_ids", None)


def _field(item: Any, *names: str) -> Any:
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value:
            return value
    return None


def resolve(engine: Engine, ids: list[str]) -> list[dict[str, Any]]:
    """One entry per id, in order: ``id``, ``title`` and ``url`` (None when unknown)."""
    found: dict[str, Any] = {}
    lookup = _lookup()
    if lookup is not None and ids:
        try:
            items = lookup(engine, ids)
        except DBAPIError:  # the catalogue's tables are not in this store
            items = []
        values = items.values() if isinstance(items, dict) else items
        for item in values or []:
            key = _field(item, "id", "item_id")
            if key is not None:
                found[str(key)] = item
    entries = []
    for item_id in ids:
        item = found.get(item_id)
        entries.append(
            {
                "id": item_id,
                "title": _field(item, "title") if item is not None else None,
                "url": f"/knowledge/{item_id}" if item is not None else None,
            }
        )
    return entries
