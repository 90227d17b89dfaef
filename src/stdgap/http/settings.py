"""Settings of the web application, from the environment (see docs/deploy.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class WebSettings:
    #: Key that signs CSRF tokens; when empty, a key kept in the store is used (shared by workers).
    secret_key: str = ""
    #: ``auto``: cookies are Secure when the request came over https (behind a proxy that says
    #: so in X-Forwarded-Proto, with uvicorn's --proxy-headers); ``true`` or ``false`` to force.
    cookie_secure: str = "auto"
    session_hours: float = 12.0
    #: Largest upload accepted by the import page, in bytes.
    max_upload: int = 200 * 1024 * 1024

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.session_hours)

    @classmethod
    def from_env(cls) -> WebSettings:
        env = os.environ
        secure = env.get("STDGAP_COOKIE_SECURE", "auto").strip().lower()
        if secure not in ("auto", "true", "false"):
            secure = "auto"
        return cls(
            secret_key=env.get("STDGAP_SECRET_KEY", ""),
            cookie_secure=secure,
            session_hours=float(env.get("STDGAP_SESSION_HOURS", "12")),
            max_upload=int(env.get("STDGAP_MAX_UPLOAD_MB", "200")) * 1024 * 1024,
        )
