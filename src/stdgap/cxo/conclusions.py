"""Conclusions of CxO meetings through their lifecycle (Res. 68 resolves 10, 12-14).

``raise_conclusion`` records a meeting's conclusion; when an open conclusion has the same topic
(normalised) the meeting revisits it instead (linked, not duplicated); when one resembles it,
the raise is refused with the candidates unless the caller links it (``link_to``) or confirms a
distinct topic. ``advance`` moves a conclusion through raised → under study (in a named study
group and Question) → addressed → closed, or dropped; ``add_link`` records the ITU-T work that
took it into account. Every step is a line of its history (when, at which meeting, by whom)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from stdgap.cxo.errors import CxoError, WrongState, refuse_control
from stdgap.cxo.lookup import MeetingKey, conclusion_row, meeting_key
from stdgap.cxo.meetings import URL
from stdgap.cxo.models import (
    CxoConclusion,
    CxoConclusionEvent,
    CxoConclusionLink,
    CxoConclusionMeeting,
    CxoMeeting,
)
from stdgap.cxo.topics import near, normalise
from stdgap.cxo.vocabulary import (
    CLOSED,
    LINK_KINDS,
    OPEN_STATES,
    RAISED,
    STATES,
    TRANSITIONS,
    UNDER_STUDY,
    label,
)
from stdgap.i18n.translate import _l
from stdgap.store.models import Meeting
from stdgap.store.unit import Unit, operation

STUDY_GROUP = re.compile(r"(SG\d{1,2}|TSAG|FG-[A-Za-z0-9-]{1,20})")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Raised:
    """What a raise did: the conclusion's number and whether it revisited an open one."""

    conclusion_id: int
    revisited: bool

    def as_dict(self) -> dict[str, Any]:
        return {"conclusion_id": self.conclusion_id, "revisited": self.revisited}


