"""Entry points: text or a file (``.txt``, ``.docx``, ``.pdf``) to a :class:`Resolution` or a
:class:`Collection`. The passes: clean-up (page furniture, notes, markers), language, line
classification, nesting, references.

A parse also says how sure it is: :func:`recognised` is false for a text that is not a
resolution at all, and ``warnings`` name the lines no section could take.
"""

from __future__ import annotations

from pathlib import Path

from stdgap.resolutions.cleanup import clean
from stdgap.resolutions.collection import is_collection, parse_collection
from stdgap.resolutions.document import parse_resolution
from stdgap.resolutions.lines import classify_all
from stdgap.resolutions.parsed import Collection, Parsed, Resolution
from stdgap.resolutions.unga import is_unga, parse_unga
from stdgap.resolutions.vocab import LANGUAGES, detect


class NotAResolution(ValueError):
    """The text holds no heading, no preamble and no operative part."""


def parse_text(text: str, language: str | None = None) -> Parsed:
    """Parse a resolution (or a collection of extracts) as the assembly publishes it;
    ``language`` (en, fr, es, ru, ar, zh) is detected when not given."""
    cleaned = clean(text)
    lang = LANGUAGES.get(language or "") or LANGUAGES[detect(cleaned.text)]
    if is_unga(cleaned.text):
        return parse_unga(cleaned.text, cleaned.footnotes, lang)
    raws = cleaned.text.split("\n")
    lines = classify_all(cleaned.text, lang)
    if is_collection(lines):
        collection = parse_collection(cleaned, lines, raws, lang)
        collection.language = lang.code
        for extract in collection.extracts:
            collection.warnings.extend(extract.warnings)
        return collection
    resolution = parse_resolution(lines, raws, cleaned.footnotes, lang=lang)
    if resolution.number is None and recognised(resolution):
        resolution.warnings.insert(0, "no heading such as 'RESOLUTION 12' was found")
    return resolution


def recognised(parsed: Parsed) -> bool:
    """True when the parse found something of a resolution: a heading, a section."""
    if isinstance(parsed, Collection):
        return bool(parsed.extracts or parsed.status_table)
    return parsed.number is not None or bool(parsed.preamble or parsed.operative)


def parse_checked(text: str, language: str | None = None, source: str = "text") -> Parsed:
    """:func:`parse_text`, raising :class:`NotAResolution` instead of an empty success."""
    parsed = parse_text(text, language)
    if not recognised(parsed):
        raise NotAResolution(
            f"{source}: not recognised as a resolution (no heading such as 'RESOLUTION 12', "
            "no preamble or operative section such as 'considering' / 'resolves')"
        )
    return parsed


def read_text(path: Path) -> str:
    """The text of a ``.docx`` (one line a paragraph, table cells included, Word's list numbers
    restored), of a ``.pdf`` (pages separated by form feeds) or of a text file."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from stdgap.resolutions.docx_reader import docx_text

        return docx_text(path)
    if suffix == ".pdf":
        from stdgap.resolutions.pdf_reader import pdf_text

        return pdf_text(path)
    return path.read_text(encoding="utf-8", errors="replace")


def parse_file(path: Path, language: str | None = None) -> Parsed:
    return parse_text(read_text(path), language)


__all__ = [
    "NotAResolution",
    "Resolution",
    "parse_checked",
    "parse_file",
    "parse_text",
    "read_text",
    "recognised",
]
