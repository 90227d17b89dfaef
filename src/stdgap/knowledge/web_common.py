"""What the knowledge pages and API share: the editors' guard, refusals as problems (404 an
unknown item or list, 413 a file too large, 422 a bad request), reading a search from query
fields, and answering a form (JSON, or the page again)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from stdgap.http.auth import current_user, require
from stdgap.http.negotiate import wants_json
from stdgap.http.problems import Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import Message, _l
from stdgap.knowledge.attachments import MAX_BYTES
from stdgap.knowledge.errors import Conflict, KnowledgeError, TooLarge, UnknownItem
from stdgap.knowledge.index import Query
from stdgap.knowledge.vocabulary import LANGUAGES, STATUSES, TYPES
from stdgap.tabular.errors import ImportFailed, InputError

T = TypeVar("T")
editor = require("knowledge.edit")
IMPORT_SUFFIXES = (".csv", ".xlsx")
PAGE_SIZE = 10


def problem(error: KnowledgeError) -> Problem:
    if isinstance(error, UnknownItem):
        return Problem(404, error.message, "not-found")
    if isinstance(error, Conflict):
        return Problem(409, error.message, "conflict")
    if isinstance(error, TooLarge):
        return Problem(413, error.message, "too-large")
    return Problem(422, error.message, "bad-request")


def attempt(work: Callable[[], T]) -> T:
    """``work()``, a refusal raised as the problem answering it; a file's errors as 422 with
    every ``FILE:LINE: column: message``."""
    try:
        return work()
    except KnowledgeError as error:
        raise problem(error) from None
    except ImportFailed as failure:
        lines = [str(e) for e in failure.errors]
        raise Problem(422, "; ".join(lines[:20]), "import-failed", errors=lines) from None
    except InputError as error:
        raise Problem(422, str(error), "import-failed", errors=[str(error)]) from None


def may_edit(request: Request) -> bool:
    account = current_user(request)
    return account is not None and account.can("knowledge.edit")


def _values(request: Request, name: str, limit: int = 20) -> tuple[str, ...]:
    found = [v.strip()[:50] for v in request.query_params.getlist(name) if v.strip()]
    return tuple(dict.fromkeys(found))[:limit]


def query_of(request: Request) -> Query:
    """The search of a page's or the API's query fields (q, sg, type, status, year, language;
    each facet repeatable; unknown values match nothing, a bad year is refused)."""
    years = []
    for text in _values(request, "year"):
        if not text.isdigit() or len(text) > 4:
            raise Problem(422, _l("year: %(value)r is not a year", value=text), "bad-request")
        years.append(int(text))
    return Query(
        request.query_params.get("q", "")[:500],
        tuple(v.upper() for v in _values(request, "sg")),
        _values(request, "type"),
        _values(request, "status"),
        tuple(years),
        tuple(v.lower() for v in _values(request, "language")),
    )


def page_of(request: Request) -> int:
    text = request.query_params.get("page", "1")
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise Problem(422, _l("page: %(value)r is not a page number", value=text), "bad-request")
    return int(text)


def read_upload(upload: UploadFile, limit: int = MAX_BYTES) -> bytes:
    """An upload's bytes (refused past ``limit``)."""
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(_l("the file is too large (at most %(limit)s bytes)", limit=limit))
    return data


def with_upload(upload: UploadFile, work: Callable[[Path], T]) -> T:
    """``work`` on the upload saved under its own name in a folder of its own."""
    name = Path(upload.filename or "catalogue").name
    if Path(name).suffix.lower() not in IMPORT_SUFFIXES:
        raise KnowledgeError(_l("%(file)s: unsupported file type (use .csv or .xlsx)", file=name))
    folder = Path(tempfile.mkdtemp(prefix="stdgap-knowledge-"))
    try:
        path = folder / name
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out)
        return work(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def answer(
    request: Request,
    work: Callable[[], Any],
    again: Callable[..., Response],
    done: Callable[[Any], Message] | None = None,
    status: int = 200,
    then: Callable[[Any], str] | None = None,
) -> Response:
    """Do ``work()``; answer with its result as JSON (``status``), or the page ``again``
    saying what was ``done`` (or a redirect to ``then(result)``); a refusal as a problem
    (JSON) or the page again with the reason and the problem's status."""
    try:
        result = attempt(work)
    except Problem as found:
        if wants_json(request) or found.status in (401, 404):
            raise
        return again(code=found.status, error=found.detail, errors=found.extra.get("errors"))
    if wants_json(request):
        return DataResponse(result, status_code=status)
    if then is not None:
        return RedirectResponse(then(result), status_code=303)
    return again(done=done(result) if done else None)


CHOICES = {"types": TYPES, "statuses": STATUSES, "languages": LANGUAGES}
