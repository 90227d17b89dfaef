"""What the surveys' pages and API share: the guards, refusals as problems (404 an unknown
survey, 403 not invited, 409 not now, 422 a bad request), who may see which results, reading
a target from form or query fields, and answering a form (JSON, or the page again)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from stdgap.http.auth import current_user, engine_of, require
from stdgap.http.negotiate import wants_json
from stdgap.http.problems import Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import Message, _l
from stdgap.permissions import Account
from stdgap.surveys import queries, results
from stdgap.surveys.errors import NotInvited, SurveyError, UnknownSurvey, WrongState
from stdgap.surveys.models import CLOSED, DRAFT
from stdgap.surveys.questionnaire import read_questionnaire  # noqa: F401 - re-exported for pages
from stdgap.surveys.stored import StoredSurvey
from stdgap.surveys.targeting import Target
from stdgap.tabular.errors import ImportFailed, InputError

T = TypeVar("T")
manager = require("surveys.manage")
analyst = require("surveys.results")
SUFFIXES = (".json", ".csv", ".xlsx")


def problem(error: SurveyError) -> Problem:
    if isinstance(error, UnknownSurvey):
        return Problem(404, error.message, "not-found")
    if isinstance(error, NotInvited):
        return Problem(403, error.message, "not-invited")
    if isinstance(error, WrongState):
        return Problem(409, error.message, "wrong-state")
    return Problem(422, error.message, "bad-survey")


def attempt(work: Callable[[], T]) -> T:
    """``work()``, a refusal raised as the problem answering it; a file's errors as 422 with
    every ``FILE:LINE: column: message``."""
    try:
        return work()
    except SurveyError as error:
        raise problem(error) from None
    except ImportFailed as failure:
        lines = [str(e) for e in failure.errors]
        raise Problem(422, "; ".join(lines[:20]), "import-failed", errors=lines) from None
    except InputError as error:
        raise Problem(422, str(error), "import-failed", errors=[str(error)]) from None


def may(request: Request, permission: str) -> bool:
    account = current_user(request)
    return account is not None and account.can(permission)


def survey_for(request: Request, survey_id: str) -> StoredSurvey:
    """The survey (404 when unknown; a draft only for those who manage surveys: 404 for
    everyone else too, as for an unknown id, so that nobody learns that a draft exists)."""
    found = attempt(lambda: queries.stored(engine_of(request), survey_id))
    if found.status == DRAFT and not may(request, "surveys.manage"):
        raise Problem(404, _l("no survey %(value)r", value=survey_id), "not-found")
    return found


def results_for(request: Request, survey: StoredSurvey, by: str | None) -> dict[str, Any]:
    """The results as the asker may see them: exact with free texts for analysts and admins;
    perturbed for officers (any time) and for everyone once the survey is closed."""
    exact = may(request, "surveys.results")
    if not exact and survey.status != CLOSED:
        manager(request)
    if by is not None and by not in results.BREAKDOWNS:
        raise Problem(
            422,
            _l(
                "by: %(value)r is not one of %(allowed)s",
                value=by,
                allowed=", ".join(results.BREAKDOWNS),
            ),
            "bad-request",
        )
    engine = engine_of(request)
    texts = queries.free_texts(engine, survey.survey_id) if exact else None
    found = results.survey_results(engine, survey, by, exact, texts)
    return found.record()


def words(text: str) -> tuple[str, ...]:
    """'Africa, Americas' or lines → ('Africa', 'Americas')."""
    parts = text.replace("\n", ",").replace(";", ",").split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def user_pairs(text: str) -> tuple[tuple[str, str | None], ...]:
    """Lines of ``user`` or ``user member`` (space, comma or '=' between)."""
    found = []
    for line in text.replace(";", "\n").splitlines():
        parts = line.replace(",", " ").replace("=", " ").split()
        if not parts:
            continue
        if len(parts) > 2:
            raise SurveyError(
                _l("users: %(value)r is not 'user' or 'user member'", value=line.strip())
            )
        found.append((parts[0], parts[1] if len(parts) == 2 else None))
    return tuple(found)


def target_of(
    member_types: list[str],
    classes: list[str],
    regions: list[str],
    members: str,
    users: str,
    contacts: bool,
    on: str,
) -> Target:
    """A target from form or query fields (lists, and texts of several values)."""
    day = None
    if on.strip():
        try:
            day = date.fromisoformat(on.strip())
        except ValueError:
            raise SurveyError(_l("day: %(value)r is not a date (YYYY-MM-DD)", value=on)) from None
    return Target(
        tuple(t for t in member_types if t),
        tuple(c for c in classes if c),
        tuple(r for r in regions if r),
        words(members),
        user_pairs(users),
        contacts,
        day,
    ).checked()


def day_of(text: str, field: Message) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise SurveyError(
            _l("%(field)s: %(value)r is not a date (YYYY-MM-DD)", field=field, value=text)
        ) from None


def saved_upload(upload: UploadFile, folder: Path) -> Path:
    """The upload written to ``folder`` under its own name (its suffix checked)."""
    name = Path(upload.filename or "questions").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise InputError(f"{name}: unsupported file type (use .json, .csv or .xlsx)")
    path = folder / name
    with path.open("wb") as out:
        shutil.copyfileobj(upload.file, out)
    return path


def with_upload(upload: UploadFile, work: Callable[[Path], T]) -> T:
    folder = Path(tempfile.mkdtemp(prefix="stdgap-survey-"))
    try:
        return work(saved_upload(upload, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def actor(account: Account | None) -> str | None:
    return account.name if account is not None else None


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
