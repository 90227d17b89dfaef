"""What one import carries from file to file: the connection, id maps, errors and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, func, select

from stdgap.ingest.looked_up_ids import LookedUpIds
from stdgap.ingest.validate import ParsedRow
from stdgap.ingest.writer import BackgroundWriter
from stdgap.reference.resolver import CountryResolver
from stdgap.store.models import Group, Meeting, Member, Person
from stdgap.tabular.errors import RowError

#: A store with more people than this has their ids looked up as an import meets them
#: (:class:`LookedUpIds`); a smaller one has them loaded whole at the start.
LOAD_WHOLE_PEOPLE = 50_000


@dataclass
class IdMaps:
    """Source id → store id for the tables that other files refer to."""

    members: dict[str, int]
    people: MutableMapping[str, int]
    meetings: dict[str, int]
    meeting_starts: dict[str, date]
    groups: dict[str, int]

    @classmethod
    def load(cls, connection: Connection, before_query: Callable[[], None]) -> IdMaps:
        """The maps of the store on ``connection`` (``before_query``: called before a later
        lookup of people uses the connection)."""
        members = dict(connection.execute(select(Member.member_id, Member.id)).all())
        people: MutableMapping[str, int]
        largest = connection.execute(select(func.max(Person.id))).scalar_one_or_none() or 0
        if largest > LOAD_WHOLE_PEOPLE:  # the largest id bounds the count, and costs nothing
            people = LookedUpIds(connection, Person.person_id, Person.id, before_query)
        else:
            people = dict(connection.execute(select(Person.person_id, Person.id)).all())
        meetings: dict[str, int] = {}
        starts: dict[str, date] = {}
        for meeting_id, pk, start in connection.execute(
            select(Meeting.meeting_id, Meeting.id, Meeting.start)
        ):
            meetings[meeting_id] = pk
            starts[meeting_id] = start
        groups = dict(connection.execute(select(Group.code, Group.id)).all())
        return cls(members, people, meetings, starts, groups)

    def fetch(self, batch: Iterable[ParsedRow]) -> None:
        """Look up at once the people ``batch`` refers to (when they are looked up)."""
        if isinstance(self.people, LookedUpIds):
            self.people.fetch(values.get("person_id") for _line, values, _extras in batch)


@dataclass
class KindCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged


@dataclass
class ImportContext:
    connection: Connection
    maps: IdMaps
    countries: CountryResolver
    writer: BackgroundWriter
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=dict)
    rows_read: Counter[str] = field(default_factory=Counter)
    _last_placeholder: int = 0

    def placeholder_id(self) -> int:
        """A distinct negative id for a row declared in this import but not written (because
        errors stopped the writing), so that later files can still be checked against it."""
        self._last_placeholder -= 1
        return self._last_placeholder

    @property
    def writing(self) -> bool:
        """Rows are written only while no error has been found."""
        return not self.errors

    def counts_for(self, kind: str) -> KindCounts:
        return self.counts.setdefault(kind, KindCounts())

    def error(self, label: str, line: int, column: str, message: str) -> None:
        self.errors.append(RowError(label, line, column, message))

    def country(self, label: str, line: int, column: str, value: str | None) -> str | None:
        """The alpha-3 code of ``value``; records an error and returns None when unknown."""
        if value is None:
            return None
        found = self.countries.resolve(value)
        if found is None:
            self.error(label, line, column, f"unknown country '{value}'")
        return found
