"""Fixtures of the notifications' tests: a local SMTP server that keeps what it receives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smtp_testing import Inbox, smtp_server


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def server(inbox: Inbox) -> Iterator[int]:
    """The port of a plain SMTP server on the loopback, delivering to ``inbox``."""
    with smtp_server(inbox) as port:
        yield port
