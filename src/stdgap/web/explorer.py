"""The indicator explorer's service: one request → records, cached per store data version."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from stdgap.indicators import CATALOGUE, DIMENSIONS, Cell, IndicatorError, compute
from stdgap.indicators.cache import store_key
from stdgap.indicators.formats import record
from stdgap.indicators.load import state
from stdgap.web.problems import Problem

CACHE_ENTRIES = 256
_cache: OrderedDict[tuple[Any, ...], list[dict[str, Any]]] = OrderedDict()
_pages: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_versions: dict[str, tuple[float, tuple[str | None, bool]]] = {}
#: How long a data version read from the store is trusted (seconds).
VERSION_SECONDS = float(os.environ.get("STDGAP_VERSION_SECONDS", "0.5"))
_lock = threading.Lock()


def names(values: Iterable[str]) -> list[str]:
    """``a,b`` and repeated parameters alike, blanks dropped."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def parse_where(values: Iterable[str]) -> dict[str, str]:
    """``region:Africa`` (or ``region=Africa``) filters; blanks (an unset select) ignored."""
    where: dict[str, str] = {}
    for given in values:
        if not given.strip():
            continue
        sep = ":" if ":" in given else "="
        name, found, value = given.partition(sep)
        name, value = name.strip(), value.strip()
        if not found or not name or not value:
            raise Problem(422, f"where '{given}': write DIMENSION:VALUE, e.g. region:Africa")
        if name in where and where[name] != value:
            raise Problem(422, f"where: dimension '{name}' is given twice")
        if name == "year" and not (value.isdigit() and 1 <= int(value) <= 9999):
            raise Problem(422, f"where year:{value}: the year must be an integer from 1 to 9999")
        where[name] = value
    return where


@dataclass(frozen=True)
class IndicatorQuery:
    indicators: tuple[str, ...] | None
    by: tuple[str, ...]
    where: dict[str, str] = field(default_factory=dict)
    from_year: int | None = None
    to_year: int | None = None
    min_cell: int = 5

    def key(self) -> tuple[Any, ...]:
        return (
            self.indicators,
            self.by,
            tuple(sorted(self.where.items())),
            self.from_year,
            self.to_year,
            self.min_cell,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicators": list(self.indicators) if self.indicators is not None else None,
            "by": list(self.by),
            "where": dict(self.where),
            "from_year": self.from_year,
            "to_year": self.to_year,
            "min_cell": self.min_cell,
        }


def make_query(
    indicator: Iterable[str],
    by: Iterable[str],
    where: Iterable[str],
    from_year: int | None,
    to_year: int | None,
    min_cell: int,
) -> IndicatorQuery:
    chosen = names(indicator)
    return IndicatorQuery(
        tuple(dict.fromkeys(chosen)) if chosen else None,
        tuple(names(by)),
        parse_where(where),
        from_year,
        to_year,
        min_cell,
    )


def cells(engine: Engine, query: IndicatorQuery) -> list[Cell]:
    """The engine's cells for ``query`` (a 422 problem for a question it refuses)."""
    try:
        return compute(
            engine,
            list(query.indicators) if query.indicators is not None else None,
            list(query.by),
            dict(query.where),
            query.from_year,
            query.to_year,
            query.min_cell,
        )
    except IndicatorError as error:
        raise Problem(422, str(error), "bad-indicator-request") from None


def records(
    engine: Engine, query: IndicatorQuery, version: tuple[Any, ...] | None = None
) -> list[dict[str, Any]]:
    """The cells of ``query`` as the CLI's JSON records (422 for a request the engine refuses).

    Answers are kept per process, keyed by the store and its data version, so a write to the
    store is seen at once and a repeated question costs one small query."""
    key = (*(version or store_version(engine)), *query.key())
    with _lock:
        held = _cache.get(key)
        if held is not None:
            _cache.move_to_end(key)
            return held
    found = [record(cell) for cell in cells(engine, query)]
    with _lock:
        _cache[key] = found
        while len(_cache) > CACHE_ENTRIES:
            _cache.popitem(last=False)
    return found


def store_version(engine: Engine) -> tuple[Any, ...]:
    """What a cached answer about ``engine``'s store depends on: the store and its data version.

    The version is read again once ``VERSION_SECONDS`` have passed (0: on every request), and at
    once after a write made through this process; so another worker's import is seen within that
    time, and a busy server asks the database once per interval, not once per request."""
    key = store_key(engine)
    now = time.monotonic()
    with _lock:
        held = _versions.get(key)
    if held is not None and now - held[0] < VERSION_SECONDS:
        return (key, held[1])
    version = state(engine)
    with _lock:
        _versions[key] = (now, version)
    return (key, version)


def forget_version(engine: Engine) -> None:
    """After a write: the next answer reads the data version again."""
    with _lock:
        _versions.pop(store_key(engine), None)


def page_body(engine: Engine, query: IndicatorQuery, limit: int, offset: int) -> bytes:
    """The API's JSON page of ``query`` (kept per process like the records it is made of)."""
    version = store_version(engine)
    key = ("page", *version, *query.key(), limit, offset)
    with _lock:
        held = _pages.get(key)
        if held is not None:
            _pages.move_to_end(key)
            return held
    found = records(engine, query, version)
    body = {
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "items": found[offset : offset + limit],
    }
    text = json.dumps(body, ensure_ascii=False).encode()
    with _lock:
        _pages[key] = text
        while len(_pages) > CACHE_ENTRIES:
            _pages.popitem(last=False)
    return text


def catalogue() -> list[dict[str, Any]]:
    from stdgap.indicators.formats import catalogue_records

    return catalogue_records()


def dimensions() -> list[str]:
    return list(DIMENSIONS)


def is_share(indicator: str) -> bool:
    return CATALOGUE[indicator].is_share


def query_string(query: IndicatorQuery) -> str:
    """The query string that asks ``query`` again (for links and downloads)."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, str]] = []
    if query.indicators:
        pairs.append(("indicator", ",".join(query.indicators)))
    if query.by:
        pairs.append(("by", ",".join(query.by)))
    pairs += [("where", f"{k}:{v}") for k, v in query.where.items()]
    pairs += [
        (n, str(v))
        for n, v in (("from_year", query.from_year), ("to_year", query.to_year))
        if v is not None
    ]
    pairs.append(("min_cell", str(query.min_cell)))
    return urlencode(pairs)
