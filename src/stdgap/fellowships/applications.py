"""Fellowship calls and applications: entered one at a time or imported from CSV/XLSX files.

An application file has the columns ``application_id, call_id, person_id, member_id, country``
(required) and ``gender, birth_year, request (full|partial|either), contributions, cost_full,
cost_partial, submitted``. A file is checked whole; any bad row and nothing is written.
Re-importing an application (same ``application_id``) updates it and clears its decision.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field
from sqlalchemy import Connection, insert, select, update

from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.resolver import CountryResolver
from stdgap.store.models import Meeting
from stdgap.store.unit import Unit, operation
from stdgap.tabular.columns import BirthYear, Column, Gender, Text
from stdgap.tabular.errors import ImportFailed, RowError
from stdgap.tabular.typed import read_typed

Request = Literal["full", "partial", "either"]
Amount = Annotated[int, Field(ge=0)]

COLUMNS: dict[str, Column] = {
    "application_id": Column(Text, required=True),
    "call_id": Column(Text, required=True),
    "person_id": Column(Text, required=True),
    "member_id": Column(Text, required=True),
    "country": Column(Text, required=True),
    "gender": Column(Gender, upper=True),
    "birth_year": Column(BirthYear),
    "request": Column(Request, code=True),
    "contributions": Column(Amount),
    "cost_full": Column(Amount),
    "cost_partial": Column(Amount),
    "submitted": Column(date),
}


@dataclass(frozen=True)
class ApplicationInput:
    application_id: str
    call_id: str
    person_id: str
    member_id: str
    country: str
    gender: str | None = None
    birth_year: int | None = None
    request: str = "either"
    contributions: int = 0
    cost_full: int | None = None
    cost_partial: int | None = None
    submitted: date | None = None


@operation("fellowships.call")
def add_call(
    unit: Unit,
    call_id: str,
    meeting: str,
    budget: int,
    full_cost: int,
    partial_cost: int,
    closes: date | None = None,
    rule_set: str = "default",
) -> None:
    """Open a call for fellowships to ``meeting`` (its source id) with a budget and unit costs."""
    if min(budget, full_cost, partial_cost) < 0:
        raise ProgrammeError("budget and costs cannot be negative")
    connection = unit.connection
    meeting_pk = connection.execute(
        select(Meeting.id).where(Meeting.meeting_id == meeting)
    ).scalar_one_or_none()
    if meeting_pk is None:
        raise ProgrammeError(f"unknown meeting '{meeting}'")
    if _call_pk(connection, call_id) is not None:
        raise ProgrammeError(f"call '{call_id}' already exists")
    connection.execute(
        insert(FellowshipCall).values(
            call_id=call_id,
            meeting_id=meeting_pk,
            budget=budget,
            full_cost=full_cost,
            partial_cost=partial_cost,
            closes=closes,
            rule_set=rule_set,
            allocated=False,
            attendance_recorded=False,
        )
    )


def _call_pk(connection: Connection, call_id: str) -> int | None:
    return connection.execute(
        select(FellowshipCall.id).where(FellowshipCall.call_id == call_id)
    ).scalar_one_or_none()


class _Writer:
    """Checks applications against the store and writes them (in the caller's transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.calls = {
            call_id: pk
            for call_id, pk in connection.execute(select(FellowshipCall.call_id, FellowshipCall.id))
        }
        self.existing = {
            app_id: (pk, call, person)
            for app_id, pk, call, person in connection.execute(
                select(
                    FellowshipApplication.application_id,
                    FellowshipApplication.id,
                    FellowshipApplication.call_id,
                    FellowshipApplication.person_ref,
                )
            )
        }
        self.people = {(call, person): app for app, (_pk, call, person) in self.existing.items()}
        self.resolver = CountryResolver.from_connection(connection)

    def problems(self, app: ApplicationInput) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        call = self.calls.get(app.call_id)
        if call is None:
            found.append(("call_id", f"unknown call '{app.call_id}'"))
        if self.resolver.resolve(app.country) is None:
            found.append(("country", f"'{app.country}' is not a known country"))
        if app.request not in ("full", "partial", "either"):
            found.append(("request", f"'{app.request}' is not one of full, partial, either"))
        holder = self.people.get((call, app.person_id)) if call is not None else None
        if holder is not None and holder != app.application_id:
            found.append(
                ("person_id", f"'{app.person_id}' already applied to this call ({holder})")
            )
        return found

    def write(self, app: ApplicationInput) -> None:
        values: dict[str, Any] = asdict(app)
        call = self.calls[values.pop("call_id")]
        values.update(
            call_id=call,
            person_ref=values.pop("person_id"),
            member_ref=values.pop("member_id"),
            country=self.resolver.resolve(app.country),
            decision=None,
            value=None,
            reason=None,
        )
        found = self.existing.get(app.application_id)
        table = FellowshipApplication
        if found is None:
            self.connection.execute(insert(table).values(**values))
        else:
            self.connection.execute(update(table).where(table.id == found[0]).values(**values))
        self.existing[app.application_id] = (found[0] if found else -1, call, app.person_id)
        self.people[(call, app.person_id)] = app.application_id


@operation("fellowships.apply", target=lambda app: app.application_id)
def add_application(unit: Unit, app: ApplicationInput) -> None:
    """Enter one application (or update it when its id exists)."""
    writer = _Writer(unit.connection)
    problems = writer.problems(app)
    if problems:
        raise ProgrammeError("; ".join(f"{column}: {message}" for column, message in problems))
    writer.write(app)


@operation("fellowships.import", target=lambda paths: ", ".join(str(path) for path in paths))
def import_applications(unit: Unit, paths: list[Path]) -> int:
    """Import application files in one transaction; :class:`ImportFailed` lists bad rows."""
    writer = _Writer(unit.connection)
    errors: list[RowError] = []
    ready: list[ApplicationInput] = []
    seen: dict[str, str] = {}
    for path in paths:
        table = read_typed(path, COLUMNS)
        bad_lines = {error.line for error in table.errors}
        for line, values in table.rows:
            app_id = values.get("application_id")
            first = seen.get(app_id) if app_id else None
            if first is not None:
                table.error(line, "application_id", f"'{app_id}' appears twice (first at {first})")
                continue
            if app_id:
                seen[app_id] = f"{table.label}:{line}"
            if line in bad_lines:
                continue
            app = ApplicationInput(**values)
            problems = writer.problems(app)
            for column, message in problems:
                table.error(line, column, message)
            if not problems:
                ready.append(app)
                writer.people[(writer.calls[app.call_id], app.person_id)] = app.application_id
        errors.extend(table.errors)
    if errors:
        raise ImportFailed(errors)
    for app in ready:
        writer.write(app)
    return len(ready)
