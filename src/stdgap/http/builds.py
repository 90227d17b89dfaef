"""Slow answers built off the request path: a few threads build them, one build per key.

A request that needs something slow (a report) asks :meth:`Builds.wait` for it by a key that
names the answer exactly. The first request for a key starts its build on the pool; the
requests that come while it runs wait for that build instead of starting their own. A client
(an address) may have ``per_client`` builds of its own running or queued at once; one more is
refused with 429 and ``Retry-After`` (a :class:`Busy` to answer with). Waiting holds no thread:
the request's coroutine sleeps until the build is done. All of this is per worker process.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from starlette.requests import Request

T = TypeVar("T")
#: How many recent builds the estimate of ``Retry-After`` averages.
RECENT = 8


class Busy(Exception):
    """The client has as many builds running as it may; try again after ``retry_after`` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many builds; retry after {retry_after} s")
        self.retry_after = retry_after


class Builds(Generic[T]):
    """Builds of answers of type ``T``, on ``threads`` threads (started on first use)."""

    def __init__(self, threads: int, per_client: int, name: str = "stdgap-build") -> None:
        self.threads = threads
        self.per_client = per_client
        self.name = name
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._running: dict[Hashable, Future[T]] = {}
        self._clients: Counter[str] = Counter()
        self._seconds: list[float] = []
        #: Builds started, and requests that waited for a build another had started.
        self.started = 0
        self.joined = 0

    def _pool_of(self) -> ThreadPoolExecutor:
        """The pool (called holding the lock)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix=self.name)
        return self._pool

    def retry_after(self) -> int:
        """Seconds a refused client should wait: about one build (1 s to 60 s)."""
        with self._lock:
            recent = list(self._seconds)
        average = sum(recent) / len(recent) if recent else 5.0
        return max(1, min(60, math.ceil(average)))

    def submit(self, key: Hashable, client: str, build: Callable[[], T]) -> Future[T]:
        """The build of ``key``: the one running, else a new one for ``client`` (:class:`Busy`
        when the client already has ``per_client`` builds)."""
        with self._lock:
            running = self._running.get(key)
            if running is not None:
                self.joined += 1
                return running
            if self._clients[client] >= self.per_client:
                busy = True
            else:
                busy = False
                future: Future[T] = Future()
                self._running[key] = future
                self._clients[client] += 1
                self.started += 1
                pool = self._pool_of()
        if busy:
            raise Busy(self.retry_after())
        try:
            pool.submit(self._run, key, client, build, future)
        except RuntimeError as error:  # the pool was shut down: the server is stopping
            self._done(key, client, time.monotonic())
            future.set_exception(error)
        return future

    def _run(self, key: Hashable, client: str, build: Callable[[], T], future: Future[T]) -> None:
        start = time.monotonic()
        if not future.set_running_or_notify_cancel():
            self._done(key, client, start)
            return
        try:
            value = build()
        except BaseException as error:
            self._done(key, client, start)
            future.set_exception(error)
        else:
            self._done(key, client, start)
            future.set_result(value)

    def _done(self, key: Hashable, client: str, start: float) -> None:
        with self._lock:
            self._running.pop(key, None)
            self._clients[client] -= 1
            if self._clients[client] <= 0:
                del self._clients[client]
            self._seconds = [*self._seconds[-(RECENT - 1) :], time.monotonic() - start]

    async def wait(self, key: Hashable, client: str, build: Callable[[], T]) -> T:
        """The answer of ``key``, built once however many ask at the same time. A waiter that
        goes away (a client that disconnects) does not cancel the build for the others."""
        future = self.submit(key, client, build)
        return await asyncio.shield(asyncio.wrap_future(future))

    def running(self, client: str | None = None) -> int:
        """Builds running or queued (of ``client`` only, when given)."""
        with self._lock:
            return len(self._running) if client is None else self._clients[client]

    def shutdown(self) -> None:
        """Let the threads end once the builds started or queued are done."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False)


def builds_of(request: Request) -> Builds[Any]:
    """The application's builds (``app.state.builds``)."""
    builds: Builds[Any] = request.app.state.builds
    return builds
