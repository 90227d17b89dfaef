"""Why a CxO write is refused, by kind (the web answers each with its own status)."""

from __future__ import annotations

from stdgap.programmes.errors import ProgrammeError


class CxoError(ProgrammeError):
    """A request that cannot be carried out (422)."""


class Unknown(CxoError):
    """No such meeting or conclusion (404)."""


class WrongState(CxoError):
    """A transition the conclusion's lifecycle does not allow, or a topic that resembles an
    open conclusion's (409)."""
