"""How names are sorted in a language: the Unicode Collation Algorithm (``pyuca``, with its
default table, DUCET), so that ``Åland`` comes before ``Albania`` and ``Éthiopie`` after
``Égypte`` in French, and Arabic names sort by their letters, not their code points.

The default table is not tailored per language (Chinese names sort by radical and stroke, not
by pinyin; Spanish ``ñ`` sorts with ``n``). Without ``pyuca`` installed, names sort by their
case-folded letters without accents (Unicode decomposition). :func:`sort_key` is the one entry
point, so a better collator can replace both without touching its callers.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from typing import Any

from stdgap.i18n.locales import Language
from stdgap.i18n.translate import current

SortKey = Callable[[str], Any]


def _fallback(text: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare, text


_made: list[SortKey] = []
_making = threading.Lock()


def _collator() -> SortKey:
    """The key of the Unicode Collation Algorithm's default table, made once even when threads
    ask at the same time (a report sorts names while its writers load in the background: the
    table takes half a second to parse)."""
    if not _made:
        with _making:
            if not _made:
                _made.append(_new_collator())
    return _made[0]


def _new_collator() -> SortKey:
    try:
        from pyuca import Collator
    except ImportError:  # pragma: no cover - pyuca is a dependency
        return _fallback
    collator = Collator()

    def key(text: str) -> tuple[tuple[int, ...], str]:
        return tuple(collator.sort_key(text)), text

    return key


def sort_key(language: Language | None = None) -> SortKey:
    """The key that sorts names as readers of ``language`` (the current one by default)
    expect; ties are broken by the text itself, so the order is total."""
    _ = language or current()  # one table for every language today (see the module's notes)
    return _collator()


def sorted_names(names: list[str], language: Language | None = None) -> list[str]:
    return sorted(names, key=sort_key(language))
