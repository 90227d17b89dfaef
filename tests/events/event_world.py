"""The events tests' world: members of Kenya and Switzerland with two named people each,
users of every role with addresses (and two more applicants), an upcoming workshop in Nairobi
with one seat (``WS``), a webinar under way today with room (``WEB``), a past training
(``OLD``), built through the operations the CLI and the web use."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from factories import ACTOR, make_member, make_person
from stdgap.accounts.operations import add_user, set_contact
from stdgap.events import operations
from stdgap.events.operations import CategoryInput, EventInput
from web_testing import ROLES, make_users

TODAY = date.today()
WS, WEB, OLD = "WS-NBO", "WEB-1", "TR-OLD"
#: More applicants, with their passwords.
EXTRA = {"amina": "saffron-glacier-otter-64", "bruno": "maple-quartz-heron-75"}


def make_world_people(engine: Engine) -> None:
    make_member(engine, "MS-KEN", country="KEN", name="Administration of Kenya")
    make_member(engine, "MS-CHE", country="CHE", name="Administration of Switzerland")
    for person, member, country in (
        ("KEN-1", "MS-KEN", "KEN"),
        ("KEN-2", "MS-KEN", "KEN"),
        ("CHE-1", "MS-CHE", "CHE"),
    ):
        make_person(engine, person, member, country=country, gender="F", birth_year=1990)


def make_event_users(engine: Engine) -> None:
    make_users(engine)
    for name, password in EXTRA.items():
        add_user.perform(engine, ACTOR, name, "applicant", password)
    for name in (*ROLES, *EXTRA):
        set_contact.perform(engine, ACTOR, name, f"{name}@example.org", "en")


def build_event_world(engine: Engine) -> None:
    make_world_people(engine)
    make_event_users(engine)
    operations.create_event.perform(
        engine,
        ACTOR,
        EventInput(
            WS,
            "Workshop on standards for e-health",
            "workshop",
            TODAY + timedelta(days=30),
            TODAY + timedelta(days=31),
            city="Nairobi",
            host_country="KEN",
            region="Africa",
            capacity=1,
            languages=("en", "fr"),
            description="Two days on e-health standards.",
        ),
    )
    operations.create_event.perform(
        engine,
        ACTOR,
        EventInput(
            WEB,
            "Webinar: bridging the standardization gap",
            "webinar",
            TODAY,
            format="virtual",
            categories=(CategoryInput("participant", "Participant", 100),),
        ),
    )
    operations.create_event.perform(
        engine,
        ACTOR,
        EventInput(
            OLD,
            "Training on ITU-T working methods",
            "training",
            TODAY - timedelta(days=60),
            TODAY - timedelta(days=58),
            city="Geneva",
            host_country="CHE",
            region="Europe",
        ),
    )


def sign_in_extra(client: TestClient, name: str) -> str:
    """Sign ``client`` in as one of the :data:`EXTRA` applicants; the session's CSRF token."""
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    answer = client.post(
        "/api/v1/session",
        json={"name": name, "password": EXTRA[name]},
        headers={"X-CSRF-Token": anonymous},
    )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["csrf_token"]
    return token