def _event(
    unit: Unit,
    conclusion: int,
    action: str,
    meeting: MeetingKey | None = None,
    before: str | None = None,
    after: str | None = None,
    note: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    unit.connection.execute(
        insert(CxoConclusionEvent).values(
            conclusion_id=conclusion,
            at=_now(),
            cxo_meeting_id=meeting.pk if meeting else None,
            who=unit.actor[:100],
            action=action,
            from_state=before,
            to_state=after,
            note=(note or "").strip() or None,
            details=details,
        )
    )


def _clean(text: str | None, name: str, limit: int) -> str:
    refuse_control(text, name)
    value = " ".join((text or "").split()) if name != "text" else (text or "").strip()
    if not value:
        raise CxoError(_l("%(field)s: a value is required", field=name))
    if len(value) > limit:
        raise CxoError(
            _l(
                "%(field)s: '%(value)s…' is too long (at most %(limit)s characters)",
                field=name,
                value=value[:40],
                limit=limit,
            )
        )
    return value


def _revisit(unit: Unit, number: int, key: MeetingKey, note: str | None) -> None:
    connection = unit.connection
    row = conclusion_row(connection, number)
    if row.state not in OPEN_STATES:
        raise WrongState(
            _l(
                "conclusion %(number)s is %(state)s: only an open conclusion is revisited",
                number=number,
                state=label(STATES, row.state),
            )
        )
    linked = connection.execute(
        select(CxoConclusionMeeting.role).where(
            CxoConclusionMeeting.conclusion_id == number,
            CxoConclusionMeeting.cxo_meeting_id == key.pk,
        )
    ).first()
    if linked is not None:
        raise WrongState(
            _l(
                "conclusion %(number)s is already on the record of meeting %(meeting)s",
                number=number,
                meeting=key.meeting_id,
            )
        )
    raised = connection.execute(
        select(Meeting.meeting_id, Meeting.start)
        .join(CxoMeeting, CxoMeeting.meeting_id == Meeting.id)
        .join(CxoConclusionMeeting, CxoConclusionMeeting.cxo_meeting_id == CxoMeeting.id)
        .where(CxoConclusionMeeting.conclusion_id == number, CxoConclusionMeeting.role == "raised")
    ).first()
    if raised is not None and key.start < raised.start:
        raise CxoError(
            _l(
                "meeting %(meeting)s (%(day)s) was held before conclusion %(number)s was raised "
                "at %(raised)s (%(raised_day)s): only a later meeting revisits it",
                meeting=key.meeting_id,
                day=key.start.isoformat(),
                number=number,
                raised=raised.meeting_id,
                raised_day=raised.start.isoformat(),
            )
        )
    connection.execute(
        insert(CxoConclusionMeeting).values(
            conclusion_id=number, cxo_meeting_id=key.pk, role="revisited", note=note
        )
    )
    connection.execute(
        update(CxoConclusion).where(CxoConclusion.id == number).values(changed_at=_now())
    )
    _event(unit, number, "revisited", key, note=note)


def similar_open(connection: Connection, topic: str) -> list[dict[str, Any]]:
    """Open conclusions whose topic resembles ``topic``: number, topic, state, score."""
    rows = connection.execute(
        select(
            CxoConclusion.id, CxoConclusion.topic, CxoConclusion.topic_key, CxoConclusion.state
        ).where(CxoConclusion.state.in_(OPEN_STATES))
    ).all()
    topics = {row[0]: row[2] for row in rows}
    by_id = {row[0]: row for row in rows}
    return [
        {
            "conclusion_id": number,
            "topic": by_id[number][1],
            "state": by_id[number][3],
            "score": score,
        }
        for number, score in near(normalise(topic), topics)
    ]


def _raise_target(meeting_id: str, topic: str, *args: object, **kwargs: object) -> str:
    return f"{meeting_id}: {topic}"[:500]


@operation("cxo.conclude", target=_raise_target)
def raise_conclusion(
    unit: Unit,
    meeting_id: str,
    topic: str,
    text: str,
    link_to: int | None = None,
    distinct: bool = False,
    note: str | None = None,
) -> Raised:
    """A conclusion of ``meeting_id``: a revisit of conclusion ``link_to``, or of the open
    conclusion with the same topic, else a new conclusion (refused when an open conclusion's
    topic resembles it, unless ``distinct``)."""
    connection = unit.connection
    key = meeting_key(connection, meeting_id)
    assert key is not None
    topic = _clean(topic, "topic", 300)
    text = _clean(text, "text", 20000)
    if link_to is not None:
        _revisit(unit, link_to, key, note or text)
        return Raised(link_to, True)
    topic_key = normalise(topic)
    if not topic_key:
        raise CxoError(_l("topic: '%(value)s' has no letter or digit", value=topic))
    same = connection.execute(
        select(CxoConclusion.id)
        .where(CxoConclusion.topic_key == topic_key, CxoConclusion.state.in_(OPEN_STATES))
        .order_by(CxoConclusion.id)
    ).first()
    if same is not None:
        _revisit(unit, int(same[0]), key, note or text)
        return Raised(int(same[0]), True)
    if not distinct:
        alike = similar_open(connection, topic)
        if alike:
            listed = "; ".join(f"{a['conclusion_id']} '{a['topic']}'" for a in alike)
            raise WrongState(
                _l(
                    "topic: '%(value)s' resembles open conclusion(s) %(listed)s: revisit one "
                    "(link_to) or confirm a distinct topic (distinct)",
                    value=topic,
                    listed=listed,
                ),
                alike,
            )
    now = _now()
    number = connection.execute(
        insert(CxoConclusion)
        .values(
            topic=topic,
            topic_key=topic_key,
            text=text,
            state=RAISED,
            raised_at=now,
            changed_at=now,
        )
        .returning(CxoConclusion.id)
    ).scalar_one()
    connection.execute(
        insert(CxoConclusionMeeting).values(
            conclusion_id=number, cxo_meeting_id=key.pk, role="raised", note=note
        )
    )
    _event(unit, number, "raised", key, after=RAISED, note=note)
    return Raised(int(number), False)


def _number_target(number: int, *args: object, **kwargs: object) -> str:
    return f"conclusion {number}"


@operation("cxo.revisit", target=_number_target)
def revisit(unit: Unit, number: int, meeting_id: str, note: str | None = None) -> None:
    """Meeting ``meeting_id`` revisits open conclusion ``number``."""
    key = meeting_key(unit.connection, meeting_id)
    assert key is not None
    conclusion_row(unit.connection, number)
    _revisit(unit, number, key, (note or "").strip() or None)


@operation("cxo.advance", target=_number_target)
def advance(
    unit: Unit,
    number: int,
    state: str,
    study_group: str | None = None,
    question: str | None = None,
    note: str | None = None,
    meeting_id: str | None = None,
) -> str:
    """Move conclusion ``number`` to ``state`` (under study needs the study group and the
    Question); refused when its lifecycle does not allow it. Its former state."""
    connection = unit.connection
    row = conclusion_row(connection, number)
    if state not in STATES:
        raise CxoError(
            _l("state: '%(value)s' is not one of %(states)s", value=state, states=", ".join(STATES))
        )
    allowed = TRANSITIONS[row.state]
    if state not in allowed:
        raise WrongState(
            _l(
                "state: conclusion %(number)s is %(current)s and cannot become %(state)s "
                "(it may become: %(allowed)s)",
                number=number,
                current=label(STATES, row.state),
                state=label(STATES, state),
                allowed=", ".join(str(label(STATES, s)) for s in allowed)
                or _l("nothing, it is final"),
            )
        )
    key = meeting_key(connection, meeting_id) if meeting_id else None
    values: dict[str, Any] = {"state": state, "changed_at": _now()}
    if state == UNDER_STUDY:
        group = (study_group or "").strip().upper()
        if not STUDY_GROUP.fullmatch(group):
            raise CxoError(
                _l(
                    "study_group: '%(value)s' is not a study group (SG2 … SG21, TSAG, FG-…)",
                    value=study_group or "",
                )
            )
        values["study_group"] = group
        values["question"] = _clean(question, "question", 50)
    connection.execute(update(CxoConclusion).where(CxoConclusion.id == number).values(**values))
    details: dict[str, Any] = {k: values[k] for k in ("study_group", "question") if k in values}
    _event(unit, number, "state", key, row.state, state, note, details or None)
    return row.state


@operation("cxo.link", target=_number_target)
def add_link(
    unit: Unit,
    number: int,
    kind: str,
    reference: str,
    url: str | None = None,
    title: str | None = None,
    note: str | None = None,
) -> None:
    """ITU-T work that took conclusion ``number`` into account (a Question, a work item, a
    Recommendation …, with its address)."""
    connection = unit.connection
    conclusion_row(connection, number)
    if kind not in LINK_KINDS:
        raise CxoError(
            _l("kind: '%(value)s' is not one of %(kinds)s", value=kind, kinds=", ".join(LINK_KINDS))
        )
    reference = _clean(reference, "reference", 200)
    address = (url or "").strip() or None
    if address is not None and not URL.fullmatch(address):
        raise CxoError(_l("url: '%(value)s' is not an http(s) address", value=address[:100]))
    shown = " ".join((title or "").split())[:300] or None
    connection.execute(
        insert(CxoConclusionLink).values(
            conclusion_id=number, kind=kind, reference=reference, url=address, title=shown
        )
    )
    _event(
        unit,
        number,
        "link",
        note=note,
        details={"kind": kind, "reference": reference, "url": address},
    )


def is_final(state: str) -> bool:
    return state in (CLOSED, "dropped")
