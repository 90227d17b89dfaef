"""``stdgap serve``: the web application and REST API (uvicorn; several workers for many users),
or, with ``--get PATH``, one answer printed without starting a server."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

from stdgap.console.common import DbOption, console, fail, store

app = typer.Typer(add_completion=False)


@app.command("serve")
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
    get: Annotated[
        str | None,
        typer.Option(
            "--get",
            help="Print the answer to GET PATH (e.g. /indicators.json?by=year) and exit, "
            "without starting a server; exit status 1 when the answer is an error",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Serve the web application and the API (`/api/v1`, OpenAPI at `/api/v1/openapi.json`)."""
    engine = store(ctx, db)  # migrate once, before the workers start
    if get is not None:
        _get(engine, get)
        return
    import uvicorn

    from stdgap.accounts.queries import server_secret

    _check_free(host, port)
    url = engine.url.render_as_string(hide_password=False)
    server_secret(engine)
    engine.dispose()
    os.environ["STDGAP_DB"] = url
    console.print(f"stdgap on http://{host}:{port}/ ({workers} worker(s))")
    stack = server_stack()
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
        http=stack.http,
        loop=stack.loop,
    )


class Stack(NamedTuple):
    """uvicorn's HTTP parser and event loop."""

    http: Literal["httptools", "h11"]
    loop: Literal["uvloop", "asyncio"]


def server_stack() -> Stack:
    """httptools and uvloop (C, a shorter tail under load) when they can be imported, else the
    pure-Python h11 and asyncio."""
    import importlib.util

    fast_http = importlib.util.find_spec("httptools") is not None
    fast_loop = importlib.util.find_spec("uvloop") is not None
    return Stack("httptools" if fast_http else "h11", "uvloop" if fast_loop else "asyncio")


def _check_free(host: str, port: int) -> None:
    """Stop with a clear message when ``host:port`` cannot be listened on (another server
    holds it, or the address is not this machine's), before saying the server is up."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        fail(f"--host {host!r}: not an address to listen on ({error})")
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            fail(f"cannot listen on {host}:{port}: {error.strerror or error}")


def _get(engine: Engine, target: str) -> None:
    """Print the answer to ``GET target``: its body; for a redirect, where it leads (on stderr).
    Exit status 1 for an error or a redirect (a page that needs signing in)."""
    import secrets

    from stdgap.http.settings import WebSettings
    from stdgap.web.app import create_app
    from stdgap.web.inprocess import get_once

    app = create_app(engine=engine, settings=WebSettings(secret_key=secrets.token_hex(16)))
    try:
        answer = get_once(app, target)
    except ValueError as error:
        fail(str(error))
    except Exception as error:  # the application failed: one line, not a traceback
        fail(f"{target}: the server failed ({type(error).__name__}: {error})", code=1)
    if 300 <= answer.status < 400:
        location = answer.headers.get("location", "?")
        fail(f"{target}: {answer.status}, redirected to {location}", code=1)
    typer.echo(answer.body.decode("utf-8", errors="replace"), nl=not answer.body.endswith(b"\n"))
    raise typer.Exit(1 if answer.status >= 400 else 0)
