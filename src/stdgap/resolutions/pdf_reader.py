"""``.pdf`` to text with ``pypdf``: one page after another, separated by form feeds, so that
the clean-up pass can tell page furniture (heads, feet, page numbers) from the text."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\f".join(page.extract_text() or "" for page in reader.pages)
