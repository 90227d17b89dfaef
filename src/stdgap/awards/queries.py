"""Reading award calls as the pages, the API and ``stdgap awards calls`` show them: the list
(with filters), a call, its nominations (officers), the jury's view of a call (a juror), and
the results with the nominees' names and countries."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from stdgap.accounts.models import User
from stdgap.awards.calldata import CallData, load
from stdgap.awards.jury import juror_of
from stdgap.awards.models import (
    NOMINATING,
    PUBLISHED,
    SCORING,
    STATES,
    AwardCall,
    AwardConflict,
    AwardCriterion,
    AwardJuror,
    AwardNomination,
    AwardScore,
)
from stdgap.i18n.translate import _l
from stdgap.permissions import role_may
from stdgap.programmes.errors import ProgrammeError
from stdgap.store.models import Country, Member


@dataclass(frozen=True)
class CallSummary:
    call_id: str
    name: str
    closes: date
    status: str
    #: Whether nominations are received now (nominating, deadline not passed).
    open: bool
    criteria: int
    jurors: int
    nominations: int
    published_at: datetime | None


@dataclass(frozen=True)
class CallFilter:
    """``status``: one of the states; ``open``: only calls receiving nominations today;
    ``text``: in the call's id or name (case aside)."""

    status: str | None = None
    open: bool = False
    text: str | None = None

    def check(self) -> None:
        if self.status is not None and self.status not in STATES:
            raise ProgrammeError(
                _l("a call's status is one of: %(states)s", states=", ".join(STATES))
            )


def _count(column: Any) -> Any:
    """Rows per call of the table of ``column`` (a call's key)."""
    return select(column.label("call"), func.count().label("n")).group_by(column).subquery()


def list_calls(
    engine: Engine, filters: CallFilter | None = None, today: date | None = None
) -> list[CallSummary]:
    """The calls that pass ``filters``, the newest deadline first."""
    filters = filters or CallFilter()
    filters.check()
    today = today or date.today()
    counts = {
        "criteria": _count(AwardCriterion.call_id),
        "jurors": _count(AwardJuror.call_id),
        "nominations": _count(AwardNomination.call_id),
    }
    query = select(
        AwardCall,
        *(func.coalesce(sub.c.n, 0).label(name) for name, sub in counts.items()),
    )
    for sub in counts.values():
        query = query.outerjoin(sub, sub.c.call == AwardCall.id)
    if filters.status:
        query = query.where(AwardCall.status == filters.status)
    if filters.open:
        query = query.where(AwardCall.status == NOMINATING, AwardCall.closes >= today)
    needle = (filters.text or "").strip().lower()
    if needle:
        query = query.where(
            func.lower(AwardCall.call_id).contains(needle, autoescape=True)
            | func.lower(AwardCall.name).contains(needle, autoescape=True)
        )
    query = query.order_by(AwardCall.closes.desc(), AwardCall.call_id)
    with Session(engine) as session:
        rows = session.execute(query).all()
    return [
        CallSummary(
            call.call_id,
            call.name,
            call.closes,
            call.status,
            call.status == NOMINATING and call.closes >= today,
            criteria,
            jurors,
            nominations,
            call.published_at,
        )
        for call, criteria, jurors, nominations in rows
    ]


def summary_record(summary: CallSummary) -> dict[str, Any]:
    record = asdict(summary)
    record["closes"] = summary.closes.isoformat()
    record["published_at"] = summary.published_at.isoformat() if summary.published_at else None
    return record


