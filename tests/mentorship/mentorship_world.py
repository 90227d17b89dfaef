"""A small mentorship world for the web tests, and signing in as its people.

Users of every role (``web_testing.make_users``) and three applicants with an e-mail address:
ana (a mentor), ben and cleo (mentees). Cycle 2025: mentors ana (SG17, Paris, capacity 2) and
CHE-1 (SG5, no account); mentees ben (SG17, Nairobi), cleo (SG5) and KEN-1 (SG17, no account).
Ben's pair with ana is confirmed (set by an officer on 2025-01-10); the matching then proposed
the others (cleo with CHE-1, KEN-1 with ana)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from factories import make_meeting, make_member, make_person
from stdgap.accounts.operations import add_user, set_contact
from stdgap.mentorship import operations
from stdgap.mentorship.models import Mentee, Mentor, MentorshipMatch
from stdgap.mentorship.profiles import add_profile
from web_testing import make_users, password_of

CYCLE = "2025"
MATCHED_ON = date(2025, 1, 10)
PEOPLE = {
    "ana": "lilac-summit-beacon-72",
    "ben": "harbor-quartz-willow-35",
    "cleo": "meadow-copper-falcon-64",
}


def secret(name: str) -> str:
    return PEOPLE.get(name) or password_of(name)


def profile(role: str, person: str, **values: Any) -> dict[str, Any]:
    return {"cycle": CYCLE, "person_id": person, "languages": "en", **values}


def build_mentorship_world(engine: Engine) -> None:
    make_users(engine)
    for name, password in PEOPLE.items():
        add_user.perform(engine, "test", name, "applicant", password)
        set_contact.perform(engine, "test", name, f"{name}@example.org", "en")
    make_member(engine, "MS-KEN", country="KEN")
    make_member(engine, "MS-CHE", country="CHE")
    make_person(engine, "KEN-1", "MS-KEN", country="KEN", gender="F", birth_year=1996)
    make_person(engine, "CHE-1", "MS-CHE", country="CHE", gender="M", birth_year=1970)
    make_meeting(engine, "SG17-2025-03", group="SG17", start="2025-03-10")
    make_meeting(engine, "SG5-2025-01", group="SG5", start="2025-01-20")  # SG5 known too
    mentors = [
        profile("mentor", "ana", user="ana", study_groups="SG17", languages="en;fr",
                time_zone="Europe/Paris", capacity=2, expertise="security"),
        profile("mentor", "CHE-1", study_groups="SG5", capacity=1),
    ]  # fmt: skip
    mentees = [
        profile("mentee", "ben", user="ben", study_groups="SG17", time_zone="Africa/Nairobi",
                expertise="Security;IoT", birth_year=1998),
        profile("mentee", "cleo", user="cleo", study_groups="SG5", birth_year=1999),
        profile("mentee", "KEN-1", study_groups="SG17", birth_year=1996),
    ]  # fmt: skip
    for values in mentors:
        add_profile.perform(engine, "test", "mentor", values)
    for values in mentees:
        add_profile.perform(engine, "test", "mentee", values)
    operations.assign_pair.perform(engine, "test", CYCLE, "ben", "ana", MATCHED_ON)
    operations.confirm_cycle.perform(engine, "test", CYCLE, MATCHED_ON)
    operations.match_cycle.perform(engine, "test", CYCLE, MATCHED_ON)


def ids(engine: Engine) -> dict[str, int]:
    """Ids of the world's profiles (``mentor:ana``, ``mentee:ben`` …) and pairs (``pair:ben``)."""
    found: dict[str, int] = {}
    with engine.connect() as connection:
        for model, role in ((Mentor, "mentor"), (Mentee, "mentee")):
            for pk, ref in connection.execute(select(model.id, model.person_ref)):
                found[f"{role}:{ref}"] = pk
        query = select(MentorshipMatch.id, Mentee.person_ref).join(
            Mentee, Mentee.id == MentorshipMatch.mentee_id
        )
        for pk, ref in connection.execute(query):
            found[f"pair:{ref}"] = pk
    return found


def sign_in_as(client: TestClient, name: str | None) -> str:
    """Sign ``client`` in as ``name`` (None: stay anonymous); the CSRF token to send."""
    anonymous: str = client.get("/api/v1/session").json()["csrf_token"]
    if name is None:
        return anonymous
    answer = client.post(
        "/api/v1/session",
        json={"name": name, "password": secret(name)},
        headers={"X-CSRF-Token": anonymous},
    )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["csrf_token"]
    return token
