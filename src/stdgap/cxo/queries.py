"""Reads of CxO meetings: the list, a meeting (its agenda, recordings, participants' summary
and conclusions), the conclusions and one conclusion with its meetings, links and history."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from stdgap.cxo import consulted
from stdgap.cxo.errors import Unknown
from stdgap.cxo.lookup import meeting_key
from stdgap.cxo.models import (
    CxoAgendaItem,
    CxoConclusion,
    CxoConclusionEvent,
    CxoConclusionLink,
    CxoConclusionMeeting,
    CxoMeeting,
    CxoParticipant,
    CxoRecording,
)
from stdgap.cxo.topics import normalise
from stdgap.cxo.vocabulary import EXECUTIVE_LEVELS, OPEN_STATES, SMALL_SIZES, STATES
from stdgap.i18n.translate import _l
from stdgap.reference.classification import ClassificationReader
from stdgap.reference.vocabulary import UNKNOWN_REGION
from stdgap.store.keys import storable
from stdgap.store.models import Country, Meeting, Member, Person


def _meetings_select() -> Any:
    return (
        select(
            CxoMeeting.id,
            Meeting.meeting_id,
            CxoMeeting.title,
            CxoMeeting.theme,
            Meeting.start,
            Meeting.end,
            Meeting.city,
            Meeting.host_country,
            Country.name,
            Meeting.format,
            CxoMeeting.regions,
            CxoMeeting.summary,
        )
        .join(Meeting, Meeting.id == CxoMeeting.meeting_id)
        .outerjoin(Country, Country.alpha3 == Meeting.host_country)
    )


def _meeting_record(row: Any) -> dict[str, Any]:
    return {
        "meeting_id": row[1],
        "title": row[2],
        "theme": row[3],
        "start": row[4],
        "end": row[5],
        "city": row[6],
        "host_country": row[7],
        "host_country_name": row[8],
        "format": row[9],
        "regions": list(row[10] or []),
        "summary": row[11],
    }


def _counts(connection: Connection, column: Any, where: Any = None) -> dict[int, int]:
    query = select(column, func.count()).group_by(column)
    if where is not None:
        query = query.where(where)
    return {int(pk): int(n) for pk, n in connection.execute(query)}


def list_meetings(
    engine: Engine, theme: str | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """Every CxO meeting, latest first, with the size of its agenda, of its consultation items,
    of its participation and its conclusions."""
    with engine.connect() as connection:
        query = _meetings_select().order_by(Meeting.start.desc(), Meeting.meeting_id)
        rows = connection.execute(query).all()
        agenda = _counts(connection, CxoAgendaItem.cxo_meeting_id)
        consulted = _counts(
            connection, CxoAgendaItem.cxo_meeting_id, CxoAgendaItem.source == "consultation"
        )
        people = _counts(connection, CxoParticipant.cxo_meeting_id)
        concluded = _counts(connection, CxoConclusionMeeting.cxo_meeting_id)
    found = []
    for row in rows:
        record = _meeting_record(row)
        if theme and theme.casefold() not in record["theme"].casefold():
            continue
        if year and record["start"].year != year:
            continue
        pk = row[0]
        record.update(
            agenda_items=agenda.get(pk, 0),
            consultation_items=consulted.get(pk, 0),
            participants=people.get(pk, 0),
            conclusions=concluded.get(pk, 0),
        )
        found.append(record)
    return found


def meeting_detail(engine: Engine, meeting_id: str, names: bool = False) -> dict[str, Any]:
    """A meeting with its agenda, recordings, participants' summary (and their list, with
    names, when ``names``) and the conclusions it raised or revisited."""
    with engine.connect() as connection:
        key = meeting_key(connection, meeting_id)
        assert key is not None
        record = _meeting_record(
            connection.execute(_meetings_select().where(CxoMeeting.id == key.pk)).one()
        )
        record["agenda"] = [
            {
                "position": r.position,
                "title": r.title,
                "objective": r.objective,
                "work_item": r.work_item,
                "source": r.source,
                "survey_id": r.survey_id,
                "question_key": r.question_key,
                "from_consultation": r.source == "consultation",
            }
            for r in connection.execute(
                select(CxoAgendaItem)
                .where(CxoAgendaItem.cxo_meeting_id == key.pk)
                .order_by(CxoAgendaItem.position)
            ).all()
        ]
        record["recordings"] = [
            {"title": r.title, "url": r.url, "speaker": r.speaker}
            for r in connection.execute(
                select(CxoRecording)
                .where(CxoRecording.cxo_meeting_id == key.pk)
                .order_by(CxoRecording.id)
            ).all()
        ]
        people = participants_of(connection, key.pk, key.start)
        record["participation"] = summary(people)
        record["participants"] = people if names else None
        record["conclusions"] = meeting_conclusions(connection, key.pk)
    consultation = consulted.summary(engine, meeting_id)
    record["consultation"] = consultation
    for item in record["agenda"]:
        ours = consultation is not None and item["survey_id"] == consultation["survey_id"]
        item["results_url"] = consultation["results_url"] if ours and consultation else None
    return record


def participants_of(connection: Connection, pk: int, on: date) -> list[dict[str, Any]]:
    """A meeting's participants, with their country's region and status on the meeting's date."""
    rows = connection.execute(
        select(
            CxoParticipant.name,
            CxoParticipant.organisation,
            CxoParticipant.size,
            CxoParticipant.country,
            CxoParticipant.level,
            CxoParticipant.mode,
            Member.member_id,
            Person.person_id,
        )
        .outerjoin(Member, Member.id == CxoParticipant.member_id)
        .outerjoin(Person, Person.id == CxoParticipant.person_id)
        .where(CxoParticipant.cxo_meeting_id == pk)
        .order_by(CxoParticipant.organisation, CxoParticipant.name)
    ).all()
    countries = sorted({row[3] for row in rows if row[3]})
    statuses = ClassificationReader(connection, countries).statuses((c, on) for c in countries)
    people = []
    for row in rows:
        status = statuses.get((row[3], on)) if row[3] else None
        people.append(
            {
                "name": row[0],
                "organisation": row[1],
                "size": row[2],
                "country": row[3],
                "region": (status.region if status else None) or UNKNOWN_REGION,
                "developing": bool(status and status.developing),
                "level": row[4],
                "mode": row[5],
                "member": row[6] is not None,
                "member_id": row[6],
                "person_id": row[7],
            }
        )
    return people


