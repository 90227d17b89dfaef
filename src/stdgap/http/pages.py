"""Pages that are also data: one handler answers ``PATH`` (HTML) and ``PATH.json``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter

F = TypeVar("F", bound=Callable[..., Any])


def page(router: APIRouter, path: str) -> Callable[[F], F]:
    """Register a page handler at ``path`` and at ``path.json`` (the same handler)."""

    def register(handler: F) -> F:
        router.add_api_route(path + ".json", handler, methods=["GET"], include_in_schema=False)
        router.add_api_route(path, handler, methods=["GET"], include_in_schema=False)
        return handler

    return register
