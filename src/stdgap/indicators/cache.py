"""The cache of fact frames, valid only while the store's data version is unchanged.

Two levels: the frames of the last stores used stay in memory; each is also written as Parquet
under ``$STDGAP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/stdgap/indicators``), in a folder keyed by
the store's location, its data version and the transition setting, so a new process starts warm.
Every write to the store changes the data version in the same transaction, so a cache entry can
never answer for content other than the store's current one. ``STDGAP_CACHE_DIR=off`` keeps only
the memory level.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import math
import os
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path

import polars as pl
from sqlalchemy import Engine

from stdgap.indicators.context import Codes, FactOptions
from stdgap.indicators.facts import Facts, build_facts
from stdgap.indicators.incremental import Snapshot, advance
from stdgap.indicators.load import StoreState, Tables, read_tables, state
from stdgap.indicators.sources import extra_tables, registry
from stdgap.store.changes import write_of

ENV_VAR = "STDGAP_CACHE_DIR"
log = logging.getLogger("stdgap.indicators")
#: The layout of the cached frames; bumped whenever a fact frame gains or changes a column, so a
#: cache written by an older version of the engine is never read.
FACTS_FORMAT = 7
MEMORY_ENTRIES = 4
_memory: dict[str, Snapshot] = {}
_store_keys: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def cache_root() -> Path | None:
    """The folder of the Parquet cache, or None when it is switched off."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stdgap" / "indicators"


def store_key(engine: Engine) -> str:
    """A stable name of the store: the absolute file of SQLite, the URL of a server. Worked out
    once per engine (resolving a file asks the filesystem: not on every request)."""
    try:
        return _store_keys[engine]
    except KeyError:
        key = _store_key(engine)
    _store_keys[engine] = key
    return key


def _store_key(engine: Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        where = "sqlite:" + str(Path(str(url.database)).resolve())
    else:
        where = url.render_as_string(hide_password=True)
    return hashlib.sha256(where.encode()).hexdigest()[:20]


FactsKey = tuple[str | None, bool, str]
#: The tables of :class:`Tables` kept beside the facts (what a later delta starts from).
_RAW = ("attendance", "meetings", "groups", "members", "people", "contributions", "sources")
_RAW_MORE = ("roles", "classifications")


def _folder(root: Path, store: str, version: FactsKey) -> Path:
    day = version[2].replace("-", "")
    return root / store / f"{version[0]}-{'t' if version[1] else 'f'}-{day}-v{FACTS_FORMAT}"


def _read(folder: Path) -> Snapshot | None:
    try:
        meta = json.loads((folder / "meta.json").read_text())
        if set(meta["frames"]) != set(registry()):
            return None  # written when other fact sources were registered
        frames = {name: pl.read_parquet(folder / f"{name}.parquet") for name in meta["frames"]}
        codes = Codes(meta["groups"], meta["member_types"], meta["countries"])
        facts = Facts(frames, codes, meta["first_year"], meta["last_year"])
        key = (meta["version"], meta["transition_counts"], meta["leadership_date"])
        return Snapshot(key, meta["seq"], facts, lambda: _read_tables(folder, meta))
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        return None


def _read_tables(folder: Path, meta: dict[str, object]) -> Tables | None:
    """The tables kept beside the facts in ``folder`` (None: not there or unreadable)."""
    try:
        read = {name: pl.read_parquet(folder / f"raw-{name}.parquet") for name in _RAW + _RAW_MORE}
        extra_names = meta["extra"]
        assert isinstance(extra_names, list)
        extra = {name: pl.read_parquet(folder / f"extra-{name}.parquet") for name in extra_names}
        secret = meta["secret"]
        assert isinstance(secret, int)
        return Tables(**read, extra=extra, secret=secret)
    except (OSError, ValueError, KeyError, TypeError, AssertionError, pl.exceptions.PolarsError):
        return None


def _write(folder: Path, snapshot: Snapshot) -> None:
    facts, tables = snapshot.facts, snapshot.held_tables()
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name, frame in facts.frames.items():
            frame.write_parquet(temporary / f"{name}.parquet", compression="lz4")
        if tables is not None:
            for name in _RAW + _RAW_MORE:
                frame = getattr(tables, name)
                frame.write_parquet(temporary / f"raw-{name}.parquet", compression="lz4")
            for name, frame in tables.extra.items():
                frame.write_parquet(temporary / f"extra-{name}.parquet", compression="lz4")
        meta = {
            "frames": sorted(facts.frames),
            "first_year": facts.first_year,
            "last_year": facts.last_year,
            "groups": facts.groups,
            "member_types": facts.member_types,
            "countries": facts.countries,
            "version": snapshot.key[0],
            "transition_counts": snapshot.key[1],
            "leadership_date": snapshot.key[2],
            "seq": snapshot.seq if tables is not None else None,
            "extra": sorted(tables.extra) if tables is not None else [],
            "secret": tables.secret if tables is not None else 0,
        }
        (temporary / "meta.json").write_text(json.dumps(meta))
        with _write_lock:
            if _installed.get(str(folder.parent), -math.inf) > snapshot.made:
                shutil.rmtree(temporary, ignore_errors=True)  # a later snapshot's is there
                return
            for old in folder.parent.iterdir():  # earlier versions of this store are dead
                if old == temporary:
                    continue
                if not old.name.startswith(".tmp-") or _abandoned(old):
                    shutil.rmtree(old, ignore_errors=True)
            os.replace(temporary, folder)
            _installed[str(folder.parent)] = snapshot.made
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)


