"""The CxO tests' world: members and people of Kenya, Nepal and Switzerland, users of every role,
and two CxO meetings (``CTO-A`` in Nairobi, ``CTO-B`` in Geneva), the first with an agenda (one
item from the consultation), participants and a conclusion, built through the operations the
command line and the web use."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from factories import ACTOR, make_member, make_person
from stdgap.cxo import conclusions, meetings, participants
from web_testing import make_users

FIRST, SECOND = "CTO-A", "CTO-B"
TOPIC = "AI for health data"
#: (name, organisation, level, size, country, mode, member, person) of FIRST's participants.
PEOPLE_A = [
    ("Wanjiru Kamau", "Safaricom", "cto", "large", "KEN", "in_person", "SM-KEN", "KEN-1"),
    ("Sita Gurung", "Himal Tech", "cxo", "sme", "NPL", "remote", "", ""),
    ("Anna Keller", "Swiss Micro", "alternate", "micro", "CHE", "in_person", "", ""),
    ("Otieno Odhiambo", "Safaricom", "other", "large", "KEN", "remote", "", ""),
]
PEOPLE_B = [
    ("Wanjiru Kamau", "Safaricom", "alternate", "large", "KEN", "in_person", "SM-KEN", "KEN-1"),
    ("Bikash Rai", "Himal Tech", "other", "sme", "NPL", "in_person", "", ""),
    ("Marc Favre", "Swiss Micro", "cto", "micro", "CHE", "in_person", "", ""),
]


def people(rows: list[tuple[str, ...]]) -> list[participants.ParticipantInput]:
    return [
        participants.ParticipantInput(
            name, org, level, size, country, mode, member or None, person or None
        )
        for name, org, level, size, country, mode, member, person in rows
    ]


def build_cxo_world(engine: Engine) -> None:
    make_member(engine, "SM-KEN", country="KEN", type="sector_member", name="Safaricom")
    make_member(engine, "MS-CHE", country="CHE", name="Switzerland")
    make_person(engine, "KEN-1", "SM-KEN", country="KEN")
    make_users(engine)
    first = meetings.MeetingInput(
        FIRST,
        "CTO meeting on health",
        "health",
        date(2025, 3, 10),
        date(2025, 3, 11),
        "Nairobi",
        "KEN",
        regions=["Africa", "Asia-Pacific"],
    )
    second = meetings.MeetingInput(
        SECOND, "CTO meeting on transport", "transport", date(2025, 10, 6), None, "Geneva", "CHE"
    )
    meetings.create_meeting.perform(engine, ACTOR, first)
    meetings.create_meeting.perform(engine, ACTOR, second)
    meetings.add_agenda_item.perform(
        engine, ACTOR, FIRST, meetings.AgendaInput("Data for health", "T.1", "TSAG-WI-3")
    )
    meetings.add_agenda_item.perform(
        engine,
        ACTOR,
        FIRST,
        meetings.AgendaInput(
            "Affordable AI diagnostics", "T.4", None, "consultation", "SV-1", "q2"
        ),
    )
    participants.add_participants.perform(engine, ACTOR, FIRST, people(PEOPLE_A))
    participants.add_participants.perform(engine, ACTOR, SECOND, people(PEOPLE_B))
    conclusions.raise_conclusion.perform(engine, ACTOR, FIRST, TOPIC, "Study data formats.")
