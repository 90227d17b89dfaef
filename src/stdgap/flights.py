"""Work done once for all who ask for it at the same time: the first caller for a key does it,
the others wait for its outcome (its value, or its error, raised in each of them). Nothing is
kept once the work ends: whoever asks later does it again (keeping values is the callers'
business)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Flights(Generic[T]):
    """The work under way, by key."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._under_way: dict[Any, Future[T]] = {}

    def __len__(self) -> int:
        """How many keys are being worked on now."""
        with self._lock:
            return len(self._under_way)

    def run(self, key: Any, make: Callable[[], T]) -> T:
        """``make()`` done by one thread for ``key`` however many ask at the same time."""
        with self._lock:
            flight = self._under_way.get(key)
            mine = flight is None
            if flight is None:
                flight = self._under_way[key] = Future()
        if not mine:
            return flight.result()
        try:
            found = make()
        except BaseException as error:
            flight.set_exception(error)
            raise
        else:
            flight.set_result(found)
            return found
        finally:
            with self._lock:
                self._under_way.pop(key, None)
