"""Country names in the reader's language, from the CLDR data Babel ships.

A country is named by its ISO 3166-1 code (alpha-3, as the store keeps it, or alpha-2). English
pages keep the observatory's own name when the caller has it (the UN short name of the store,
``Bolivia (Plurinational State of)``); every other language gets CLDR's name for it
(``Bolivie``, ``بوليفيا``, ``玻利维亚``). A code CLDR does not know is shown as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, TypeVar

from babel import Locale
from babel.core import get_global

from stdgap.i18n.collation import sort_key
from stdgap.i18n.locales import SOURCE, Language
from stdgap.i18n.translate import current

T = TypeVar("T")


@cache
def _territories(babel: str) -> dict[str, str]:
    return dict(Locale.parse(babel).territories)


def alpha2(code: str) -> str | None:
    """The ISO alpha-2 code of an alpha-3 or alpha-2 code (None when CLDR knows neither)."""
    code = code.strip().upper()
    if len(code) == 2:
        return code
    aliases = get_global("territory_aliases").get(code)
    return aliases[0] if aliases and len(aliases) == 1 else None


def country_name(
    code: str | None, fallback: str | None = None, language: Language | None = None
) -> str:
    """The name of the country ``code`` in ``language`` (the current one by default):
    ``fallback`` (the store's name) in English, CLDR's name otherwise; ``code`` itself when
    neither is known; nothing for no code."""
    if not code:
        return fallback or ""
    found = language or current()
    if fallback and found.babel == SOURCE:
        return fallback
    two = alpha2(code)
    name = _territories(found.babel).get(two) if two else None
    return name or fallback or code


#: UN M49 names the store uses that CLDR writes differently in English.
M49_ALIASES = {
    "Australia and New Zealand": "053",
    "Latin America and the Caribbean": "419",
    "Micronesia": "057",
    "South-eastern Asia": "035",
}


@cache
def _m49_codes() -> dict[str, str]:
    english = {name: code for code, name in _territories(SOURCE).items() if code.isdigit()}
    return english | M49_ALIASES


def region_name(name: str | None, language: Language | None = None) -> str:
    """A UN M49 region or subregion (``Sub-Saharan Africa``, as the store names it) in
    ``language``, from CLDR; English, and a name CLDR does not know, as given."""
    if not name:
        return ""
    found = language or current()
    code = _m49_codes().get(name)
    if found.babel == SOURCE or code is None:
        return name
    return _territories(found.babel).get(code) or name


def by_name(
    items: Iterable[T], name: Callable[[T], str], language: Language | None = None
) -> list[T]:
    """``items`` sorted by their ``name`` in the collation of ``language``."""
    key = sort_key(language)
    return sorted(items, key=lambda item: key(name(item)))


def _code_and_name(item: Any, code: str, name: str) -> tuple[Any, Any]:
    if isinstance(item, dict):
        return item.get(code), item.get(name)
    if isinstance(item, tuple | list):
        return item[0], item[1] if len(item) > 1 else None
    return getattr(item, code, None), getattr(item, name, None)


def countries_by_name(items: Iterable[Any], code: str = "code", name: str = "name") -> list[Any]:
    """Countries (dictionaries with ``code`` and ``name``, or ``(code, name)`` pairs) sorted by
    their name in the current language (the template filter ``by_country_name``)."""
    return by_name(items, lambda item: country_name(*_code_and_name(item, code, name)))
