"""Fellowship applications: entered one at a time (officers), imported from CSV/XLSX files, or
submitted by applicants in the browser before the call's deadline.

An application file has the columns ``application_id, call_id, person_id, member_id, country``
(required) and ``gender, birth_year, request (full|partial|either), contributions, cost_full,
cost_partial, submitted, motivation, plans``. ``member_id`` is the member the person attends
for (it must be in the store: its country decides eligibility); ``country`` is the person's
nationality. A file is checked whole; any bad row and nothing is written. Re-importing an
application (same ``application_id``) updates it and clears its decision.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError
from sqlalchemy import Connection, insert, select, update

from stdgap.fellowships.limits import AMOUNT_MAX, UNITS_MAX, amount_problem
from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.i18n.translate import N_, LazyText, _, _l
from stdgap.notifications.outbox import notify_user
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.resolver import CountryResolver
from stdgap.store.models import Meeting, Member
from stdgap.store.unit import Unit, operation
from stdgap.tabular.columns import FIRST_BIRTH_YEAR, MIN_AGE, BirthYear, Column, Gender, Text
from stdgap.tabular.errors import ImportFailed, RowError
from stdgap.tabular.typed import read_typed

Request = Literal["full", "partial", "either"]
REQUESTS: tuple[str, ...] = ("full", "partial", "either")


def _amount(value: int) -> int:
    if amount_problem(value):
        raise PydanticCustomError(
            "amount",
            "is not a whole number from 0 to {max} (amounts are stored as 32-bit integers)",
            {"max": f"{AMOUNT_MAX:,}"},
        )
    return value


Amount = Annotated[int, AfterValidator(_amount)]
Contributions = Annotated[int, Field(ge=0, le=UNITS_MAX)]

COLUMNS: dict[str, Column] = {
    "application_id": Column(Text, required=True),
    "call_id": Column(Text, required=True),
    "person_id": Column(Text, required=True),
    "member_id": Column(Text, required=True),
    "country": Column(Text, required=True),
    "gender": Column(Gender, upper=True),
    "birth_year": Column(BirthYear),
    "request": Column(Request, code=True),
    "contributions": Column(Contributions),
    "cost_full": Column(Amount),
    "cost_partial": Column(Amount),
    "submitted": Column(date),
    "motivation": Column(Text),
    "plans": Column(Text),
}

SUBMITTED_SUBJECT = N_("Your fellowship application to %(meeting)s")
SUBMITTED_BODY = N_(
    "Dear %(name)s,\n\nwe received your application %(application)s for a fellowship to "
    "%(meeting)s (%(start)s), attending for %(member)s. Applications close on %(closes)s; you "
    "will hear from us when the fellowships are allocated: your applications and their decisions "
    "are on the page 'My applications' of the observatory (/fellowships/mine)."
)


@dataclass(frozen=True)
class ApplicationInput:
    application_id: str
    call_id: str
    person_id: str
    member_id: str
    country: str  # the applicant's nationality
    gender: str | None = None
    birth_year: int | None = None
    request: str = "either"
    contributions: int = 0
    cost_full: int | None = None
    cost_partial: int | None = None
    submitted: date | None = None
    motivation: str | None = None
    plans: str | None = None


class _Writer:
    """Checks applications against the store and writes them (in the caller's transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.calls = {
            call_id: (pk, allocated)
            for call_id, pk, allocated in connection.execute(
                select(FellowshipCall.call_id, FellowshipCall.id, FellowshipCall.allocated)
            )
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
        self.members = set(connection.execute(select(Member.member_id)).scalars())
        self.resolver = CountryResolver.from_connection(connection)

    def problems(self, app: ApplicationInput) -> list[tuple[str, LazyText]]:
        found: list[tuple[str, LazyText]] = []
        call, allocated = self.calls.get(app.call_id, (None, False))
        if call is None:
            found.append(("call_id", _l("unknown call %(call)r", call=app.call_id)))
        elif allocated:
            found.append(("call_id", _l("call %(call)r is allocated already", call=app.call_id)))
        if app.member_id not in self.members:
            found.append(("member_id", _l("unknown member %(member)r", member=app.member_id)))
        if self.resolver.resolve(app.country) is None:
            found.append(("country", _l("%(country)r is not a known country", country=app.country)))
        for name in ("cost_full", "cost_partial"):
            value = getattr(app, name)
            if value is not None and amount_problem(value):
                found.append(
                    (
                        name,
                        _l(
                            "%(value)s is not a whole number from 0 to %(max)s (amounts are "
                            "stored as 32-bit integers)",
                            value=value,
                            max=f"{AMOUNT_MAX:,}",
                        ),
                    )
                )
        if (
            app.cost_full is not None
            and app.cost_partial is not None
            and app.cost_partial > app.cost_full
        ):
            found.append(
                (
                    "cost_partial",
                    _l(
                        "%(partial)s is more than the full cost, %(full)s",
                        partial=app.cost_partial,
                        full=app.cost_full,
                    ),
                )
            )
        last = date.today().year - MIN_AGE
        if app.birth_year is not None and not FIRST_BIRTH_YEAR <= app.birth_year <= last:
            found.append(
                (
                    "birth_year",
                    _l(
                        "%(value)s is not a plausible year of birth (from %(first)s to %(last)s)",
                        value=app.birth_year,
                        first=FIRST_BIRTH_YEAR,
                        last=last,
                    ),
                )
            )
        if not 0 <= app.contributions <= UNITS_MAX:
            found.append(
                (
                    "contributions",
                    _l(
                        "%(value)s is not a whole number from 0 to %(max)s",
                        value=app.contributions,
                        max=f"{UNITS_MAX:,}",
                    ),
                )
            )
        if app.request not in REQUESTS:
            found.append(
                (
                    "request",
                    _l("%(request)r is not one of full, partial, either", request=app.request),
                )
            )
        holder = self.people.get((call, app.person_id)) if call is not None else None
        if holder is not None and holder != app.application_id:
            found.append(
                (
                    "person_id",
                    _l(
                        "%(person)r already applied to this call (%(holder)s)",
                        person=app.person_id,
                        holder=holder,
                    ),
                )
            )
        return found

    def write(self, app: ApplicationInput, user_id: int | None = None) -> None:
        values: dict[str, Any] = asdict(app)
        call = self.calls[values.pop("call_id")][0]
        values.update(
            call_id=call,
            person_ref=values.pop("person_id"),
            member_ref=values.pop("member_id"),
            country=self.resolver.resolve(app.country),
            decision=None,
            value=None,
            reason=None,
            rule=None,
            explanation=None,
            decided_at=None,
        )
        if user_id is not None:
            values["user_id"] = user_id
        found = self.existing.get(app.application_id)
        table = FellowshipApplication
        if found is None:
            self.connection.execute(insert(table).values(**values))
        else:
            self.connection.execute(update(table).where(table.id == found[0]).values(**values))
        self.existing[app.application_id] = (found[0] if found else -1, call, app.person_id)
        self.people[(call, app.person_id)] = app.application_id


#: The applicant's form's fields, as its labels say them (the applicant's errors name them so).
LABELS = {
    "member_id": N_("The member you attend for"),
    "country": N_("Your nationality"),
    "request": N_("You ask for"),
    "contributions": N_("Written contributions you plan to bring"),
    "birth_year": N_("Year of birth"),
    "call_id": N_("The call"),
    "person_id": N_("You"),
}


def _refuse(
    problems: list[tuple[str, LazyText]], labels: dict[str, str] | None = None
) -> ProgrammeError:
    named = labels or {}
    return ProgrammeError(
        "; ".join(
            f"{_(named[column]) if column in named else column}: {message}"
            for column, message in problems
        )
    )


@operation("fellowships.apply", target=lambda app: app.application_id)
def add_application(unit: Unit, app: ApplicationInput) -> None:
    """Enter one application (or update it when its id exists)."""
    writer = _Writer(unit.connection)
    problems = writer.problems(app)
    if problems:
        raise _refuse(problems)
    writer.write(app)


@dataclass(frozen=True)
class Submission:
    """What an applicant fills in: the member they attend for, their nationality, what they ask
    for, the contributions they plan and why they apply."""

    member_id: str
    country: str
    request: str = "either"
    contributions: int = 0
    plans: str | None = None
    motivation: str | None = None
    gender: str | None = None
    birth_year: int | None = None


#: The longest application id (the column's size).
ID_MAX = 100


def application_id(call_id: str, user_name: str, user_id: int) -> str:
    """The id of an applicant's application to a call (one per applicant and call): the call's
    id, '/' and the user's name, or '/#' and the user's number when that is too long (a name
    never has '#'); never cut short, so never another applicant's."""
    named = f"{call_id}/{user_name}"
    if len(named) <= ID_MAX:
        return named
    numbered = f"{call_id}/#{user_id}"
    if len(numbered) <= ID_MAX:
        return numbered
    raise ProgrammeError(
        _l("the call id %(call)r is too long to apply to: ask the officers", call=call_id)
    )


def member_of(connection: Connection, text: str) -> str:
    """The member id that ``text`` names: a member's id, or the name of exactly one member
    (case and spaces aside); else ``text`` as it is (refused later as unknown) unless it names
    several, which :class:`ProgrammeError` lists."""
    text = text.strip()
    rows = connection.execute(select(Member.member_id, Member.name)).all()
    if any(member == text for member, _name in rows):
        return text
    wanted = " ".join(text.split()).casefold()
    named = sorted(member for member, name in rows if " ".join(name.split()).casefold() == wanted)
    if len(named) == 1:
        return named[0]
    if named:
        raise ProgrammeError(
            _l(
                "The member you attend for: %(text)r names several members (%(ids)s): choose "
                "one of them",
                text=text,
                ids=", ".join(named),
            )
        )
    return text


@operation(
    "fellowships.submit", target=lambda call_id, user_id, user_name, form, today=None: call_id
)
def submit(
    unit: Unit,
    call_id: str,
    user_id: int,
    user_name: str,
    form: Submission,
    today: date | None = None,
) -> str:
    """An applicant's application to ``call_id`` (made, or changed until the deadline); the
    applicant is told by e-mail (queued in the same transaction). The application's id."""
    connection = unit.connection
    call = connection.execute(
        select(FellowshipCall.closes, FellowshipCall.allocated, Meeting.meeting_id, Meeting.start)
        .join(Meeting, Meeting.id == FellowshipCall.meeting_id)
        .where(FellowshipCall.call_id == call_id)
    ).first()
    if call is None:
        raise ProgrammeError(_l("unknown call %(call)r", call=call_id))
    day = today or date.today()
    if call.allocated:
        raise ProgrammeError(
            _l("the call %(call)s is allocated: its decisions are made", call=call_id)
        )
    if call.closes is not None and day > call.closes:
        raise ProgrammeError(
            _l(
                "the call %(call)s closed on %(closes)s",
                call=call_id,
                closes=call.closes.isoformat(),
            )
        )
    if form.motivation is not None and len(form.motivation) > 5000:
        raise ProgrammeError(_l("motivation: at most 5,000 characters"))
    if form.plans is not None and len(form.plans) > 5000:
        raise ProgrammeError(_l("contributions planned: at most 5,000 characters"))
    if form.contributions < 0 or form.contributions > 1000:
        raise ProgrammeError(_l("contributions: a whole number from 0 to 1,000"))
    identifier = application_id(call_id, user_name, user_id)
    holder = connection.execute(
        select(FellowshipApplication.user_id, FellowshipApplication.person_ref).where(
            FellowshipApplication.application_id == identifier
        )
    ).first()
    if holder is not None and (holder.user_id != user_id or holder.person_ref != user_name):
        raise ProgrammeError(
            _l(
                "the application %(application)s belongs to someone else: nothing was changed",
                application=identifier,
            )
        )
    entry = ApplicationInput(
        identifier,
        call_id,
        user_name,
        member_of(connection, form.member_id),
        form.country.strip(),
        form.gender,
        form.birth_year,
        form.request,
        form.contributions,
        None,
        None,
        day,
        (form.motivation or "").strip() or None,
        (form.plans or "").strip() or None,
    )
    writer = _Writer(connection)
    problems = writer.problems(entry)
    if problems:
        raise _refuse(problems, LABELS)
    writer.write(entry, user_id)
    unit.details["application"] = identifier
    member = connection.execute(
        select(Member.name).where(Member.member_id == entry.member_id)
    ).scalar_one()
    notify_user(
        unit,
        user_id,
        "fellowship.submitted",
        SUBMITTED_SUBJECT,
        SUBMITTED_BODY,
        application=identifier,
        meeting=call.meeting_id,
        start=call.start.isoformat(),
        member=member,
        closes=call.closes.isoformat() if call.closes else "-",
    )
    return identifier


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
                table.error(line, column, str(message))
            if not problems:
                ready.append(app)
                call = writer.calls[app.call_id][0]
                writer.people[(call, app.person_id)] = app.application_id
        errors.extend(table.errors)
    if errors:
        raise ImportFailed(errors)
    for app in ready:
        writer.write(app)
    return len(ready)
