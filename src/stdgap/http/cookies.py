"""Cookies of the web application: the session cookie and how every cookie is set."""

from __future__ import annotations

from fastapi import Request, Response

from stdgap.http.settings import WebSettings

SESSION_COOKIE = "stdgap_session"


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def secure_cookies(request: Request) -> bool:
    mode = settings_of(request).cookie_secure
    if mode in ("true", "false"):
        return mode == "true"
    return request.url.scheme == "https"


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/",
    )
