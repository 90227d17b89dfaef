"""Searching the catalogue: the index's answer (:mod:`stdgap.knowledge.index`) with the items'
records and snippets — the best passage of the summary or of an attached text, its matching
words marked — and the words corrected shown as words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from stdgap.knowledge import index, queries
from stdgap.knowledge.analysis import index_terms, word_matches
from stdgap.knowledge.index import FACETS, Query

_TOKEN = re.compile(r"\w+|\W+", re.UNICODE)
#: Words in a snippet.
SNIPPET_WORDS = 36
MAX_LIMIT = 100


@dataclass(frozen=True)
class Segment:
    text: str
    hit: bool

    def record(self) -> dict[str, Any]:
        return {"text": self.text, "hit": self.hit}


def marked(text: str, terms: set[str]) -> list[Segment]:
    """``text`` cut where the query's words are (each word found is a segment of its own)."""
    found: list[Segment] = []
    for part in _TOKEN.findall(text):
        hit = part[0].isalnum() or part[0] == "_"
        hit = hit and word_matches(part, terms)
        if found and not hit and not found[-1].hit:
            found[-1] = Segment(found[-1].text + part, False)
        else:
            found.append(Segment(part, hit))
    return found


def snippet(text: str, terms: set[str], words: int = SNIPPET_WORDS) -> list[Segment]:
    """The passage of ``text`` of about ``words`` words holding the most matching words."""
    parts = _TOKEN.findall(" ".join(text.split()))
    positions = [i for i, p in enumerate(parts) if p[0].isalnum() or p[0] == "_"]
    if not positions:
        return []
    hits = [i for i, p in enumerate(positions) if terms and word_matches(parts[p], terms)]
    start = 0
    if hits:
        best = max(
            range(len(hits)),
            key=lambda h: (sum(1 for other in hits[h:] if other - hits[h] < words), -h),
        )
        start = max(0, hits[best] - 4)
    end = min(len(positions), start + words)
    first = positions[start]
    last = positions[end - 1] + 1
    passage = "".join(parts[first:last])
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(positions) else ""
    found = marked(passage, terms)
    if prefix:
        found.insert(0, Segment(prefix, False))
    if suffix:
        found.append(Segment(suffix, False))
    return found


def _word_for(term: str, texts: list[str]) -> str | None:
    """A word of ``texts`` indexed under ``term`` (to show a correction as a word)."""
    for text in texts:
        for word in re.findall(r"\w+", text):
            if term in index_terms(word.lower()):
                return str(word).lower()
    return None


def _texts_of(record: dict[str, Any], attached: list[str]) -> list[str]:
    return [
        record["title"],
        record["summary"] or "",
        " ".join(record["keywords"]),
        *attached,
    ]


def _surface(engine: Engine, searched: index.SearchIndex, term: str, sample: list[str]) -> str:
    """A word of the catalogue indexed under ``term``: looked for in the page's results,
    else in a few items holding the term (the term itself when none shows it)."""
    found = _word_for(term, sample)
    if found is not None:
        return found
    records, attached = queries.results(engine, searched.documents_of(term), texts=True)
    texts = [t for r in records for t in _texts_of(r, attached.get(r["item_id"], []))]
    return _word_for(term, texts) or term


def search(engine: Engine, query: Query, offset: int = 0, limit: int = 10) -> dict[str, Any]:
    """One page of results with the facets' counts: the answer of the pages, API and CLI."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    searched = index.current(engine)
    hits = searched.search(query, offset, limit)
    found, attached = queries.results(engine, hits.ids, texts=bool(query.text.strip()))
    results = []
    for record, score in zip(found, hits.scores, strict=True):
        # the passage from the text that matched: the summary, else each attachment in turn
        texts = [record["summary"] or "", *attached.get(record["item_id"], [])]
        passage: list[Segment] = []
        if hits.terms:
            for text in texts:
                passage = snippet(text, hits.terms)
                if any(s.hit for s in passage):
                    break
        if not any(s.hit for s in passage):
            passage = snippet(texts[0], set())
        results.append(
            {
                **record,
                "score": score,
                "title_marked": [s.record() for s in marked(record["title"], hits.terms)],
                "snippet": [s.record() for s in passage],
            }
        )
    corrected: dict[str, list[str]] = {}
    sample = [t for r in found for t in _texts_of(r, attached.get(r["item_id"], []))]
    for word, terms in hits.corrections.items():
        corrected[word] = sorted({_surface(engine, searched, t, sample) for t in terms})
    return {
        "query": {
            "q": query.text,
            **{facet: list(query.chosen(facet)) for facet in FACETS},
        },
        "total": hits.total,
        "offset": offset,
        "limit": limit,
        "partial": hits.partial,
        "corrections": corrected,
        "ignored": hits.ignored,
        "max_words": index.MAX_WORDS,
        "uncorrected": hits.uncorrected,
        "facets": {f: [{"value": v, "count": c} for v, c in hits.facets[f]] for f in FACETS},
        "results": results,
    }


def ids(engine: Engine, query: Query, limit: int = 10) -> list[str]:
    """The ids of the first results (what the tests and the benchmark compare)."""
    return index.current(engine).search(query, 0, limit).ids
