"""The forum of the demo data set: a few accounts linked to persons of the registry (delegates
asking, and experts: holders of a current role in a study group), a few dozen questions across
the study groups over the last year with answers (some by experts, marked), votes, accepted
answers, one post waiting for review and one open report, so that /forum, its moderation page
and the ``forum_questions`` indicators are not empty on first run.

One audited write, through the forum's operations; the same store and seed give the same
result; a second run does nothing. The e-mails the operations queue are taken out of the outbox
(they belong to the past). An account the store already has under one of the demo's names
(``delegate1``, ``expert-sg13``, ``forum-moderator``, ``newcomer`` …) is left as it is — its role,
password and person untouched, nothing posted in its name — and the demo's account takes a free
name instead (``delegate1-demo``); the summary lists these. Questions of study groups the
registry lacks are left out; a question's knowledge item is one the catalogue holds (of its
study group) when the catalogue is loaded."""

from __future__ import annotations

import random
import secrets
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, or_, select, update

from stdgap.accounts.models import User
from stdgap.accounts.operations import add_user
from stdgap.demo.outreach_world import drop_outbox_since, outbox_mark
from stdgap.forum import operations
from stdgap.forum.errors import ForumError
from stdgap.forum.experts import EXPERT_ROLES
from stdgap.forum.models import ForumPost
from stdgap.forum.operations import QuestionInput
from stdgap.knowledge.models import KnowledgeItem
from stdgap.store.models import Group, Person, Role
from stdgap.store.unit import Unit, transaction

#: (study group, Question or None, title, text, topics, knowledge item)
QUESTIONS: tuple[tuple[str, str | None, str, str, tuple[str, ...], str | None], ...] = (
    ("SG13", "Q20/13", "Which parts of the ML pipeline architecture apply to a small operator?",
     "We run a national network of modest size. Which clauses of **Y.3172** matter first?",
     ("machine learning", "5g"), "ITU-T Y.3172"),
    ("SG13", "Q16/13", "How do I start with the quantum key distribution recommendations?",
     "Our regulator asks for a reading list on QKD networks.", ("qkd", "security"), "ITU-T Y.3800"),
    ("SG13", None, "Is there guidance on network slicing for rural coverage?",
     "Slicing for rural broadband: any Recommendation or technical report?", ("5g", "rural"),
     None),
    ("SG5", "Q7/5", "Where are the guidelines on e-waste management?",
     "We draft a national e-waste policy; which ITU-T texts help?", ("e-waste", "environment"),
     "ITU-T L.1031"),
    ("SG5", "Q9/5", "Energy efficiency metrics for data centres?",
     "Which metrics does SG5 recommend for a new data centre?", ("energy", "data centres"),
     "ITU-T L.1470"),
    ("SG5", None, "How to assess EMF exposure near base stations?",
     "Citizens ask about antennas near schools. What do the K-series say?", ("emf",), None),
    ("SG12", "Q13/12", "Which QoS categories for mobile money services?",
     "Mobile money fails at peak hours; which end-user QoS categories apply?",
     ("qos", "mobile money"), "ITU-T G.1010"),
    ("SG12", None, "How do regulators measure mobile broadband quality?",
     "We plan a crowd-sourced measurement campaign.", ("qos", "measurement"), None),
    ("SG16", "Q28/16", "Personal health device interfaces: where to begin?",
     "A hospital network wants interoperable devices; is H.810 the right start?",
     ("e-health",), "ITU-T H.810"),
    ("SG16", None, "Accessibility requirements for public service websites?",
     "What does SG16 say about accessible ICT for persons with disabilities?",
     ("accessibility",), None),
    ("SG17", "Q13/17", "Security threats to connected vehicles: which Recommendation?",
     "Our transport ministry asks about V2X security.", ("security", "vehicles"), "ITU-T X.1371"),
    ("SG17", "Q15/17", "How to build a national CIRT?",
     "We set up a computer incident response team; which ITU-T texts apply?",
     ("security", "cirt"), None),
    ("SG17", None, "Is there a guide to PKI for e-government?",
     "We plan digital signatures for public services.", ("pki", "e-government"), None),
    ("SG2", None, "How are international numbering resources assigned?",
     "Who assigns E.164 country codes and how long does it take?", ("numbering",), None),
    ("SG3", None, "Which Recommendations cover international mobile roaming charges?",
     "Our regional group discusses roaming tariffs.", ("tariffs", "roaming"), None),
    ("SG11", None, "How to test interoperability of VoLTE networks?",
     "We want to host an interoperability event.", ("testing", "volte"), None),
    ("SG15", None, "Which fibre Recommendations for a national backbone?",
     "We tender a backbone; which G-series texts should the tender cite?", ("fibre",), None),
    ("SG20", None, "Smart city KPIs: where are they defined?",
     "Our capital wants to benchmark itself.", ("smart cities", "kpi"), None),
    ("SG9", None, "Cable TV and broadband over coax: still relevant?",
     "Operators here still run coax networks.", ("cable",), None),
    ("SG13", None, "How can a developing country contribute to a Question?",
     "We have an idea for SG13; how does a first contribution work?",
     ("participation", "bsg"), None),
    ("SG17", None, "What does a rapporteur do between meetings?",
     "Newcomer here: how do rapporteur groups work?", ("participation",), None),
    ("SG5", None, "Climate change adaptation of telecom infrastructure?",
     "Floods damage our towers every year; any guidance?", ("climate", "resilience"), None),
    ("SG12", None, "Which QoE methods for video streaming?",
     "Users complain about video; how to measure QoE?", ("qoe", "video"), None),
    ("SG16", None, "Which codecs for public safety video?",
     "Emergency services need video; which codecs do SG16 texts cover?", ("video",), None),
)  # fmt: skip
ANSWERS = (
    "Start with the scope and the overview clauses, then the appendices with examples.",
    "The last workshop's material has a tutorial on exactly this; see the events page.",
    "The rapporteur group meets between study group meetings; its reports list the drafts.",
    "Several administrations shared their experience in contributions; search the documents.",
    "The supplement to the Recommendation has a worked example for a small network.",
    "You can ask TSB for a fellowship to attend the next meeting and present your case.",
)
EXPERT_ANSWERS = (
    "As rapporteur of this Question: clauses 6 and 7 are normative; the rest is guidance.",
    "Our Question is revising this text; a contribution with your requirements is welcome.",
    "The draft under study answers this; the next meeting's output will be public.",
)


