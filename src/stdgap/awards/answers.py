"""What the pages and the API answer when an award write is refused: the status of each kind
of refusal (RFC 9457 problem details)."""

from __future__ import annotations

from typing import Any

from stdgap.awards.errors import (
    ConflictOfInterest,
    NotAJuror,
    TooManyNominations,
    UnknownCall,
    WrongState,
)
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.i18n.translate import LazyText, Message
from stdgap.programmes.errors import ProgrammeError

#: The API's answers besides the shared ones: 409, a write at the wrong time; 429, a nomination
#: beyond a nominator's share.
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {**PROBLEM_RESPONSES[422], "description": "Conflict (not at this stage of the call)"},
    429: {**PROBLEM_RESPONSES[422], "description": "Too many nominations by this nominator"},
}


def message(error: Exception) -> Message:
    first = error.args[0] if error.args else str(error)
    return first if isinstance(first, LazyText | str) else str(first)


def problem(error: ProgrammeError) -> Problem:
    """The problem answering ``error``: 404 an unknown call, 403 a user who is not a juror or
    a juror in conflict of interest, 409 a write at the wrong stage, 429 a nomination beyond a
    nominator's share, 422 anything else."""
    if isinstance(error, UnknownCall):
        return Problem(404, message(error), "not-found")
    if isinstance(error, ConflictOfInterest):
        return Problem(403, message(error), "conflict-of-interest")
    if isinstance(error, NotAJuror):
        return Problem(403, message(error), "not-a-juror")
    if isinstance(error, WrongState):
        return Problem(409, message(error), "wrong-stage")
    if isinstance(error, TooManyNominations):
        return Problem(429, message(error), "too-many-nominations")
    return Problem(422, message(error), "bad-award")
