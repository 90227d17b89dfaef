"""The indicator explorer (pick indicators, dimensions, filters and years; a chart, a table and
downloads) and the API's indicator cells. Every figure goes through the disclosure rule: the
public gets at least the store's public minimum cell size."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from stdgap.charts.render import svg
from stdgap.http.api import INDICATOR_PAGE, PAGE, Limit, Offset, paginate
from stdgap.http.auth import current_user, engine_of
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import add_globals, respond
from stdgap.i18n.formatting import number as format_number
from stdgap.i18n.negotiate import QUERY as LANGUAGE_PARAMETER
from stdgap.i18n.translate import _l
from stdgap.indicators import answers, cache, vendor
from stdgap.indicators.catalogue import CATALOGUE, DIMENSION_HELP, DIMENSIONS, DOMAINS
from stdgap.indicators.cells import IndicatorError
from stdgap.indicators.dimension_labels import dimension_name, value_name
from stdgap.indicators.disclosure import allowed_rule
from stdgap.indicators.explorer_charts import explorer_charts, format_locale, spec_for
from stdgap.indicators.explorer_tables import tables, totals_request
from stdgap.indicators.formats import catalogue_records, render
from stdgap.indicators.notes import cell_notes
from stdgap.indicators.questions import QUESTIONS, asked_question
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import Rule
from stdgap.indicators.sources import registry
from stdgap.registry import queries

router = APIRouter()
router.include_router(vendor.router)
api = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)

#: What the page shows when opened without a question.
#: The most cells the explorer's page draws and tabulates; a larger view is offered as files.
MAX_PAGE_CELLS = 5_000
DEFAULT_PAGE = {"indicator": ["participants", "developing_participant_share"], "by": ["year"]}
DOWNLOADS = {
    "csv": ("text/csv", "csv"),
    "json": ("application/json", "json"),
    "sdmx-csv": ("application/vnd.sdmx.data+csv; version=1.0.0", "csv"),
}
SMALL_CELLS = "indicators.small_cells"
#: The header of the explorer's script asking for the results region only (not the whole page).
FRAGMENT_HEADER = "X-Stdgap-Fragment"

registry()  # the capabilities' indicators are in the catalogue
add_globals(
    figures_updating=lambda request: cache.updating(engine_of(request)),
    units={i.id: i.unit for i in CATALOGUE.values()},
    titles={i.id: i.title for i in CATALOGUE.values()},
    cell_notes=cell_notes,
    dimension_name=dimension_name,
    value_name=value_name,
)


def may_see_small_cells(request: Request) -> bool:
    account = current_user(request)
    return account is not None and account.can(SMALL_CELLS)


def allowed(request: Request, requested: int | None) -> Rule:
    """The minimum cell size this asker gets for ``requested`` (None: the public minimum)."""
    public = answers.current_state(engine_of(request)).public_min_cell
    return allowed_rule(requested, may_see_small_cells(request), public)


def rule_of(request: Request) -> Rule:
    """How this asker's cells are published, from the ``min_cell`` of the query string."""
    raw = request.query_params.get("min_cell", "").strip()
    if raw and not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
        raise Problem(422, _l("min_cell '%(raw)s': give a whole number, 1 or more", raw=raw))
    return allowed(request, max(1, int(raw)) if raw else None)


def request_of(request: Request) -> IndicatorRequest:
    """The explorer's question from the query string (the page's defaults when there is none),
    with the minimum cell size its asker may have."""
    params = request.query_params
    given: dict[str, list[str]] = {
        "indicator": params.getlist("indicator"),
        "by": params.getlist("by"),
        "where": params.getlist("where"),
    }
    if not [name for name in params if name != LANGUAGE_PARAMETER]:
        given |= DEFAULT_PAGE
    try:
        asked = IndicatorRequest.parse(
            given["indicator"],
            given["by"],
            given["where"],
            params.get("from_year"),
            params.get("to_year"),
        )
    except IndicatorError as error:
        raise Problem(422, str(error), "bad-indicator-request") from None
    return asked.with_rule(rule_of(request))


def _choices(request: Request) -> dict[str, Any]:
    domains = {dim: list(values) for dim, values in DOMAINS.items() if values is not None}
    domains["group"] = queries.group_codes(engine_of(request))
    return {
        "catalogue": catalogue_records(),
        "dimensions": list(DIMENSIONS),
        "dimension_help": DIMENSION_HELP,
        "domains": domains,
    }


def _records(request: Request, asked: IndicatorRequest) -> list[dict[str, Any]]:
    try:
        return answers.records(engine_of(request), asked)
    except IndicatorError as error:
        raise Problem(422, str(error), "bad-indicator-request") from None


def _fragment(request: Request) -> bool:
    return request.headers.get(FRAGMENT_HEADER) == "results"


def _explorer(request: Request, data: dict[str, Any], status: int = 200, **extra: Any) -> Response:
    """The explorer's page, or only its results region for its script (same address)."""
    fragment = _fragment(request) and not wants_json(request)
    response = respond(
        request,
        "_explorer_results.html" if fragment else "explorer.html",
        data,
        status,
        questions=QUESTIONS,
        vendor=vendor.available(),
        vendor_files=list(vendor.FILES),
        format_locale=format_locale(),
        **extra,
        **({} if wants_json(request) or fragment else _choices(request)),
    )
    response.headers["Vary"] = FRAGMENT_HEADER
    return response


