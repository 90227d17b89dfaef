"""The demo's CxO meetings written through ``stdgap.cxo``'s operations: each meeting with its
theme, agenda, recordings and participants (persons of the registry attending for their member
become attendance of the meeting, so the participation indicators count them), and conclusions
followed through their lifecycle over the meetings that come after."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select, update

from stdgap.cxo.conclusions import add_link, advance, raise_conclusion
from stdgap.cxo.meetings import (
    AgendaInput,
    MeetingInput,
    add_agenda_item,
    add_recording,
    create_meeting,
)
from stdgap.cxo.models import CxoConclusion, CxoConclusionEvent
from stdgap.cxo.participants import ParticipantInput, add_participants
from stdgap.demo.calibration import COUNTRIES
from stdgap.demo.outreach_catalogue import (
    NON_MEMBER_FIRST,
    NON_MEMBER_SECOND,
    Conclusion,
    person_name,
)
from stdgap.demo.outreach_plan import CxoPlan
from stdgap.demo.outreach_world import Org, World, at
from stdgap.store.unit import Unit

#: Items a consultation adds to a meeting's agenda: (title, survey id, question key).
ConsultationItems = list[tuple[str, str, str]]
#: What the last meeting's consultation gives: called with the meeting's plan before its agenda.
Consult = Callable[[CxoPlan], ConsultationItems]

#: What becomes of a conclusion, and after how many meetings each step comes.
FATES = ("close", "close", "close", "address", "study", "study", "drop", "open")


@dataclass
class _Track:
    number: int
    item: Conclusion
    fate: str
    raised_at: int  # the index of the meeting that raised it
    pace: int  # meetings between two steps
    revisit: bool
    state: str = "raised"
    steps: int = 0


@dataclass
class CxoSummary:
    meetings: int = 0
    participants: int = 0
    attendance: int = 0
    conclusions: int = 0
    revisits: int = 0
    states: dict[str, int] = field(default_factory=dict)


def _size(org: Org, rng_value: int) -> str | None:
    if org.type != "sector_member":
        return "large" if org.type == "member_state" else None
    if org.sme:
        return "micro" if rng_value % 3 == 0 else "sme"
    return "large"


def _person_index(person_id: str) -> int:
    digits = "".join(ch for ch in person_id if ch.isdigit())
    return int(digits or 0)


class _Participants:
    """Who comes to each meeting: regular organisations (most return from one meeting to the
    next), others drawn with a fair share from developing countries, and a few non-members."""

    def __init__(self, world: World, rng: random.Random, first: date) -> None:
        self.world = world
        self.rng = rng
        members = world.of_type("sector_member", first)
        large = [o for o in members if not o.sme]
        small = [o for o in members if o.sme and o.developing(first)]
        self.regulars = rng.sample(large, min(8, len(large))) + rng.sample(
            small, min(3, len(small))
        )
        self.developing = [c.alpha3 for c in COUNTRIES if c.developing(first) and c.weight >= 2]

    def draw(self, plan: CxoPlan) -> list[ParticipantInput]:
        rng, day = self.rng, plan.start
        members = self.world.of_type("sector_member", day)
        size = rng.randint(14, 22)
        came = [o for o in self.regulars if o.member_on(day) and rng.random() < 0.75]
        chosen = {o.member_id for o in came}
        pool_dev = [o for o in members if o.developing(day) and o.member_id not in chosen]
        pool_other = [o for o in members if not o.developing(day) and o.member_id not in chosen]
        while len(came) < size - 3 and (pool_dev or pool_other):
            pool = pool_dev if pool_dev and (rng.random() < 0.45 or not pool_other) else pool_other
            org = pool.pop(rng.randrange(len(pool)))
            came.append(org)
        academia = self.world.of_type("academia", day)
        if academia and rng.random() < 0.6:
            came.append(rng.choice(academia))
        remote_share = {"virtual": 1.0, "hybrid": 0.3, "in_person": 0.0}[plan.format]
        found: list[ParticipantInput] = []
        for org in came:
            alternate = len(org.people) > 1 and rng.random() < 0.2
            person = org.people[1 if alternate else 0]
            seed = _person_index(person)
            level = "alternate" if alternate else ("cto" if seed % 4 else "cxo")
            found.append(
                ParticipantInput(
                    person_name(seed),
                    org.name,
                    level,
                    _size(org, seed),
                    org.country,
                    "remote" if rng.random() < remote_share else "in_person",
                    org.member_id,
                    person,
                )
            )
        for _n in range(rng.randint(1, 3)):  # start-ups and local firms that are not members
            seed = rng.randrange(10_000)
            organisation = f"{rng.choice(NON_MEMBER_FIRST)} {rng.choice(NON_MEMBER_SECOND)}"
            if any(p.organisation == organisation for p in found):
                continue
            found.append(
                ParticipantInput(
                    person_name(seed),
                    organisation,
                    rng.choice(("cto", "cxo")),
                    rng.choice(("micro", "sme")),
                    rng.choice(self.developing),
                    "remote" if rng.random() < max(remote_share, 0.2) else "in_person",
                )
            )
        return found


def _title(plan: CxoPlan) -> str:
    where = plan.occasion if plan.occasion and plan.occasion != "TSAG" else plan.city or "online"
    if plan.occasion == "TSAG":
        where = f"{plan.city}, before TSAG"
    return f"CxO meeting {plan.start.year} ({where}): {plan.theme.title}"


def _agenda(plan: CxoPlan, open_tracks: bool, consulted: ConsultationItems) -> list[AgendaInput]:
    items = []
    if open_tracks:
        items.append(
            AgendaInput(
                "Follow-up of the conclusions of earlier CxO meetings",
                "T.1",
                "TSAG: follow-up of CxO conclusions",
                "conclusion",
            )
        )
    items += [AgendaInput(title, goal, work) for title, goal, work in plan.theme.agenda]
    items += [
        AgendaInput(title, "T.2", None, "consultation", survey, key)
        for title, survey, key in consulted
    ]
    items.append(
        AgendaInput(
            "Participation of SMEs and of developing countries in ITU-T work",
            "T.2",
            "TSAG: review of Resolution 68",
            "tsag",
        )
    )
    return items


class _Conclusions:
    """Conclusions raised, revisited and moved through their lifecycle meeting after meeting."""

    def __init__(self, unit: Unit, rng: random.Random) -> None:
        self.unit, self.rng = unit, rng
        self.tracks: list[_Track] = []
        self.used: set[str] = set()
        self.revisits = 0

    def open(self) -> bool:
        return any(t.state in ("raised", "under_study", "addressed") for t in self.tracks)

    def follow(self, k: int, plan: CxoPlan) -> None:
        """Meeting ``k`` revisits the conclusions due and moves them on."""
        unit = self.unit
        for track in self.tracks:
            if track.state not in ("raised", "under_study", "addressed"):
                continue
            due = k - track.raised_at
            if track.revisit and due == 1:
                note = f"Revisited at the CxO meeting on {plan.theme.key}: progress reported."
                raise_conclusion(unit, plan.meeting_id, track.item.topic, note)
                self.revisits += 1
            if due < track.pace * (track.steps + 1):
                continue
            self._step(track, plan)

    def _step(self, track: _Track, plan: CxoPlan) -> None:
        unit, item = self.unit, track.item
        meeting = plan.meeting_id
        if track.fate == "open":
            return
        if track.fate == "drop":
            note = "Overtaken by other work; the meeting saw no need for ITU-T action."
            advance(unit, track.number, "dropped", note=note, meeting_id=meeting)
            track.state = "dropped"
            return
        if track.state == "raised":
            group, question = item.group_in(plan.start.year)
            advance(
                unit,
                track.number,
                "under_study",
                group,
                question,
                note=f"Taken up by {group} in {question}.",
                meeting_id=meeting,
            )
            add_link(unit, track.number, "question", question, None, f"{group} {question}")
            track.state = "under_study"
        elif track.state == "under_study" and track.fate in ("close", "address"):
            add_link(
                unit, track.number, item.link_kind, item.reference, item.url, item.title,
                "Approved text that answers the conclusion.",
            )  # fmt: skip
            note = f"Addressed by {item.reference}."
            advance(unit, track.number, "addressed", note=note, meeting_id=meeting)
            track.state = "addressed"
        elif track.state == "addressed" and track.fate == "close":
            note = "The CxOs found the conclusion answered."
            advance(unit, track.number, "closed", note=note, meeting_id=meeting)
            track.state = "closed"
        track.steps += 1

    def raise_new(self, k: int, plan: CxoPlan, catalogue: list[Conclusion]) -> None:
        mine = [c for c in plan.theme.conclusions if c.topic not in self.used]
        others = [c for c in catalogue if c.topic not in self.used and c not in mine]
        chosen = mine[:2] or others[:1]
        for item in chosen:
            raised = raise_conclusion(self.unit, plan.meeting_id, item.topic, item.text, None, True)
            self.used.add(item.topic)
            n = len(self.tracks)
            # The first conclusions are given every fate, so a short demo shows the lifecycle.
            fate = ("close", "drop", "study")[n] if n < 3 else self.rng.choice(FATES)
            revisit = n == 0 or self.rng.random() < 0.5
            pace = 1 if n < 3 else self.rng.choice((1, 1, 2))
            self.tracks.append(_Track(raised.conclusion_id, item, fate, k, pace, revisit))


def _last_event(unit: Unit) -> int:
    last = unit.connection.execute(select(func.max(CxoConclusionEvent.id))).scalar()
    return int(last or 0)


def _backdate(unit: Unit, since: int, plan: CxoPlan) -> int:
    """The history written at a meeting dated on the meeting's day (the operations date it
    now); the last event's id."""
    connection = unit.connection
    moment = at(plan.start, 17)
    connection.execute(
        update(CxoConclusionEvent).where(CxoConclusionEvent.id > since).values(at=moment)
    )
    touched = select(CxoConclusionEvent.conclusion_id).where(CxoConclusionEvent.id > since)
    connection.execute(
        update(CxoConclusion).where(CxoConclusion.id.in_(touched)).values(changed_at=moment)
    )
    raised = select(CxoConclusionEvent.conclusion_id).where(
        CxoConclusionEvent.id > since, CxoConclusionEvent.action == "raised"
    )
    connection.execute(
        update(CxoConclusion).where(CxoConclusion.id.in_(raised)).values(raised_at=moment)
    )
    return _last_event(unit)


