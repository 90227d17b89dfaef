"""The order of rows in reports (and pages that want the same): countries by their name in the
reader's language, by that language's collation; groups in ITU's order.

:func:`ordered` is the one entry point: ``ordered("country", codes, language)``.

Collation: the Unicode Collation Algorithm with its default table (``pyuca``), which puts
"Åland" with the A's and "Österreich" with the O's in every language and orders Arabic,
Cyrillic and Han by their default weights. Without ``pyuca`` installed, the fallback is the
name decomposed (NFKD), stripped of its combining marks and case-folded: accents are ignored,
other scripts go by code point.

Groups: TSAG first, then the study groups by number (SG2, SG3, SG5 … SG21), each followed by
its regional groups (SG3RG-AFR …) in alphabetical order, then any other group by its code.
Closed sets (regions, statuses, member types, positions) keep the catalogue's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from stdgap.i18n.collation import sort_key
from stdgap.i18n.locales import Language
from stdgap.i18n.translate import current
from stdgap.indicators.catalogue import DOMAINS

T = TypeVar("T")
_STUDY_GROUP = re.compile(r"^SG(\d+)(.*)$", re.IGNORECASE)


def warm_collator() -> None:
    """Parse the collation table now rather than at the first name sorted."""
    sort_key()


def collation_key(text: str) -> tuple[Any, ...]:
    """The key that sorts ``text`` among names (see the module's note on collation)."""
    return sort_key()(text)  # type: ignore[no-any-return]


def group_key(code: str) -> tuple[Any, ...]:
    """ITU's order of groups: TSAG, the study groups by number with their regional groups
    after each, then the others."""
    upper = code.upper()
    if upper == "TSAG":
        return (0, 0, "", "")
    found = _STUDY_GROUP.match(upper)
    if found:
        number, rest = int(found.group(1)), found.group(2)
        return (1, number, "" if not rest else "1" + rest, "")
    return (2, 0, "", upper)


def country_name(alpha2: str, fallback: str, language: Language | None = None) -> str:
    """A country's name in ``language``: in English the store's (``fallback``: the UN's
    names, "Congo (Dem. Rep. of the)", as ITU documents write them, not CLDR's informal
    "Congo - Kinshasa"), in the other languages CLDR's short name (``fallback`` when CLDR has
    none, e.g. for a code that is not a territory)."""
    from babel import Locale

    chosen = language or current()
    if fallback and chosen.babel == "en":
        return fallback
    found = Locale.parse(chosen.babel).territories.get(alpha2.upper())
    return str(found) if found else fallback


def ordered(
    dimension: str,
    values: Iterable[T],
    code: Callable[[T], str] = str,
    name: Callable[[T], str] | None = None,
) -> list[T]:
    """``values`` of a dimension in report order (``code`` gives each one's code, ``name`` its
    name in the reader's language): ``group`` codes in ITU order, years by number, the values
    of a closed set (regions, statuses, member types, roles …) in the catalogue's order, and
    anything else (countries) by the collation of its name."""
    items = list(values)
    if dimension == "group":
        return sorted(items, key=lambda item: group_key(code(item)))
    if dimension == "year":
        return sorted(items, key=lambda item: (len(code(item)), code(item)))
    domain = DOMAINS.get(dimension)
    if domain:
        last = len(domain)
        return sorted(
            items,
            key=lambda item: (
                domain.index(code(item)) if code(item) in domain else last,
                code(item),
            ),
        )
    label = name or code
    return sorted(items, key=lambda item: collation_key(label(item)))
