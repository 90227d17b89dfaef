"""Why a knowledge write is refused (the pages and the API answer each with its status). The
message is the first argument, a translatable message (``_l``)."""

from __future__ import annotations

from stdgap.i18n.translate import LazyText, Message


class KnowledgeError(ValueError):
    """A request that cannot be carried out: a bad item, file or list (422)."""

    @property
    def message(self) -> Message:
        first = self.args[0] if self.args else str(self)
        return first if isinstance(first, LazyText | str) else str(first)


class UnknownItem(KnowledgeError):
    """No such item or reading list (404)."""


class TooLarge(KnowledgeError):
    """An attachment over the size limit (413)."""


class Conflict(KnowledgeError):
    """A write made on a stale version of an item: someone changed it meanwhile (409)."""
