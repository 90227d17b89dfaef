"""Encryption and signing in: STARTTLS and TLS to a server whose certificate a private authority
signed (``STDGAP_SMTP_CA_FILE``), signed in with the password from the environment; a
certificate not trusted, a wrong password or a server without STARTTLS stop the run, the
message waits, and the password is written nowhere."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme
from outbox_testing import queue
from sqlalchemy import Engine, select

from smtp_testing import PASSWORD, USER, Inbox, config, smtp_server
from stdgap.notifications.models import PENDING, SENT, OutboxMessage
from stdgap.notifications.sender import send_due

# aiosmtpd warns about its own attribute while it signs a client in
pytestmark = pytest.mark.filterwarnings("ignore:Session.login_data:DeprecationWarning")


@dataclass
class Authority:
    ca_file: str
    server_context: ssl.SSLContext


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    """A test certificate authority and a certificate it signed for the loopback."""
    ca = trustme.CA()
    certificate = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return Authority(str(path), context)


@pytest.fixture(params=["starttls", "tls"])
def secure_server(
    request: pytest.FixtureRequest, authority: Authority, inbox: Inbox
) -> Iterator[tuple[str, int]]:
    with smtp_server(inbox, request.param, authority.server_context, auth=True) as port:
        yield request.param, port


def _status(engine: Engine, message_id: int) -> tuple[str, int, str | None]:
    with engine.connect() as connection:
        row = connection.execute(
            select(OutboxMessage.status, OutboxMessage.attempts, OutboxMessage.last_error).where(
                OutboxMessage.id == message_id
            )
        ).one()
    return row.status, row.attempts, row.last_error


def test_mail_goes_encrypted_and_signed_in(
    engine: Engine, secure_server: tuple[str, int], authority: Authority, inbox: Inbox
) -> None:
    mode, port = secure_server
    (message_id,) = queue(engine, ("ana@example.org", "Ana", "es"))
    settings = config(port, tls=mode, ca_file=authority.ca_file, user=USER, password=PASSWORD)
    summary = send_due(engine, "cli:test", settings)
    assert (summary.sent, summary.server_fault) == (1, None)
    assert [to for _from, to, _content in inbox.received] == [["ana@example.org"]]
    assert _status(engine, message_id)[0] == SENT
    assert PASSWORD not in repr(settings)


@pytest.mark.parametrize("wrong", ["untrusted certificate", "wrong password"])
def test_an_untrusted_server_or_a_wrong_password_stops_the_run(
    engine: Engine,
    secure_server: tuple[str, int],
    authority: Authority,
    inbox: Inbox,
    wrong: str,
    tmp_path: Path,
) -> None:
    mode, port = secure_server
    (message_id,) = queue(engine, ("ana@example.org", "Ana", "es"))
    if wrong == "untrusted certificate":
        other = tmp_path / "other.pem"
        trustme.CA().cert_pem.write_to_path(str(other))
        settings = config(port, tls=mode, ca_file=str(other), user=USER, password=PASSWORD)
        expected = "certificate verify failed"
    else:
        settings = config(
            port, tls=mode, ca_file=authority.ca_file, user=USER, password="not-" + PASSWORD
        )
        expected = "535"
    summary = send_due(engine, "cli:test", settings)
    assert summary.server_fault is not None and expected in summary.server_fault
    status, attempts, error = _status(engine, message_id)
    assert (status, attempts) == (PENDING, 1) and error is not None and expected in error
    assert PASSWORD not in summary.server_fault and PASSWORD not in error
    assert inbox.received == []


def test_starttls_is_required_when_asked_for(engine: Engine, server: int, inbox: Inbox) -> None:
    (message_id,) = queue(engine, ("ana@example.org", "Ana", "es"))
    summary = send_due(engine, "cli:test", config(server, tls="starttls"))
    assert summary.server_fault == f"127.0.0.1:{server} does not offer STARTTLS"
    assert _status(engine, message_id)[:2] == (PENDING, 1)
    assert inbox.received == []