@dataclass(frozen=True)
class ForumSummary:
    questions: int = 0
    answers: int = 0
    expert_answers: int = 0
    accounts: int = 0
    #: (the demo's name, the name used instead) for each name the store had already.
    renamed: tuple[tuple[str, str], ...] = ()

    def notice(self) -> str | None:
        """What to tell about the accounts the store had already under the demo's names."""
        if not self.renamed:
            return None
        names = ", ".join(f"{old} (the demo's is {new})" for old, new in self.renamed)
        return (
            f"forum: the store has accounts named {names} already; they are left as they are "
            "and nothing is posted in their name"
        )


def generate_forum(engine: Engine, seed: int = 2024, actor: str = "demo") -> ForumSummary | None:
    """Write the demo's forum (one audited write); None when the store has forum posts already,
    no person to link accounts to, or none of the questions' study groups."""
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(ForumPost)).scalar_one():
            return None
        placed = select(func.count()).select_from(Person).where(Person.country.is_not(None))
        if not connection.execute(placed).scalar_one():
            return None
        codes = set(connection.scalars(select(Group.code)).all())
    questions = tuple(q for q in QUESTIONS if q[0] in codes)
    if not questions:
        return None
    with transaction(engine, actor, "demo.forum", "forum") as unit:
        return _generate(unit, random.Random(f"stdgap-demo-forum:{seed}"), questions)


