"""Source id → store id of a large table (people), looked up in the store for the ids an import
meets rather than loaded whole: a few rows added to a store of 600,000 people do not read
600,000 ids (2.3 s) first.

The pipeline asks for the ids of a batch at once (:meth:`LookedUpIds.fetch`, one query per
:data:`IN_BATCH` ids) before its handler reads them; an id asked for one at a time is looked up
alone; more than :data:`READ_WHOLE_ABOVE` at once (a large file) read the whole table once
instead. Ids found and ids absent are both kept for the rest of the import, and the ids the
import writes are set on the map. Before each query the import's background writer is waited
for: the connection is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any

from sqlalchemy import Connection, select

from stdgap.store.lookup import IN_BATCH

#: Past this many ids to look up at once, the whole table is read instead (once): many lookups
#: of 900 cost more than one read of every id.
READ_WHOLE_ABOVE = 20_000


class LookedUpIds(MutableMapping[str, int]):
    """The ids of ``key`` → ``pk`` (two columns of one table) met so far; not listable."""

    def __init__(
        self, connection: Connection, key: Any, pk: Any, before_query: Callable[[], None]
    ) -> None:
        self._connection = connection
        self._key = key
        self._pk = pk
        self._before_query = before_query
        self._ids: dict[str, int] = {}
        self._absent: set[str] = set()
        self._whole = False  # every id of the table is in _ids
        self.queries = 0

    def fetch(self, keys: Iterable[object]) -> None:
        """Look up, in as few queries as can be, those of ``keys`` not met before."""
        if self._whole:
            return
        wanted = sorted(
            {
                key
                for key in keys
                if isinstance(key, str) and key not in self._ids and key not in self._absent
            }
        )
        if not wanted:
            return
        self._before_query()
        if len(wanted) > READ_WHOLE_ABOVE:
            self._read_whole()
            return
        for start in range(0, len(wanted), IN_BATCH):
            part = wanted[start : start + IN_BATCH]
            query = select(self._key, self._pk).where(self._key.in_(part))
            found: dict[str, int] = {key: pk for key, pk in self._connection.execute(query)}
            self.queries += 1
            self._ids.update(found)
            self._absent.update(key for key in part if key not in found)

    def _read_whole(self) -> None:
        """Every id of the table (those the import set already kept: they are its own)."""
        query = select(self._key, self._pk)
        stored: dict[str, int] = {key: pk for key, pk in self._connection.execute(query)}
        self.queries += 1
        self._ids = stored | self._ids
        self._absent.clear()
        self._whole = True

    def loaded(self) -> dict[str, int]:
        """The ids met so far and found (or set by the import)."""
        return self._ids

    def __getitem__(self, key: str) -> int:
        if key not in self._ids and key not in self._absent and not self._whole:
            self.fetch([key])
        return self._ids[key]

    def __setitem__(self, key: str, value: int) -> None:
        self._ids[key] = value
        self._absent.discard(key)

    def __delitem__(self, key: str) -> None:
        del self._ids[key]
        self._absent.add(key)

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the ids of a large table are looked up as they are met, not listed")

    def __len__(self) -> int:
        raise TypeError("the ids of a large table are looked up as they are met, not counted")
