"""The home page and the audit log (admins)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from stdgap.indicators.load import state
from stdgap.web import accounts, explorer, queries
from stdgap.web.accounts import Account
from stdgap.web.auth import engine_of, require
from stdgap.web.render import respond

router = APIRouter()


@router.get("/", include_in_schema=False)
@router.get("/index.json", include_in_schema=False)
def home(request: Request) -> Response:
    engine = engine_of(request)
    groups = queries.groups(engine)
    data = {
        "name": "stdgap, the Standardization Gap Observatory",
        "data_version": state(engine)[0],
        "indicators": len(explorer.catalogue()),
        "groups": len(groups),
        "api": "/api/v1",
        "openapi": "/api/v1/openapi.json",
    }
    return respond(request, "home.html", data)


@router.get("/audit", include_in_schema=False)
@router.get("/audit.json", include_in_schema=False)
def audit_page(
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    account: Account = Depends(require("admin")),
) -> Response:
    total, rows = accounts.audit_rows(engine_of(request), limit, offset)
    data = {
        "total": total,
        "limit": limit,
        "offset": offset,
        "entries": rows,
        "users": accounts.list_users(engine_of(request)),
    }
    return respond(request, "audit.html", data)
