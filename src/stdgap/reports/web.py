"""Report downloads: the annual report and each region's, as DOCX, PDF or HTML.

The reports are written in English, figures included, whatever the language of the page that
asks for them: their text is not marked for translation yet."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from stdgap.http.auth import engine_of
from stdgap.http.pages import page
from stdgap.http.problems import Problem
from stdgap.http.render import respond
from stdgap.i18n.locales import SOURCE
from stdgap.i18n.translate import _l, use
from stdgap.indicators.cells import IndicatorError
from stdgap.indicators.web import rule_of
from stdgap.reference.vocabulary import ITU_REGIONS, region_named

router = APIRouter()
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


@page(router, "/reports")
def reports_page(request: Request) -> Response:
    data = {"formats": list(FORMATS), "regions": list(ITU_REGIONS), "year": date.today().year - 1}
    return respond(request, "reports.html", data)


def _file(report: object, name: str, fmt: str) -> Response:
    from stdgap.reports.output import write_report

    if fmt not in FORMATS:
        raise Problem(422, _l("format must be one of %(formats)s", formats=", ".join(FORMATS)))
    folder = Path(tempfile.mkdtemp(prefix="stdgap-report-"))
    path = folder / f"{name}.{fmt}"
    try:
        with use(SOURCE):
            write_report(report, path)  # type: ignore[arg-type]
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        path,
        media_type=FORMATS[fmt],
        filename=path.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def _year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise Problem(422, _l("year must be between 1900 and 2200"))
    return year


@router.get("/reports/annual.{fmt}", include_in_schema=False)
def annual(request: Request, fmt: str, year: int) -> Response:
    from stdgap.reports.annual import build_annual_report

    try:
        with use(SOURCE):
            report = build_annual_report(engine_of(request), _year(year), rule_of(request))
    except IndicatorError as error:
        raise Problem(422, str(error)) from None
    return _file(report, f"stdgap-annual-{year}", fmt)


@router.get("/reports/region.{fmt}", include_in_schema=False)
def regional(request: Request, fmt: str, region: str, year: int) -> Response:
    from stdgap.reports.regional import UnknownRegion, build_region_report

    try:
        with use(SOURCE):
            report = build_region_report(engine_of(request), region, _year(year), rule_of(request))
    except (UnknownRegion, IndicatorError) as error:
        raise Problem(422, str(error)) from None
    named = region_named(region) or "region"  # the file is named after the region's own name
    slug = "".join(ch if ch.isalnum() else "-" for ch in named.lower())
    return _file(report, f"stdgap-{slug}-{year}", fmt)
