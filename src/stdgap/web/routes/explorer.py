"""The indicator explorer: pick indicators, dimensions, filters and years; a chart, a table and
downloads (CSV, JSON, SDMX-CSV)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from stdgap.indicators.catalogue import DIMENSION_HELP, DOMAINS
from stdgap.indicators.formats import to_csv, to_json, to_sdmx_csv
from stdgap.web import charts, explorer, queries
from stdgap.web.auth import current_user, effective_min_cell, engine_of
from stdgap.web.negotiate import wants_json
from stdgap.web.problems import Problem
from stdgap.web.render import respond
from stdgap.web.routes import page

router = APIRouter()

#: What the page shows when opened without a question.
DEFAULT_PAGE = {"indicator": ["participants", "developing_participant_share"], "by": ["year"]}
DOWNLOADS = {
    "csv": ("text/csv", "csv"),
    "json": ("application/json", "json"),
    "sdmx-csv": ("application/vnd.sdmx.data+csv; version=1.0.0", "csv"),
}


def _year(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 9999:
        raise Problem(422, f"{name} '{value}': give a year from 1 to 9999")
    return int(value)


def query_of(request: Request) -> explorer.IndicatorQuery:
    """The explorer's question from the query string (the page's defaults when there is none)."""
    params = request.query_params
    given: dict[str, list[str]] = {
        "indicator": params.getlist("indicator"),
        "by": params.getlist("by"),
        "where": params.getlist("where"),
    }
    if not params:
        given |= DEFAULT_PAGE
    raw = params.get("min_cell", "").strip()
    if raw and not raw.lstrip("-").isdigit():
        raise Problem(422, f"min_cell '{raw}': give a whole number")
    min_cell = effective_min_cell(int(raw) if raw else None, current_user(request))
    return explorer.make_query(
        given["indicator"],
        given["by"],
        given["where"],
        _year(request, "from_year"),
        _year(request, "to_year"),
        min_cell,
    )


def _choices(request: Request) -> dict[str, Any]:
    domains = {dim: list(values) for dim, values in DOMAINS.items() if values is not None}
    domains["group"] = queries.group_codes(engine_of(request))
    return {
        "catalogue": explorer.catalogue(),
        "dimensions": explorer.dimensions(),
        "dimension_help": DIMENSION_HELP,
        "domains": domains,
    }


@page(router, "/indicators")
def indicators_page(request: Request) -> Response:
    """The explorer (``/indicators.json``: the same question's cells as data)."""
    try:
        query = query_of(request)
        rows = explorer.records(engine_of(request), query)
    except Problem as problem:
        if wants_json(request):
            raise
        data: dict[str, Any] = {"query": None, "total": 0, "cells": []}
        return respond(
            request,
            "explorer.html",
            data,
            problem.status,
            error=problem.detail,
            charts=[],
            download_query=request.url.query,
            **_choices(request),
        )
    data = {"query": query.as_dict(), "total": len(rows), "cells": rows}
    svgs = [] if wants_json(request) else charts.charts(rows, list(query.by))
    return respond(
        request,
        "explorer.html",
        data,
        charts=svgs,
        error=None,
        download_query=explorer.query_string(query),
        **({} if wants_json(request) else _choices(request)),
    )


@router.get("/indicators/download", include_in_schema=False)
def download(request: Request, format: str = "csv") -> Response:
    """The explorer's cells as a file: ``format`` csv, json or sdmx-csv."""
    if format not in DOWNLOADS:
        raise Problem(422, f"format '{format}': use one of {', '.join(DOWNLOADS)}")
    query = query_of(request)
    cells = explorer.cells(engine_of(request), query)
    by = list(query.by)
    text = {
        "csv": lambda: to_csv(cells, by),
        "json": lambda: to_json(cells) + "\n",
        "sdmx-csv": lambda: to_sdmx_csv(cells, by),
    }[format]()
    media, suffix = DOWNLOADS[format]
    name = f"stdgap-indicators{'-sdmx' if format == 'sdmx-csv' else ''}.{suffix}"
    return Response(
        text, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
