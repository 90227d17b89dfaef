"""A real SMTP server on the loopback for the sender's tests (aiosmtpd, a random free port):
it keeps every message it accepts, refuses the recipients it is told to, and speaks STARTTLS
or TLS with a certificate of a test authority (trustme) when asked."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from stdgap.notifications.smtp import SmtpConfig

HOST = "127.0.0.1"
SENDER = "Observatoire stdgap <observatory@example.org>"
USER, PASSWORD = "mailer", "s3cret-never-shown"


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    """The server's handler: what it accepted, and whom it refuses."""

    refused: set[str] = field(default_factory=set)
    delay: float = 0.0
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refused:
            return f"550 5.1.1 <{address}>: no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            time.sleep(self.delay)  # a slow server: senders overlap
        with self.lock:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 accepted"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            contents = [content for _from, _to, content in self.received]
        return [message_from_bytes(c, policy=policy.default) for c in contents]  # type: ignore[misc]

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.messages()]


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    good = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=good, handled=False)  # handled=False: aiosmtpd answers 535


@contextmanager
def smtp_server(
    inbox: Inbox,
    tls: str = "none",
    server_context: ssl.SSLContext | None = None,
    auth: bool = False,
) -> Iterator[int]:
    """Serve ``inbox`` on the loopback (``tls``: none, starttls or tls); its port."""
    port = free_port()
    options: dict[str, Any] = {}
    if tls == "starttls":
        options.update(tls_context=server_context, require_starttls=True)
    elif tls == "tls":
        options.update(ssl_context=server_context)
    if auth:  # over TLS only (aiosmtpd counts STARTTLS as TLS, not a TLS connection)
        options.update(authenticator=_authenticate, auth_require_tls=tls == "starttls")
    controller = Controller(inbox, hostname=HOST, port=port, server_hostname="localhost", **options)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def config(port: int, **changes: Any) -> SmtpConfig:
    """The sender's settings for the test server (no TLS, a short timeout)."""
    base: dict[str, Any] = {
        "host": HOST,
        "port": port,
        "tls": "none",
        "sender": SENDER,
        "timeout": 5.0,
    }
    return SmtpConfig(**{**base, **changes})
