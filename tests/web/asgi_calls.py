"""One request made to the application as a raw ASGI call, with a body that records how much of
it the application read: the tests of the body limits use it to see what was never read."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp

CHUNK = 64 * 1024


@dataclass
class Body:
    """``size`` bytes in chunks of ``chunk`` (made as they are read, never all in memory),
    ``prefix`` first; ``consumed`` counts what the application took."""

    size: int
    prefix: bytes = b""
    chunk: int = CHUNK
    consumed: int = 0
    chunks: Iterator[bytes] = field(init=False)

    def __post_init__(self) -> None:
        self.chunks = self._make()

    def _make(self) -> Iterator[bytes]:
        left = self.size
        head = self.prefix
        while left > 0:
            piece = head[: self.chunk]
            head = head[len(piece) :]
            piece += b"x" * min(self.chunk - len(piece), left - len(piece))
            left -= len(piece)
            yield piece


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def call(
    app: ASGIApp,
    method: str,
    path: str,
    body: Body,
    headers: dict[str, str] | None = None,
    content_length: bool = True,
    scheme: str = "http",
) -> Answer:
    """``method path`` with ``body`` (announced in Content-Length, or chunked)."""
    sent = {k.lower(): v for k, v in (headers or {}).items()}
    if content_length:
        sent["content-length"] = str(body.size)
    else:
        sent["transfer-encoding"] = "chunked"
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": method,
        "scheme": scheme,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in sent.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 443 if scheme == "https" else 80),
    }
    status = 0
    answer_headers: dict[str, str] = {}
    answer_body = bytearray()

    async def receive() -> dict[str, Any]:
        piece = next(body.chunks, None)
        if piece is None:
            await asyncio.sleep(3600)  # the client never leaves first
            return {"type": "http.disconnect"}
        body.consumed += len(piece)
        more = body.consumed < body.size
        return {"type": "http.request", "body": piece, "more_body": more}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
            answer_headers.update(
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in message["headers"]
            )
        elif message["type"] == "http.response.body":
            answer_body.extend(message.get("body", b""))

    asyncio.run(app(scope, receive, send))
    return Answer(status, answer_headers, bytes(answer_body))
