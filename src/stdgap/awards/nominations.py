"""Nominating in the browser: a signed-in user nominates a person of the store (chosen from a
searchable list) or someone the store does not hold (a name, a country and, if any, their
member), with a statement, before the call's deadline. The nominator and, given an address,
the nominee are told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, func, insert, select

from stdgap.accounts.contact import valid_address
from stdgap.accounts.models import User
from stdgap.awards import checks, messages, people
from stdgap.awards.calldata import load
from stdgap.awards.errors import TooManyNominations, WrongState
from stdgap.awards.models import NOMINATING, AwardNomination
from stdgap.i18n.translate import _l
from stdgap.notifications.outbox import notify_address, notify_user
from stdgap.permissions import role_may
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.names import name_key
from stdgap.reference.resolver import CountryResolver
from stdgap.store.models import Member
from stdgap.store.unit import Unit, operation

#: The longest statement a nomination may carry.
STATEMENT_LENGTH = 5000
#: The most nominations one user makes for a call (who manages the calls is not held to it:
#: they enter the nominations received otherwise). Each may e-mail an address the nominator
#: gives, so the service cannot be made to write to many.
NOMINATIONS_PER_NOMINATOR = 5


@dataclass(frozen=True)
class NominationInput:
    """What the form says: ``person`` (of the store), or ``name`` and ``country`` (and
    ``member``) for someone the store does not hold; the statement; the nominee's address."""

    statement: str
    person: str | None = None
    name: str | None = None
    country: str | None = None
    member: str | None = None
    birth_year: int | None = None
    email: str | None = None


@dataclass(frozen=True)
class _Nominee:
    ref: str
    name: str
    country: str | None
    member: str | None
    birth_year: int | None
    gender: str | None


def _from_store(connection: Connection, entry: NominationInput) -> _Nominee:
    assert entry.person is not None
    found = people.find(connection, entry.person)
    if found is None:
        raise ProgrammeError(_l("no person %(person)r in the store", person=entry.person))
    name = " ".join((entry.name or "").split()) or found.name
    if len(name) > 300:
        raise ProgrammeError(_l("give the nominee's name (up to 300 characters)"))
    if name == found.person_id and entry.email:
        raise ProgrammeError(
            _l(
                "the store holds no name for %(person)s: give the nominee's name, to address "
                "the e-mail to them",
                person=found.person_id,
            )
        )
    birth_year = checks.stored_birth_year(entry.birth_year, found.birth_year, found.person_id)
    return _Nominee(found.person_id, name, found.country, found.member, birth_year, found.gender)


def _from_form(connection: Connection, entry: NominationInput) -> _Nominee:
    name = " ".join((entry.name or "").split())
    if not name or len(name) > 300:
        raise ProgrammeError(
            _l("give the nominee's name (up to 300 characters) or choose a person")
        )
    if not entry.country:
        raise ProgrammeError(_l("give the nominee's country"))
    country = CountryResolver.from_connection(connection).resolve(entry.country)
    if country is None:
        raise ProgrammeError(_l("%(country)r is not a known country", country=entry.country))
    member = (entry.member or "").strip() or None
    if (
        member
        and connection.execute(select(Member.id).where(Member.member_id == member)).first() is None
    ):
        raise ProgrammeError(_l("no member %(member)r in the store", member=member))
    birth_year = checks.birth_year(entry.birth_year)
    return _Nominee(f"~{name_key(name)}|{country}", name, country, member, birth_year, None)


def _next_id(connection: Connection, call_id: str, pk: int) -> str:
    count = connection.execute(
        select(func.count()).select_from(AwardNomination).where(AwardNomination.call_id == pk)
    ).scalar_one()
    number = count + 1
    while True:
        candidate = f"{call_id}-N{number:03d}"
        taken = connection.execute(
            select(AwardNomination.id).where(AwardNomination.nomination_id == candidate)
        ).first()
        if taken is None:
            return candidate
        number += 1


@operation("awards.submit_nomination")
def submit_nomination(unit: Unit, call_id: str, nominator: str, entry: NominationInput) -> str:
    """Record the nomination of the user ``nominator``; its id. Refused after the deadline or
    once scoring opens, for a nominee already nominated, or without a statement."""
    connection = unit.connection
    data = load(connection, call_id)
    call = data.call
    if call.status != NOMINATING or date.today() > call.closes:
        raise WrongState(
            _l(
                "nominations for %(call)s closed on %(date)s",
                call=call_id,
                date=call.closes.isoformat(),
            )
        )
    statement = entry.statement.strip()
    if not statement or len(statement) > STATEMENT_LENGTH:
        raise ProgrammeError(
            _l(
                "a nomination needs a statement (up to %(count)s characters)",
                count=STATEMENT_LENGTH,
            )
        )
    email = (entry.email or "").strip() or None
    if email is not None and not valid_address(email):
        raise ProgrammeError(_l("%(address)r is not an e-mail address", address=email))
    nominee = _from_store(connection, entry) if entry.person else _from_form(connection, entry)
    if any(n.nominee_ref == nominee.ref for n in data.nominations.values()):
        raise ProgrammeError(
            _l("%(nominee)s is already nominated for %(call)s", nominee=nominee.name, call=call_id)
        )
    account = connection.execute(
        select(User.id, User.role).where(User.name == nominator)
    ).one_or_none()
    user = account.id if account is not None else None
    limited = account is None or not role_may(account.role, "awards.manage")
    made = sum(1 for n in data.nominations.values() if n.nominated_by == nominator)
    if limited and made >= NOMINATIONS_PER_NOMINATOR:
        raise TooManyNominations(
            _l(
                "you have made %(count)s nominations for %(call)s: at most %(most)s nominations "
                "by one nominator per call",
                count=made,
                call=call_id,
                most=NOMINATIONS_PER_NOMINATOR,
            )
        )
    nomination_id = _next_id(connection, call_id, data.pk)
    connection.execute(
        insert(AwardNomination).values(
            nomination_id=nomination_id,
            call_id=data.pk,
            nominee_ref=nominee.ref,
            nominee_name=nominee.name,
            nominee_email=email,
            member_ref=nominee.member,
            country=nominee.country,
            gender=nominee.gender,
            birth_year=nominee.birth_year,
            nominated_by=nominator,
            nominator_user_id=user,
            statement=statement,
            received_at=datetime.now().replace(microsecond=0),
        )
    )
    params = {
        "award": call.name,
        "nominee": nominee.name,
        "nomination": nomination_id,
        "deadline": call.closes.isoformat(),
    }
    if user is not None:
        kind, subject, body = messages.NOMINATION_RECEIVED
        notify_user(unit, user, kind, subject, body, **params)
    if email is not None:
        kind, subject, body = messages.NOMINATED
        notify_address(
            unit,
            email,
            nominee.name,
            None,
            kind,
            subject,
            body,
            **params,
            name=nominee.name,
            nominator=nominator,
        )
    return nomination_id
