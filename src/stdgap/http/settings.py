"""Settings of the web application, from the environment (see docs/configuration.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

KIB = 1024
MIB = 1024 * 1024
OFF = ("", "off", "none")


def _whole(env: Mapping[str, str], name: str, default: int, least: int = 0) -> int:
    """The whole number in ``$name`` (``default`` when unset); a clear error otherwise."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < least:
        raise ValueError(f"{name}={raw!r}: give a whole number, {least} or more")
    return int(raw)


def default_report_cache(env: Mapping[str, str]) -> str:
    """``$STDGAP_REPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/stdgap/reports``; ``""`` when it is
    switched off."""
    configured = env.get("STDGAP_REPORT_CACHE_DIR")
    if configured is not None:
        return "" if configured.strip().lower() in OFF else configured
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "stdgap" / "reports")


@dataclass(frozen=True)
class WebSettings:
    #: Key that signs CSRF tokens; when empty, a key kept in the store is used (shared by workers).
    secret_key: str = ""
    #: ``auto``: cookies are Secure when the request came over https (behind a proxy that says
    #: so in X-Forwarded-Proto, with uvicorn's --proxy-headers); ``true`` or ``false`` to force.
    cookie_secure: str = "auto"
    session_hours: float = 12.0
    #: Largest upload accepted by the import page, in bytes.
    max_upload: int = 200 * MIB
    #: Largest body of any other write of a signed-in account (JSON, forms), in bytes.
    max_body: int = 1 * MIB
    #: Largest body of a write anyone may send (signing in and out), in bytes.
    max_public_body: int = 64 * KIB
    #: ``Strict-Transport-Security: max-age`` sent over https (0: not sent).
    hsts_seconds: int = 365 * 24 * 3600
    #: Folder of the cache of built reports ("": no cache; each request builds its report).
    report_cache: str = ""
    #: The cache's size bound, in bytes (the least recently used reports go first).
    report_cache_bytes: int = 256 * MIB
    #: Threads building reports, per worker process.
    report_threads: int = 2
    #: Reports one client (address) may have being built at once, per worker process.
    report_builds_per_client: int = 2

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.session_hours)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebSettings:
        env = os.environ if env is None else env
        secure = env.get("STDGAP_COOKIE_SECURE", "auto").strip().lower()
        if secure not in ("auto", "true", "false"):
            secure = "auto"
        return cls(
            secret_key=env.get("STDGAP_SECRET_KEY", ""),
            cookie_secure=secure,
            session_hours=float(env.get("STDGAP_SESSION_HOURS", "12")),
            max_upload=_whole(env, "STDGAP_MAX_UPLOAD_MB", 200) * MIB,
            max_body=_whole(env, "STDGAP_MAX_BODY_KB", 1024) * KIB,
            max_public_body=_whole(env, "STDGAP_MAX_PUBLIC_BODY_KB", 64) * KIB,
            hsts_seconds=_whole(env, "STDGAP_HSTS_SECONDS", 365 * 24 * 3600),
            report_cache=default_report_cache(env),
            report_cache_bytes=_whole(env, "STDGAP_REPORT_CACHE_MB", 256) * MIB,
            report_threads=_whole(env, "STDGAP_REPORT_THREADS", 2, least=1),
            report_builds_per_client=_whole(env, "STDGAP_REPORT_BUILDS_PER_CLIENT", 2, least=1),
        )
