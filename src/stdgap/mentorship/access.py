"""Who acts on mentorship, and what they may touch.

Officers (``mentorship.manage``) and the command line act on every profile and pair; anyone else
taking part acts on their own: the profiles that belong to them, the pairs they are in.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdgap.i18n.translate import _l
from stdgap.programmes.errors import ProgrammeError


class NotYours(ProgrammeError):
    """A profile or a pair that the acting user may not touch (the web answers 404, as for
    what is not there)."""


class NotFound(ProgrammeError):
    """No such profile or pair (the web answers 404)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: the name the audit log shows, their user id (None on the command line), and
    whether they manage the programme (act for anyone)."""

    name: str
    user_id: int | None
    manages: bool

    def may_touch(self, *owners: int | None) -> bool:
        """Whether this actor may act on something that belongs to ``owners``."""
        return self.manages or (self.user_id is not None and self.user_id in owners)

    def check(self, *owners: int | None) -> None:
        if not self.may_touch(*owners):
            raise NotYours(_l("this belongs to someone else"))


def command_line(name: str) -> Actor:
    """The command line acts on the store directly: for anyone."""
    return Actor(name, None, True)
