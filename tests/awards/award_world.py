"""The awards tests' world: members and named people of Kenya, Nepal, Fiji and Switzerland;
users of every role with addresses, and two more jurors; a call being scored (``YA``), a call
receiving nominations (``OPEN``) and one ready to be scored (``READY``), built through the
operations the CLI and the web use."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from factories import ACTOR, make_member
from stdgap.accounts.operations import add_user, set_contact
from stdgap.awards import jury, nominations, operations
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.notifications.models import OutboxMessage
from web_testing import ROLES, make_users

SCORING = "YA-2026"
OPEN = "OPEN-2026"
READY = "READY-2026"
#: The calls' deadline: ahead, and in a year when the nominees are under 35.
FAR = date.today() + timedelta(days=60)
#: Jurors who are not one of the role users (both applicants), with their passwords.
EXTRA = {"juror2": "saffron-glacier-otter-64", "juror3": "maple-quartz-heron-75"}
#: Person id → (name, gender, birth year, member, country).
PEOPLE = {
    "KEN-1": ("Wanjiru Kamau", "F", 1996, "MS-KEN", "KEN"),
    "FJI-1": ("Losana Tuilagi", "F", 1994, "MS-FJI", "FJI"),
    "NPL-2": ("Sita Gurung", "F", 1998, "MS-NPL", "NPL"),
    "KEN-J": ("Otieno Odhiambo", "M", 1970, "MS-KEN", "KEN"),
    "CHE-J": ("Anna Keller", "F", 1968, "MS-CHE", "CHE"),
}
#: The scoring call's nominations: KEN-1 (of the store; the applicant juror is of its
#: member), Asha Rai (not in the store), FJI-1 (of the store).
N_KEN, N_NPL, N_FJI = (f"{SCORING}-N00{n}" for n in (1, 2, 3))
CRITERIA = [
    operations.CriterionInput("impact", "Impact", 2.0, 10, 0),
    operations.CriterionInput("novelty", "Novelty", 1.0, 5, 1),
]


def make_people(engine: Engine) -> None:
    for member, country in (
        ("MS-KEN", "KEN"),
        ("MS-NPL", "NPL"),
        ("MS-FJI", "FJI"),
        ("MS-CHE", "CHE"),
    ):
        make_member(engine, member, country=country, name=f"Administration of {country}")
    header = ["person_id", "name", "gender", "birth_year", "member_id", "country"]
    rows = [
        dict(zip(header, (person, name, gender, str(year), member, country), strict=True))
        for person, (name, gender, year, member, country) in PEOPLE.items()
    ]
    source = Source.from_rows("test:people", "people", header, rows)
    run_import.perform(engine, ACTOR, [source])


def make_award_users(engine: Engine) -> None:
    make_users(engine)
    for name, password in EXTRA.items():
        add_user.perform(engine, ACTOR, name, "applicant", password)
    for name in (*ROLES, *EXTRA):
        set_contact.perform(engine, ACTOR, name, f"{name}@example.org", "en")


def build_award_world(engine: Engine) -> None:
    make_people(engine)
    make_award_users(engine)
    operations.create_call.perform(
        engine, ACTOR, SCORING, "Young standards expert 2026", FAR, CRITERIA, 35
    )
    jury.appoint_juror.perform(engine, ACTOR, SCORING, "applicant", "KEN-J")
    jury.appoint_juror.perform(engine, ACTOR, SCORING, "juror2", "CHE-J")
    jury.appoint_juror.perform(engine, ACTOR, SCORING, "juror3")
    for entry in (
        nominations.NominationInput("Leads SG5's work on e-waste.", person="KEN-1"),
        nominations.NominationInput(
            "Editor of two Recommendations.",
            name="Asha Rai",
            country="NPL",
            member="MS-NPL",
            email="asha@example.org",
        ),
        nominations.NominationInput("Started a regional group.", person="FJI-1"),
    ):
        nominations.submit_nomination.perform(engine, ACTOR, SCORING, "officer", entry)
    jury.open_scoring.perform(engine, ACTOR, SCORING)
    operations.create_call.perform(
        engine,
        ACTOR,
        OPEN,
        "Young innovator 2026",
        FAR,
        [operations.CriterionInput("merit", "Merit", 1.0, 10, 0)],
        35,
        country_conflicts=True,
    )
    operations.create_call.perform(
        engine, ACTOR, READY, "Young mentor 2026", FAR, CRITERIA[:1], None
    )
    jury.appoint_juror.perform(engine, ACTOR, READY, "juror2")
    entry = nominations.NominationInput("Mentored ten newcomers.", person="NPL-2")
    nominations.submit_nomination.perform(engine, ACTOR, READY, "officer", entry)


def sign_in_juror(client: TestClient, name: str) -> str:
    """Sign ``client`` in as one of the extra jurors; the session's CSRF token."""
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    answer = client.post(
        "/api/v1/session",
        json={"name": name, "password": EXTRA[name]},
        headers={"X-CSRF-Token": anonymous},
    )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["csrf_token"]
    return token


def outbox(engine: Engine) -> list[tuple[str, str, str, str]]:
    """The queued e-mails: (kind, recipient, subject, body), in order."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                OutboxMessage.kind,
                OutboxMessage.recipient,
                OutboxMessage.subject,
                OutboxMessage.body,
            ).order_by(OutboxMessage.id)
        )
        return [(kind, to, subject, body) for kind, to, subject, body in rows]
