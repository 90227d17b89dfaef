"""The search index: derived from the terms stored with each item, held in memory by each
process, made again when the catalogue's revision moves (any process, any web worker: each
reads the revision from the store before it answers). Ranking is BM25 over one weighted field
(a title word counts three times, a keyword twice, a word of the summary or of an attached
text once); a query's words must all be found (else any of them, said so); a word not in the
index is looked for among the index's terms one or two edits away (typo tolerance). Ties are
broken by item id, and everything is computed here from the same stored values, so that the
answers are the same on SQLite and on PostgreSQL."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import Engine, func, select

from stdgap.knowledge import analysis
from stdgap.knowledge.models import KnowledgeItem
from stdgap.knowledge.vocabulary import LANGUAGES, STATUSES, TYPES

K1 = 1.2
B = 0.75
#: How much a field's words count.
WEIGHTS = {"title_terms": 3.0, "keyword_terms": 2.0, "body_terms": 1.0}
#: A word matched one or two edits away counts this much of an exact one.
FUZZY = 0.7
FACETS = ("sg", "type", "status", "year", "language")
#: Processes keep the indexes of this many stores.
KEPT = 8


@dataclass(frozen=True)
class Query:
    """What is asked: words, and the facets' chosen values (any of a facet's values, all facets)."""

    text: str = ""
    sg: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    language: tuple[str, ...] = ()

    def chosen(self, facet: str) -> tuple[Any, ...]:
        found: tuple[Any, ...] = getattr(self, facet)
        return found


@dataclass
class Hits:
    """One page of an answer: the items' ids in order, their scores, how many in all, the
    facets' counts (each facet counted with the other facets' choices applied), the words
    corrected (word → the index's terms used instead), and whether only some words matched."""

    ids: list[str]
    scores: list[float]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    corrections: dict[str, list[str]] = field(default_factory=dict)
    partial: bool = False
    #: Every term the query matched (to highlight them).
    terms: set[str] = field(default_factory=set)


def _number_key(text: str) -> str:
    return "".join(c for c in analysis.fold(text) if c.isalnum())


def _edits(term: str) -> int:
    return 0 if len(term) < 4 or term.isdigit() else 1 if len(term) < 7 else 2


class SearchIndex:
    """The index of a catalogue at one revision."""

    def __init__(self, revision: int, rows: Sequence[Any]) -> None:
        rows = sorted(rows, key=lambda r: r.item_id)
        self.revision = revision
        self.ids = [r.item_id for r in rows]
        n = self.size = len(rows)
        vocab: dict[str, int] = {}
        term_ids: list[int] = []
        doc_ids: list[int] = []
        weights: list[float] = []
        for doc, row in enumerate(rows):
            for column, weight in WEIGHTS.items():
                terms = (getattr(row, column) or "").split()
                if not terms:
                    continue
                term_ids.extend([vocab.setdefault(t, len(vocab)) for t in terms])
                doc_ids.extend([doc] * len(terms))
                weights.extend([weight] * len(terms))
        self.vocab = vocab
        self.terms = list(vocab)
        t = np.array(term_ids, dtype=np.int64)
        d = np.array(doc_ids, dtype=np.int64)
        w = np.array(weights, dtype=np.float64)
        keys, inverse = np.unique(t * max(n, 1) + d, return_inverse=True)
        self.tf = np.bincount(inverse, weights=w)
        self.docs = (keys % max(n, 1)).astype(np.int32)
        self.offsets = np.searchsorted(keys // max(n, 1), np.arange(len(vocab) + 1))
        self.length = np.bincount(d, weights=w, minlength=n)
        self.average = float(self.length.mean()) if n else 1.0
        self.numbers: dict[str, int] = {}
        for doc, row in enumerate(rows):
            for text in (row.item_id, row.number):
                if text:
                    self.numbers.setdefault(_number_key(text), doc)
        self.values: dict[str, list[Any]] = {}
        self.codes: dict[str, np.ndarray] = {}
        years = [r.published.year if isinstance(r.published, date) else None for r in rows]
        for facet, found, order in (
            ("sg", [r.study_group for r in rows], None),
            ("type", [r.type for r in rows], list(TYPES)),
            ("status", [r.status for r in rows], list(STATUSES)),
            ("year", years, None),
        ):
            distinct = sorted({v for v in found if v is not None}, key=_facet_order(facet, order))
            position = {v: i for i, v in enumerate(distinct)}
            self.values[facet] = distinct
            self.codes[facet] = np.array(
                [position.get(v, -1) if v is not None else -1 for v in found], dtype=np.int32
            )
        self.values["language"] = list(LANGUAGES)
        self.languages = {
            code: np.array([code in (r.languages or ()) for r in rows], dtype=bool)
            for code in LANGUAGES
        }
        # the order of a query without words: newest first, then by id
        newest = sorted(
            range(n), key=lambda i: (-(rows[i].published or date.min).toordinal(), self.ids[i])
        )
        self.recency = np.empty(n, dtype=np.int64)
        self.recency[np.array(newest, dtype=np.int64)] = np.arange(n)

    # -- matching ------------------------------------------------------------------------
    def _near(self, term: str) -> list[str]:
        """Terms of the index one or two edits from ``term`` (the nearest ones, the most
        frequent first)."""
        edits = _edits(term)
        if not edits:
            return []
        found = process.extract(
            term, self.terms, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
        )
        if not found:
            return []
        best = min(distance for _, distance, _ in found)
        near = [(self._df(self.vocab[t]), t) for t, distance, _ in found if distance == best]
        return [t for _, t in sorted(near, key=lambda p: (-p[0], p[1]))[:3]]

    def _df(self, term: int) -> int:
        return int(self.offsets[term + 1] - self.offsets[term])

    def _word_scores(self, terms: Iterable[str], factor: float) -> np.ndarray:
        scores = np.zeros(self.size)
        for term in terms:
            index = self.vocab[term]
            start, end = int(self.offsets[index]), int(self.offsets[index + 1])
            docs, tf = self.docs[start:end], self.tf[start:end]
            df = end - start
            idf = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            norm = K1 * (1 - B + B * self.length[docs] / self.average)
            np.maximum.at(scores, docs, factor * idf * tf * (K1 + 1) / (tf + norm))
        return scores

    def _filter(self, query: Query, facet: str) -> np.ndarray | None:
        chosen = query.chosen(facet)
        if not chosen:
            return None
        if facet == "language":
            mask = np.zeros(self.size, dtype=bool)
            for code in chosen:
                if code in self.languages:
                    mask |= self.languages[code]
            return mask
        position = {v: i for i, v in enumerate(self.values[facet])}
        wanted = [position[v] for v in chosen if v in position]
        return np.isin(self.codes[facet], np.array(wanted, dtype=np.int32))

    def search(self, query: Query, offset: int = 0, limit: int = 10) -> Hits:
        n = self.size
        words = analysis.query_words(query.text)
        corrections: dict[str, list[str]] = {}
        matched_terms: set[str] = set()
        scores = np.zeros(n)
        masks = []
        for word, terms in words:
            present = [t for t in terms if t in self.vocab]
            factor = 1.0
            if not present and not word.isdigit():
                present = sorted({near for t in terms for near in self._near(t)})
                factor = FUZZY
                if present:
                    corrections[word] = present
            matched_terms.update(present)
            found = self._word_scores(present, factor)
            masks.append(found > 0)
            scores += found
        partial = False
        if masks:
            matched = np.logical_and.reduce(masks)
            if len(masks) > 1 and not matched.any():
                matched, partial = np.logical_or.reduce(masks), True
        else:
            matched = np.ones(n, dtype=bool)
        exact = self.numbers.get(_number_key(query.text)) if query.text.strip() else None
        if exact is not None:
            matched[exact] = True
            scores[exact] += 1000.0
        filters = {facet: self._filter(query, facet) for facet in FACETS}
        facets: dict[str, list[tuple[str, int]]] = {}
        for facet in FACETS:
            base = matched.copy()
            for other, mask in filters.items():
                if other != facet and mask is not None:
                    base &= mask
            facets[facet] = self._counts(facet, base)
        final = matched.copy()
        for mask in filters.values():
            if mask is not None:
                final &= mask
        found_docs = np.flatnonzero(final)
        page = self._order(
            found_docs, scores if words or exact is not None else None, offset + limit
        )
        page = page[offset : offset + limit]
        return Hits(
            [self.ids[d] for d in page],
            [round(float(scores[d]), 6) for d in page],
            len(found_docs),
            facets,
            corrections,
            partial,
            matched_terms,
        )

    def _counts(self, facet: str, base: np.ndarray) -> list[tuple[str, int]]:
        if facet == "language":
            found = [(c, int(np.count_nonzero(base & self.languages[c]))) for c in LANGUAGES]
        else:
            codes = self.codes[facet][base]
            counts = np.bincount(codes[codes >= 0], minlength=len(self.values[facet]))
            found = [(str(v), int(c)) for v, c in zip(self.values[facet], counts, strict=True)]
        return [(v, c) for v, c in found if c]

    def _order(self, docs: np.ndarray, scores: np.ndarray | None, wanted: int) -> list[int]:
        """The first ``wanted`` of ``docs``: by score (rounded, so that sums of the same
        values compare equal), then by id; or newest first without a score."""
        if len(docs) == 0 or wanted <= 0:
            return []
        if scores is None:
            keys = self.recency[docs]
        else:
            # one integer key: the score to 1e-6, then the document (ids are in id order)
            keys = -np.round(scores[docs] * 1e6).astype(np.int64) * (self.size + 1) + docs
        if len(docs) > wanted:
            top = np.argpartition(keys, wanted - 1)[:wanted]
            docs, keys = docs[top], keys[top]
        return [int(d) for d in docs[np.argsort(keys, kind="stable")]]


def _facet_order(facet: str, order: list[str] | None) -> Callable[[Any], Any]:
    if order is not None:
        return lambda v: (order.index(v) if v in order else len(order), v)
    if facet == "year":
        return lambda v: -v
    if facet == "sg":
        return lambda v: (0, int(v[2:]), v) if v[2:].isdigit() else (1, 0, v)
    return lambda v: v


_COLUMNS = (
    KnowledgeItem.item_id,
    KnowledgeItem.number,
    KnowledgeItem.study_group,
    KnowledgeItem.type,
    KnowledgeItem.status,
    KnowledgeItem.published,
    KnowledgeItem.languages,
    KnowledgeItem.title_terms,
    KnowledgeItem.keyword_terms,
    KnowledgeItem.body_terms,
)


def revision(engine: Engine) -> int:
    """The catalogue's revision (the latest written item's)."""
    with engine.connect() as connection:
        return int(connection.execute(select(func.max(KnowledgeItem.revision))).scalar() or 0)


def build(engine: Engine) -> SearchIndex:
    """The index of the catalogue as stored now."""
    with engine.connect() as connection:
        found = int(connection.execute(select(func.max(KnowledgeItem.revision))).scalar() or 0)
        rows = connection.execute(select(*_COLUMNS)).all()
    return SearchIndex(found, rows)


_kept: dict[tuple[int, str], SearchIndex] = {}
_lock = threading.Lock()


def _key(engine: Engine) -> tuple[int, str]:
    return id(engine), engine.url.render_as_string(hide_password=True)


def current(engine: Engine) -> SearchIndex:
    """This process's index of the store, made again first if the catalogue changed since."""
    now = revision(engine)
    key = _key(engine)
    found = _kept.get(key)
    if found is not None and found.revision == now:
        return found
    with _lock:
        found = _kept.get(key)
        if found is None or found.revision != now:
            found = build(engine)
            _kept.pop(key, None)
            _kept[key] = found
            while len(_kept) > KEPT:
                _kept.pop(next(iter(_kept)))
        return found


def forget(engine: Engine) -> None:
    """Drop this process's index of the store (the next search makes it again)."""
    with _lock:
        _kept.pop(_key(engine), None)
