"""CxO meetings, events and a consultation survey for the demo data set, so that their pages,
reports and indicators are not empty on first run.

:func:`generate_outreach` needs the demo's members, people and meetings in the store (``stdgap
demo``). It writes, in one audited write and only through the capabilities' operations, the CxO
meetings of :func:`~stdgap.demo.outreach_plan.plan_outreach` (with the consultation before the
last one) and its events. The same store and seed give the same result; a second run does
nothing. The e-mails the operations queue (registrations, invitations) are taken out of the
outbox in the same write: they belong to the past and must not be sent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from stdgap.cxo.models import CxoMeeting
from stdgap.demo.consultation import ConsultationSummary, consult
from stdgap.demo.executives import ConsultationItems, CxoSummary, write_cxo
from stdgap.demo.outreach_plan import CxoPlan, OutreachPlan
from stdgap.demo.outreach_world import drop_outbox_since, outbox_mark, read_world
from stdgap.demo.workshops import EventsSummary, write_events
from stdgap.store.unit import Unit, transaction


@dataclass(frozen=True)
class OutreachSummary:
    cxo: CxoSummary
    events: EventsSummary
    survey: ConsultationSummary


def generate_outreach(
    engine: Engine, plan: OutreachPlan, seed: int = 2024, actor: str = "demo"
) -> OutreachSummary | None:
    """Write the CxO meetings, events and consultation of ``plan`` as ``actor`` (one audited
    write); None when the store has CxO meetings already."""
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(CxoMeeting)).scalar_one():
            return None
    with transaction(engine, actor, "demo.outreach") as unit:
        return _generate(unit, plan, seed)


def _generate(unit: Unit, plan: OutreachPlan, seed: int) -> OutreachSummary:
    world = read_world(unit)
    mark = outbox_mark(unit)
    survey = ConsultationSummary()
    survey_rng = random.Random(f"stdgap-demo-consultation:{seed}")

    def consultation(meeting: CxoPlan) -> ConsultationItems:
        return consult(unit, meeting, survey_rng, survey)

    cxo = write_cxo(unit, plan.cxo, world, random.Random(f"stdgap-demo-cxo:{seed}"), consultation)
    events_rng = random.Random(f"stdgap-demo-events:{seed}")
    events = write_events(unit, plan.events, world, events_rng, plan.demand)
    drop_outbox_since(unit, mark)
    unit.details.update(
        cxo_meetings=cxo.meetings, events=events.events, survey_responses=survey.responses
    )
    return OutreachSummary(cxo, events, survey)
