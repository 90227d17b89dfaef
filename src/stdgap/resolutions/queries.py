"""Reads of the tracker: resolutions, versions, clauses (filtered by verb and addressee),
clause-by-clause differences between versions, actions, and the data of the status report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from stdgap.i18n.translate import _l
from stdgap.resolutions.addressees import resolve_code
from stdgap.resolutions.cleanup import squash
from stdgap.resolutions.models import (
    ClauseAction,
    ResolutionClause,
    ResolutionVersion,
    TrackedResolution,
)

_SHORT_KEY = re.compile(r"^(?:([A-Za-z]+)-)?(\d+)/(.+)$")


class TrackingError(ValueError):
    """A request the tracker cannot honour (unknown resolution or clause, bad status …)."""


def _order(version: ResolutionVersion) -> tuple[int, bool, int]:
    return (version.year or 0, not version.partial, version.id)


def versions_of(session: Session, number: int, body: str = "WTSA") -> list[ResolutionVersion]:
    """The versions of a resolution, oldest first (a full text before an extract of its year)."""
    tracked = session.scalar(
        select(TrackedResolution).where(
            TrackedResolution.number == number, TrackedResolution.body == body
        )
    )
    if tracked is None:
        raise TrackingError(
            _l("no resolution %(body)s %(number)s in the store", body=body, number=number)
        )
    found = session.scalars(
        select(ResolutionVersion).where(ResolutionVersion.resolution_id == tracked.id)
    ).all()
    return sorted(found, key=_order)


def pick_version(
    session: Session, number: int, body: str = "WTSA", label: str | None = None
) -> ResolutionVersion:
    versions = versions_of(session, number, body)
    if label is None:
        return versions[-1]
    wanted = squash(label).lower().replace(",", "")
    for version in reversed(versions):
        if version.label.lower().replace(",", "") == wanted:
            return version
    raise TrackingError(
        _l("no version %(label)r of %(body)s %(number)s", label=label, body=body, number=number)
    )


def find_clause(session: Session, key: str) -> ResolutionClause:
    """A clause by full key, or by ``[BODY-]N/path`` in the newest version."""
    clause = session.scalar(select(ResolutionClause).where(ResolutionClause.key == key))
    if clause is not None:
        return clause
    match = _SHORT_KEY.match(key)
    if match:
        body = (match.group(1) or "WTSA").upper()
        version = pick_version(session, int(match.group(2)), body)
        clause = session.scalar(
            select(ResolutionClause).where(
                ResolutionClause.version_id == version.id,
                ResolutionClause.path == match.group(3),
            )
        )
        if clause is not None:
            return clause
    raise TrackingError(_l("no clause %(key)r", key=key))


@dataclass(frozen=True)
class ResolutionRow:
    body: str
    number: int
    title: str | None
    versions: list[str]
    clauses: int
    actions: int


def list_resolutions(engine: Engine) -> list[ResolutionRow]:
    rows: list[ResolutionRow] = []
    with Session(engine) as session:
        tracked = session.scalars(
            select(TrackedResolution).order_by(TrackedResolution.body, TrackedResolution.number)
        ).all()
        for res in tracked:
            versions = versions_of(session, res.number, res.body)
            latest = versions[-1]
            clauses = session.scalar(
                select(func.count()).where(ResolutionClause.version_id == latest.id)
            )
            actions = session.scalar(
                select(func.count())
                .select_from(ClauseAction)
                .join(ResolutionClause, ClauseAction.clause_id == ResolutionClause.id)
                .where(ResolutionClause.version_id == latest.id)
            )
            labels = [v.label + (" (extract)" if v.partial else "") for v in versions]
            rows.append(
                ResolutionRow(res.body, res.number, res.title, labels, clauses or 0, actions or 0)
            )
    return rows


@dataclass(frozen=True)
class ClauseView:
    key: str
    path: str
    verb: str
    addressee: str | None
    addressee_codes: list[str]
    collaborator_codes: list[str]
    condition: str | None
    num: str | None
    text: str
    status: str
    actions: list[dict[str, object]] = field(default_factory=list)


def _split(codes: str) -> list[str]:
    return [c for c in codes.split(",") if c]


def _actions(session: Session, clause_id: int) -> list[dict[str, object]]:
    found = session.scalars(
        select(ClauseAction).where(ClauseAction.clause_id == clause_id).order_by(ClauseAction.id)
    )
    return [
        {
            "id": a.id,
            "who": a.who,
            "what": a.what,
            "when": a.due.isoformat() if a.due else None,
            "status": a.status,
            "evidence": a.evidence,
            "carried_from": a.carried_from_id,
        }
        for a in found
    ]


def _view(session: Session, clause: ResolutionClause) -> ClauseView:
    actions = _actions(session, clause.id)
    status = str(actions[-1]["status"]) if actions else "not_started"
    return ClauseView(
        clause.key,
        clause.path,
        clause.verb,
        clause.addressee,
        _split(clause.addressee_codes),
        _split(clause.collaborator_codes),
        clause.condition,
        clause.num,
        clause.text,
        status,
        actions,
    )


def clauses(
    engine: Engine,
    number: int | None = None,
    body: str = "WTSA",
    verb: str | None = None,
    addressee: str | None = None,
    involves: str | None = None,
    label: str | None = None,
) -> list[ClauseView]:
    """Clauses of the newest version of each resolution (or of one), filtered.

    ``verb`` matches the verb or its first word (``instructs`` finds ``further instructs`` too
    when given as ``instructs``); ``addressee`` matches the addressee's codes, ``involves`` the
    addressee's or the collaborators' codes.
    """
    out: list[ClauseView] = []
    with Session(engine) as session:
        if number is not None:
            chosen = [pick_version(session, number, body, label)]
        else:
            chosen = [
                versions_of(session, r.number, r.body)[-1]
                for r in session.scalars(
                    select(TrackedResolution).order_by(
                        TrackedResolution.body, TrackedResolution.number
                    )
                )
            ]
        for version in chosen:
            query = select(ResolutionClause).where(ResolutionClause.version_id == version.id)
            if verb:
                query = query.where(ResolutionClause.verb.contains(verb.lower()))
            if addressee:
                query = query.where(
                    ResolutionClause.addressee_codes.contains(f",{resolve_code(addressee)},")
                )
            if involves:
                code = f",{resolve_code(involves)},"
                query = query.where(
                    ResolutionClause.addressee_codes.contains(code)
                    | ResolutionClause.collaborator_codes.contains(code)
                )
            for clause in session.scalars(query.order_by(ResolutionClause.position)):
                out.append(_view(session, clause))
    return out


def actions(
    engine: Engine, number: int | None = None, status: str | None = None
) -> list[tuple[str, dict[str, object]]]:
    """(clause key, action) pairs, oldest first."""
    with Session(engine) as session:
        query = (
            select(ClauseAction, ResolutionClause.key)
            .join(ResolutionClause, ClauseAction.clause_id == ResolutionClause.id)
            .order_by(ClauseAction.id)
        )
        if status:
            query = query.where(ClauseAction.status == status)
        if number is not None:
            query = (
                query.join(ResolutionVersion, ResolutionClause.version_id == ResolutionVersion.id)
                .join(TrackedResolution, ResolutionVersion.resolution_id == TrackedResolution.id)
                .where(TrackedResolution.number == number)
            )
        found: list[tuple[str, dict[str, object]]] = []
        for action, key in session.execute(query).all():
            found.append(
                (
                    key,
                    {
                        "id": action.id,
                        "who": action.who,
                        "what": action.what,
                        "when": action.due.isoformat() if action.due else None,
                        "status": action.status,
                        "evidence": action.evidence,
                        "carried_from": action.carried_from_id,
                    },
                )
            )
        return found