def _country_names(connection: Connection, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = connection.execute(
        select(Country.alpha3, Country.name).where(Country.alpha3.in_(sorted(codes)))
    )
    return dict(rows.all())


def _member_names(connection: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = connection.execute(
        select(Member.member_id, Member.name).where(Member.member_id.in_(sorted(ids)))
    )
    return dict(rows.all())


def _criteria(data: CallData) -> list[dict[str, Any]]:
    return [
        {
            "key": c.key,
            "name": c.name,
            "weight": c.weight,
            "min_score": c.min_score,
            "max_score": c.max_score,
        }
        for c in data.criteria.values()
    ]


def _call(data: CallData, today: date) -> dict[str, Any]:
    call = data.call
    return {
        "call_id": call.call_id,
        "name": call.name,
        "description": call.description,
        "closes": call.closes.isoformat(),
        "status": call.status,
        "open": call.status == NOMINATING and call.closes >= today,
        "max_age": call.max_age,
        "normalise": call.normalise,
        "country_conflicts": call.country_conflicts,
        "published_at": call.published_at.isoformat() if call.published_at else None,
        "criteria": _criteria(data),
        "jurors": len(data.jurors),
        "nominations": len(data.nominations),
    }


def call_detail(engine: Engine, call_id: str, today: date | None = None) -> dict[str, Any]:
    """A call as the public sees it: its terms, criteria and counts (no nominee named before
    the results are published)."""
    with engine.connect() as connection:
        return _call(load(connection, call_id), today or date.today())


def _nominees(connection: Connection, data: CallData) -> list[dict[str, Any]]:
    noms = list(data.nominations.values())
    countries = _country_names(connection, {n.country for n in noms if n.country})
    members = _member_names(connection, {n.member_ref for n in noms if n.member_ref})
    return [
        {
            "nomination_id": n.nomination_id,
            "name": n.nominee_name or n.nominee_ref,
            "person": None if n.nominee_ref.startswith("~") else n.nominee_ref,
            "country": n.country,
            "country_name": countries.get(n.country or ""),
            "member": n.member_ref,
            "member_name": members.get(n.member_ref or ""),
            "statement": n.statement,
        }
        for n in noms
    ]


def nominations(engine: Engine, call_id: str) -> dict[str, Any]:
    """A call with its nominations (who nominated, when), jurors and conflicts (officers)."""
    with engine.connect() as connection:
        data = load(connection, call_id)
        nominees = _nominees(connection, data)
        juror_list = data.juror_list(connection)
        juror_pks = [j.id for j in data.jurors.values()]
        kinds = {
            (j, n): kind
            for j, n, kind in connection.execute(
                select(
                    AwardConflict.juror_id, AwardConflict.nomination_id, AwardConflict.kind
                ).where(AwardConflict.juror_id.in_(juror_pks))
            )
        }
        scored = set(
            connection.execute(
                select(AwardScore.juror_id, AwardScore.nomination_id)
                .where(AwardScore.juror_id.in_(juror_pks))
                .distinct()
            ).all()
        )
    by_key = {n.nomination_id: n for n in data.nominations.values()}
    for entry in nominees:
        stored = by_key[entry["nomination_id"]]
        entry["nominated_by"] = stored.nominated_by
        entry["received_at"] = stored.received_at.isoformat() if stored.received_at else None
        entry["email"] = stored.nominee_email
    jurors = []
    for juror, seen in zip(data.jurors.values(), juror_list, strict=True):
        jurors.append(
            {
                "juror": juror.juror_ref,
                "user": juror.user_id is not None,
                "person": seen.person,
                "member": seen.member,
                "country": seen.country,
                "scored": sum(1 for n in data.nominations.values() if (juror.id, n.id) in scored),
            }
        )
    conflicts = [
        {
            "juror": juror,
            "nomination": nomination,
            "reason": reason,
            "declared": kinds.get((data.jurors[juror].id, data.nominations[nomination].id)),
        }
        for (juror, nomination), reason in sorted(data.conflicts.items())
    ]
    call = _call(data, date.today())
    return {"call": call, "nominations": nominees, "jurors": jurors, "conflicts": conflicts}


def unscorable(engine: Engine, call_id: str) -> list[dict[str, Any]]:
    """The eligible nominees no juror may score (every juror in conflict with them): they can
    not be ranked (said when the scoring opens, so that the officer appoints another juror)."""
    with engine.connect() as connection:
        data = load(connection, call_id)
        names = data.names(connection)
    return [
        {
            "nomination_id": key,
            "name": names[key],
            "reason": str(_l("no juror may score them (every juror is in conflict of interest)")),
        }
        for key in data.unscorable()
    ]


def jury_calls(engine: Engine, user: str, today: date | None = None) -> list[CallSummary]:
    """The calls the user ``user`` is a juror of (only those)."""
    with engine.connect() as connection:
        mine = set(
            connection.execute(
                select(AwardCall.call_id)
                .join(AwardJuror, AwardJuror.call_id == AwardCall.id)
                .join(User, User.id == AwardJuror.user_id)
                .where(User.name == user)
            ).scalars()
        )
    return [call for call in list_calls(engine, today=today) if call.call_id in mine]


def jury_view(engine: Engine, call_id: str, user: str) -> dict[str, Any]:
    """A call as its juror ``user`` sees it: each nomination with the juror's conflict (declared
    or found) and scores, and whether the juror may score it now (:class:`NotAJuror` for
    anyone else)."""
    with engine.connect() as connection:
        data = load(connection, call_id)
        juror = juror_of(data, connection, user)
        nominees = _nominees(connection, data)
        mine = {
            (n, c): value
            for (j, n, c), value in data.scores(connection).items()
            if j == juror.juror_ref
        }
        declared = {
            n: kind
            for n, kind in connection.execute(
                select(AwardConflict.nomination_id, AwardConflict.kind).where(
                    AwardConflict.juror_id == juror.id
                )
            )
        }
    scoring_open = data.call.status == SCORING
    pks = {n.nomination_id: n.id for n in data.nominations.values()}
    for entry in nominees:
        key = entry["nomination_id"]
        reason = data.conflicts.get((juror.juror_ref, key))
        entry["conflict"] = reason
        entry["declared"] = declared.get(pks[key])
        entry["scores"] = {c: mine[(key, c)] for c in data.criteria if (key, c) in mine}
        entry["may_score"] = scoring_open and reason is None
    return {
        "call": _call(data, date.today()),
        "juror": juror.juror_ref,
        "nominations": nominees,
    }


#: What the public sees of a ranked nominee (no marks, no juror counts, no notes).
PUBLIC_FIELDS = (
    "rank",
    "nomination_id",
    "name",
    "country",
    "country_name",
    "member",
    "member_name",
    "total",
)


def results(engine: Engine, call_id: str, full: bool = True) -> dict[str, Any]:
    """The ranking with each nominee's name, country and member. ``full`` (who manages the
    call): every nominee, ranked or not (ineligible, unscored) with why, and each criterion's
    mean score (on its scale), mark and weighted part of the total, and how many jurors could
    and did score; else (the public): the ranked nominees only, with their total."""
    with engine.connect() as connection:
        data = load(connection, call_id)
        ranked = data.rank(connection)
        nominees = {n["nomination_id"]: n for n in _nominees(connection, data)}
    rows = []
    for row in ranked:
        nominee = nominees[row.nomination]
        entry: dict[str, Any] = {
            "rank": row.rank,
            "nomination_id": row.nomination,
            "name": nominee["name"],
            "country": nominee["country"],
            "country_name": nominee["country_name"],
            "member": nominee["member"],
            "member_name": nominee["member_name"],
            "total": row.total,
            "criteria": {
                key: {
                    "mean": row.means.get(key),
                    "mark": row.marks.get(key),
                    "weighted": row.weighted.get(key),
                }
                for key in data.criteria
            },
            "scorers": row.scorers,
            "may_score": row.may_score,
            "note": row.note,
        }
        if full:
            rows.append(entry)
        elif row.rank is not None:
            rows.append({key: entry[key] for key in PUBLIC_FIELDS})
    return {
        "call": _call(data, date.today()),
        "published": data.call.status == PUBLISHED,
        "full": full,
        "results": rows,
    }


def form_choices(engine: Engine) -> dict[str, list[tuple[str, str]]]:
    """What the forms offer: countries (alpha-3, name), members (id, name), and the active
    users whose role may score (jurors to appoint), each by name."""
    with engine.connect() as connection:
        countries = connection.execute(
            select(Country.alpha3, Country.name).order_by(Country.name)
        ).all()
        members = connection.execute(
            select(Member.member_id, Member.name).order_by(Member.name)
        ).all()
        users = connection.execute(
            select(User.name, User.role).where(User.active.is_(True)).order_by(User.name)
        ).all()
    return {
        "countries": [(code, name) for code, name in countries],
        "members": [(code, name) for code, name in members],
        "jurors": [(name, role) for name, role in users if role_may(role, "awards.score")],
    }
