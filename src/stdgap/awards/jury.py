"""The jury's writes: appointing users as jurors, opening the scoring, a juror declaring a
conflict of interest and scoring a nomination (refused for a nominee the juror is in conflict
with, declared or found), publishing the results. Each queues the e-mails it causes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Row, insert, select, update

from stdgap.accounts.models import User
from stdgap.awards import messages
from stdgap.awards.calldata import CallData, load
from stdgap.awards.errors import ConflictOfInterest, NotAJuror, WrongState
from stdgap.awards.models import (
    CONFLICT_KINDS,
    NOMINATING,
    PUBLISHED,
    SCORING,
    AwardCall,
    AwardJuror,
)
from stdgap.awards.operations import declare_conflict
from stdgap.i18n.translate import Message, _l
from stdgap.notifications.outbox import notify_address, notify_user
from stdgap.permissions import role_may
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.models import Member, Person
from stdgap.store.unit import Unit, operation

SCORE = "awards.score"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _user(connection: Connection, name: str) -> Row[int, str]:
    """The id and role of the active user ``name``."""
    row = connection.execute(
        select(User.id, User.role).where(User.name == name, User.active.is_(True))
    ).first()
    if row is None:
        raise ProgrammeError(_l("no active user named %(name)r", name=name))
    return row


def _in_call(call_id: str, name: str, *args: object, **kwargs: object) -> str:
    return f"{call_id}/{name}"


@operation("awards.appoint", target=_in_call)
def appoint_juror(
    unit: Unit, call_id: str, user: str, person: str | None = None, member: str | None = None
) -> None:
    """Appoint the user ``user`` juror of the call; ``person`` is the person of the store they
    are and ``member`` the member they belong to (by default the person's): the conflicts with
    nominees of the same member (or country) are then found without being declared."""
    connection = unit.connection
    data = load(connection, call_id)
    if data.call.status == PUBLISHED:
        raise WrongState(_l("the results of %(call)s are published", call=call_id))
    account = _user(connection, user)
    if not role_may(account.role, SCORE):
        raise ProgrammeError(
            _l(
                "%(name)s is %(role)s, a role that may not score awards",
                name=user,
                role=account.role,
            )
        )
    if user in data.jurors:
        raise ProgrammeError(_l("%(name)s is already a juror of %(call)s", name=user, call=call_id))
    if person:
        found = connection.execute(
            select(Member.member_id)
            .select_from(Person)
            .outerjoin(Member, Member.id == Person.member_id)
            .where(Person.person_id == person)
        ).first()
        if found is None:
            raise ProgrammeError(_l("no person %(person)r in the store", person=person))
        member = member or found.member_id
    if (
        member
        and connection.execute(select(Member.id).where(Member.member_id == member)).first() is None
    ):
        raise ProgrammeError(_l("no member %(member)r in the store", member=member))
    connection.execute(
        insert(AwardJuror).values(
            call_id=data.pk,
            juror_ref=user,
            user_id=account.id,
            person_ref=person or None,
            member_ref=member or None,
        )
    )


@operation("awards.open_scoring")
def open_scoring(unit: Unit, call_id: str) -> int:
    """Close the nominations and let the jurors score; each juror with an address is told.
    The number of e-mails queued."""
    connection = unit.connection
    data = load(connection, call_id)
    if data.call.status != NOMINATING:
        raise WrongState(_l("the scoring of %(call)s is already open", call=call_id))
    if not data.criteria or not data.jurors or not data.nominations:
        raise ProgrammeError(
            _l("%(call)s needs criteria, jurors and nominations before scoring", call=call_id)
        )
    connection.execute(update(AwardCall).where(AwardCall.id == data.pk).values(status=SCORING))
    kind, subject, body = messages.SCORING_OPEN
    queued = 0
    for juror in data.jurors.values():
        if juror.user_id is not None:
            sent = notify_user(
                unit,
                juror.user_id,
                kind,
                subject,
                body,
                award=data.call.name,
                call=call_id,
                count=len(data.nominations),
            )
            queued += sent is not None
    return queued


class _Lines:
    """Lines shown one under the other, each translated when the e-mail is written."""

    def __init__(self, lines: list[Message]) -> None:
        self.lines = lines

    def __str__(self) -> str:
        return "\n".join(str(line) for line in self.lines)


class _Joined(_Lines):
    """Items in one line, each translated when shown."""

    def __str__(self) -> str:
        return "; ".join(str(line) for line in self.lines)


@dataclass
class _Recipient:
    address: str
    name: str
    language: str | None
    lines: list[Message] = field(default_factory=list)


def _unscored_refusal(data: CallData, connection: Connection) -> None:
    """Refuse to publish while an eligible nominee has no score, naming each and why."""
    unscored = data.unscored(connection)
    if not unscored:
        return
    names = data.names(connection)
    reasons: list[Message] = [
        _l("%(nominee)s (%(nomination)s): %(why)s", nominee=names[key], nomination=key, why=why)
        for key, why in unscored.items()
    ]
    raise WrongState(
        _l(
            "%(call)s has eligible nominees without a score: %(nominees)s. Wait for the "
            "jury's scores, or publish anyway (they are then not ranked).",
            call=data.call.call_id,
            nominees=_Joined(reasons),
        )
    )


@operation("awards.publish")
def publish_results(unit: Unit, call_id: str, allow_unscored: bool = False) -> int:
    """Make the results public; refused while an eligible nominee has no score (no juror may
    score them, or none has yet), unless ``allow_unscored``: they are then not ranked. Each
    nominator (a user) and nominee (with an address) is told the standing of their nominees in
    one e-mail. The number of e-mails queued."""
    connection = unit.connection
    data = load(connection, call_id)
    if data.call.status != SCORING:
        message = (
            _l("the results of %(call)s are already published", call=call_id)
            if data.call.status == PUBLISHED
            else _l("the scoring of %(call)s is not open yet", call=call_id)
        )
        raise WrongState(message)
    if not allow_unscored:
        _unscored_refusal(data, connection)
    connection.execute(
        update(AwardCall)
        .where(AwardCall.id == data.pk)
        .values(status=PUBLISHED, published_at=_now())
    )
    ranked = {row.nomination: row for row in data.rank(connection)}
    count = sum(1 for row in ranked.values() if row.rank is not None)
    names = data.names(connection)
    nominators = {n.nominator_user_id for n in data.nominations.values() if n.nominator_user_id}
    users = {
        row.id: row
        for row in connection.execute(
            select(User.id, User.name, User.email, User.language).where(
                User.id.in_(sorted(nominators)), User.active.is_(True)
            )
        )
        if row.email
    }
    recipients: dict[str, _Recipient] = {}

    def tell(address: str, name: str, language: str | None, line: Message) -> None:
        key = address.strip().lower()
        found = recipients.setdefault(key, _Recipient(address.strip(), name, language))
        if line not in found.lines:
            found.lines.append(line)

    for key, nomination in data.nominations.items():
        row = ranked[key]
        nominee = names[key]
        line: Message = (
            _l(messages.STANDING_RANKED, nominee=nominee, rank=row.rank, count=count)
            if row.rank is not None
            else _l(messages.STANDING_NOT_RANKED, nominee=nominee)
        )
        user = users.get(nomination.nominator_user_id or 0)
        if user is not None:
            tell(user.email, user.name, user.language, line)
        if nomination.nominee_email:
            tell(nomination.nominee_email, nominee, None, line)
    kind, subject, body = messages.RESULTS
    for recipient in recipients.values():
        notify_address(
            unit,
            recipient.address,
            recipient.name,
            recipient.language,
            kind,
            subject,
            body,
            name=recipient.name,
            award=data.call.name,
            call=call_id,
            standings=_Lines(recipient.lines),
        )
    return len(recipients)


def juror_of(data: CallData, connection: Connection, user: str) -> AwardJuror:
    """The juror record of the user ``user`` in the call, or :class:`NotAJuror`."""
    account = _user(connection, user)
    for juror in data.jurors.values():
        if juror.user_id == account.id:
            return juror
    raise NotAJuror(_l("%(name)s is not a juror of %(call)s", name=user, call=data.call.call_id))


def _juror_nomination(call_id: str, user: str, nomination: str, *args: object, **kw: object) -> str:
    return f"{call_id}/{user}/{nomination}"


@operation("awards.declare", target=_juror_nomination)
def declare(unit: Unit, call_id: str, user: str, nomination: str, kind: str, note: str = "") -> int:
    """The juror ``user`` declares a conflict of interest with a nomination (of a kind: same
    member or organisation, same country when the call says so, a personal relation, other);
    their scores of it are voided (how many returned)."""
    connection = unit.connection
    data = load(connection, call_id)
    juror = juror_of(data, connection, user)
    if data.call.status == PUBLISHED:
        raise WrongState(_l("the results of %(call)s are published", call=call_id))
    if nomination not in data.nominations:
        raise ProgrammeError(
            _l("no nomination %(nomination)r in %(call)s", nomination=nomination, call=call_id)
        )
    if kind not in CONFLICT_KINDS:
        raise ProgrammeError(_l("a conflict is one of: %(kinds)s", kinds=", ".join(CONFLICT_KINDS)))
    if kind == "country" and not data.call.country_conflicts:
        raise ProgrammeError(
            _l("%(call)s does not count the same country as a conflict", call=call_id)
        )
    note = note.strip()
    if len(note) > 400:
        raise ProgrammeError(_l("a conflict's note is at most 400 characters"))
    reason = f"{KIND_REASONS[kind]}: {note}" if note else KIND_REASONS[kind]
    return declare_conflict(unit, call_id, juror.juror_ref, nomination, reason, kind)


#: How a declared conflict of each kind is recorded (its reason, in English, as the CLI's).
KIND_REASONS = {
    "member": "same member or organisation",
    "country": "same country",
    "relation": "personal relation",
    "other": "declared by the juror",
}


@operation("awards.score_nomination", target=_juror_nomination)
def score_nomination(
    unit: Unit, call_id: str, user: str, nomination: str, scores: dict[str, float]
) -> None:
    """The juror ``user`` scores a nomination on every criterion of the call, each on its scale;
    refused (:class:`ConflictOfInterest`) for a nominee the juror is in conflict with."""
    connection = unit.connection
    data = load(connection, call_id)
    juror = juror_of(data, connection, user)
    if data.call.status != SCORING:
        raise WrongState(_l("the scoring of %(call)s is not open", call=call_id))
    if nomination not in data.nominations:
        raise ProgrammeError(
            _l("no nomination %(nomination)r in %(call)s", nomination=nomination, call=call_id)
        )
    reason = data.conflicts.get((juror.juror_ref, nomination))
    if reason:
        raise ConflictOfInterest(
            _l(
                "conflict of interest: %(name)s may not score %(nomination)s (%(reason)s)",
                name=user,
                nomination=nomination,
                reason=reason,
            )
        )
    missing = [key for key in data.criteria if key not in scores]
    unknown = [key for key in scores if key not in data.criteria]
    if missing or unknown:
        raise ProgrammeError(
            _l(
                "score every criterion of %(call)s: %(keys)s",
                call=call_id,
                keys=", ".join(data.criteria),
            )
        )
    for key, value in scores.items():
        criterion = data.criteria[key]
        if not criterion.min_score <= value <= criterion.max_score:
            raise ProgrammeError(
                _l(
                    "%(criterion)s: %(value)s is outside its scale, %(low)s to %(high)s",
                    criterion=criterion.name,
                    value=f"{value:g}",
                    low=criterion.min_score,
                    high=criterion.max_score,
                )
            )
    for key, value in scores.items():
        data.write_score(connection, juror.juror_ref, nomination, key, value)
