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
from stdgap.resolutions.evidence import file_id
from stdgap.resolutions.models import (
    ClauseAction,
    EvidenceFile,
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


def tracked_versions(versions: list[ResolutionVersion]) -> list[ResolutionVersion]:
    """The versions the tracking view is made of, oldest first: the newest full text (the
    basis) and the extracts newer than it. An extract quotes only some clauses, so it updates
    those and adds the ones it brings, never hiding the others (all versions when there is no
    full text)."""
    full = [index for index, version in enumerate(versions) if not version.partial]
    return versions[full[-1] :] if full else list(versions)


def tracking_clauses(session: Session, versions: list[ResolutionVersion]) -> list[ResolutionClause]:
    """The clauses of the tracking view: the basis's, each replaced by the newest extract that
    quotes it; a clause only an extract has comes after the one it follows in that extract."""
    order: list[str] = []
    chosen: dict[str, ResolutionClause] = {}
    for version in tracked_versions(versions):
        rows = session.scalars(
            select(ResolutionClause)
            .where(ResolutionClause.version_id == version.id)
            .order_by(ResolutionClause.position)
        ).all()
        previous: str | None = None
        for row in rows:
            if row.path not in chosen:
                at = order.index(previous) + 1 if previous is not None else 0
                order.insert(at if order else 0, row.path)
            chosen[row.path] = row
            previous = row.path
    return [chosen[path] for path in order]


def pick_version(
    session: Session, number: int, body: str = "WTSA", label: str | None = None
) -> ResolutionVersion:
    versions = versions_of(session, number, body)
    if label is None:
        return tracked_versions(versions)[0]
    wanted = squash(label).lower().replace(",", "")
    # the name lists show ("New Delhi, 2024 (extract)") names the extract of that label
    extract = wanted.endswith(EXTRACT_SUFFIX)
    if extract:
        wanted = wanted.removesuffix(EXTRACT_SUFFIX).strip()
    for version in reversed(versions):
        if version.label.lower().replace(",", "") == wanted and (version.partial or not extract):
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
        versions = versions_of(session, int(match.group(2)), body)
        for found in tracking_clauses(session, versions):
            if found.path == match.group(3):
                return found
    raise TrackingError(_l("no clause %(key)r", key=key))


#: What a version's name adds to its label when it is an extract.
EXTRACT_SUFFIX = "(extract)"


def version_name(version: ResolutionVersion) -> str:
    """A version as lists show it: its label, and "(extract)" for an extract."""
    return version.label + (f" {EXTRACT_SUFFIX}" if version.partial else "")


@dataclass(frozen=True)
class ResolutionRow:
    body: str
    number: int
    title: str | None
    versions: list[str]
    clauses: int
    actions: int
    #: The full text the tracking view is based on (extracts newer than it update its clauses).
    basis: str | None = None


def list_resolutions(engine: Engine) -> list[ResolutionRow]:
    rows: list[ResolutionRow] = []
    with Session(engine) as session:
        tracked = session.scalars(
            select(TrackedResolution).order_by(TrackedResolution.body, TrackedResolution.number)
        ).all()
        for res in tracked:
            versions = versions_of(session, res.number, res.body)
            current = [clause.id for clause in tracking_clauses(session, versions)]
            actions = session.scalar(
                select(func.count())
                .select_from(ClauseAction)
                .where(ClauseAction.clause_id.in_(current))
            )
            labels = [version_name(v) for v in versions]
            basis = tracked_versions(versions)[0]
            rows.append(
                ResolutionRow(
                    res.body,
                    res.number,
                    res.title,
                    labels,
                    len(current),
                    actions or 0,
                    version_name(basis),
                )
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
    #: The version the clause's text comes from (the basis, or a newer extract quoting it).
    version: str = ""


def _split(codes: str) -> list[str]:
    return [c for c in codes.split(",") if c]


def evidence_files(session: Session, evidences: list[str | None]) -> dict[int, dict[str, object]]:
    """The uploaded files that these evidences name: id → {id, filename, size, media_type}."""
    ids = {found for found in (file_id(e) for e in evidences) if found is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(
            EvidenceFile.id, EvidenceFile.filename, EvidenceFile.size, EvidenceFile.media_type
        ).where(EvidenceFile.id.in_(ids))
    ).all()
    return {
        row.id: {
            "id": row.id,
            "filename": row.filename,
            "size": row.size,
            "media_type": row.media_type,
        }
        for row in rows
    }


def action_dict(action: ClauseAction, files: dict[int, dict[str, object]]) -> dict[str, object]:
    """An action as the pages and the API show it (with the uploaded file its evidence names)."""
    found = file_id(action.evidence)
    return {
        "id": action.id,
        "who": action.who,
        "what": action.what,
        "when": action.due.isoformat() if action.due else None,
        "status": action.status,
        "evidence": action.evidence,
        "evidence_file": files.get(found) if found is not None else None,
        "carried_from": action.carried_from_id,
    }


def _actions(session: Session, clause_id: int) -> list[dict[str, object]]:
    found = list(
        session.scalars(
            select(ClauseAction)
            .where(ClauseAction.clause_id == clause_id)
            .order_by(ClauseAction.id)
        )
    )
    files = evidence_files(session, [a.evidence for a in found])
    return [action_dict(a, files) for a in found]


def _view(session: Session, clause: ResolutionClause, version: str) -> ClauseView:
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
        version,
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
            numbers = [(body, number)]
        else:
            numbers = [
                (r.body, r.number)
                for r in session.scalars(
                    select(TrackedResolution).order_by(
                        TrackedResolution.body, TrackedResolution.number
                    )
                )
            ]
        verb_wanted = verb.lower() if verb else None
        addressee_code = f",{resolve_code(addressee)}," if addressee else None
        involved_code = f",{resolve_code(involves)}," if involves else None
        for wanted_body, wanted_number in numbers:
            versions = versions_of(session, wanted_number, wanted_body)
            names = {version.id: version_name(version) for version in versions}
            if label is not None:
                version = pick_version(session, wanted_number, wanted_body, label)
                rows = list(
                    session.scalars(
                        select(ResolutionClause)
                        .where(ResolutionClause.version_id == version.id)
                        .order_by(ResolutionClause.position)
                    )
                )
            else:
                rows = tracking_clauses(session, versions)
            for clause in rows:
                if verb_wanted and verb_wanted not in clause.verb:
                    continue
                if addressee_code and addressee_code not in clause.addressee_codes:
                    continue
                if involved_code and not (
                    involved_code in clause.addressee_codes
                    or involved_code in clause.collaborator_codes
                ):
                    continue
                out.append(_view(session, clause, names[clause.version_id]))
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
        rows = session.execute(query).all()
        files = evidence_files(session, [action.evidence for action, _ in rows])
        return [(key, action_dict(action, files)) for action, key in rows]
