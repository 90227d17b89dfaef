"""How text becomes search terms, the same for what is indexed and what is asked: words (letters
and digits, any script), lower case, each stemmed in English and in French (Snowball), accents
folded after stemming (``réseaux`` and ``reseaux`` both give ``reseau``); common words of both
languages dropped. A word of the index gives one or two terms (its English and French stems);
a word of a query gives the set of terms any of which it may match."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

#: The version of the analysis: stored terms made by another version are made again
#: (``stdgap knowledge reindex``).
VERSION = 1

_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD_EXTRA = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})
_EN = snowballstemmer.stemmer("english")
_FR = snowballstemmer.stemmer("french")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "which",
        "with",
        "within",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "il",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "l",
        "d",
        "mais",
        "ou",
        "par",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "un",
        "une",
    ]
)


def fold(text: str) -> str:
    """Lower case without accents (``Réseaux`` → ``reseaux``); other scripts kept."""
    lowered = text.lower().translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text`` as written, lower case (``l'Internet`` → ``l``, ``internet``)."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def index_terms(word: str) -> tuple[str, ...]:
    """The terms a (lower-case) word of a document is indexed under: its stems, folded."""
    if fold(word) in STOPWORDS:
        return ()
    if word.isdigit() or len(word) < 3:
        return (fold(word),)
    english = _EN.stemWord(fold(word))
    french = fold(_FR.stemWord(word))
    return (english,) if english == french else (english, french)


@lru_cache(maxsize=20_000)
def query_terms(word: str) -> tuple[str, ...]:
    """The terms a word of a query may match (also the French stem of the word without its
    accents, for those who type without them)."""
    found = index_terms(word)
    if len(found) == 0 or word.isdigit() or len(word) < 3:
        return found
    extra = fold(_FR.stemWord(fold(word)))
    return found if extra in found else (*found, extra)


def analyse(text: str | None) -> list[str]:
    """The terms of a document's text, in order (a word's stems side by side)."""
    if not text:
        return []
    found: list[str] = []
    for word in words(text):
        found.extend(index_terms(word))
    return found


def query_words(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words of a query that count, each with the terms it may match (repeats dropped)."""
    seen: dict[str, tuple[str, ...]] = {}
    for word in words(text):
        terms = query_terms(word)
        if terms and word not in seen:
            seen[word] = terms
    return list(seen.items())


def word_matches(word: str, terms: set[str]) -> bool:
    """Whether a word of a text is one of the query's ``terms`` (highlighting)."""
    return any(t in terms for t in index_terms(word.lower()))
