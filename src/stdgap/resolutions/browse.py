"""The resolution browser's reads, shaped for the pages and the API alike."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from fastapi.responses import Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l
from stdgap.resolutions import detail, queries
from stdgap.resolutions.diff import diff_versions
from stdgap.resolutions.models import STATUSES, ClauseAction, EvidenceFile

_KEY = re.compile(r"^([A-Za-z]+)-(\d+)/")


def resolutions(engine: Engine) -> list[dict[str, Any]]:
    return [asdict(r) for r in queries.list_resolutions(engine)]


def clauses(
    engine: Engine,
    number: int | None = None,
    body: str = "WTSA",
    verb: str | None = None,
    addressee: str | None = None,
    status: str | None = None,
    involves: str | None = None,
) -> list[dict[str, Any]]:
    """Clauses of the tracking views, by verb, addressee, involvement (addressee or
    collaborator) and status of their last action."""
    try:
        found = queries.clauses(
            engine, number, body.upper(), verb or None, addressee or None, involves or None
        )
    except queries.TrackingError as error:
        raise Problem(404, str(error), "not-found") from None
    rows = [asdict(c) for c in found]
    if status:
        rows = [r for r in rows if r["status"] == status]
    return rows


def resolution(engine: Engine, number: int, body: str = "WTSA") -> dict[str, Any]:
    wanted = body.upper()
    for row in resolutions(engine):
        if row["number"] == number and row["body"] == wanted:
            return row
    raise Problem(
        404,
        _l("no resolution %(body)s %(number)s in the store", body=wanted, number=number),
        "not-found",
    )


def actions(
    engine: Engine, number: int | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    if status and status not in STATUSES:
        raise Problem(422, _l("status must be one of %(statuses)s", statuses=", ".join(STATUSES)))
    return [
        {"clause": key, "resolution_href": _resolution_href(key), **a}
        for key, a in queries.actions(engine, number, status or None)
    ]


def _resolution_href(key: str) -> str | None:
    """The page of the resolution a clause key belongs to (``WTSA-44/…`` → ``/resolutions/44``)."""
    match = _KEY.match(key)
    if match is None:
        return None
    body, number = match.group(1).upper(), match.group(2)
    return f"/resolutions/{number}" + ("" if body == "WTSA" else f"?body={body}")


def verbs(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({r["verb"] for r in rows})


def addressees(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({code for r in rows for code in r["addressee_codes"]})


def _attempt(work: Any) -> Any:
    try:
        return work()
    except queries.TrackingError as error:
        raise Problem(404, str(error), "not-found") from None


def versions(engine: Engine, number: int, body: str = "WTSA") -> list[dict[str, Any]]:
    return list(_attempt(lambda: detail.versions(engine, number, body.upper())))


def text(engine: Engine, number: int, body: str = "WTSA") -> dict[str, Any]:
    """What the resolution's page shows besides its clauses: the versions, and the preamble,
    references (linked when tracked) and footnotes of the text tracking is based on."""
    wanted = body.upper()
    found = versions(engine, number, wanted)
    _, document = _attempt(lambda: detail.stored_document(engine, number, wanted))
    return {
        "versions": found,
        "newer_extracts": [v["name"] for v in found if v["tracked"] and not v["basis"]],
        "language": document.get("language"),
        "history": document.get("history", []),
        "preamble": document.get("preamble", []),
        "references": detail.references(engine, document, wanted),
        "footnotes": document.get("footnotes", []),
    }


def download(
    engine: Engine,
    number: int,
    body: str,
    label: str | None,
    format: str,
    attachment: bool = True,
) -> Response:
    """A version's stored text as JSON or Akoma Ntoso (a download unless ``attachment`` is off)."""
    wanted = body.upper()
    version, document = _attempt(lambda: detail.stored_document(engine, number, wanted, label))
    if format == "akn":
        content, media_type, suffix = detail.akn(document), "application/akn+xml", ".akn.xml"
    else:
        content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        media_type, suffix = "application/json", ".json"
    headers = {"X-Content-Type-Options": "nosniff"}
    if attachment:
        name = detail.download_name(wanted, number, version, suffix)
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(content, media_type=media_type, headers=headers)


def diff(
    engine: Engine,
    number: int,
    body: str = "WTSA",
    old: str | None = None,
    new: str | None = None,
    unchanged: bool = False,
) -> dict[str, Any]:
    """Two versions compared clause by clause (the two newest by default); unchanged clauses
    only counted unless ``unchanged``."""
    wanted = body.upper()
    info = resolution(engine, number, wanted)
    try:
        old_name, new_name, rows = diff_versions(engine, number, old, new, wanted)
    except queries.TrackingError as error:
        raise Problem(422 if old or new else 404, str(error), "bad-diff") from None
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    shown = [row for row in rows if unchanged or row.status != "unchanged"]
    return {
        "resolution": info,
        "versions": versions(engine, number, wanted),
        "from": old_name,
        "to": new_name,
        "counts": counts,
        "unchanged_shown": unchanged,
        "rows": [
            {
                "path": row.path,
                "status": row.status,
                "old": row.old,
                "new": row.new,
                "segments": [{"kind": kind, "text": words} for kind, words in row.segments()]
                if row.status == "changed"
                else [],
            }
            for row in shown
        ],
    }


def action(engine: Engine, action_id: int) -> dict[str, Any]:
    """One action as the API shows it."""
    with Session(engine) as session:
        found = session.get(ClauseAction, action_id)
        if found is None:
            raise Problem(404, _l("no action %(id)s", id=action_id), "not-found")
        files = queries.evidence_files(session, [found.evidence])
        return queries.action_dict(found, files)


def evidence(engine: Engine, file_id: int) -> EvidenceFile:
    found: EvidenceFile = _attempt(lambda: detail.evidence_file(engine, file_id))
    return found
