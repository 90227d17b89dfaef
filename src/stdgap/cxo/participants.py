"""Who came to a CxO meeting: participants one by one (a form) or from a CSV/XLSX list (every
row checked; any bad row and nothing is written, each error naming file, line, column and
value). Participants who are persons of the registry attending for a member are also written as
attendance through the import pipeline, so the participation indicators and the annual report
count them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from stdgap.cxo.errors import CxoError
from stdgap.cxo.lookup import MeetingKey, meeting_key
from stdgap.cxo.models import CxoParticipant
from stdgap.cxo.vocabulary import LEVELS, MODES, SIZES
from stdgap.i18n.translate import _l
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.reference.resolver import CountryResolver
from stdgap.store.models import Member, Person
from stdgap.store.unit import Unit, operation
from stdgap.tabular.errors import ImportFailed, RowError
from stdgap.tabular.files import open_table
from stdgap.tabular.text import control_character

COLUMNS = ("name", "organisation", "size", "country", "level", "mode", "member_id", "person_id")
REQUIRED = ("name", "organisation", "level")
ATTENDANCE_HEADER = ["meeting_id", "person_id", "member_id", "mode"]
#: Other ways lists write the vocabularies' values.
_SPELLINGS: dict[str, dict[str, str]] = {
    "size": {
        "micro": "micro",
        "micro enterprise": "micro",
        "microenterprise": "micro",
        "sme": "sme",
        "small": "sme",
        "medium": "sme",
        "small or medium enterprise": "sme",
        "large": "large",
        "large enterprise": "large",
        "large organisation": "large",
    },
    "level": {
        "cto": "cto",
        "chief technology officer": "cto",
        "cxo": "cxo",
        "ceo": "cxo",
        "cio": "cxo",
        "cso": "cxo",
        "alternate": "alternate",
        "deputy": "alternate",
        "alternate or deputy": "alternate",
        "other": "other",
    },
    "mode": {
        "in_person": "in_person",
        "in person": "in_person",
        "on site": "in_person",
        "remote": "remote",
        "virtual": "remote",
        "online": "remote",
    },
}
_CHOICES = {"size": SIZES, "level": LEVELS, "mode": MODES}


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    organisation: str
    level: str
    size: str | None = None
    country: str | None = None
    mode: str = "in_person"
    member_id: str | None = None
    person_id: str | None = None


@dataclass
class _Checker:
    """Checks participants' values against the store (countries, members, people)."""

    connection: Connection
    resolver: CountryResolver
    members: dict[str, int]
    people: dict[str, int]

    @classmethod
    def of(cls, connection: Connection) -> _Checker:
        return cls(
            connection,
            CountryResolver.from_connection(connection),
            {code: pk for pk, code in connection.execute(select(Member.id, Member.member_id))},
            {code: pk for pk, code in connection.execute(select(Person.id, Person.person_id))},
        )

    def check(self, values: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
        """The row to write and the problems found, each (column, message)."""
        problems: list[tuple[str, Any]] = []
        row: dict[str, Any] = {}
        refused = set()
        for column in COLUMNS:  # NUL and the like: refused on every backend, the value shown
            char = control_character(values.get(column))
            if char is not None:
                refused.add(column)
                problems.append(
                    (
                        column,
                        _l(
                            "%(value)r holds a control character (%(char)s)",
                            value=values[column][:60],
                            char=char,
                        ),
                    )
                )
        if refused:
            values = {k: ("" if k in refused else v) for k, v in values.items()}
        for column in ("name", "organisation"):
            text = " ".join(values.get(column, "").split())
            if not text:
                if column not in refused:
                    problems.append((column, _l("a value is required")))
            elif len(text) > 300:
                problems.append(
                    (
                        column,
                        _l("'%(value)s…' is too long (at most 300 characters)", value=text[:40]),
                    )
                )
            row[column] = text
        for column in ("size", "level", "mode"):
            text = " ".join(values.get(column, "").split())
            if not text:
                if column == "level" and column not in refused:
                    problems.append((column, _l("a value is required")))
                row[column] = "in_person" if column == "mode" else None
                continue
            found = _SPELLINGS[column].get(text.lower().replace("-", " ").replace("_", " "))
            found = found or _SPELLINGS[column].get(text.lower())
            if found is None:
                problems.append(
                    (
                        column,
                        _l(
                            "'%(value)s' is not one of %(choices)s",
                            value=text,
                            choices=", ".join(_CHOICES[column]),
                        ),
                    )
                )
            row[column] = found
        country = values.get("country", "").strip()
        row["country"] = None
        if country:
            row["country"] = self.resolver.resolve(country)
            if row["country"] is None:
                problems.append(
                    ("country", _l("'%(value)s' is not a known country", value=country))
                )
        member = values.get("member_id", "").strip()
        person = values.get("person_id", "").strip()
        row["member_id"] = row["person_id"] = None
        row["member_ref"], row["person_ref"] = member or None, person or None
        if member:
            row["member_id"] = self.members.get(member)
            if row["member_id"] is None:
                problems.append(
                    ("member_id", _l("'%(value)s' is not a member of the store", value=member))
                )
        if person:
            row["person_id"] = self.people.get(person)
            if row["person_id"] is None:
                problems.append(
                    ("person_id", _l("'%(value)s' is not a person of the store", value=person))
                )
            elif not member:
                problems.append(
                    ("member_id", _l("a person of the store attends for a member: give member_id"))
                )
        return row, problems


def _write(unit: Unit, key: MeetingKey, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert or update (same name and organisation) the participants; their attendance."""
    connection = unit.connection
    counts = {"inserted": 0, "updated": 0, "attendance": 0}
    attendance: list[dict[str, str]] = []
    for row in rows:
        values = {k: v for k, v in row.items() if not k.endswith("_ref")}
        found = connection.execute(
            select(CxoParticipant.id).where(
                CxoParticipant.cxo_meeting_id == key.pk,
                CxoParticipant.name == row["name"],
                CxoParticipant.organisation == row["organisation"],
            )
        ).scalar()
        if found is None:
            connection.execute(insert(CxoParticipant).values(cxo_meeting_id=key.pk, **values))
            counts["inserted"] += 1
        else:
            connection.execute(
                update(CxoParticipant).where(CxoParticipant.id == found).values(**values)
            )
            counts["updated"] += 1
        if row["person_ref"] and row["member_ref"]:
            attendance.append(
                {
                    "meeting_id": key.meeting_id,
                    "person_id": row["person_ref"],
                    "member_id": row["member_ref"],
                    "mode": row["mode"],
                }
            )
    if attendance:
        label = f"cxo:{key.meeting_id}:attendance"
        run_import(unit, [Source.from_rows(label, "attendance", ATTENDANCE_HEADER, attendance)])
        counts["attendance"] = len(attendance)
    return counts


def _meeting_target(meeting_id: str, *args: object, **kwargs: object) -> str:
    return meeting_id


@operation("cxo.participants", target=_meeting_target)
def add_participants(
    unit: Unit, meeting_id: str, participants: list[ParticipantInput]
) -> dict[str, int]:
    """Record participants of a meeting (the same name and organisation again: updated); a
    refusal naming the field and the value of the first bad one, and nothing written."""
    key = meeting_key(unit.connection, meeting_id)
    assert key is not None
    checker = _Checker.of(unit.connection)
    rows = []
    for number, participant in enumerate(participants, start=1):
        values = {name: str(getattr(participant, name) or "") for name in COLUMNS}
        row, problems = checker.check(values)
        if problems:
            column, message = problems[0]
            where = f" ({number})" if len(participants) > 1 else ""
            raise CxoError(
                _l("%(field)s%(where)s: %(reason)s", field=column, where=where, reason=message)
            )
        rows.append(row)
    return _write(unit, key, rows)


def read_participants(
    connection: Connection, path: Path, label: str | None = None
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """The participants of a CSV/XLSX list, checked; the errors ``FILE:LINE: column: message``."""
    table = open_table(path, label)
    name = label or str(path)
    errors: list[RowError] = []
    index = {column: position for position, column in enumerate(table.header) if column in COLUMNS}
    missing = [column for column in REQUIRED if column not in index]
    for column in missing:
        errors.append(
            RowError(
                name,
                table.header_line,
                column,
                f"required column '{column}' is missing from the header",
            )
        )
    checker = _Checker.of(connection)
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        if missing:  # read to the end all the same (the file is closed there)
            continue
        values = {
            column: (cells[position] if position < len(cells) else "")
            for column, position in index.items()
            if (line, position) not in table.unreadable
        }
        row, problems = checker.check(values)
        for column, message in problems:
            errors.append(RowError(name, line, column, str(message)))
        pair = (row["name"], row["organisation"])
        if not problems and pair in seen:
            errors.append(
                RowError(
                    name,
                    line,
                    "name",
                    f"'{row['name']}' of '{row['organisation']}' is on line {seen[pair]} already",
                )
            )
        seen.setdefault(pair, line)
        rows.append(row)
    errors.extend(table.take_problems())
    return rows, errors


@operation(
    "cxo.import", target=lambda meeting_id, path, label=None: f"{meeting_id}: {label or path}"
)
def import_participants(
    unit: Unit, meeting_id: str, path: Path, label: str | None = None
) -> dict[str, int]:
    """Import a meeting's participant list (CSV/XLSX; columns name, organisation, size,
    country, level, mode, member_id, person_id): all rows or none."""
    key = meeting_key(unit.connection, meeting_id)
    assert key is not None
    rows, errors = read_participants(unit.connection, path, label)
    if errors:
        raise ImportFailed(errors)
    return _write(unit, key, rows)
