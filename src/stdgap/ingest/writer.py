"""A one-slot background writer: the database inserts batch N while Python checks batch N+1.

With PostgreSQL the server works in its own process, so checking and writing overlap on two
cores. SQLite binds every row's parameters under the GIL, so a second thread only adds
contention: there the writer runs each write at once (``background=False``). Only one write is
in flight at a time, and callers wait for it before any other use of the connection, so
statements still run one after another in the import's single transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType


class BackgroundWriter:
    def __init__(self, background: bool = True) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stdgap-writer")
        self._background = background
        self._pending: Future[None] | None = None

    def submit(self, write: Callable[[], None]) -> None:
        """Run ``write`` (in the background) once the previous write has finished."""
        self.wait()
        if self._background:
            self._pending = self._pool.submit(write)
        else:
            write()

    def wait(self) -> None:
        """Block until the write in flight (if any) is done; re-raise its error."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.wait()
            elif self._pending is not None:
                self._pending.exception()  # let it finish before the rollback; its error is moot
        finally:
            self._pool.shutdown(wait=True)
