"""The forum tests' world: members of Kenya and Switzerland; a Kenyan rapporteur of SG13 (a
current role) whose account ``expert`` is linked to them, a Swiss former rapporteur of SG13
(``former``, a role that ended), a Kenyan delegate (``delegate``) and a new account
(``newbie``, linked to nobody); users of every role with addresses; posts published at once
(the hold settings at 0) unless a test sets them; one question in SG13 (``ASKED``) asked by the
delegate with an expert answer and an officer's answer, and an unanswered one in SG5; two
knowledge items (:data:`ITEMS`) the questions may link to."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from factories import ACTOR, make_member, make_person, make_role
from stdgap.accounts.operations import add_user, link_person, set_contact
from stdgap.forum import operations
from stdgap.forum.operations import QuestionInput
from stdgap.store.settings import FORUM_HOLD_DAYS, FORUM_HOLD_POSTS, set_setting
from web_testing import ROLES, make_users

#: More accounts, with their passwords.
EXTRA = {
    "expert": "saffron-glacier-otter-64",
    "delegate": "maple-quartz-heron-75",
    "former": "indigo-lantern-walrus-82",
    "newbie": "copper-fjord-badger-39",
}
#: The question asked in the world, and the other one (ids in a fresh store).
ASKED, UNANSWERED = 1, 4
EXPERT_ANSWER, OFFICER_ANSWER = 2, 3
LAST_WEEK = datetime.now().replace(microsecond=0) - timedelta(days=7)


def user_id(engine: Engine, name: str) -> int:
    from sqlalchemy import select

    from stdgap.accounts.models import User

    with engine.connect() as connection:
        found: int = connection.execute(select(User.id).where(User.name == name)).scalar_one()
    return found


def make_forum_people(engine: Engine) -> None:
    make_member(engine, "MS-KEN", country="KEN", name="Administration of Kenya")
    make_member(engine, "MS-CHE", country="CHE", name="Administration of Switzerland")
    make_person(engine, "KEN-EXP", "MS-KEN", country="KEN")
    make_person(engine, "KEN-DEL", "MS-KEN", country="KEN")
    make_person(engine, "CHE-OLD", "MS-CHE", country="CHE")
    make_role(engine, "KEN-EXP", "MS-KEN", "rapporteur", "2024-01-01", group="SG13")
    make_role(engine, "CHE-OLD", "MS-CHE", "rapporteur", "2017-01-01", "2020-12-31", group="SG13")
    make_role(engine, "CHE-OLD", "MS-CHE", "chair", "2022-01-01", group="SG5")


def make_forum_users(engine: Engine) -> None:
    make_users(engine)
    for name, password in EXTRA.items():
        add_user.perform(engine, ACTOR, name, "applicant", password)
    for name in (*ROLES, *EXTRA):
        set_contact.perform(engine, ACTOR, name, f"{name}@example.org", "en")
    link_person.perform(engine, ACTOR, "expert", "KEN-EXP")
    link_person.perform(engine, ACTOR, "delegate", "KEN-DEL")
    link_person.perform(engine, ACTOR, "former", "CHE-OLD")


#: The knowledge items the world's catalogue holds (a question links only to those).
ITEMS = {
    "ITU-T Y.3172": "Architecture for machine learning",
    "ITU-T G.1010": "End-user multimedia QoS categories",
}


def build_forum_world(engine: Engine) -> None:
    from stdgap.knowledge.items import ItemInput, add_item

    make_forum_people(engine)
    make_forum_users(engine)
    for item_id, title in ITEMS.items():
        add_item.perform(engine, ACTOR, ItemInput(item_id, title, "recommendation"))
    set_setting.perform(engine, ACTOR, FORUM_HOLD_DAYS, "0")
    set_setting.perform(engine, ACTOR, FORUM_HOLD_POSTS, "0")
    delegate = user_id(engine, "delegate")
    asked = operations.ask.perform(
        engine,
        "delegate",
        QuestionInput(
            "How do I read the ML pipeline architecture?",
            "Which clauses of **Y.3172** matter for an operator?",
            "SG13",
            "Q20/13",
            ("machine learning", "5G"),
            ("ITU-T Y.3172",),
        ),
        delegate,
        at=LAST_WEEK,
    )
    assert asked.post_id == ASKED
    operations.answer.perform(
        engine,
        "expert",
        ASKED,
        "Start with clause 7, then the *sandbox*.",
        user_id(engine, "expert"),
        at=LAST_WEEK + timedelta(hours=5),
    )
    operations.answer.perform(
        engine,
        "officer",
        ASKED,
        "See also the tutorial of the last workshop.",
        user_id(engine, "officer"),
        True,
        at=LAST_WEEK + timedelta(hours=1),
    )
    operations.ask.perform(
        engine,
        "applicant",
        QuestionInput("Where are the EMF guidelines?", "For a regulator.", "SG5", None, ("emf",)),
        user_id(engine, "applicant"),
        at=LAST_WEEK + timedelta(days=1),
    )
