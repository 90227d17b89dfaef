"""The consultation of developing countries before the demo's most recent CxO meeting (Res. 68
resolves 2), written through ``stdgap.surveys``: a questionnaire opened to the developing-country
Member States and Sector Members of every region (invited at the contact address the demo gives
each member), answered by some of them with their invitation's link, then closed. The priorities
most often chosen become items of the meeting's agenda."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from stdgap.demo.executives import ConsultationItems, consultation_day
from stdgap.demo.outreach_plan import CxoPlan
from stdgap.demo.outreach_world import at, outbox_mark
from stdgap.notifications.models import OutboxMessage
from stdgap.store.unit import Unit
from stdgap.surveys.answering import Respondent, respond
from stdgap.surveys.models import Survey, SurveyInvitation
from stdgap.surveys.operations import close_survey, create_with_questions, open_survey
from stdgap.surveys.questions import Condition, QuestionInput
from stdgap.surveys.targeting import Target

PRIORITIES = (
    "Artificial intelligence",
    "Digital health",
    "Quantum-safe networks",
    "Energy efficiency and e-waste",
    "Intelligent transport",
    "Digital financial services",
    "Cybersecurity and trust",
    "Skills and standards education",
)
#: How often each priority is chosen (developing countries' answers lean to these).
WEIGHTS = (9, 6, 2, 5, 3, 7, 8, 6)
BARRIERS = (
    "Cost of travel to meetings",
    "Too few experts",
    "Meetings at inconvenient times",
    "Language",
    "Not knowing where to start",
)
SUPPORT = ("Fellowships", "Remote participation", "Training", "Mentoring of newcomers")
COMMENTS = (
    "Please hold more meetings in our region.",
    "Regional workshops before the CxO meeting would help us prepare.",
    "We would like the conclusions shared with regulators.",
    "Recordings with subtitles would help our engineers.",
)
QUESTIONS = [
    QuestionInput(
        "priorities",
        "multiple",
        "Which subjects should the CxO meeting take up? (up to three)",
        PRIORITIES,
        True,
    ),
    QuestionInput(
        "barrier", "single", "What most limits your participation in ITU-T?", BARRIERS, True
    ),
    QuestionInput("support", "single", "Would you need support to take part?", ("Yes", "No")),
    QuestionInput(
        "support_kind",
        "multiple",
        "Which support?",
        SUPPORT,
        condition=Condition("support", "equals", ("Yes",)),
    ),
    QuestionInput(
        "useful",
        "scale",
        "How useful are the CxO meetings' conclusions to your organisation?",
        scale_min=1,
        scale_max=5,
        min_label="not at all",
        max_label="very",
    ),
    QuestionInput("comments", "text", "Anything else the meeting should hear?"),
]
TOKEN = re.compile(r"respond\?token=([A-Za-z0-9_-]+)")


@dataclass
class ConsultationSummary:
    survey_id: str = ""
    invited: int = 0
    responses: int = 0


def _answers(rng: random.Random) -> dict[str, list[str]]:
    chosen: list[str] = []
    while len(chosen) < rng.randint(1, 3):
        pick = rng.choices(PRIORITIES, WEIGHTS)[0]
        if pick not in chosen:
            chosen.append(pick)
    answers = {
        "priorities": chosen,
        "barrier": [rng.choices(BARRIERS, (6, 4, 2, 2, 3))[0]],
        "support": ["Yes" if rng.random() < 0.7 else "No"],
        "useful": [str(rng.choices((1, 2, 3, 4, 5), (1, 2, 4, 5, 3))[0])],
    }
    if answers["support"] == ["Yes"]:
        answers["support_kind"] = rng.sample(SUPPORT, rng.randint(1, 2))
    if rng.random() < 0.15:
        answers["comments"] = [rng.choice(COMMENTS)]
    return answers


def consult(
    unit: Unit, plan: CxoPlan, rng: random.Random, summary: ConsultationSummary
) -> ConsultationItems:
    """Create, open, answer and close the consultation before ``plan``'s meeting; the agenda
    items its answers ask for (the two priorities most often chosen)."""
    survey_id = f"{plan.meeting_id}-consultation"
    deadline = consultation_day(plan)
    opens = deadline - timedelta(days=42)
    create_with_questions(
        unit,
        survey_id,
        f"Consultation of developing countries before the CxO meeting of {plan.start:%B %Y}",
        "consultation",
        deadline,
        QUESTIONS,
        opens=opens,
        description="Your priorities and needs shape the meeting's agenda (Resolution 68).",
        subject=plan.meeting_id,
    )
    mark = outbox_mark(unit)
    target = Target(member_types=("member_state", "sector_member"), classes=("developing",))
    sent = open_survey(unit, survey_id, target, today=opens)
    bodies = unit.connection.execute(
        select(OutboxMessage.body).where(OutboxMessage.id > mark).order_by(OutboxMessage.id)
    ).scalars()
    tokens = [found.group(1) for body in bodies if (found := TOKEN.search(body))]
    picked: Counter[str] = Counter()
    responses = 0
    for token in tokens:
        if rng.random() >= 0.4:
            continue
        answers = _answers(rng)
        day = opens + timedelta(days=rng.randint(1, 41))
        respond(unit, survey_id, Respondent(token=token), answers, today=day)
        picked.update(answers["priorities"])
        responses += 1
    close_survey(unit, survey_id)
    # Dated as it happened (the operations date their writes now).
    connection = unit.connection
    connection.execute(
        update(Survey)
        .where(Survey.survey_id == survey_id)
        .values(created_at=at(opens, 9), opened_at=at(opens, 10), closed_at=at(deadline, 18))
    )
    pk = select(Survey.id).where(Survey.survey_id == survey_id).scalar_subquery()
    connection.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.survey_id == pk)
        .values(invited_at=at(opens, 10))
    )
    summary.survey_id, summary.invited, summary.responses = survey_id, sent.invited, responses
    return [
        (f"{topic}: priorities of developing countries (consultation)", survey_id, "priorities")
        for topic, _count in sorted(picked.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    ]
