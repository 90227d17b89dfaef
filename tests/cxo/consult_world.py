"""The world of the CxO consultation tests: members of Kenya, Nigeria (developing, Africa),
Brazil (developing, Americas), Cambodia (an LDC, Asia-Pacific) and Switzerland (developed,
Europe) with contact addresses; users of every role with addresses; two upcoming CxO meetings
(``NEXT`` in Nairobi, ``LATER`` in Geneva), built through the operations."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine, select

from factories import ACTOR
from stdgap.accounts.operations import set_contact
from stdgap.cxo import meetings
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.notifications.models import OutboxMessage
from web_testing import ROLES, make_users

TODAY = date.today()
NEXT, LATER = "CTO-NEXT", "CTO-LATER"
NEXT_START = TODAY + timedelta(days=40)
DEADLINE = TODAY + timedelta(days=20)
MEMBERS = [
    ("MS-KEN", "Administration of Kenya", "member_state", "KEN", "ken@example.org"),
    ("SM-NGA", "Lagos Telecom", "sector_member", "NGA", "nga@example.org"),
    ("SM-BRA", "Rio Telecom", "sector_member", "BRA", "bra@example.org"),
    ("SM-KHM", "Phnom Penh Networks", "sector_member", "KHM", "khm@example.org"),
    ("SM-CHE", "Geneva Telecom", "sector_member", "CHE", "che@example.org"),
]


def build_consult_world(engine: Engine) -> None:
    header = ["member_id", "name", "type", "country", "contact_email"]
    rows = [dict(zip(header, row, strict=True)) for row in MEMBERS]
    run_import.perform(engine, ACTOR, [Source.from_rows("test:members", "members", header, rows)])
    make_users(engine)
    for name in ROLES:
        set_contact.perform(engine, ACTOR, name, f"{name}@example.org", "en")
    meetings.create_meeting.perform(
        engine,
        ACTOR,
        meetings.MeetingInput(
            NEXT, "CTO meeting on health", "health", NEXT_START, None, "Nairobi", "KEN"
        ),
    )
    meetings.create_meeting.perform(
        engine,
        ACTOR,
        meetings.MeetingInput(
            LATER,
            "CTO meeting on transport",
            "transport",
            TODAY + timedelta(days=200),
            None,
            "Geneva",
            "CHE",
        ),
    )


def recipients(engine: Engine) -> list[str]:
    """The recipients of the queued e-mails, in order."""
    with engine.connect() as connection:
        return list(
            connection.execute(select(OutboxMessage.recipient).order_by(OutboxMessage.id)).scalars()
        )