@page(router, "/indicators")
def indicators_page(request: Request) -> Response:
    """The explorer (``/indicators.json``: the same question's cells as data). Its script asks
    the same address with the header ``X-Stdgap-Fragment: results`` for the results alone."""
    try:
        asked = request_of(request)
        rows = _records(request, asked)
    except Problem as problem:
        if wants_json(request):
            raise
        data: dict[str, Any] = {"query": None, "total": 0, "cells": []}
        return _explorer(
            request,
            data,
            problem.status,
            error=problem.detail,
            charts={},
            tables={},
            question=None,
            download_query=request.url.query,
        )
    public = answers.current_state(engine_of(request)).public_min_cell
    margin = totals_request(asked)
    totals = _records(request, margin) if margin is not None else []
    data = {
        "query": asked.as_dict(),
        "min_cell": asked.min_cell if asked.min_cell is not None else public,
        "total": len(rows),
        "cells": rows,
        "totals": totals,
    }
    by = list(asked.by)
    if not wants_json(request) and len(rows) > MAX_PAGE_CELLS:
        # too many to draw and read on a page: said, and offered as files
        data |= {"cells": [], "totals": []}
        too_many = _l(
            "This view has %(cells)s cells, too many for a page (at most %(limit)s): choose "
            "fewer dimensions or values, or download it.",
            cells=format_number(len(rows)),
            limit=format_number(MAX_PAGE_CELLS),
        )
        return _explorer(
            request,
            data,
            charts={},
            tables={},
            inline_svgs={},
            error=too_many,
            question=asked_question(asked),
            download_query=asked.query_string(),
        )
    drawn = [] if wants_json(request) else explorer_charts(rows, by)
    inline = {} if vendor.available() else {c.indicator: svg(c.spec) for c in drawn}
    return _explorer(
        request,
        data,
        charts={c.indicator: c for c in drawn},
        tables=tables(rows, totals, by),
        inline_svgs=inline,
        error=None,
        question=asked_question(asked),
        download_query=asked.query_string(),
    )


@router.get("/indicators/chart.svg", include_in_schema=False)
def chart_image(request: Request, chart: str = "") -> Response:
    """The explorer's chart of the indicator ``chart`` for its question, as an SVG image (for
    browsers without JavaScript)."""
    asked = request_of(request)
    rows = _records(request, asked)
    found = spec_for(chart, rows, list(asked.by)) if chart in CATALOGUE else None
    if found is None:
        raise Problem(404, _l("No chart of '%(chart)s' in this view", chart=chart))
    return Response(
        svg(found[0]), media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=300"}
    )


@router.get("/indicators/download", include_in_schema=False)
def download(request: Request, format: str = "csv") -> Response:
    """The explorer's cells as a file: ``format`` csv, json or sdmx-csv."""
    if format not in DOWNLOADS:
        raise Problem(
            422,
            _l(
                "format '%(format)s': use one of %(formats)s",
                format=format,
                formats=", ".join(DOWNLOADS),
            ),
        )
    asked = request_of(request)
    try:
        cells = answers.cells(engine_of(request), asked)
    except IndicatorError as error:
        raise Problem(422, str(error), "bad-indicator-request") from None
    media, suffix = DOWNLOADS[format]
    name = f"stdgap-indicators{'-sdmx' if format == 'sdmx-csv' else ''}.{suffix}"
    return Response(
        render(cells, list(asked.by), format),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


Names = Annotated[list[str], Query(description="Comma-separated or repeated")]
Year = Annotated[int | None, Query(ge=1, le=9999)]
MinCell = Annotated[
    int | None,
    Query(
        ge=1,
        le=1_000_000,
        description="Suppress cells below this size; below the public minimum for analysts",
    ),
]


@api.get("/indicators", responses=INDICATOR_PAGE, summary="Indicator cells")
def indicators(
    request: Request,
    indicator: Names = [],  # noqa: B006 (FastAPI reads the default)
    by: Names = [],  # noqa: B006
    where: Annotated[
        list[str], Query(description="DIMENSION:VALUE (or DIMENSION=VALUE), repeatable")
    ] = [],  # noqa: B006
    from_year: Year = None,
    to_year: Year = None,
    min_cell: MinCell = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> Response:
    """The cells of the indicators (all that apply by default) grouped by the dimensions ``by``,
    each as printed by ``stdgap indicators --format json``. Public record is exact; figures
    about persons are perturbed, and suppressed below the store's public minimum (each cell's
    ``protection`` says which). Signed-in analysts may ask for exact figures with ``min_cell``."""
    try:
        asked = IndicatorRequest.parse(indicator, by, where, from_year, to_year)
        asked = asked.with_rule(allowed(request, min_cell))
        body = answers.page_body(engine_of(request), asked, limit, offset)
    except IndicatorError as error:
        raise Problem(422, str(error), "bad-indicator-request") from None
    return Response(body, media_type="application/json")


@api.get("/indicators/catalogue", responses=PAGE, summary="The catalogue of indicators")
def catalogue(limit: Limit = 1000, offset: Offset = 0) -> Response:
    return paginate(catalogue_records(), limit, offset)
