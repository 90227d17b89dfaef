"""Why an award write is refused, by kind (the web answers each with its own status)."""

from __future__ import annotations

from stdgap.programmes.errors import ProgrammeError


class NotAJuror(ProgrammeError):
    """The user is not a juror of the call (403)."""


class ConflictOfInterest(ProgrammeError):
    """The juror is in conflict with the nominee, declared or found (403)."""


class WrongState(ProgrammeError):
    """Not now: nominations closed, scoring not open, results already published (409)."""


class UnknownCall(ProgrammeError):
    """No such award call (404)."""


class TooManyNominations(ProgrammeError):
    """The nominator has made as many nominations for the call as one may (429)."""
