"""The web application's factory: ``create_app(engine_url)`` (and ``from_env`` for workers)."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from stdgap.store.open import open_store
from stdgap.web import problems
from stdgap.web.accounts import server_secret
from stdgap.web.routes import (
    account,
    api,
    api_write,
    explorer,
    home,
    imports,
    profiles,
    reports,
    resolutions,
)
from stdgap.web.settings import WebSettings

log = logging.getLogger("stdgap.web")

DESCRIPTION = """The Standardization Gap Observatory's API: participation indicators (Res. 44,
74, 107), country and group profiles, the resolution tracker. Every page of the web application
also answers as JSON (`PATH.json`). Errors are RFC 9457 problem details. Writes need a session
(`POST /api/v1/session`) and its CSRF token in the `X-CSRF-Token` header."""


def warm(engine: Engine) -> None:
    """Load the indicator facts into this process (each worker has its own)."""
    from stdgap.indicators.cache import facts_for

    try:
        facts_for(engine)
    except Exception:  # a store without data, or not yet readable: compute on first request
        log.exception("could not warm the indicator cache")


def create_app(
    engine_url: str | None = None,
    settings: WebSettings | None = None,
    engine: Engine | None = None,
) -> FastAPI:
    """The application on the store at ``engine_url`` (or ``$STDGAP_DB``, or the default)."""
    settings = settings or WebSettings.from_env()
    engine = engine or open_store(engine_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm(engine)
        yield

    app = FastAPI(
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
    problems.install(app)
    app.mount("/static", StaticFiles(packages=[("stdgap.web", "static")]), name="static")
    for module in (
        api,
        api_write,
        home,
        account,
        explorer,
        profiles,
        resolutions,
        reports,
        imports,
    ):
        app.include_router(module.router)
    return app


def from_env() -> FastAPI:
    """The factory uvicorn's workers call (``stdgap serve`` sets ``STDGAP_DB``)."""
    return create_app(os.environ.get("STDGAP_DB"))
