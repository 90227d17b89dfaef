"""FastAPI's routes made ready once per test session, not once per application.

FastAPI (0.16x) prepares the routes of an included router lazily, for each application: the first
request an application answers builds every route's parameters, models and handler (pydantic
schemas; a second or more for this application's few hundred routes). The tests make an
application per test (each on its own store), so most of a web test's time went there.

What is built depends only on the route and on how its router was included, and the application
reaches it only through ``dependency_overrides`` (which no test and no code of ours uses): the
tests share one preparation of each route between their applications. Should FastAPI change these
internals, :func:`share_route_contexts` does nothing and the tests run as before, only slower.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest


@contextmanager
def share_route_contexts() -> Iterator[None]:
    try:
        from fastapi import routing

        context_class: Any = routing._EffectiveRouteContext
        build: Callable[..., Any] = context_class.from_api_route
        dataclasses.replace(
            routing._RouterIncludeContext(included_router=routing.APIRouter()),
            dependency_overrides_provider=None,
        )
    except (ImportError, AttributeError, TypeError):
        yield
        return
    built: dict[int, list[tuple[Any, Any, Any]]] = {}

    def from_api_route(cls: type, *, original_route: Any, include_context: Any) -> Any:
        how = dataclasses.replace(include_context, dependency_overrides_provider=None)
        same = built.setdefault(id(original_route), [])
        for route, included, context in same:
            if route is original_route and included == how:
                return context
        context = build(original_route=original_route, include_context=include_context)
        same.append((original_route, how, context))
        return context

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context_class, "from_api_route", classmethod(from_api_route))
        yield
