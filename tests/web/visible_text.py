"""What a reader sees of a page: its text and the attributes shown as text (``title``,
``aria-label``, ``alt``, ``placeholder``), for the tests of the pseudo-locale.

Left out: scripts, styles, charts (SVG), and elements that say their text is not to be
translated: ``translate="no"`` (the product's name, file formats), or a ``lang`` of their own
(the language switch writes each language's name in that language). Text nodes are joined with
a newline, so a message wrapped across inline markup (``[[… <code>…</code> …]]``) stays whole.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from babel import Locale

SKIPPED_TAGS = frozenset({"script", "style", "svg", "template"})
SHOWN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
_INNERMOST = re.compile(r"\[\[(?:(?!\[\[|\]\]).)*\]\]", re.DOTALL)
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class Visible:
    text: str
    attributes: list[str] = field(default_factory=list)
    html_lang: str | None = None
    html_dir: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.attributes: list[str] = []
        self.skipping: list[str] = []  # the open elements of a skipped subtree
        self.html: dict[str, str | None] = {}

    def _skip(self, tag: str, attrs: dict[str, str | None]) -> bool:
        return (
            tag in SKIPPED_TAGS
            or attrs.get("translate") == "no"
            or (tag != "html" and attrs.get("lang") is not None)
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html = found
        if self.skipping:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag not in VOID and self._skip(tag, found):
            self.skipping.append(tag)
            return
        self.attributes += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.attributes.append(str(found["value"]))
        self.chunks.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)


def visible(html: str) -> Visible:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Visible(
        "".join(reader.chunks), reader.attributes, reader.html.get("lang"), reader.html.get("dir")
    )


def unwrapped(text: str) -> str:
    """``text`` without its ``[[…]]`` messages (innermost first: a message may hold another)."""
    while True:
        shorter = _INNERMOST.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def words(text: str) -> set[str]:
    """The words of ``text`` (letters only: numbers and punctuation are not words)."""
    return set(_WORDS.findall(text.replace("_", " ")))


_SEPARATORS = re.compile(r"[·,;:()\[\]/|]")


def _plain(value: str) -> str:
    return " ".join(value.replace("_", " ").split()).strip(" .,;:()")


def data_values(data: object) -> set[str]:
    """Every text of a page's data (the strings of its JSON, however deep, and each object as
    JSON), as a page may write it (``in_progress`` as ``in progress``); numbers need none:
    they have no letters."""
    found: set[str] = set()
    if isinstance(data, dict | list):
        found.add(_plain(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)))
    if isinstance(data, str):
        found |= {_plain(data), _plain(unwrapped(data))}
        found |= {_plain(part) for part in data.split(",")}
    elif isinstance(data, dict):
        for value in data.values():
            found |= data_values(value)
    elif isinstance(data, list | tuple | set | frozenset):
        for value in data:
            found |= data_values(value)
    return found - {""}


def _is_data(segment: str, values: set[str]) -> bool:
    plain = _plain(segment)
    if not words(plain) or plain in values:
        return True
    pieces = [_plain(piece) for piece in _SEPARATORS.split(plain)]
    if len(pieces) > 1 and all(_is_data(piece, values) for piece in pieces):
        return True
    tokens = plain.split()
    return len(tokens) > 1 and all(not words(t) or _plain(t) in values for t in tokens)


#: Country names come from CLDR (Babel's data), not from the messages: they are data.
COUNTRY_NAMES = {_plain(name) for name in Locale.parse("en").territories.values()}


def untranslated(html: str, values: set[str]) -> list[str]:
    """What a reader sees of a page in the pseudo-locale that is neither a translated message
    (``[[…]]``) nor data: each piece is text that did not go through gettext."""
    shown = visible(html)
    values = values | COUNTRY_NAMES
    found = []
    for line in unwrapped(shown.text).split("\n"):
        if line.strip() and not _is_data(line, values):
            found.append(line.strip())
    for attribute in shown.attributes:
        rest = unwrapped(attribute)
        if not _is_data(rest, values):
            found.append(f"(attribute) {attribute}")
    return found