_write_lock = threading.Lock()
#: By store folder: when the snapshot whose cache this process last put there was made. A write
#: that took longer than a later snapshot's must not replace that one's.
_installed: dict[str, float] = {}
#: A temporary folder untouched this long was left by a write cut off (its process ended).
ABANDONED_SECONDS = 3600.0


def _abandoned(temporary: Path) -> bool:
    try:
        return time.time() - temporary.stat().st_mtime > ABANDONED_SECONDS
    except OSError:
        return False


def _newest(root: Path, store: str) -> Snapshot | None:
    """The snapshot last written for ``store``, whatever its version."""
    try:
        folders = [
            found
            for found in (root / store).iterdir()
            if not found.name.startswith(".tmp-") and found.name.endswith(f"-v{FACTS_FORMAT}")
        ]
    except OSError:
        return None
    for folder in sorted(folders, key=lambda found: found.stat().st_mtime, reverse=True):
        snapshot = _read(folder)
        if snapshot is not None:
            return snapshot
    return None


def _build(engine: Engine) -> Snapshot:
    """Read and build the facts; retried if the store changed while it was being read."""
    for _ in range(5):
        before = state(engine)
        seq = write_number(engine, before.version)
        tables = read_tables(engine, extra_tables())
        if state(engine).facts_key == before.facts_key:
            break
    key = before.facts_key
    return Snapshot(key, seq, build_facts(tables, FactOptions(key[1], key[2])), tables)


def write_number(engine: Engine, version: str | None) -> int | None:
    """The number of the write that made ``version`` in the store's change log."""
    with engine.connect() as connection:
        return write_of(connection, version)


def _newer(held: Snapshot, target: StoreState, made: int | None) -> bool:
    """Whether ``held`` is of a later write than ``made``, the one that made ``target``."""
    if held.seq is None or held.key[1:] != target.facts_key[1:]:
        return False
    return made is not None and made < held.seq


def _advanced(
    engine: Engine, snapshot: Snapshot, target: StoreState, made: int | None
) -> Snapshot | None:
    """``snapshot`` brought to ``target`` (made by write ``made``) by the logged changes,
    checked not to have raced with a write (the rows read must be those of ``target``'s
    version)."""
    if made is None:
        return None
    moved = advance(engine, snapshot, target, made)
    if moved is None or state(engine).facts_key != target.facts_key:
        return None
    return moved


def facts_for(engine: Engine, known: StoreState | None = None, stale_ok: bool = False) -> Facts:
    """The fact frames of ``engine``'s store as it is now (as of ``known``, when given); with
    ``stale_ok``, while a rebuild runs in the background (see :func:`rebuild_in_background`),
    those of the version before (:func:`updating` says so: the caller must tell its reader)."""
    return snapshot_for(engine, known, stale_ok).facts


def snapshot_for(
    engine: Engine, known: StoreState | None = None, stale_ok: bool = False
) -> Snapshot:
    """The snapshot of ``engine``'s store as it is now (as of ``known``, when given): held in
    memory, brought up to date from an older one by the logged changes, read from the Parquet
    cache, or built (in the background when so asked and the caller takes the version before
    meanwhile, ``stale_ok``: its ``key`` then says which version it is; other callers wait)."""
    store = store_key(engine)
    target = known or state(engine)
    version = target.facts_key
    if not stale_ok:
        wait_for_rebuild(engine)
    with _lock_of(store):
        held = _memory.get(store)
        if held is not None and held.key == version:
            return held
        if held is not None and stale_ok and store in _rebuilding:
            return held  # the version before, while the rebuild runs
        made = write_number(engine, target.version)
        if held is not None and _newer(held, target, made):
            return held  # ``known`` was read before another thread brought the cache further
        root = cache_root()
        found = None
        if root is not None and version[0] is not None:
            found = _read(_folder(root, store, version))
        if found is None:
            older = held or (_newest(root, store) if root is not None else None)
            if older is not None:
                found = _advanced(engine, older, target, made)
                if found is not None and root is not None:
                    _write_later(_folder(root, store, found.key), found)
        if found is None and held is not None and stale_ok and _background.is_set():
            _rebuild_later(engine, store)
            return held
        if found is None:
            found = _built(engine, root, store)
        _keep(store, found)
        return found


