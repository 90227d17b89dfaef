"""Place-and-year strings (``Geneva, 2022``) written one way."""

from __future__ import annotations

import re

_HAS_YEAR = re.compile(r"^(.*\S),?\s+(\d{4})$")


def place_year(text: str) -> str:
    """``Hammamet 2016`` → ``Hammamet, 2016``; other forms kept, whitespace normalised."""
    text = re.sub(r"\s+", " ", text).strip(" ;")
    match = _HAS_YEAR.match(text)
    return f"{match.group(1).rstrip(',')}, {match.group(2)}" if match else text
