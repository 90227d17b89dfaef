"""Finding a CxO meeting or a conclusion by what users call them (the meeting's id in the
registry, the conclusion's number), inside a write or a read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from stdgap.cxo.errors import Unknown
from stdgap.cxo.models import CxoConclusion, CxoMeeting
from stdgap.i18n.translate import _l
from stdgap.store.keys import storable
from stdgap.store.models import Meeting


@dataclass(frozen=True)
class MeetingKey:
    pk: int  # cxo_meetings.id
    meeting_pk: int  # meetings.id
    meeting_id: str
    start: date


def meeting_key(connection: Connection, meeting_id: str, must: bool = True) -> MeetingKey | None:
    """The CxO meeting whose registry id is ``meeting_id`` (an :class:`Unknown` refusal, or
    None when not ``must``)."""
    row = connection.execute(
        select(CxoMeeting.id, Meeting.id, Meeting.meeting_id, Meeting.start)
        .join(Meeting, Meeting.id == CxoMeeting.meeting_id)
        .where(Meeting.meeting_id == meeting_id)
    ).first()
    if row is None:
        if must:
            raise Unknown(_l("no CxO meeting '%(meeting)s'", meeting=meeting_id))
        return None
    return MeetingKey(row[0], row[1], row[2], row[3])


def conclusion_row(connection: Connection, number: int) -> CxoConclusionRow:
    if not storable(number):
        raise Unknown(_l("no conclusion %(number)s", number=number))
    row = connection.execute(
        select(
            CxoConclusion.id,
            CxoConclusion.topic,
            CxoConclusion.state,
            CxoConclusion.study_group,
            CxoConclusion.question,
        ).where(CxoConclusion.id == number)
    ).first()
    if row is None:
        raise Unknown(_l("no conclusion %(number)s", number=number))
    return CxoConclusionRow(row[0], row[1], row[2], row[3], row[4])


@dataclass(frozen=True)
class CxoConclusionRow:
    id: int
    topic: str
    state: str
    study_group: str | None
    question: str | None
