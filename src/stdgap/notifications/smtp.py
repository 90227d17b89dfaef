"""The SMTP server the sender hands e-mail to: its settings, read from the environment (they
belong to the machine that sends, like its password), and a connection to it.

``STDGAP_SMTP_HOST`` and ``STDGAP_SMTP_FROM`` are needed; the port follows the TLS mode unless
``STDGAP_SMTP_PORT`` says otherwise (``none`` 25, ``starttls`` 587, ``tls`` 465). With
``STDGAP_SMTP_USER`` the sender signs in with ``STDGAP_SMTP_PASSWORD``, which is never stored,
printed or written in an error; a password is never sent over a connection without TLS (but to
the machine itself). ``STDGAP_SITE_URL`` (the observatory's address as users reach it) turns
the pages an e-mail names into links.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from stdgap.accounts.contact import valid_address

HOST = "STDGAP_SMTP_HOST"
PORT = "STDGAP_SMTP_PORT"
TLS = "STDGAP_SMTP_TLS"
USER = "STDGAP_SMTP_USER"
PASSWORD = "STDGAP_SMTP_PASSWORD"
FROM = "STDGAP_SMTP_FROM"
TIMEOUT = "STDGAP_SMTP_TIMEOUT"
CA_FILE = "STDGAP_SMTP_CA_FILE"
SITE_URL = "STDGAP_SITE_URL"

TLS_MODES = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class SmtpConfigError(ValueError):
    """A setting of the SMTP server that is missing or wrong (the message names the variable)."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    #: The From of every message: ``observatory@example.org`` or ``Name <address>``.
    sender: str
    port: int = 587
    tls: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    ca_file: str | None = None
    #: The observatory's address as users reach it (``https://stdgap.example.org``): the pages
    #: an e-mail names become links. None: they stay paths.
    site_url: str | None = None

    @property
    def sender_name(self) -> str:
        return parseaddr(self.sender)[0]

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]

    @property
    def lease(self) -> timedelta:
        """How long a sender holds a message it claimed: ten of its socket timeouts (connect,
        greeting, TLS, sign-in, envelope, data) and a minute."""
        return timedelta(seconds=10 * self.timeout + 60)


def _number(environ: Mapping[str, str], name: str, default: float, whole: bool) -> float:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = 0
    if not 0 < value <= (65535 if whole else 3600):
        kind = "a port, 1 to 65535" if whole else "seconds, more than 0 and at most 3600"
        raise SmtpConfigError(f"{name}={text!r}: expected {kind}")
    return value


def from_env(environ: Mapping[str, str] | None = None) -> SmtpConfig:
    """The settings of the SMTP server from ``environ`` (default: the process's environment);
    :class:`SmtpConfigError` naming the variable (never the password) when one is wrong."""
    env = os.environ if environ is None else environ
    host = env.get(HOST, "").strip()
    if not host:
        raise SmtpConfigError(f"{HOST} is not set: the SMTP server to send e-mail through")
    sender = env.get(FROM, "").strip()
    if not sender:
        raise SmtpConfigError(f"{FROM} is not set: the sender, e.g. observatory@example.org")
    if not valid_address(parseaddr(sender)[1]) or "\n" in sender or "\r" in sender:
        raise SmtpConfigError(f"{FROM}={sender!r}: not an address (name <address>, or address)")
    tls = env.get(TLS, "starttls").strip().lower() or "starttls"
    if tls not in TLS_MODES:
        raise SmtpConfigError(f"{TLS}={tls!r}: use one of {', '.join(TLS_MODES)}")
    user = env.get(USER, "").strip() or None
    password = env.get(PASSWORD) or None
    if user and password is None:
        raise SmtpConfigError(f"{USER} is set but {PASSWORD} is not")
    if user and tls == "none" and host.lower() not in LOOPBACK:
        raise SmtpConfigError(
            f"{USER} is set with {TLS}=none: the password would cross the network unencrypted "
            "(use starttls or tls)"
        )
    ca_file = env.get(CA_FILE, "").strip() or None
    if ca_file and not os.path.isfile(ca_file):
        raise SmtpConfigError(f"{CA_FILE}={ca_file!r}: no such file")
    site_url = _site_url(env.get(SITE_URL, "").strip())
    return SmtpConfig(
        site_url=site_url,
        host=host,
        sender=sender,
        port=int(_number(env, PORT, DEFAULT_PORTS[tls], whole=True)),
        tls=tls,
        user=user,
        password=password,
        timeout=_number(env, TIMEOUT, 30.0, whole=False),
        ca_file=ca_file,
    )


def _site_url(text: str) -> str | None:
    """``STDGAP_SITE_URL`` checked: an http(s) address with a host, without its trailing '/'."""
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SmtpConfigError(
            f"{SITE_URL}={text!r}: expected the observatory's address, e.g. https://stdgap.example.org"
        )
    return text.rstrip("/")


class ServerFault(Exception):
    """The server cannot be used now (unreachable, TLS or sign-in refused, gone away): the
    message being sent is retried later, and this run stops."""


def connect(config: SmtpConfig) -> smtplib.SMTP:
    """A connection to the server, encrypted as configured and signed in; :class:`ServerFault`
    when that fails (the certificate is checked against the system's authorities, or
    ``STDGAP_SMTP_CA_FILE``)."""
    context = ssl.create_default_context(cafile=config.ca_file)
    smtp: smtplib.SMTP | None = None
    where = f"{config.host}:{config.port}"
    try:
        if config.tls == "tls":
            smtp = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        smtp.ehlo()
        if config.tls == "starttls":
            if not smtp.has_extn("starttls"):
                raise ServerFault(f"{where} does not offer STARTTLS")
            smtp.starttls(context=context)
            smtp.ehlo()
        if config.user:
            if not smtp.has_extn("auth"):
                raise ServerFault(f"{where} does not offer to sign in (AUTH)")
            smtp.login(config.user, config.password or "")
    except ServerFault:
        close(smtp)
        raise
    except (smtplib.SMTPException, OSError) as error:
        close(smtp)
        raise ServerFault(f"{where}: {describe(error)}") from None
    return smtp


def close(smtp: smtplib.SMTP | None) -> None:
    """Say goodbye to the server (or just drop the connection when it is gone)."""
    if smtp is None:
        return
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def describe(error: BaseException) -> str:
    """An error of the server or the network in one line (the server's code and answer)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = [f"{code} {_text(reply)}" for code, reply in error.recipients.values()]
        return "recipient refused: " + "; ".join(answers)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    text = str(error) or type(error).__name__
    return " ".join(text.split())


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())
