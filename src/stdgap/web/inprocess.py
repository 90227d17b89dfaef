"""One GET request answered by the application in this process (``stdgap serve --get``):
the ASGI call made directly, no server, no socket."""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from fastapi import FastAPI


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]


def get_once(app: FastAPI, target: str) -> Answer:
    """The answer to ``GET target`` (a path with an optional query string, as typed: non-ASCII
    text is percent-encoded). ValueError for a target that is not a path."""
    if not target.startswith("/") or target.startswith("//"):
        raise ValueError(f"{target!r}: give a path on this site, e.g. /indicators.json?by=year")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        raise ValueError(f"{target!r}: give a path on this site, not an address")
    path = unquote(parts.path)
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": quote(path).encode(),
        "query_string": quote(parts.query, safe="=&%+:,;/").encode(),
        "root_path": "",
        "headers": [(b"host", b"localhost"), (b"user-agent", b"stdgap-get")],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }
    status = 500
    body = bytearray()
    headers: dict[str, str] = {}
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.sleep(3600)  # the client never disconnects first
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
            headers.update(
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in message.get("headers", [])
            )
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    asyncio.run(app(scope, receive, send))
    return Answer(status, bytes(body), headers)
