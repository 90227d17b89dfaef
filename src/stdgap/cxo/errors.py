"""Why a CxO write is refused, by kind (the web answers each with its own status)."""

from __future__ import annotations

from stdgap.i18n.translate import _l
from stdgap.programmes.errors import ProgrammeError
from stdgap.tabular.text import control_character


class CxoError(ProgrammeError):
    """A request that cannot be carried out (422)."""


class Unknown(CxoError):
    """No such meeting or conclusion (404)."""


class WrongState(CxoError):
    """A transition the conclusion's lifecycle does not allow, or a topic that resembles an
    open conclusion's (409)."""


def refuse_control(value: str | None, name: str) -> None:
    """Refuse a NUL or another control character in a text field, the value shown (the same
    refusal on SQLite, which would keep it, and on PostgreSQL, which refuses a NUL)."""
    char = control_character(value)
    if char is not None:
        raise CxoError(
            _l(
                "%(field)s: %(value)r holds a control character (%(char)s)",
                field=name,
                value=(value or "")[:60],
                char=char,
            )
        )
