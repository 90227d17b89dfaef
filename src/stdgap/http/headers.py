"""Security headers on every answer: pages, the API, files and errors (a server error
included: the middleware wraps the whole application, see :mod:`stdgap.web.app`).

The pages need nothing inline: scripts and styles come from ``/static``, charts are SVG drawn
on the server with presentation attributes, not ``style``. So the policy allows only the site
itself, no plugin, no framing by another site, and forms that post only
here. ``Strict-Transport-Security`` is sent only on an answer over https (as uvicorn's proxy
headers tell), so a plain-http test setup is never locked out. An answer to a request with a
session cookie or a token says ``Cache-Control: no-store`` (unless its route says otherwise).

A ``HEAD`` request is answered as the ``GET`` of the same address, without the body.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stdgap.http.cookies import SESSION_COOKIE

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
)


class SecurityHeadersMiddleware:
    """Adds :data:`HEADERS` to every HTTP answer (a route's own value of one is kept), and
    HSTS over https when ``hsts_seconds`` is positive."""

    def __init__(self, app: ASGIApp, hsts_seconds: int) -> None:
        self.app = app
        self.hsts = f"max-age={hsts_seconds}" if hsts_seconds > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"
        request_headers = Headers(scope=scope)
        # an answer to a signed-in browser or a script with a token is theirs alone
        personal = "authorization" in request_headers or SESSION_COOKIE in request_headers.get(
            "cookie", ""
        )
        head = scope["method"] == "HEAD"
        if head:  # answered as a GET without its body (monitors and link checkers use HEAD)
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    headers.setdefault(name, value)
                if secure and self.hsts:
                    headers.setdefault("strict-transport-security", self.hsts)
                if personal:
                    headers.setdefault("cache-control", "no-store")
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)
