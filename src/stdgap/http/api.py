"""What the REST API's routes share: list pages, their parameters, and the OpenAPI answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query
from fastapi.responses import Response
from pydantic import BaseModel

from stdgap.http.render import DataResponse

API_PREFIX = "/api/v1"

Limit = Annotated[int, Query(ge=1, le=100_000, description="Items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")]
Text = Annotated[str | None, Query(max_length=200)]


class Page(BaseModel):
    """A page of a list: ``items[offset:offset+limit]`` of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class IndicatorPage(Page):
    """A page of indicator cells, and whether they are those of the data before a change
    (``updating``: the figures are being rebuilt after a change that could not be applied as a
    delta; ask again shortly for the current ones)."""

    updating: bool


INDICATOR_PAGE: dict[int | str, dict[str, Any]] = {
    200: {"model": IndicatorPage, "description": "A page of indicator cells"}
}


PAGE: dict[int | str, dict[str, Any]] = {200: {"model": Page, "description": "A page of the list"}}
OBJECT: dict[int | str, dict[str, Any]] = {
    200: {"model": dict[str, Any], "description": "The object"}
}


def paginate(items: list[dict[str, Any]], limit: int, offset: int) -> Response:
    body = {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }
    return DataResponse(body)
