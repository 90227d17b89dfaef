"""The cache of fact frames, valid only while the store's data version is unchanged.

Two levels: the frames of the last stores used stay in memory; each is also written as Parquet
under ``$STDGAP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/stdgap/indicators``), in a folder keyed by
the store's location, its data version and the transition setting, so a new process starts warm.
Every write to the store changes the data version in the same transaction, so a cache entry can
never answer for content other than the store's current one. ``STDGAP_CACHE_DIR=off`` keeps only
the memory level.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path

import polars as pl
from sqlalchemy import Engine

from stdgap.indicators.context import Codes, FactOptions
from stdgap.indicators.facts import Facts, build_facts
from stdgap.indicators.load import StoreState, read_tables, state
from stdgap.indicators.sources import extra_tables, registry

ENV_VAR = "STDGAP_CACHE_DIR"
#: The layout of the cached frames; bumped whenever a fact frame gains or changes a column, so a
#: cache written by an older version of the engine is never read.
FACTS_FORMAT = 6
MEMORY_ENTRIES = 4
_memory: dict[str, tuple[tuple[str | None, bool, str], Facts]] = {}
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


def _folder(root: Path, store: str, version: FactsKey) -> Path:
    day = version[2].replace("-", "")
    return root / store / f"{version[0]}-{'t' if version[1] else 'f'}-{day}-v{FACTS_FORMAT}"


def _read(folder: Path) -> Facts | None:
    try:
        meta = json.loads((folder / "meta.json").read_text())
        if set(meta["frames"]) != set(registry()):
            return None  # written when other fact sources were registered
        frames = {name: pl.read_parquet(folder / f"{name}.parquet") for name in meta["frames"]}
        codes = Codes(meta["groups"], meta["member_types"], meta["countries"])
        return Facts(frames, codes, meta["first_year"], meta["last_year"])
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        return None


def _write(folder: Path, facts: Facts) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    try:
        for name, frame in facts.frames.items():
            frame.write_parquet(temporary / f"{name}.parquet", compression="lz4")
        meta = {
            "frames": sorted(facts.frames),
            "first_year": facts.first_year,
            "last_year": facts.last_year,
            "groups": facts.groups,
            "member_types": facts.member_types,
            "countries": facts.countries,
        }
        (temporary / "meta.json").write_text(json.dumps(meta))
        for old in folder.parent.iterdir():  # earlier versions of this store are dead
            if old != temporary and not old.name.startswith(".tmp-"):
                shutil.rmtree(old, ignore_errors=True)
        os.replace(temporary, folder)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)


def _build(engine: Engine) -> tuple[FactsKey, Facts]:
    """Read and build the facts; retried if the store changed while it was being read."""
    for _ in range(5):
        before = state(engine).facts_key
        tables = read_tables(engine, extra_tables())
        if state(engine).facts_key == before:
            return before, build_facts(tables, FactOptions(before[1], before[2]))
    return before, build_facts(tables, FactOptions(before[1], before[2]))


def facts_for(engine: Engine, known: StoreState | None = None) -> Facts:
    """The fact frames of ``engine``'s store as it is now (as of ``known``, when given)."""
    store = store_key(engine)
    version = (known or state(engine)).facts_key
    held = _memory.get(store)
    if held is not None and held[0] == version:
        return held[1]
    root = cache_root()
    facts = None
    if root is not None and version[0] is not None:
        facts = _read(_folder(root, store, version))
    if facts is None:
        version, facts = _build(engine)
        if root is not None and version[0] is not None:
            _write(_folder(root, store, version), facts)
    _memory.pop(store, None)
    _memory[store] = (version, facts)
    while len(_memory) > MEMORY_ENTRIES:
        _memory.pop(next(iter(_memory)))
    return facts


def clear_memory() -> None:
    """Forget the frames held in memory (the Parquet cache stays)."""
    _memory.clear()