def write_cxo(
    unit: Unit, plans: tuple[CxoPlan, ...], world: World, rng: random.Random, consult: Consult
) -> CxoSummary:
    """Write the CxO meetings of ``plans`` in order; the last one is prepared by ``consult``
    (the consultation of developing countries), whose items go on its agenda."""
    summary = CxoSummary()
    if not plans:
        return summary
    people = _Participants(world, rng, plans[0].start)
    conclusions = _Conclusions(unit, rng)
    catalogue = [c for plan in plans for c in plan.theme.conclusions]
    last_event = _last_event(unit)
    for k, plan in enumerate(plans):
        last = k == len(plans) - 1
        consulted = consult(plan) if last else []
        create_meeting(
            unit,
            MeetingInput(
                plan.meeting_id,
                _title(plan),
                plan.theme.key,
                plan.start,
                plan.start,
                plan.city or None,
                plan.host or None,
                plan.format,
                ["all"] if consulted else [],
                f"Executives of industry met on {plan.theme.key}"
                + (f", alongside {plan.occasion}." if plan.occasion else "."),
            ),
        )
        for item in _agenda(plan, conclusions.open(), consulted):
            add_agenda_item(unit, plan.meeting_id, item)
        for n, (title, speaker) in enumerate(
            (("Keynote", rng.randrange(900)), ("Panel of CxOs", None)), start=1
        ):
            add_recording(
                unit,
                plan.meeting_id,
                f"{title}: {plan.theme.title}",
                f"https://www.example.org/cxo/{plan.meeting_id}/recording-{n}",
                person_name(speaker) if speaker is not None else None,
            )
        participants = people.draw(plan)
        counts = add_participants(unit, plan.meeting_id, participants)
        summary.participants += counts["inserted"]
        summary.attendance += counts["attendance"]
        conclusions.follow(k, plan)
        conclusions.raise_new(k, plan, catalogue)
        last_event = _backdate(unit, last_event, plan)
        summary.meetings += 1
    summary.conclusions = len(conclusions.tracks)
    summary.revisits = conclusions.revisits
    for track in conclusions.tracks:
        summary.states[track.state] = summary.states.get(track.state, 0) + 1
    return summary


def consultation_day(plan: CxoPlan) -> date:
    """The deadline of the consultation before the meeting of ``plan``."""
    return plan.start - timedelta(days=28)
