"""The translation catalogues: ``locale/messages.pot`` lists every message (made by
``scripts/messages`` with ``pybabel extract``); a language's translations are
``locale/<catalogue>/LC_MESSAGES/messages.po``.

Catalogues are compiled when first used, in memory (Babel reads the ``.po`` and writes the
``.mo`` into a buffer): a fresh clone needs no build step, and no ``.mo`` file is kept. A
language without a ``.po`` shows the English source. The pseudo-locale's catalogue is made from
the template itself: every message wrapped in ``[[…]]``.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from stdgap.i18n.locales import PSEUDO, PSEUDO_CLOSE, PSEUDO_OPEN, Language, language

DOMAIN = "messages"
LOCALE_DIR = Path(__file__).parent / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def po_path(found: Language) -> Path:
    """Where the translations of ``found`` are kept."""
    return LOCALE_DIR / found.catalogue / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


def wrap(text: str) -> str:
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}"


def pseudo_catalogue(template: Catalog, locale: str = "en") -> Catalog:
    """Every message of ``template`` translated as itself wrapped in ``[[…]]`` (placeholders
    kept), so that text which does not go through gettext shows unwrapped."""
    pseudo = Catalog(locale=locale, domain=DOMAIN, fuzzy=False)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            singular, plural = str(message.id[0]), str(message.id[1])
            pseudo.add((singular, plural), (wrap(singular), wrap(plural)), flags=message.flags)
        else:
            pseudo.add(message.id, wrap(str(message.id)), flags=message.flags)
    return pseudo


def compile_catalogue(catalogue: Catalog) -> Translations:
    """Translations from a catalogue, compiled in memory (fuzzy entries left out)."""
    buffer = BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The translations of the locale ``code`` (compiled once per process)."""
    found = language(code)
    if found.code == PSEUDO:
        return compile_catalogue(pseudo_catalogue(read_catalogue(TEMPLATE), found.babel))
    path = po_path(found)
    if not path.is_file():
        return gettext.NullTranslations()
    return compile_catalogue(read_catalogue(path, found.babel))
