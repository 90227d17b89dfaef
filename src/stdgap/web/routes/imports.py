"""Uploading import files (analysts and admins): the same validation as ``stdgap import``,
errors listed by line, nothing written on error."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from stdgap.ingest.kinds import KINDS
from stdgap.web import writes
from stdgap.web.accounts import Account
from stdgap.web.auth import engine_of, require, settings_of
from stdgap.web.csrf import csrf_protect
from stdgap.web.negotiate import wants_json
from stdgap.web.problems import Problem
from stdgap.web.render import DataResponse, respond

router = APIRouter()
analyst = require("import")


@router.get("/imports", include_in_schema=False)
@router.get("/imports.json", include_in_schema=False)
def imports_page(request: Request, account: Account = Depends(analyst)) -> Response:
    return respond(request, "imports.html", {"kinds": list(KINDS)}, result=None, error=None)


def uploads_of(files: list[UploadFile], kind: str) -> list[writes.Upload]:
    if kind and kind not in KINDS:
        raise Problem(422, f"kind must be one of {', '.join(KINDS)}", "bad-upload")
    return [writes.Upload(f.filename or "", kind or None, f.file) for f in files if f.filename]


@router.post(
    "/imports", include_in_schema=False, dependencies=[Depends(analyst), Depends(csrf_protect)]
)
def upload(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    kind: Annotated[str, Form()] = "",
    account: Account = Depends(analyst),
) -> Response:
    try:
        result = writes.import_uploads(
            engine_of(request), account, uploads_of(files, kind), settings_of(request).max_upload
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
