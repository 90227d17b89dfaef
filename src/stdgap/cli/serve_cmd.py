"""``stdgap serve``: the web application and REST API (uvicorn; several workers for many users)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from stdgap.cli.common import DbOption, console, store


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (each keeps its own indicator cache)")
    ] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option(help="Trust X-Forwarded-* from --forwarded-allow-ips (behind a proxy)"),
    ] = True,
    forwarded_allow_ips: Annotated[
        str, typer.Option(help="Proxies whose X-Forwarded-* headers are trusted")
    ] = "127.0.0.1",
    log_level: Annotated[str, typer.Option(help="uvicorn's log level")] = "info",
    db: DbOption = None,
) -> None:
    """Serve the web application and the API (`/api/v1`, OpenAPI at `/api/v1/openapi.json`)."""
    import uvicorn

    engine = store(ctx, db)  # migrate once, before the workers start
    url = engine.url.render_as_string(hide_password=False)
    from stdgap.web.accounts import server_secret

    server_secret(engine)
    engine.dispose()
    os.environ["STDGAP_DB"] = url
    console.print(f"stdgap on http://{host}:{port}/ ({workers} worker(s))")
    uvicorn.run(
        "stdgap.web.app:from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level=log_level,
        access_log=log_level == "debug",
    )
