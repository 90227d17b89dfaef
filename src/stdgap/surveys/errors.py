"""Why a survey write is refused, by kind (the pages and the API answer each with its status).
The message is the first argument, a translatable message (``_l``)."""

from __future__ import annotations

from stdgap.i18n.translate import LazyText, Message


class SurveyError(ValueError):
    """A request that cannot be carried out: a bad question, answer or target (422)."""

    @property
    def message(self) -> Message:
        first = self.args[0] if self.args else str(self)
        return first if isinstance(first, LazyText | str) else str(first)


class UnknownSurvey(SurveyError):
    """No such survey (404)."""


class NotInvited(SurveyError):
    """The one answering holds no invitation to this survey (403)."""


class WrongState(SurveyError):
    """Not now: a draft, a closed survey, past the deadline, already answered (409)."""
