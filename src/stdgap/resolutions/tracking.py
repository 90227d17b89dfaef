"""Writes of the tracker, one transaction per operation: importing texts (each a version),
adding actions, carrying actions over to the matching clauses of a newer version."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stdgap.resolutions import addressees
from stdgap.resolutions.evidence import (
    EvidenceError,
    Upload,
    check_link,
    check_text,
    check_upload,
    file_id,
)
from stdgap.resolutions.keys import clause_rows, version_prefix
from stdgap.resolutions.models import (
    STATUSES,
    ClauseAction,
    EvidenceFile,
    ResolutionClause,
    ResolutionVersion,
    TrackedResolution,
)
from stdgap.resolutions.parsed import Collection, Resolution
from stdgap.resolutions.parser import parse_file
from stdgap.resolutions.queries import TrackingError, find_clause
from stdgap.store.unit import Unit, operation


@dataclass(frozen=True)
class Imported:
    body: str
    number: int
    label: str
    partial: bool
    outcome: str  # "new", "updated" or "unchanged"
    clauses: int
    carried: int


def _year(label: str) -> int | None:
    match = re.search(r"(\d{4})", label)
    return int(match.group(1)) if match else None


def _codes(text: str | None) -> str:
    codes = addressees.normalise(text)
    return f",{','.join(codes)}," if codes else ""


def _clauses(version: ResolutionVersion, prefix: str, res: Resolution) -> list[ResolutionClause]:
    out: list[ResolutionClause] = []
    for row in clause_rows(res):
        section = row.section
        collaborators = "; ".join(section.with_) or None
        out.append(
            ResolutionClause(
                version_id=version.id,
                path=row.path,
                key=f"{prefix}/{row.path}",
                position=row.position,
                parent_path=row.parent_path,
                verb=section.verb[:100],
                addressee=section.addressee,
                addressee_codes=_codes(section.addressee),
                collaborators=collaborators,
                collaborator_codes=_codes(collaborators),
                condition=section.condition,
                num=row.num[:20] if row.num else None,
                text=row.text,
            )
        )
    return out


def _store_version(
    session: Session, res: Resolution, body: str, label: str, source: str
) -> Imported:
    number = res.number if res.number is not None else 0
    tracked = session.scalar(
        select(TrackedResolution).where(
            TrackedResolution.body == body, TrackedResolution.number == number
        )
    )
    if tracked is None:
        tracked = TrackedResolution(body=body, number=number, title=res.title)
        session.add(tracked)
        session.flush()
    elif res.title and (not res.partial or not tracked.title):
        tracked.title = res.title
    document = res.to_dict()
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    version = session.scalar(
        select(ResolutionVersion).where(
            ResolutionVersion.resolution_id == tracked.id,
            ResolutionVersion.label == label,
            ResolutionVersion.partial == res.partial,
        )
    )
    prefix = version_prefix(body, number, label)
    if version is not None and version.digest == digest:
        count = len(clause_rows(res))
        return Imported(body, number, label, res.partial, "unchanged", count, 0)
    outcome = "updated" if version is not None else "new"
    if version is None:
        version = ResolutionVersion(
            resolution_id=tracked.id, label=label, year=_year(label), partial=res.partial
        )
        session.add(version)
    version.revised, version.source, version.digest = res.revised, source, digest
    version.document, version.imported_at = document, datetime.now()
    session.flush()
    existing = {
        c.path: c
        for c in session.scalars(
            select(ResolutionClause).where(ResolutionClause.version_id == version.id)
        )
    }
    fresh = _clauses(version, prefix, res)
    for clause in fresh:
        old = existing.pop(clause.path, None)
        if old is None:
            session.add(clause)
        else:
            for column in (
                "position",
                "verb",
                "addressee",
                "addressee_codes",
                "collaborators",
                "collaborator_codes",
                "condition",
                "num",
                "text",
                "parent_path",
            ):
                setattr(old, column, getattr(clause, column))
    for gone in existing.values():
        if session.scalar(select(ClauseAction.id).where(ClauseAction.clause_id == gone.id)) is None:
            session.delete(gone)
    session.flush()
    carried = carry_over(session, version)
    return Imported(body, number, label, res.partial, outcome, len(fresh), carried)


def _previous(session: Session, version: ResolutionVersion) -> ResolutionVersion | None:
    if version.year is None:
        return None
    candidates = session.scalars(
        select(ResolutionVersion).where(
            ResolutionVersion.resolution_id == version.resolution_id,
            ResolutionVersion.year < version.year,
        )
    ).all()
    ordered = sorted(candidates, key=lambda v: (v.year or 0, not v.partial, v.id))
    return ordered[-1] if ordered else None


def carry_over(session: Session, version: ResolutionVersion) -> int:
    """Copy the actions of the previous version's clauses to this version's matching paths."""
    previous = _previous(session, version)
    if previous is None:
        return 0
    targets = {
        c.path: c
        for c in session.scalars(
            select(ResolutionClause).where(ResolutionClause.version_id == version.id)
        )
    }
    done = set(
        session.scalars(
            select(ClauseAction.carried_from_id).where(
                ClauseAction.clause_id.in_([c.id for c in targets.values()])
            )
        )
    )
    count = 0
    rows = session.execute(
        select(ClauseAction, ResolutionClause.path)
        .join(ResolutionClause, ClauseAction.clause_id == ResolutionClause.id)
        .where(ResolutionClause.version_id == previous.id)
        .order_by(ClauseAction.id)
    ).all()
    for action, path in rows:
        target = targets.get(path)
        if target is None or action.id in done:
            continue
        session.add(
            ClauseAction(
                clause_id=target.id,
                who=action.who,
                what=action.what,
                due=action.due,
                status=action.status,
                evidence=action.evidence,
                created_at=datetime.now(),
                carried_from_id=action.id,
            )
        )
        count += 1
    session.flush()
    return count


def _files(paths: list[Path], *args: object, **kwargs: object) -> str:
    return ", ".join(path.name for path in paths)


@operation("resolutions.import", target=_files)
def import_files(
    unit: Unit,
    paths: list[Path],
    assembly: str | None = None,
    place_year: str | None = None,
) -> list[Imported]:
    """Parse and store each file (all of them or none); a collection stores each extract as a
    version."""
    results: list[Imported] = []
    with Session(bind=unit.connection) as session:
        for path in paths:
            parsed = parse_file(path)
            if isinstance(parsed, Collection):
                body = assembly or parsed.assembly or "WTSA"
                label = place_year or parsed.place_year or "undated"
                for extract in parsed.extracts:
                    if extract.number is not None:
                        results.append(_store_version(session, extract, body, label, path.name))
            elif parsed.number is not None:
                body = assembly or parsed.assembly or "WTSA"
                label = place_year or parsed.place_year or "undated"
                results.append(_store_version(session, parsed, body, label, path.name))
            else:
                raise TrackingError(f"{path.name}: no 'RESOLUTION N' heading found")
        session.flush()
    unit.details["versions"] = [f"{r.body} {r.number} ({r.label})" for r in results]
    return results


#: Longest "who" (the column's size) and "what" of an action.
WHO_LIMIT, WHAT_LIMIT = 200, 5000


@operation("action.add")
def add_action(
    unit: Unit,
    key: str,
    who: str,
    what: str,
    status: str = "planned",
    due: date | None = None,
    evidence: str | None = None,
    upload: Upload | None = None,
) -> tuple[int, str]:
    """Record an action on the clause named by ``key``; (action id, the clause's full key).

    Its evidence is a link or text (``evidence``) or a file (``upload``), kept in the store in
    the same transaction, the action's evidence then being the file's address."""
    if status not in STATUSES:
        raise TrackingError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if evidence and upload is not None:
        raise TrackingError("give the evidence as a link or as a file, not both")
    checked = None
    try:
        who, what = check_text("who", who, WHO_LIMIT), check_text("what", what, WHAT_LIMIT)
        evidence = check_link(evidence) if evidence else None
        if upload is not None:
            checked = check_upload(upload)
    except EvidenceError as error:
        raise TrackingError(str(error)) from None
    if not who or not what:
        raise TrackingError("say who acts and what is done")
    with Session(bind=unit.connection) as session:
        clause = find_clause(session, key)
        if checked is not None:
            kept = EvidenceFile(
                filename=checked.filename,
                media_type=checked.media_type,
                size=len(checked.content),
                sha256=hashlib.sha256(checked.content).hexdigest(),
                content=checked.content,
                uploaded_by=unit.actor,
                uploaded_at=datetime.now(),
            )
            session.add(kept)
            session.flush()
            evidence = f"/resolutions/evidence/{kept.id}"
            unit.details["evidence_file"] = {
                "id": kept.id,
                "filename": kept.filename,
                "size": kept.size,
                "sha256": kept.sha256,
            }
        action = ClauseAction(
            clause_id=clause.id,
            who=who,
            what=what,
            due=due,
            status=status,
            evidence=evidence,
            created_at=datetime.now(),
        )
        session.add(action)
        session.flush()
        _carry_forward(session, clause.version_id)
        session.flush()
        unit.target = clause.key
        unit.details.update(who=who, what=what, status=status, due=due.isoformat() if due else None)
        if evidence:
            unit.details["evidence"] = evidence
        return action.id, clause.key


def _carry_forward(session: Session, version_id: int) -> None:
    """An action added to an older version reaches the matching clauses of the newer ones."""
    version = session.get(ResolutionVersion, version_id)
    if version is None or version.year is None:
        return
    newer = session.scalars(
        select(ResolutionVersion)
        .where(
            ResolutionVersion.resolution_id == version.resolution_id,
            ResolutionVersion.year > version.year,
        )
        .order_by(ResolutionVersion.year, ResolutionVersion.id)
    ).all()
    for later in newer:
        carry_over(session, later)


def _family(session: Session, action: ClauseAction) -> list[ClauseAction]:
    """The action and its copies in every version (one action carried over), the first the
    one recorded, copies after the action they were copied from."""
    root = action
    while root.carried_from_id is not None:
        parent = session.get(ClauseAction, root.carried_from_id)
        if parent is None:
            break
        root = parent
    family, frontier = [root], [root.id]
    while frontier:
        copies = session.scalars(
            select(ClauseAction).where(ClauseAction.carried_from_id.in_(frontier))
        ).all()
        family.extend(copies)
        frontier = [copy.id for copy in copies]
    return family


@operation("action.withdraw")
def withdraw_action(unit: Unit, action_id: int, reason: str) -> list[int]:
    """Withdraw an action recorded in error, with its copies in the other versions (they are one
    action), and the uploaded file it named when no other action names it. The audit row keeps
    what was withdrawn and why. The ids withdrawn."""
    try:
        reason = check_text("reason", reason, 1000)
    except EvidenceError as error:
        raise TrackingError(str(error)) from None
    if not reason:
        raise TrackingError("say why the action is withdrawn")
    with Session(bind=unit.connection) as session:
        action = session.get(ClauseAction, action_id)
        if action is None:
            raise TrackingError(f"no action {action_id}")
        family = _family(session, action)
        clauses = {
            clause.id: clause.key
            for clause in session.scalars(
                select(ResolutionClause).where(
                    ResolutionClause.id.in_({member.clause_id for member in family})
                )
            )
        }
        ids = [member.id for member in family]
        files = {found for found in (file_id(m.evidence) for m in family) if found is not None}
        withdrawn = [
            {
                "id": member.id,
                "clause": clauses.get(member.clause_id),
                "who": member.who,
                "what": member.what,
                "status": member.status,
                "due": member.due.isoformat() if member.due else None,
                "evidence": member.evidence,
            }
            for member in family
        ]
        for member in reversed(family):  # copies before what they were copied from
            session.delete(member)
            session.flush()
        removed_files: list[dict[str, object]] = []
        for found in files:
            still = session.scalar(
                select(ClauseAction.id).where(
                    ClauseAction.evidence == f"/resolutions/evidence/{found}"
                )
            )
            kept = session.get(EvidenceFile, found) if still is None else None
            if kept is not None:
                removed_files.append(
                    {"id": kept.id, "filename": kept.filename, "sha256": kept.sha256}
                )
                session.delete(kept)
        session.flush()
        unit.target = clauses.get(action.clause_id)
        unit.details.update(reason=reason, withdrawn=withdrawn, files=removed_files)
        return ids
