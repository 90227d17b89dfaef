"""What makes a language's catalogue incomplete or wrong, as a list of readable problems: the
``.po`` missing; a message of the template absent (behind ``messages.pot``), untranslated or
fuzzy; a translation whose placeholders differ from its source (Babel's ``Catalog.check`` and a
comparison of the named placeholders), or whose HTML tags (and links) differ."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from stdgap.i18n.catalogues import read_catalogue

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdirf]")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")
HREF = re.compile(r"""href=["']([^"']*)["']""")


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


def _label(message: Message) -> str:
    return repr(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def _markup(text: str) -> tuple[Counter[str], Counter[str]]:
    return Counter(t.lower() for t in TAG.findall(text)), Counter(HREF.findall(text))


def _placeholders(message: Message) -> list[str]:
    sources = _texts(message.id)
    wanted = set().union(*(PLACEHOLDER.findall(s) for s in sources))
    found: list[str] = []
    for text in _texts(message.string):
        used = set(PLACEHOLDER.findall(text))
        if used - wanted:
            found.append(f"unknown placeholder(s) {sorted(used - wanted)}")
        if len(sources) == 1 and used != wanted:
            found.append(f"placeholders {sorted(used)} instead of {sorted(wanted)}")
    if len(sources) > 1:
        used = set().union(*(PLACEHOLDER.findall(t) for t in _texts(message.string)))
        if used != wanted:
            found.append(f"plural forms use {sorted(used)} instead of {sorted(wanted)}")
    return found


def _tags(message: Message) -> list[str]:
    source = _markup(_texts(message.id)[0])
    return [
        f"HTML tags or links {dict(_markup(text)[0])} instead of {dict(source[0])}"
        for text in _texts(message.string)
        if _markup(text) != source
    ]


def problems(path: Path, template: Catalog, locale: str) -> list[str]:
    """Every problem of the catalogue at ``path`` against the template (empty: complete)."""
    if not path.is_file():
        return [f"{path} is missing"]
    catalogue = read_catalogue(path, locale)
    found: list[str] = []
    for message in template:
        if message.id and message.id not in catalogue:
            found.append(f"{_label(message)}: not in the catalogue (run scripts/messages)")
    for message in catalogue:
        if not message.id:
            continue
        label = _label(message)
        if message.fuzzy:  # a guess of scripts/messages: its placeholders are not checked
            found.append(f"{label}: fuzzy")
            continue
        if not all(_texts(message.string)):
            found.append(f"{label}: untranslated")
            continue
        found += [f"{label}: {problem}" for problem in _placeholders(message) + _tags(message)]
    for message, errors in catalogue.check():
        if not message.fuzzy:
            found += [f"{_label(message)}: {error}" for error in errors]
    return found