class _Accounts:
    """The demo's accounts, each under its name or, when the store has that name already, a
    free one (the existing account is never changed)."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.taken = {n.lower() for n in unit.connection.scalars(select(User.name)).all()}
        self.renamed: list[tuple[str, str]] = []

    def free(self, name: str) -> str:
        chosen, n = name, 1
        while chosen.lower() in self.taken:
            chosen = f"{name}-demo{n if n > 1 else ''}"
            n += 1
        if chosen != name:
            self.renamed.append((name, chosen))
        self.taken.add(chosen.lower())
        return chosen

    def add(self, name: str, person: int, since: datetime, role: str = "applicant") -> int:
        made = add_user(self.unit, self.free(name), "applicant", secrets.token_urlsafe(24))
        self.unit.connection.execute(
            update(User)
            .where(User.id == made.id)
            .values(person_id=person, created_at=since, role=role)
        )
        return made.id


def _links(unit: Unit, questions: tuple[tuple[Any, ...], ...]) -> dict[str, str]:
    """For each question's knowledge item: itself when the catalogue holds it, else an item of
    the catalogue of the question's Question or study group (none: no link, as a question may
    link only to items the catalogue holds)."""
    rows = unit.connection.execute(
        select(KnowledgeItem.item_id, KnowledgeItem.study_group, KnowledgeItem.question).order_by(
            KnowledgeItem.item_id
        )
    ).all()
    held = {row.item_id for row in rows}
    found: dict[str, str] = {}
    for group, ref, _title, _text, _tags, link in questions:
        if link is None:
            continue
        if link in held:
            found[link] = link
            continue
        same = [r.item_id for r in rows if r.study_group == group and ref and r.question == ref]
        near = same or [r.item_id for r in rows if r.study_group == group]
        if near:
            found[link] = near[0]
    return found


def _experts(unit: Unit, today: date, questions: tuple[tuple[Any, ...], ...]) -> dict[str, int]:
    """A person holding a current role in each study group of the questions (by group code)."""
    codes = sorted({q[0] for q in questions})
    rows = unit.connection.execute(
        select(Group.code, Role.person_id)
        .join(Role, Role.group_id == Group.id)
        .where(
            Group.code.in_(codes),
            Role.role.in_(EXPERT_ROLES),
            Role.start <= today,
            or_(Role.end.is_(None), Role.end >= today),
        )
        .order_by(Group.code, Role.person_id)
    ).all()
    found: dict[str, int] = {}
    for code, person in rows:
        found.setdefault(code, person)
    return found


def _generate(
    unit: Unit, rng: random.Random, questions: tuple[tuple[Any, ...], ...]
) -> ForumSummary:
    mark = outbox_mark(unit)
    accounts = _Accounts(unit)
    links = _links(unit, questions)
    now = datetime.now().replace(microsecond=0, second=0, minute=0)
    since = now - timedelta(days=400)
    people = unit.connection.execute(
        select(Person.id, Person.person_id)
        .where(Person.country.is_not(None))
        .order_by(Person.id)
        .limit(400)
    ).all()
    askers = [
        accounts.add(f"delegate{n + 1}", person.id, since)
        for n, person in enumerate(rng.sample(people, min(6, len(people))))
    ]
    experts: dict[str, int] = {}
    for code, person in list(_experts(unit, now.date(), questions).items())[:4]:
        experts[code] = accounts.add(f"expert-{code.lower()}", person, since)
    moderator = accounts.add("forum-moderator", people[0].id, since, "officer")
    asked = answers = expert_answers = 0
    others = [*askers, moderator]
    first = 0
    for n, (group, ref, title, text, tags, link) in enumerate(questions):
        link = links.get(link) if link else None
        asked_at = now - timedelta(days=360 - n * 14, hours=rng.randint(0, 12))
        asker = askers[n % len(askers)]
        posted = operations.ask(
            unit,
            QuestionInput(title, text, group, ref, tags, (link,) if link else ()),
            asker,
            True,
            at=asked_at,
        )
        asked += 1
        first = first or posted.post_id
        for voter in rng.sample(others, 2):
            if voter != asker and rng.random() < 0.5:
                operations.vote(unit, posted.post_id, voter, 1)
        replies: list[int] = []
        if group in experts and rng.random() < 0.8:
            hours = rng.choice((3, 8, 20, 40, 70, 120))
            done = operations.answer(
                unit,
                posted.post_id,
                rng.choice(EXPERT_ANSWERS),
                experts[group],
                True,
                at=asked_at + timedelta(hours=hours),
            )
            replies.append(done.post_id)
            expert_answers += 1
        for k in range(rng.choice((0, 1, 1, 2))):
            author = rng.choice([o for o in others if o != asker])
            done = operations.answer(
                unit,
                posted.post_id,
                rng.choice(ANSWERS),
                author,
                True,
                at=asked_at + timedelta(hours=2 + 30 * (k + 1)),
            )
            replies.append(done.post_id)
        answers += len(replies)
        for post in replies:
            for voter in rng.sample(others, 2):
                if voter not in (asker,) and rng.random() < 0.6:
                    with suppress(ForumError):  # not on their own answer
                        operations.vote(unit, post, voter, rng.choice((1, 1, 1, -1)))
        if replies and rng.random() < 0.5:
            operations.accept(unit, posted.post_id, replies[0], asker)
    # one new delegate's question waiting for review, and one report to look at
    newcomer = accounts.add("newcomer", people[-1].id, now - timedelta(days=1))
    operations.ask(
        unit,
        QuestionInput(
            "Can I attend a study group meeting remotely?",
            "First time here: how does remote participation work?",
            questions[0][0],
            None,
            ("participation",),
        ),
        newcomer,
        at=now - timedelta(hours=5),
    )
    operations.report(unit, first, askers[-1], "This seems to repeat an older question.")
    drop_outbox_since(unit, mark)
    unit.details.clear()  # what the forum's operations noted of each post, not of the whole
    unit.details.update(
        questions=asked,
        answers=answers,
        expert_answers=expert_answers,
        renamed=dict(accounts.renamed),
    )
    return ForumSummary(
        asked, answers, expert_answers, len(askers) + len(experts) + 2, tuple(accounts.renamed)
    )
