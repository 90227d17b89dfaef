"""Why a forum write is refused, by kind (the web answers each with its own status)."""

from __future__ import annotations


class ForumError(ValueError):
    """A request that cannot be carried out (422), its message shown to users as it is."""


class UnknownPost(ForumError):
    """No such question, answer or report, or one the reader may not see (404)."""


class NotYours(ForumError):
    """Someone else's question or post (403): only the asker accepts an answer."""


class WrongState(ForumError):
    """Not in this state: a post not held, already hidden, a report resolved (409)."""


class TooMany(ForumError):
    """Too many posts in the last hour (429); ``retry_after``: seconds until one may post."""

    def __init__(self, message: object, retry_after: int = 600) -> None:
        super().__init__(message)
        self.retry_after = retry_after