def summary(people: list[dict[str, Any]]) -> dict[str, Any]:
    """What the public sees of a meeting's participants: counts and shares, the organisations
    (public record) and countries, never a name."""
    total = len(people)
    sized = [p for p in people if p["size"]]
    small = [p for p in sized if p["size"] in SMALL_SIZES]
    return {
        "total": total,
        "in_person": sum(p["mode"] == "in_person" for p in people),
        "remote": sum(p["mode"] == "remote" for p in people),
        "members": sum(p["member"] for p in people),
        "developing": sum(p["developing"] for p in people),
        "developing_share": (sum(p["developing"] for p in people) / total) if total else None,
        "sme": len(small),
        "sme_share": len(small) / len(sized) if sized else None,
        "by_level": dict(sorted(Counter(p["level"] for p in people).items())),
        "by_size": dict(sorted(Counter(p["size"] or "unknown" for p in people).items())),
        "countries": sorted({p["country"] for p in people if p["country"]}),
        "regions": sorted({p["region"] for p in people if p["region"] != UNKNOWN_REGION}),
        "organisations": sorted({p["organisation"] for p in people}),
        "executives": sum(p["level"] in EXECUTIVE_LEVELS for p in people),
    }


def meeting_conclusions(connection: Connection, pk: int) -> list[dict[str, Any]]:
    rows = connection.execute(
        select(
            CxoConclusion.id,
            CxoConclusion.topic,
            CxoConclusion.text,
            CxoConclusion.state,
            CxoConclusionMeeting.role,
            CxoConclusionMeeting.note,
        )
        .join(CxoConclusionMeeting, CxoConclusionMeeting.conclusion_id == CxoConclusion.id)
        .where(CxoConclusionMeeting.cxo_meeting_id == pk)
        .order_by(CxoConclusion.id)
    ).all()
    return [
        {
            "conclusion_id": r[0],
            "topic": r[1],
            "text": r[2],
            "state": r[3],
            "role": r[4],
            "note": r[5],
        }
        for r in rows
    ]


def _meeting_ids(connection: Connection) -> dict[int, tuple[str, date]]:
    return {
        pk: (code, start)
        for pk, code, start in connection.execute(
            select(CxoMeeting.id, Meeting.meeting_id, Meeting.start).join(
                Meeting, Meeting.id == CxoMeeting.meeting_id
            )
        )
    }


