"""Pages of a long list: the links to the previous and the next page, keeping the request's
other parameters (filters, language)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request


def _href(request: Request, offset: int) -> str:
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    return "?" + urlencode([*kept, *([("offset", str(offset))] if offset else [])])


def pager(request: Request, total: int, limit: int, offset: int) -> dict[str, Any]:
    """What ``_pager.html`` shows: items ``first``–``last`` of ``total``, and the links."""
    return {
        "total": total,
        "first": min(offset + 1, total),
        "last": min(offset + limit, total),
        "previous": _href(request, max(offset - limit, 0)) if offset > 0 else None,
        "next": _href(request, offset + limit) if offset + limit < total else None,
    }
