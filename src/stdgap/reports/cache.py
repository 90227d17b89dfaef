"""The cache of built reports: one file per report, on disk, shared by the worker processes.

A report's key names everything its bytes depend on (see :mod:`stdgap.reports.web`): the store,
its data version and settings, the report and its parameters, the format, the language, the
disclosure rule, the day (provisional years) and stdgap's version. Every write to the store
gives it a new data version, so a cached report is never served for other data. The file is
written under a temporary name and renamed (a reader sees a whole file or none); reading one
marks it used; past ``max_bytes`` the least recently used files are removed. While a worker
builds a report it holds a lock that the other workers wait for (``fcntl.flock``, where the
system has it), then they read the file it wrote instead of building their own.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: each worker builds its own
    fcntl = None  # type: ignore[assignment]

LOCKS = "locks"
TEMPORARY = ".tmp-"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ReportCache:
    """Files under ``root`` (None: no cache, every report is built)."""

    def __init__(self, root: Path | None, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def _path(self, key: str) -> Path | None:
        return None if self.root is None else self.root / digest(key)

    def get(self, key: str) -> bytes | None:
        """The report of ``key``, or None."""
        path = self._path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with suppress(OSError):
            os.utime(path)  # used now: the last to be removed
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` as the report of ``key`` (silently not, when the folder cannot be
        written: the report is still served)."""
        path = self._path(key)
        if path is None or self.root is None:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=TEMPORARY, dir=self.root)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, path)
            except BaseException:
                with suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            return
        self.trim()

    def entries(self) -> list[tuple[Path, int]]:
        """The cached reports and their sizes, the least recently used first."""
        if self.root is None:
            return []
        found = []
        with suppress(OSError):
            for entry in os.scandir(self.root):
                if entry.name.startswith(TEMPORARY) or not entry.is_file():
                    continue
                with suppress(OSError):
                    status = entry.stat()
                    found.append((status.st_mtime, entry.path, status.st_size))
        return [(Path(path), size) for _, path, size in sorted(found)]

    def size(self) -> int:
        return sum(size for _, size in self.entries())

    def trim(self) -> None:
        """Remove the least recently used reports until the cache is within ``max_bytes``."""
        entries = self.entries()
        total = sum(size for _, size in entries)
        for path, size in entries:
            if total <= self.max_bytes:
                break
            with suppress(OSError):
                path.unlink()
            total -= size

    @contextmanager
    def building(self, key: str) -> Iterator[None]:
        """Held while the report of ``key`` is built: another process building it waits."""
        if self.root is None or fcntl is None:
            yield
            return
        folder = self.root / LOCKS
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder / f"{digest(key)[:2]}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)  # releases the lock