def list_conclusions(
    engine: Engine, state: str | None = None, topic: str | None = None, open_only: bool = False
) -> list[dict[str, Any]]:
    """Conclusions (filters: a state, words of the topic, open ones only), with the meetings
    that raised and revisited them."""
    if state and state not in STATES:
        raise Unknown(
            _l("state: '%(value)s' is not one of %(states)s", value=state, states=", ".join(STATES))
        )
    with engine.connect() as connection:
        query = select(CxoConclusion).order_by(CxoConclusion.id)
        if state:
            query = query.where(CxoConclusion.state == state)
        if open_only:
            query = query.where(CxoConclusion.state.in_(OPEN_STATES))
        rows = connection.execute(query).all()
        meetings = _meeting_ids(connection)
        links = connection.execute(
            select(
                CxoConclusionMeeting.conclusion_id,
                CxoConclusionMeeting.cxo_meeting_id,
                CxoConclusionMeeting.role,
            )
        ).all()
    by_conclusion: dict[int, list[tuple[date, str, str]]] = {}
    for number, pk, role in links:
        code, start = meetings[pk]
        by_conclusion.setdefault(number, []).append((start, code, role))
    words = normalise(topic or "").split()
    found = []
    for row in rows:
        if words and not all(
            word in row.topic_key.split() or word in row.topic_key for word in words
        ):
            continue
        seen = sorted(by_conclusion.get(row.id, []))
        found.append(
            {
                "conclusion_id": row.id,
                "topic": row.topic,
                "text": row.text,
                "state": row.state,
                "open": row.state in OPEN_STATES,
                "study_group": row.study_group,
                "question": row.question,
                "raised_by": next((code for _s, code, role in seen if role == "raised"), None),
                "meetings": [code for _s, code, _r in seen],
                "revisits": sum(role == "revisited" for _s, _c, role in seen),
                "changed_at": row.changed_at,
            }
        )
    return found


def ended_since(engine: Engine, since: date) -> list[int]:
    """The conclusions closed or dropped on ``since`` or later (their last change), oldest
    first: what the report to TSAG says was settled since its previous one."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(CxoConclusion.id)
            .where(
                CxoConclusion.state.not_in(OPEN_STATES),
                CxoConclusion.changed_at >= datetime.combine(since, time()),
            )
            .order_by(CxoConclusion.changed_at, CxoConclusion.id)
        ).scalars()
        return list(rows)


def conclusion_detail(engine: Engine, number: int) -> dict[str, Any]:
    """A conclusion with its meetings (raised, revisited), its links to ITU-T work and its
    history, oldest first."""
    if not storable(number):
        raise Unknown(_l("no conclusion %(number)s", number=number))
    with engine.connect() as connection:
        row = connection.execute(select(CxoConclusion).where(CxoConclusion.id == number)).first()
        if row is None:
            raise Unknown(_l("no conclusion %(number)s", number=number))
        meetings = _meeting_ids(connection)
        linked = connection.execute(
            select(CxoConclusionMeeting).where(CxoConclusionMeeting.conclusion_id == number)
        ).all()
        links = connection.execute(
            select(CxoConclusionLink)
            .where(CxoConclusionLink.conclusion_id == number)
            .order_by(CxoConclusionLink.id)
        ).all()
        events = connection.execute(
            select(CxoConclusionEvent)
            .where(CxoConclusionEvent.conclusion_id == number)
            .order_by(CxoConclusionEvent.id)
        ).all()
    return {
        "conclusion_id": row.id,
        "topic": row.topic,
        "text": row.text,
        "state": row.state,
        "open": row.state in OPEN_STATES,
        "study_group": row.study_group,
        "question": row.question,
        "raised_at": row.raised_at,
        "changed_at": row.changed_at,
        "meetings": sorted(
            (
                {
                    "meeting_id": meetings[m.cxo_meeting_id][0],
                    "start": meetings[m.cxo_meeting_id][1],
                    "role": m.role,
                    "note": m.note,
                }
                for m in linked
            ),
            key=lambda m: (m["start"], m["meeting_id"]),
        ),
        "links": [
            {"kind": link.kind, "reference": link.reference, "url": link.url, "title": link.title}
            for link in links
        ],
        "history": [
            {
                "at": event.at,
                "meeting_id": meetings[event.cxo_meeting_id][0] if event.cxo_meeting_id else None,
                "who": event.who,
                "action": event.action,
                "from_state": event.from_state,
                "to_state": event.to_state,
                "note": event.note,
                "details": event.details,
            }
            for event in events
        ],
    }


def meetings_between(engine: Engine, first: date, last: date) -> list[dict[str, Any]]:
    """The meetings starting from ``first`` to ``last``, oldest first, with their
    participation summary and conclusions."""
    found = []
    with engine.connect() as connection:
        rows = connection.execute(
            _meetings_select()
            .where(Meeting.start >= first, Meeting.start <= last)
            .order_by(Meeting.start, Meeting.meeting_id)
        ).all()
        for row in rows:
            record = _meeting_record(row)
            people = participants_of(connection, row[0], record["start"])
            record["participation"] = summary(people)
            record["conclusions"] = meeting_conclusions(connection, row[0])
            found.append(record)
    return found


def meeting_ids(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [code for code, _s in sorted(_meeting_ids(connection).values(), key=lambda m: m[1])]


def exists(engine: Engine, meeting_id: str) -> bool:
    with engine.connect() as connection:
        return meeting_key(connection, meeting_id, must=False) is not None
