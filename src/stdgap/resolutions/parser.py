"""Entry points: text or a file (``.txt``, ``.docx``) to a :class:`Resolution` or a
:class:`Collection`. The passes: clean-up, line classification, nesting, references."""

from __future__ import annotations

from pathlib import Path

from stdgap.resolutions.cleanup import clean
from stdgap.resolutions.collection import is_collection, parse_collection
from stdgap.resolutions.document import parse_resolution
from stdgap.resolutions.lines import classify_all
from stdgap.resolutions.parsed import Parsed


def parse_text(text: str) -> Parsed:
    """Parse a resolution (or a collection of extracts) as the assembly publishes it."""
    cleaned = clean(text)
    raws = cleaned.text.split("\n")
    lines = classify_all(cleaned.text)
    if is_collection(lines):
        return parse_collection(cleaned, lines, raws)
    return parse_resolution(lines, raws, cleaned.footnotes)


def read_text(path: Path) -> str:
    """The text of a ``.docx`` (one line a paragraph, table cells included) or a text file."""
    if path.suffix.lower() == ".docx":
        from stdgap.resolutions.docx_reader import docx_text

        return docx_text(path)
    return path.read_text(encoding="utf-8", errors="replace")


def parse_file(path: Path) -> Parsed:
    return parse_text(read_text(path))
