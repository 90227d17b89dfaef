"""What people did after a date: meetings attended, their delegations' contributions there,
leadership roles taken. Used by the fellowships' and the mentorship's follow-up reports.

Contributions are recorded per member (delegation), not per author: a person "contributed" at a
later meeting when the member they attended it for is a source of a contribution to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, and_, func, select

from stdgap.store.models import Attendance, Contribution, ContributionSource, Meeting, Person, Role


@dataclass(frozen=True)
class Later:
    meetings: int
    contributions: int
    roles: int


def later_participation(
    connection: Connection, since: dict[str, date], chunk: int = 500
) -> dict[str, Later]:
    """For each person (source id) in ``since``: what they did strictly after the date."""
    found: dict[str, Later] = {}
    refs = sorted(since)
    for start in range(0, len(refs), chunk):
        part = refs[start : start + chunk]
        query = select(Person.id, Person.person_id).where(Person.person_id.in_(part))
        pks: dict[int, str] = {pk: ref for pk, ref in connection.execute(query)}
        meetings: dict[int, set[int]] = defaultdict(set)
        contributions: dict[int, set[int]] = defaultdict(set)
        roles: dict[int, int] = defaultdict(int)
        attended = (
            select(Attendance.person_id, Attendance.meeting_id, Attendance.member_id, Meeting.start)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.person_id.in_(list(pks)))
        )
        visits: list[tuple[int, int, int]] = []
        for person, meeting, member, held in connection.execute(attended):
            if held > since[pks[person]]:
                meetings[person].add(meeting)
                visits.append((person, meeting, member))
        if visits:
            pairs = {(meeting, member) for _p, meeting, member in visits}
            docs = (
                select(Contribution.id, Contribution.meeting_id, ContributionSource.member_id)
                .join(ContributionSource, ContributionSource.contribution_id == Contribution.id)
                .where(Contribution.meeting_id.in_({meeting for meeting, _m in pairs}))
            )
            by_pair: dict[tuple[int, int], set[int]] = defaultdict(set)
            for doc, meeting, member in connection.execute(docs):
                if (meeting, member) in pairs:
                    by_pair[(meeting, member)].add(doc)
            for person, meeting, member in visits:
                contributions[person] |= by_pair.get((meeting, member), set())
        role_query = (
            select(Role.person_id, Role.start, func.count())
            .where(and_(Role.person_id.in_(list(pks))))
            .group_by(Role.person_id, Role.start)
        )
        for person, role_start, count in connection.execute(role_query):
            if role_start > since[pks[person]]:
                roles[person] += count
        for pk, ref in pks.items():
            found[ref] = Later(len(meetings[pk]), len(contributions[pk]), roles[pk])
    for ref in refs:
        found.setdefault(ref, Later(0, 0, 0))
    return found
