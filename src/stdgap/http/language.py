"""The language of each request: a middleware that chooses the locale (``?lang=``, then the
``stdgap_lang`` cookie, then ``Accept-Language``, else English; see :mod:`stdgap.i18n.negotiate`),
makes it current for everything the request runs (templates, messages, number formats), and
answers with ``Content-Language``. A language chosen with ``?lang=`` is kept in the cookie."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stdgap.http.cookies import set_cookie
from stdgap.i18n.negotiate import COOKIE, COOKIE_MAX_AGE, QUERY, Choice, choose
from stdgap.i18n.translate import activate, deactivate


def choice_of(request: Request) -> Choice:
    return choose(
        request.query_params.get(QUERY),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


def _remember(request: Request, headers: MutableHeaders, code: str) -> None:
    holder = Response()
    set_cookie(request, holder, COOKIE, code, COOKIE_MAX_AGE)
    for name, value in holder.raw_headers:
        if name == b"set-cookie":
            headers.append("set-cookie", value.decode("latin-1"))


class LanguageMiddleware:
    """Sets the locale of each HTTP request (``request.state.language``, and the context
    variable that ``gettext`` reads)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        choice = choice_of(request)
        request.state.language = choice.language
        code = choice.language.code
        remember = choice.from_query and request.cookies.get(COOKIE) != code

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["content-language"] = code
                headers.add_vary_header("Accept-Language")
                headers.add_vary_header("Cookie")
                if remember:
                    _remember(request, headers, code)
            await send(message)

        token = activate(choice.language)
        try:
            await self.app(scope, receive, send_with_language)
        finally:
            deactivate(token)
