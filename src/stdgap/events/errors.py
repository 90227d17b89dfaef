"""Why an event's write is refused, by kind (the web answers each with its own status)."""

from __future__ import annotations


class EventError(ValueError):
    """A request that cannot be carried out (422), its message shown to users as it is."""


class UnknownEvent(EventError):
    """No such event, registration or material (404)."""


class NotYours(EventError):
    """A registration of someone else (403)."""


class WrongTime(EventError):
    """Not now: registration closed, the event held already, cancelled already (409)."""
