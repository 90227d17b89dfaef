"""Report downloads: the annual report and each region's, as DOCX, PDF or HTML.

A report takes seconds to build, so it is built off the request path and kept: the request
names the report exactly (its key: the store, its data version and settings, the report and its
year and region, the format, the language, the disclosure rule, the day, stdgap's version),
the cache answers when it holds that key (:mod:`stdgap.reports.cache`, on disk, shared by the
workers), and otherwise a build thread makes it once for every request waiting for it
(:mod:`stdgap.http.builds`). A client may have a few builds of its own at once (a setting); one
more is answered 429 with ``Retry-After``.

A report is written in the language of the request (``?lang=``, the cookie, the browser's
preference: :mod:`stdgap.http.language`), text, names and figures alike; the language is part
of the cache key."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

import stdgap
from stdgap.documents.document import Report
from stdgap.http.auth import engine_of
from stdgap.http.builds import Busy, builds_of
from stdgap.http.cookies import settings_of
from stdgap.http.handlers import answer
from stdgap.http.pages import page
from stdgap.http.problems import Problem
from stdgap.http.render import respond
from stdgap.i18n.locales import SOURCE, listed, supported
from stdgap.i18n.translate import _l, current, use
from stdgap.indicators.answers import current_state
from stdgap.indicators.cache import store_key
from stdgap.indicators.cells import IndicatorError
from stdgap.indicators.load import state
from stdgap.indicators.rule import Rule
from stdgap.indicators.web import rule_of
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.reports.cache import ReportCache

router = APIRouter()
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
#: Bumped when the cache's keys or files change meaning.
CACHE_FORMAT = 1


@page(router, "/reports")
def reports_page(request: Request) -> Response:
    data = {
        "formats": list(FORMATS),
        "regions": list(ITU_REGIONS),
        "year": date.today().year - 1,
        "languages": [(found.code, found.name) for found in listed()],
        "language": current().code,
    }
    return respond(request, "reports.html", data)


@dataclass(frozen=True)
class Wanted:
    """A report as asked: which, for what, in which format, for whom."""

    kind: str
    year: int
    region: str | None
    fmt: str
    rule: Rule
    #: The report's language (a code of :mod:`stdgap.i18n.locales`).
    language: str = SOURCE

    @property
    def name(self) -> str:
        """The file's name: the region's own name, never what was typed."""
        slug = "".join(ch if ch.isalnum() else "-" for ch in (self.region or "").lower())
        return f"stdgap-{slug or self.kind}-{self.year}.{self.fmt}"


def key_of(engine: Engine, wanted: Wanted) -> tuple[str, tuple[object, ...]]:
    """The cache key of ``wanted`` on ``engine``'s store as it is now, and the store's state it
    was made with."""
    known = current_state(engine)
    facts = known.facts_key
    parts = [
        CACHE_FORMAT,
        stdgap.__version__,
        store_key(engine),
        *facts,
        known.public_min_cell,
        wanted.kind,
        wanted.year,
        wanted.region,
        wanted.fmt,
        wanted.language,
        wanted.rule.min_cell,
        wanted.rule.exact,
        date.today().isoformat(),
    ]
    return json.dumps(parts), (*facts, known.public_min_cell)


def report_language(code: str | None) -> str:
    """The report's language: ``?language=`` when it names one of the six (the report only; the
    pages keep theirs), else the request's (``?lang=``, the cookie, the browser's)."""
    found = supported(code) if code else None
    if code and (found is None or not found.listed):
        raise Problem(
            422,
            _l(
                "language must be one of %(languages)s",
                languages=", ".join(language.code for language in listed()),
            ),
        )
    return found.code if found is not None else current().code


def _year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise Problem(422, _l("year must be between 1900 and 2200"))
    return year


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Problem(422, _l("format must be one of %(formats)s", formats=", ".join(FORMATS)))
    return fmt


def _render(report: Report, fmt: str) -> bytes:
    from stdgap.documents.output import write_report

    folder = Path(tempfile.mkdtemp(prefix="stdgap-report-"))
    try:
        path = folder / f"report.{fmt}"
        write_report(report, path)
        return path.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _make(engine: Engine, wanted: Wanted, cache: ReportCache, key: str, made_with: object) -> bytes:
    """Build the report (in a build thread), unless another worker has just done so; kept when
    the store did not change while it was built."""
    with cache.building(key):
        held = cache.get(key)
        if held is not None:
            return held
        with use(wanted.language):
            data = _render(_build(engine, wanted), wanted.fmt)
        now = state(engine)
        if (*now.facts_key, now.public_min_cell) == made_with:
            cache.put(key, data)
        return data


def _build(engine: Engine, wanted: Wanted) -> Report:
    if wanted.region is not None:
        from stdgap.reports.regional import build_region_report

        return build_region_report(engine, wanted.region, wanted.year, wanted.rule, wanted.language)
    from stdgap.reports.annual import build_annual_report

    return build_annual_report(engine, wanted.year, wanted.rule, wanted.language)


def _wanted(
    request: Request, kind: str, fmt: str, year: int, region: str | None, language: str
) -> Wanted:
    from stdgap.reports.regional import UnknownRegion, canonical_region

    try:
        named = canonical_region(region) if region is not None else None
    except UnknownRegion as error:
        raise Problem(422, str(error)) from None
    return Wanted(kind, _year(year), named, _format(fmt), rule_of(request), language)


def _busy(request: Request, busy: Busy) -> Response:
    message = _l(
        "reports you asked for are being built; ask again in %(seconds)s s",
        seconds=busy.retry_after,
    )
    problem = Problem(429, message, "busy")
    response = answer(request, problem)
    response.headers["retry-after"] = str(busy.retry_after)
    return response


async def deliver(request: Request, wanted: Wanted) -> Response:
    """The report's file: from the cache, or built once for all who ask at the same time."""
    engine = engine_of(request)
    settings = settings_of(request)
    root = Path(settings.report_cache) if settings.report_cache else None
    cache = ReportCache(root, settings.report_cache_bytes)
    key, made_with = await run_in_threadpool(key_of, engine, wanted)
    data = await run_in_threadpool(cache.get, key)
    if data is None:
        client = request.client.host if request.client else "-"
        build = partial(_make, engine, wanted, cache, key, made_with)
        try:
            data = await builds_of(request).wait(key, client, build)
        except Busy as busy:
            return await run_in_threadpool(_busy, request, busy)
        except IndicatorError as error:
            raise Problem(422, str(error)) from None
    return Response(
        data,
        media_type=FORMATS[wanted.fmt],
        headers={"content-disposition": f'attachment; filename="{wanted.name}"'},
    )


@router.get("/reports/annual", include_in_schema=False)
async def annual_form(
    request: Request, year: int, fmt: str = "docx", language: str | None = None
) -> Response:
    """The report form's answer without JavaScript: the format as the field ``fmt``."""
    return await annual(request, fmt, year, language)


@router.get("/reports/region", include_in_schema=False)
async def regional_form(
    request: Request, region: str, year: int, fmt: str = "docx", language: str | None = None
) -> Response:
    return await regional(request, fmt, region, year, language)


@router.get("/reports/annual.{fmt}", include_in_schema=False)
async def annual(request: Request, fmt: str, year: int, language: str | None = None) -> Response:
    chosen = report_language(language)
    wanted = await run_in_threadpool(_wanted, request, "annual", fmt, year, None, chosen)
    return await deliver(request, wanted)


@router.get("/reports/region.{fmt}", include_in_schema=False)
async def regional(
    request: Request, fmt: str, region: str, year: int, language: str | None = None
) -> Response:
    chosen = report_language(language)
    wanted = await run_in_threadpool(_wanted, request, "region", fmt, year, region, chosen)
    return await deliver(request, wanted)
