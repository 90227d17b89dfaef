"""Which locale a request gets: ``?lang=``, then the ``stdgap_lang`` cookie, then the browser's
``Accept-Language``, else English.

A value naming no supported locale is ignored, as if it were not given, so the next source
decides (and English when none does). ``?lang=`` and the cookie must name a locale exactly
(``fr``, ``en-XA``); ``Accept-Language`` is read as browsers mean it: in order of preference
(``q``), and a regional variant (``fr-CH``, ``zh-Hans-CN``) gets its language.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdgap.i18n.locales import PSEUDO, Language, source, supported

COOKIE = "stdgap_lang"
QUERY = "lang"
#: How long the cookie keeps a chosen language: a year.
COOKIE_MAX_AGE = 365 * 24 * 3600
#: Longest header read, and most tags considered (a defence against silly headers).
MAX_HEADER, MAX_TAGS = 1000, 30


@dataclass(frozen=True)
class Choice:
    """The locale of a request, and whether ``?lang=`` chose it (then the cookie remembers)."""

    language: Language
    from_query: bool = False


def accepted_tags(header: str | None) -> list[str]:
    """The language tags of an ``Accept-Language`` header, most wanted first (``q=0``: not
    wanted; equal weights keep their order)."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header[:MAX_HEADER].split(",")[:MAX_TAGS]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag.strip() and weight > 0:
            weighted.append((-weight, index, tag.strip()))
    return [tag for _weight, _index, tag in sorted(weighted)]


def from_header(header: str | None) -> Language | None:
    """The first locale of ``Accept-Language`` that is supported: a tag exactly, else its
    language (never the pseudo-locale: a browser asks for it only by its exact tag)."""
    for tag in accepted_tags(header):
        if tag == "*":
            continue
        exact = supported(tag)
        if exact is not None:
            return exact
        primary = supported(tag.replace("_", "-").split("-")[0])
        if primary is not None and primary.code != PSEUDO:
            return primary
    return None


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> Choice:
    """The locale of a request from its ``?lang=``, its cookie and its ``Accept-Language``."""
    if query:
        asked = supported(query)
        if asked is not None:
            return Choice(asked, from_query=True)
    if cookie:
        kept = supported(cookie)
        if kept is not None:
            return Choice(kept)
    return Choice(from_header(accept_language) or source())
