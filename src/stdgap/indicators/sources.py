"""The registry of fact sources: the engine's own, then those the capabilities add.

A capability names, in the list of capabilities, a module (``fact_sources=…``) that calls
:func:`register` when imported; :func:`registry` imports those modules the first time the engine
needs its sources.
"""

from __future__ import annotations

import importlib
import threading

from stdgap import capabilities
from stdgap.indicators.builtin import BUILTIN
from stdgap.indicators.catalogue import CATALOGUE, Indicator
from stdgap.indicators.factsource import FactSource
from stdgap.indicators.load import TableQuery

_sources: dict[str, FactSource] = {source.name: source for source in BUILTIN}
_loaded = False
_lock = threading.RLock()


def register(source: FactSource, indicators: tuple[Indicator, ...] = ()) -> None:
    """Add ``source`` and the catalogue entries of the indicators it gives values for."""
    with _lock:
        if source.name in _sources and _sources[source.name] is not source:
            raise ValueError(f"a fact source named {source.name!r} is registered already")
        for indicator in indicators:
            if indicator.id in CATALOGUE and CATALOGUE[indicator.id] != indicator:
                raise ValueError(f"indicator {indicator.id!r} is in the catalogue already")
            if indicator.facts != source.name or indicator.id not in source.values:
                raise ValueError(f"indicator {indicator.id!r} is not computed by {source.name}")
        _sources[source.name] = source
        for indicator in indicators:
            CATALOGUE[indicator.id] = indicator


def unregister(name: str) -> None:
    """Remove a source added by :func:`register` and its indicators (tests)."""
    with _lock:
        source = _sources.pop(name)
        for indicator_id in source.values:
            CATALOGUE.pop(indicator_id, None)


def registry() -> dict[str, FactSource]:
    """Every fact source, by name (the capabilities' loaded on first use)."""
    global _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                for found in capabilities.CAPABILITIES:
                    if found.fact_sources:
                        importlib.import_module(found.fact_sources)
                _loaded = True
    return _sources


def extra_tables() -> dict[str, TableQuery]:
    """The tables the registered sources read besides the engine's own."""
    return {name: query for source in registry().values() for name, query in source.tables.items()}


def source_of(indicator: str) -> FactSource:
    """The source whose frame the indicator is computed from."""
    return registry()[CATALOGUE[indicator].facts]
