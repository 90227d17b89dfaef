"""The home page: what the observatory holds and where its data is."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from stdgap.http.auth import engine_of
from stdgap.http.render import respond
from stdgap.indicators import answers
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.registry import queries

router = APIRouter()


@router.get("/", include_in_schema=False)
@router.get("/index.json", include_in_schema=False)
def home(request: Request) -> Response:
    engine = engine_of(request)
    data = {
        "name": "stdgap, the Standardization Gap Observatory",
        "data_version": answers.current_state(engine).version,
        "indicators": len(CATALOGUE),
        "groups": len(queries.groups(engine)),
        "api": "/api/v1",
        "openapi": "/api/v1/openapi.json",
    }
    return respond(request, "home.html", data)