def _built(engine: Engine, root: Path | None, store: str) -> Snapshot:
    """The snapshot built from the store; its Parquet cache written in the background (the
    answer does not wait for it; a process that ends writes it first)."""
    found = _build(engine)
    if root is not None and found.key[0] is not None:
        _write_later(_folder(root, store, found.key), found)
    return found


def _keep(store: str, found: Snapshot) -> None:
    _memory.pop(store, None)
    _memory[store] = found
    while len(_memory) > MEMORY_ENTRIES:
        _memory.pop(next(iter(_memory)))


_background = threading.Event()
_rebuilding: dict[str, threading.Thread] = {}


def rebuild_in_background(on: bool = True) -> None:
    """When a change cannot be applied as a delta, rebuild in the background while the version
    before answers (a server: its pages say the figures are being updated); off, the caller
    waits for the rebuild (the command line)."""
    if on:
        _background.set()
    else:
        _background.clear()


def _rebuild_later(engine: Engine, store: str) -> None:
    """Start the rebuild of ``store``'s facts, unless one is running (the caller holds the
    store's lock)."""
    running = _rebuilding.get(store)
    if running is not None and running.is_alive():
        return

    def rebuild() -> None:
        try:
            found = _built(engine, cache_root(), store)
            with _lock_of(store):
                _keep(store, found)
        except Exception:  # the next request tries again (and waits, if no snapshot is held)
            log.exception("rebuilding the indicator facts failed")
        finally:
            _rebuilding.pop(store, None)

    thread = threading.Thread(target=rebuild, name="stdgap-facts-rebuild", daemon=True)
    _rebuilding[store] = thread
    thread.start()


def updating(engine: Engine) -> bool:
    """Whether the facts of ``engine``'s store are being rebuilt in the background (answers
    are meanwhile of the version before)."""
    running = _rebuilding.get(store_key(engine))
    return running is not None and running.is_alive()


def wait_for_rebuild(engine: Engine, timeout: float | None = None) -> None:
    """Wait until a background rebuild of ``engine``'s store has finished (tests)."""
    running = _rebuilding.get(store_key(engine))
    if running is not None:
        running.join(timeout)


_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def _lock_of(store: str) -> threading.Lock:
    """One builder per store at a time: the others wait and take its result."""
    with _locks_lock:
        return _locks.setdefault(store, threading.Lock())


#: Seconds a snapshot brought up to date waits before its Parquet cache is written: the answer
#: being computed meanwhile has the cores to itself, and a newer snapshot may supersede it.
WRITE_DELAY = 2.0


class _PendingWrite:
    """A Parquet cache to write a little later, unless done or superseded first."""

    def __init__(self, folder: Path, snapshot: Snapshot) -> None:
        self.folder, self.snapshot = folder, snapshot
        self.lock = threading.Lock()
        self.done = False
        self.timer = threading.Timer(WRITE_DELAY, self.write)
        self.timer.daemon = True
        self.timer.name = "stdgap-cache-write"

    def write(self) -> None:
        with self.lock:
            if not self.done:
                self.done = True
                _write(self.folder, self.snapshot)

    def drop(self) -> None:
        """Not written unless already being written: a write under way is left to finish in
        the background (its version's cache is still right), not waited for."""
        self.done = True
        self.timer.cancel()


_pending: dict[str, _PendingWrite] = {}
_pending_lock = threading.Lock()


def _write_later(folder: Path, snapshot: Snapshot) -> None:
    """Write ``snapshot``'s Parquet cache in the background, after :data:`WRITE_DELAY` (the
    answer does not wait); a newer snapshot of the same store supersedes it."""
    pending = _PendingWrite(folder, snapshot)
    with _pending_lock:
        older = _pending.pop(str(folder.parent), None)
        _pending[str(folder.parent)] = pending
    if older is not None:
        older.drop()
    pending.timer.start()


def wait_for_writes() -> None:
    """Write now what is waiting to be written (tests, and a process that ends)."""
    with _pending_lock:
        waiting = list(_pending.values())
        _pending.clear()
    for pending in waiting:
        pending.timer.cancel()
        pending.write()


atexit.register(wait_for_writes)


def clear_memory() -> None:
    """Forget the frames held in memory (the Parquet cache stays)."""
    wait_for_writes()
    _memory.clear()
