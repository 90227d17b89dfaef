"""The locales stdgap's pages may be shown in: the six official languages of the United
Nations (English is the source language) and a pseudo-locale for tests.

A locale's *code* is the BCP 47 tag used in ``?lang=``, the ``stdgap_lang`` cookie and
``<html lang>``; its *babel* identifier names the CLDR data used to write numbers and dates; its
*catalogue* is the folder of its translations under ``locale/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from babel import Locale

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Language:
    """A locale of the pages."""

    code: str
    #: The language's own name, as the language switch shows it.
    name: str
    babel: str
    catalogue: str
    #: Shown in the language switch (the pseudo-locale is not).
    listed: bool = True

    @cached_property
    def direction(self) -> Direction:
        """``rtl`` for a language written right to left (Arabic), else ``ltr`` (from CLDR)."""
        return "rtl" if Locale.parse(self.babel).text_direction == "rtl" else "ltr"


#: The source language: every message is written in it, and it is the last resort.
SOURCE = "en"
#: The pseudo-locale: English with every translated message wrapped in ``[[…]]``, so that a
#: test can see any text that does not go through gettext.
PSEUDO = "en-XA"
PSEUDO_OPEN, PSEUDO_CLOSE = "[[", "]]"

#: In the order of the UN's official languages (Arabic, Chinese, English, French, Russian,
#: Spanish), then the pseudo-locale.
LANGUAGES: tuple[Language, ...] = (
    Language("ar", "العربية", "ar", "ar"),
    Language("zh", "中文", "zh_Hans", "zh"),
    Language("en", "English", "en", "en"),
    Language("fr", "Français", "fr", "fr"),
    Language("ru", "Русский", "ru", "ru"),
    Language("es", "Español", "es", "es"),
    Language(PSEUDO, "[[English]]", "en", "en_XA", listed=False),
)
_BY_CODE = {language.code.lower(): language for language in LANGUAGES}


def language(code: str) -> Language:
    """The supported locale with this exact code (``KeyError`` otherwise)."""
    return _BY_CODE[code.lower()]


def supported(tag: str) -> Language | None:
    """The locale a tag names exactly (case and ``_``/``-`` do not matter), or None."""
    return _BY_CODE.get(tag.strip().replace("_", "-").lower())


def source() -> Language:
    return _BY_CODE[SOURCE]


def listed() -> tuple[Language, ...]:
    """The locales a reader may choose (the language switch)."""
    return tuple(found for found in LANGUAGES if found.listed)
