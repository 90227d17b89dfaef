"""Answers to indicator requests, kept per process and keyed by the store's state.

Pages, the API and downloads ask the same questions again and again; an answer is kept until the
store's data version changes, and computed once when several requests ask it at the same time
(the others wait for it). The state is read again once ``STDGAP_VERSION_SECONDS`` (default 0.5)
have passed, and at once after a write made through this process (:func:`forget_state`): so
another worker's import is seen within that time, and a busy server asks the database once per
interval, not once per request.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from stdgap.flights import Flights
from stdgap.indicators.cache import snapshot_for, store_key
from stdgap.indicators.cells import Cell
from stdgap.indicators.compute import compute
from stdgap.indicators.formats import record
from stdgap.indicators.load import StoreState, state
from stdgap.indicators.request import IndicatorRequest
from stdgap.store.unit import Unit, when_committed

CACHE_ENTRIES = 256
#: How long a store state read from the store is trusted (seconds).
STATE_SECONDS = float(os.environ.get("STDGAP_VERSION_SECONDS", "0.5"))
_records: OrderedDict[tuple[Any, ...], list[dict[str, Any]]] = OrderedDict()
_pages: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_states: dict[str, tuple[float, StoreState]] = {}
#: Records being computed, by key: who asks meanwhile waits for them.
_flights: Flights[list[dict[str, Any]]] = Flights()
_lock = threading.Lock()
#: The read of a store's state under way, by store: who asks meanwhile takes its outcome.
_state_reads: Flights[StoreState] = Flights()


def current_state(engine: Engine) -> StoreState:
    """The store's state, read at most once per ``STATE_SECONDS`` (see the module). One thread
    reads it when it is due; the others asking meanwhile wait for that read and take its
    outcome, the state or the error (rather than each reading it on a connection of its own:
    on a busy PostgreSQL server, a burst of new connections every time the state falls due;
    nor each trying again in turn after a failed read, which would hold the k-th for k times
    the failure's delay)."""
    key = store_key(engine)
    now = time.monotonic()
    held = _fresh_state(key, now)
    if held is not None:
        return held

    def read() -> StoreState:
        held = _fresh_state(key, now)  # read by a flight that ended before this one began
        if held is not None:
            return held
        found = state(engine)
        with _lock:
            _states[key] = (now, found)
        return found

    return _state_reads.run(key, read)


def _fresh_state(key: str, now: float) -> StoreState | None:
    """The state of store ``key`` if it was read less than ``STATE_SECONDS`` before ``now``."""
    with _lock:
        held = _states.get(key)
    return held[1] if held is not None and now - held[0] < STATE_SECONDS else None


def forget_state(engine: Engine, unit: Unit | None = None) -> None:
    """After a write: the next answer reads the store's state again."""
    with _lock:
        _states.pop(store_key(engine), None)


when_committed(forget_state)


def _remember(cache: OrderedDict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any) -> None:
    with _lock:
        cache[key] = value
        while len(cache) > CACHE_ENTRIES:
            cache.popitem(last=False)


def _held(cache: OrderedDict[tuple[Any, ...], Any], key: tuple[Any, ...]) -> Any:
    with _lock:
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
        return found


def _key(engine: Engine, known: StoreState, request: IndicatorRequest) -> tuple[Any, ...]:
    """An answer's key: the request, and the version of the facts that answer it (the one
    before ``known``'s while a rebuild runs in the background)."""
    min_cell = request.min_cell if request.min_cell is not None else known.public_min_cell
    serving = snapshot_for(engine, known, stale_ok=True).key
    # the store's own version too: an answer kept from before a change is not taken for one
    # given (with its note) while the change is being rebuilt
    return (store_key(engine), serving, known.facts_key, *request.with_min_cell(min_cell).key())


def cells(engine: Engine, request: IndicatorRequest) -> list[Cell]:
    """The cells of ``request`` on the store as of its current state (a file: waits for a
    rebuild running in the background rather than give the figures of before)."""
    return compute(engine, request, current_state(engine))


def records(engine: Engine, request: IndicatorRequest) -> list[dict[str, Any]]:
    """The cells of ``request`` as JSON records (``stdgap indicators --format json``), kept."""
    known = current_state(engine)
    key = _key(engine, known, request)
    found: list[dict[str, Any]] | None = _held(_records, key)
    if found is None:
        found = _once(
            key, lambda: [record(cell) for cell in compute(engine, request, known, stale_ok=True)]
        )
    return found


def _once(key: tuple[Any, ...], make: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The records of ``key``, computed once however many threads ask at the same time (the
    others wait for them), then kept."""

    def kept() -> list[dict[str, Any]]:
        found = make()
        _remember(_records, key, found)
        return found

    return _flights.run(key, kept)


def page_body(engine: Engine, request: IndicatorRequest, limit: int, offset: int) -> bytes:
    """The API's JSON page of ``request``'s records (kept like the records)."""
    known = current_state(engine)
    key = ("page", *_key(engine, known, request), limit, offset)
    held: bytes | None = _held(_pages, key)
    if held is not None:
        return held
    found = records(engine, request)
    body: dict[str, Any] = {
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "items": found[offset : offset + limit],
        # answered by the version before, while it is rebuilt
        "updating": key[2] != key[3],
    }
    text = json.dumps(body, ensure_ascii=False).encode()
    _remember(_pages, key, text)
    return text


def clear() -> None:
    """Forget every kept answer and state (tests)."""
    with _lock:
        _records.clear()
        _pages.clear()
        _states.clear()
