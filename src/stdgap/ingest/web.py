"""Uploading import files (who may import: analysts, admins): the same validation as
``stdgap import``, errors listed by line, nothing written on error, one audit row."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from stdgap.console.common import refusal
from stdgap.http.auth import engine_of, require
from stdgap.http.cookies import settings_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.negotiate import wants_json
from stdgap.http.pages import page
from stdgap.http.problems import PROBLEM_RESPONSES, Problem, ProblemModel
from stdgap.http.render import DataResponse, respond
from stdgap.i18n.translate import _l
from stdgap.ingest.kinds import KINDS
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import KindUnknown, Source, file_sources
from stdgap.permissions import Account
from stdgap.tabular.errors import ImportFailed, InputError

router = APIRouter()
api = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
importer = require("ingest.import")
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
        raise Problem(
            422,
            _l("%(name)s: upload CSV or XLSX files", name=filename or _l("(no name)")),
            "bad-upload",
        )
    return name


def _save(upload: Upload, path: Path, room: int) -> int:
    """Copy the upload to ``path``; its size (a 413 problem past ``room`` bytes)."""
    size = 0
    with path.open("wb") as out:
        while chunk := upload.stream.read(CHUNK):
            size += len(chunk)
            if size > room:
                raise Problem(413, _l("the files are larger than this server accepts"), "too-large")
            out.write(chunk)
    return size


def import_uploads(
    request: Request, account: Account, uploads: list[Upload], max_bytes: int
) -> dict[str, Any]:
    """Validate and import the uploaded files in one audited transaction; a 422 problem listing
    every bad row (``FILE:LINE: column: message``) when any is wrong, and then nothing is
    written."""
    if not uploads:
        raise Problem(422, _l("choose at least one file to import"), "bad-upload")
    folder = Path(tempfile.mkdtemp(prefix="stdgap-upload-"))
    try:
        sources: list[Source] = []
        for index, upload in enumerate(uploads):
            name = _name(upload.filename)
            path = folder / f"{index}-{name}"
            max_bytes -= _save(upload, path, max_bytes)
            sources += _sources(path, name, upload.kind, folder)
        try:
            report = run_import.perform(engine_of(request), account.name, sources)
        except ImportFailed as failure:
            errors = [str(e) for e in failure.errors]
            summary = refusal(len(errors), failure.rows)
            raise Problem(422, summary, "import-failed", errors=errors) from None
        except InputError as error:
            raise Problem(422, str(error), "import-failed", errors=[str(error)]) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report.summary(sources)


def _sources(path: Path, name: str, kind: str | None, folder: Path) -> list[Source]:
    """The tables of a saved upload, named in errors as uploaded (a workbook is checked and
    unpacked now, within the limits of STDGAP_XLSX_*)."""
    try:
        return file_sources(path, folder, label=name, kind=kind)
    except KindUnknown:
        raise Problem(
            422,
            _l(
                "%(name)s: cannot tell what the file holds; choose its kind (%(kinds)s)",
                name=name,
                kinds=", ".join(KINDS),
            ),
            "bad-upload",
        ) from None
    except InputError as error:
        raise Problem(422, str(error), "import-failed", errors=[str(error)]) from None


def uploads_of(files: list[UploadFile], kind: str) -> list[Upload]:
    if kind and kind not in KINDS:
        raise Problem(
            422, _l("kind must be one of %(kinds)s", kinds=", ".join(KINDS)), "bad-upload"
        )
    return [Upload(f.filename or "", kind or None, f.file) for f in files if f.filename]


@page(router, "/imports")
def imports_page(request: Request, account: Account = Depends(importer)) -> Response:
    return respond(request, "imports.html", {"kinds": list(KINDS)}, result=None, error=None)


@router.post(
    "/imports", include_in_schema=False, dependencies=[Depends(importer), Depends(csrf_protect)]
)
def upload(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    kind: Annotated[str, Form()] = "",
    account: Account = Depends(importer),
) -> Response:
    try:
        result = import_uploads(
            request, account, uploads_of(files, kind), settings_of(request).max_upload
        )
    except Problem as problem:
        if wants_json(request):
            raise
        errors = problem.extra.get("errors", [problem.detail])
        return respond(
            request,
            "imports.html",
            {"kinds": list(KINDS)},
            problem.status,
            result=None,
            error=problem.detail,
            errors=errors,
        )
    if wants_json(request):
        return DataResponse(result, status_code=201)
    return respond(request, "imports.html", {"kinds": list(KINDS)}, result=result, error=None)


@api.post(
    "/imports",
    status_code=201,
    dependencies=[Depends(importer), Depends(csrf_protect)],
    summary="Import canonical CSV/XLSX files (analysts, admins)",
    responses={413: {"model": ProblemModel, "description": "Files too large"}},
)
def import_files(
    request: Request,
    files: Annotated[list[UploadFile], File(description="CSV or XLSX files")],
    kind: Annotated[str, Form(max_length=20)] = "",
    account: Account = Depends(importer),
) -> Response:
    """All files are checked and written in one transaction, or not at all: a 422 problem lists
    every bad row as ``FILE:LINE: column: message``."""
    result = import_uploads(
        request, account, uploads_of(files, kind), settings_of(request).max_upload
    )
    return DataResponse(result, status_code=201)
