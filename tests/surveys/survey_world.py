"""The surveys tests' world: members of Kenya, Nigeria (developing, Africa), Cambodia (an LDC,
Asia-Pacific) and Switzerland (developed, Europe) with contact addresses; users of every role
with addresses; a draft (``DRAFT``), an open named survey with a conditional question
(``NAMED``: the applicant invited for MS-KEN), an open anonymous one (``ANON``: the applicant
and the viewer invited) and a closed one (``CLOSED``), built through the operations."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine, select

from factories import ACTOR
from stdgap.accounts.models import User
from stdgap.accounts.operations import set_contact
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.notifications.models import OutboxMessage
from stdgap.surveys import operations
from stdgap.surveys.questions import Condition, QuestionInput
from stdgap.surveys.targeting import Target
from web_testing import ROLES, make_users

DRAFT, NAMED, ANON, CLOSED = "DRAFT-1", "NAMED-1", "ANON-1", "CLOSED-1"
FAR = date.today() + timedelta(days=30)
MEMBERS = [
    ("MS-KEN", "Administration of Kenya", "member_state", "KEN", "ken@example.org"),
    ("SM-NGA", "Lagos Telecom", "sector_member", "NGA", "nga@example.org"),
    ("SM-KHM", "Phnom Penh Networks", "sector_member", "KHM", "khm@example.org"),
    ("SM-CHE", "Geneva Telecom", "sector_member", "CHE", "che@example.org"),
    ("AC-KEN", "University of Nairobi", "academia", "KEN", ""),
]
QUESTIONS = (
    QuestionInput("need", "single", "Does your organisation need support?", ("Yes", "No"), True),
    QuestionInput(
        "areas",
        "multiple",
        "In which areas?",
        ("Health", "Transport", "Education"),
        True,
        Condition("need", "equals", ("Yes",)),
    ),
    QuestionInput(
        "detail",
        "text",
        "Tell us more about transport",
        condition=Condition("areas", "includes", ("Transport",)),
    ),
    QuestionInput("useful", "scale", "How useful are the workshops?", (), False, None, 1, 5),
)


def make_members(engine: Engine) -> None:
    header = ["member_id", "name", "type", "country", "contact_email"]
    rows = [dict(zip(header, row, strict=True)) for row in MEMBERS]
    run_import.perform(engine, ACTOR, [Source.from_rows("test:members", "members", header, rows)])


def user_id(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        found: int = connection.execute(select(User.id).where(User.name == name)).scalar_one()
        return found


def make_survey(
    engine: Engine, survey_id: str, anonymous: bool = False, purpose: str = "priorities"
) -> None:
    operations.create_with_questions.perform(
        engine, ACTOR, survey_id, f"Survey {survey_id}", purpose, FAR, list(QUESTIONS), anonymous
    )


def build_survey_world(engine: Engine) -> None:
    make_members(engine)
    make_users(engine)
    for name in ROLES:
        set_contact.perform(engine, ACTOR, name, f"{name}@example.org", "en")
    make_survey(engine, DRAFT)
    make_survey(engine, NAMED)
    developing = Target(classes=("developing",), users=(("applicant", "MS-KEN"),))
    operations.open_survey.perform(engine, ACTOR, NAMED, developing)
    make_survey(engine, ANON, anonymous=True)
    both = Target(classes=("developing",), users=(("applicant", "MS-KEN"), ("viewer", "SM-NGA")))
    operations.open_survey.perform(engine, ACTOR, ANON, both)
    make_survey(engine, CLOSED, purpose="feedback")
    operations.open_survey.perform(engine, ACTOR, CLOSED, Target(users=(("analyst", "SM-CHE"),)))
    operations.close_survey.perform(engine, ACTOR, CLOSED)


def outbox(engine: Engine) -> list[tuple[str, str, str]]:
    """The queued e-mails: (kind, recipient, body), in order."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.kind, OutboxMessage.recipient, OutboxMessage.body).order_by(
                OutboxMessage.id
            )
        )
        return [(kind, to, body) for kind, to, body in rows]
