"""An outbox row as an e-mail: plain text in UTF-8, addressed by name, in its language.

The ``Message-ID`` is made from the row (its id and when it was queued) and the sender's
domain, so every attempt at the same message carries the same one: should a message be sent
twice (a sender that stopped between the server's acceptance and marking it sent, see
``docs/notifications.md``), mail programs can tell the copies apart from a new message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

#: A page of the observatory named in a message: a path after a space or a parenthesis (a
#: sentence's final full stop is not part of it).
PAGE_PATH = re.compile(r"(?<=[\s(])/[\w~%.\-/]*[\w~%\-/]")


@dataclass(frozen=True)
class Letter:
    """What the sender needs of a claimed outbox row."""

    id: int
    created_at: datetime
    kind: str
    recipient: str
    recipient_name: str
    language: str
    subject: str
    body: str
    attempts: int


class BadLetter(ValueError):
    """A row that cannot be written as an e-mail (an address the e-mail library refuses)."""


def message_id(letter: Letter, domain: str) -> str:
    return f"<stdgap.{letter.id}.{letter.created_at:%Y%m%d%H%M%S}@{domain}>"


def _address(name: str, address: str) -> Address:
    local, _, domain = address.rpartition("@")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, TypeError) as error:
        raise BadLetter(f"address {address!r}: {error}") from None


def one_line(text: str) -> str:
    """``text`` as a header's value: its lines (any line or paragraph separator, which a header
    may not hold) joined, each run of white space one space, other control characters dropped."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(printable.split())


def linked(body: str, site_url: str | None) -> str:
    """``body`` with the observatory's pages it names (``/awards/A-1/jury``, after a space or an
    opening parenthesis) made links under ``site_url``; unchanged without one."""
    if not site_url:
        return body
    return PAGE_PATH.sub(lambda found: site_url + found.group(0), body)


def compose(
    letter: Letter,
    sender_name: str,
    sender_address: str,
    moment: datetime,
    site_url: str | None = None,
) -> EmailMessage:
    """The e-mail of ``letter`` from the sender, dated ``moment`` (local time); the pages it
    names are links under ``site_url`` when given."""
    message = EmailMessage()
    message["From"] = _address(one_line(sender_name), sender_address)
    message["To"] = _address(one_line(letter.recipient_name), letter.recipient)
    try:
        message["Subject"] = one_line(letter.subject)
    except ValueError as error:  # what the e-mail library still refuses in a header
        raise BadLetter(f"subject {letter.subject!r}: {error}") from None
    message["Date"] = format_datetime(moment.astimezone())
    message["Message-ID"] = message_id(letter, sender_address.rpartition("@")[2])
    # RFC 3834: written by a program, so that vacation responders do not answer it
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(linked(letter.body, site_url), charset="utf-8")
    message["Content-Language"] = letter.language  # after the content, which clears Content-*
    return message
