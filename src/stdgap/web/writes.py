"""The web's writes to the data: each calls the same service as the CLI (one transaction, nothing
written on error) and, once it has committed, records who did what in the audit log."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from sqlalchemy import Engine

from stdgap.ingest.errors import ImportFailed, InputError
from stdgap.ingest.files import Source, guess_kind, open_table
from stdgap.ingest.kinds import KINDS
from stdgap.ingest.pipeline import run_import
from stdgap.resolutions.models import STATUSES
from stdgap.resolutions.queries import TrackingError
from stdgap.resolutions.tracking import add_action
from stdgap.web.accounts import Account, write
from stdgap.web.explorer import forget_version
from stdgap.web.problems import Problem

SUFFIXES = (".csv", ".xlsx")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Upload:
    filename: str
    kind: str | None
    stream: BinaryIO


def _name(filename: str) -> str:
    name = PurePath(filename.replace("\\", "/")).name.strip()
    if not name or not name.lower().endswith(SUFFIXES):
        raise Problem(422, f"{filename or '(no name)'}: upload CSV or XLSX files", "bad-upload")
    return name


def _save(upload: Upload, path: Path, room: int) -> int:
    """Copy the upload to ``path``; its size (a 413 problem past ``room`` bytes)."""
    size = 0
    with path.open("wb") as out:
        while chunk := upload.stream.read(CHUNK):
            size += len(chunk)
            if size > room:
                raise Problem(413, "the files are larger than this server accepts", "too-large")
            out.write(chunk)
    return size


def import_uploads(
    engine: Engine, account: Account, uploads: list[Upload], max_bytes: int = 200 * 2**20
) -> dict[str, Any]:
    """Validate and import the uploaded files in one transaction; a 422 problem listing every
    bad row (``FILE:LINE: column: message``) when any is wrong, and then nothing is written."""
    if not uploads:
        raise Problem(422, "choose at least one file to import", "bad-upload")
    folder = Path(tempfile.mkdtemp(prefix="stdgap-upload-"))
    try:
        sources: list[Source] = []
        for upload in uploads:
            name = _name(upload.filename)
            kind = upload.kind or guess_kind(Path(name))
            if kind not in KINDS:
                raise Problem(
                    422,
                    f"{name}: cannot tell what the file holds; choose its kind "
                    f"({', '.join(KINDS)})",
                    "bad-upload",
                )
            path = folder / f"{len(sources)}-{name}"
            max_bytes -= _save(upload, path, max_bytes)
            sources.append(Source(name, kind, lambda p=path: open_table(p)))  # type: ignore[misc]
        try:
            report = run_import(engine, sources)
            forget_version(engine)
        except ImportFailed as failure:
            errors = [str(e) for e in failure.errors]
            raise Problem(
                422, f"{len(errors)} error(s); nothing was written", "import-failed", errors=errors
            ) from None
        except InputError as error:
            raise Problem(422, str(error), "import-failed", errors=[str(error)]) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    counts = {
        kind: {"inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged}
        for kind, c in report.counts.items()
    }
    result = {
        "files": [{"name": s.label, "kind": s.kind} for s in sources],
        "rows_read": dict(report.rows_read),
        "counts": counts,
    }
    with write(engine, account.name, "import", ", ".join(s.label for s in sources)) as (_, d):
        d.update(result)
    return result


def record_action(
    engine: Engine,
    account: Account,
    clause: str,
    who: str,
    what: str,
    status: str = "planned",
    due: date | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    """Record an action on a clause (a 404 problem for an unknown clause)."""
    if status not in STATUSES:
        raise Problem(422, f"status must be one of {', '.join(STATUSES)}", "bad-action")
    if not who.strip() or not what.strip():
        raise Problem(422, "say who acts and what is done", "bad-action")
    try:
        action_id, key = add_action(
            engine, clause, who.strip(), what.strip(), status, due, evidence or None
        )
    except TrackingError as error:
        raise Problem(404, str(error), "not-found") from None
    action = {
        "id": action_id,
        "clause": key,
        "who": who.strip(),
        "what": what.strip(),
        "status": status,
        "when": due.isoformat() if due else None,
        "evidence": evidence or None,
    }
    with write(engine, account.name, "action.add", key) as (_, details):
        details.update(action)
    return action
