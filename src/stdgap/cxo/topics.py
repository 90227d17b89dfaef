"""Topics of conclusions: the normal form by which a topic raised again is recognised, and the
open conclusions whose topics resemble a new one (rapidfuzz)."""

from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz, process

#: How alike (0-100, token-sort ratio of the normal forms) two topics must be to be offered as
#: possibly the same.
NEAR = 85


def normalise(topic: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", topic)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in plain.casefold())
    return " ".join(words.split())


def near(topic_key: str, candidates: dict[int, str], limit: int = 5) -> list[tuple[int, float]]:
    """The candidates (id → normal form) whose topics resemble ``topic_key``, best first, with
    their score."""
    found = process.extract(
        topic_key, candidates, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR, limit=limit
    )
    return [(int(key), round(float(score), 1)) for _text, score, key in found]
