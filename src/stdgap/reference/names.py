"""Normalising country names and codes for matching: case-, accent- and spacing-insensitive."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-"})
_SPACES = re.compile(r"\s+")


def name_key(value: str) -> str:
    """The key a country name or code is matched on.

    >>> name_key("  Côte d’Ivoire ") == name_key("cote d'ivoire")
    True
    """
    decomposed = unicodedata.normalize("NFKD", value.translate(_APOSTROPHES))
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", without_marks).strip().casefold()
