"""The web application's factory, assembled from the list of capabilities:
``create_app(engine_url)`` (and ``from_env`` for uvicorn's workers)."""

from __future__ import annotations

import gc
import importlib
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.types import ASGIApp

from stdgap import capabilities
from stdgap.accounts.queries import server_secret, session_account
from stdgap.accounts.tokens import token_account
from stdgap.bootstrap import open_store
from stdgap.documents.warm import warm_writers_in_background
from stdgap.http import handlers, limits
from stdgap.http.builds import Builds
from stdgap.http.headers import SecurityHeadersMiddleware
from stdgap.http.language import LanguageMiddleware
from stdgap.http.settings import WebSettings
from stdgap.web import apidocs, home

log = logging.getLogger("stdgap.web")
#: uvicorn's own log (shown at its log level): a worker says when it loads and when it is ready.
SERVER_LOG = logging.getLogger("uvicorn.error")

DESCRIPTION = """The Standardization Gap Observatory's API: participation indicators (Res. 44,
74, 107), country and group profiles, the resolution tracker. Every page of the web application
also answers as JSON (`PATH.json`). Errors are RFC 9457 problem details. Writes need a session
(`POST /api/v1/session`) and its CSRF token in the `X-CSRF-Token` header, or an API token
(`Authorization: Bearer …`, made on the account page or with `stdgap users tokens create`)."""


def rebuild_in_background() -> None:
    from stdgap.indicators.cache import rebuild_in_background as background

    background()


def warm(engine: Engine) -> None:
    """Load the indicator facts into this process (each worker has its own)."""
    from stdgap.indicators.cache import facts_for

    try:
        facts_for(engine)
    except Exception:  # a store without data, or not yet readable: compute on first request
        log.exception("could not warm the indicator cache")


#: A worker's first-generation threshold of garbage collection: above the objects that 50
#: requests in flight hold (about 20,000), so that a collection runs when garbage accumulates,
#: not every few requests (Python's 700 made some 360 collections a second at 5,000 requests a
#: second, pauses of up to 4-16 ms in the tail).
YOUNG_THRESHOLD = 50_000


def freeze_heap() -> None:
    """After warming up: collect once, then keep everything alive so far (modules, the indicator
    facts, the routes) out of later garbage collections, so that a collection in a busy worker
    walks only what requests made (a full one over the warm heap took 76-90 ms); and collect
    the young generation when garbage accumulates rather than every few requests."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def routers() -> list[APIRouter]:
    """The API routers, then the page routers, of every capability with a web part."""
    modules = [
        importlib.import_module(found.web) for found in capabilities.CAPABILITIES if found.web
    ]
    apis = [module.api for module in modules if hasattr(module, "api")]
    pages = [module.router for module in modules if hasattr(module, "router")]
    return [*apis, home.router, *pages]


class Observatory(FastAPI):
    """The application, whose security headers wrap everything, the answer to a server error
    included (FastAPI puts that one outside the middleware added with ``add_middleware``)."""

    def build_middleware_stack(self) -> ASGIApp:
        settings: WebSettings = self.state.settings
        return SecurityHeadersMiddleware(super().build_middleware_stack(), settings.hsts_seconds)


def create_app(
    engine_url: str | None = None,
    settings: WebSettings | None = None,
    engine: Engine | None = None,
    freeze: bool = False,
) -> FastAPI:
    """The application on the store at ``engine_url`` (or ``$STDGAP_DB``, or the default);
    ``freeze``: a server's worker process — keep the warm heap out of garbage collection, and
    rebuild the indicator facts in the background when a change cannot be applied as a delta
    (the version before answers meanwhile, with a note)."""
    settings = settings or WebSettings.from_env()
    engine = engine or open_store(engine_url)

    builds: Builds[Any] = Builds(settings.report_threads, settings.report_builds_per_client)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        started = time.perf_counter()
        if freeze:
            rebuild_in_background()
            SERVER_LOG.info("worker %s: loading the indicator figures", os.getpid())
        warm(engine)
        if freeze:
            freeze_heap()
            seconds = time.perf_counter() - started
            SERVER_LOG.info("worker %s: ready (figures loaded in %.1f s)", os.getpid(), seconds)
            # its first report at the pace of the later ones (the libraries load meanwhile)
            warm_writers_in_background()
        yield
        builds.shutdown()

    app = Observatory(
        title="stdgap",
        version="1",
        description=DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.secret = settings.secret_key or server_secret(engine)
    app.state.find_account = session_account
    app.state.builds = builds
    app.state.find_token = token_account
    handlers.install(app)
    limits.install(app)  # inside the language's middleware: refusals are translated
    app.add_middleware(LanguageMiddleware)
    app.mount("/static", StaticFiles(packages=[("stdgap.web", "static")]), name="static")
    apidocs.install(app)
    for router in routers():
        app.include_router(router)
    return app


def from_env() -> FastAPI:
    """The factory uvicorn's workers call (``stdgap serve`` sets ``STDGAP_DB``)."""
    return create_app(os.environ.get("STDGAP_DB"), freeze=True)
