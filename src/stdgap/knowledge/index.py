"""The search index: derived from the terms stored with each item, held in memory by each
process, made again when the catalogue's revision moves (any process, any web worker: each
reads the revision from the store before it answers). Ranking is BM25 over one weighted field
(a title word counts three times, a keyword twice, a word of the summary or of an attached
text once); a query's words must all be found (else any of them, said so); a word not in the
index is looked for among the index's terms one or two edits away (typo tolerance). Ties are
broken by item id, and everything is computed here from the same stored values, so that the
answers are the same on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
import math
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection, Engine, func, select

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
#: The document of a posting's key.
DOC = 0xFFFFFFFF
#: Processes keep the indexes of this many stores.
KEPT = 8
#: An index follows a change of at most this many items (or a tenth of the catalogue) by
#: putting them in; a larger one makes it anew.
DELTA = 5000


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
    #: The words of the query left out: past :data:`MAX_WORDS`, and unknown words past the
    #: first :data:`MAX_CORRECTED` (not looked for near terms).
    ignored: list[str] = field(default_factory=list)
    uncorrected: list[str] = field(default_factory=list)


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _number_key(text: str) -> str:
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    return "".join(c for c in analysis.fold(text) if c.isalnum())


#: The most words of a query searched (the rest are ignored, and the answer says so), and the
#: most unknown words corrected (each correction compares the word with part of the
#: vocabulary: a query full of typos must not cost seconds).
MAX_WORDS = 32
MAX_CORRECTED = 5


def _edits(term: str) -> int:
    return 0 if len(term) < 4 or term.isdigit() else 1 if len(term) < 7 else 2


class SearchIndex:
    """The index of a catalogue at one revision. Never changed once made: a change of the
    catalogue makes a new one (:meth:`updated`), so that searches running meanwhile keep a
    consistent index."""

    revision: int
    size: int
    #: Documents are numbered as they came; ``rank`` is a document's place in item-id order.
    ids: list[str]
    position: dict[str, int]
    rank: np.ndarray
    #: Terms: their ids, and each term's postings at ``offsets[t]:offsets[t + 1]`` of
    #: ``keys`` (term << 32 | document, sorted) and ``tf`` (the weighted count of the term
    #: in the document).
    vocab: dict[str, int]
    terms: list[str]
    offsets: np.ndarray
    keys: np.ndarray
    tf: np.ndarray
    length: np.ndarray
    average: float
    #: The postings' documents, each document's length normalisation, the terms' weights
    #: computed so far (see :meth:`_impact`).
    docs: np.ndarray
    norm: np.ndarray
    impacts: dict[int, np.ndarray]
    #: Item ids and numbers as written without punctuation → the documents of each.
    numbers: dict[str, list[int]]
    number_keys: list[tuple[str, ...]]
    #: Each facet's value per document, the facet's distinct values in their order, and per
    #: document the place of its value among them plus one (0: none).
    raw: dict[str, list[Any]]
    values: dict[str, list[Any]]
    codes: dict[str, np.ndarray]
    #: A document's languages as bits (the first of LANGUAGES the lowest).
    languages: np.ndarray
    day: np.ndarray
    recency: np.ndarray
    #: The terms by (length, all digits): where a word's near terms are looked for.
    buckets: dict[tuple[int, bool], list[str]]

    def __init__(self, revision: int, rows: Sequence[Any]) -> None:
        """The index of these rows (every item of the catalogue), made at once: the terms
        are split and numbered by Arrow, the postings sorted and summed by NumPy."""
        rows = sorted(rows, key=lambda r: r.item_id)
        n = self.size = len(rows)
        self.revision = revision
        # the rows' columns (one pass over the rows, not one per column)
        column = dict(zip(rows[0]._fields, zip(*rows, strict=True), strict=True)) if n else {}
        self.ids = list(column.get("item_id", ()))
        self.position = {item: doc for doc, item in enumerate(self.ids)}
        self.rank = np.arange(n, dtype=np.int64)
        tokens = []
        owners = []
        weights = []
        for name, weight in WEIGHTS.items():
            texts = pa.array(column.get(name, ()), type=pa.string()).fill_null("")
            split = pc.ascii_split_whitespace(texts)
            flat = pc.list_flatten(split)
            counts = pc.list_value_length(split).to_numpy(zero_copy_only=False)
            owner = np.repeat(np.arange(n, dtype=np.int64), counts)
            keep = pc.greater(pc.binary_length(flat), 0)
            tokens.append(flat.filter(keep))
            kept = owner[keep.to_numpy(zero_copy_only=False)]
            owners.append(kept)
            weights.append(np.full(len(kept), int(weight), dtype=np.int64))
        encoded = pc.dictionary_encode(pa.chunked_array(tokens, type=pa.string()))
        encoded = encoded.combine_chunks() if encoded.num_chunks else None
        self.terms = encoded.dictionary.to_pylist() if encoded is not None else []
        self.vocab = {t: i for i, t in enumerate(self.terms)}
        term_ids = (
            encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
            if encoded is not None
            else np.zeros(0, dtype=np.int64)
        )
        doc_ids = np.concatenate(owners)
        counted = np.concatenate(weights)
        # one sort of one integer per term found: term, document, weight
        packed = np.sort((term_ids << 32) | (doc_ids << 2) | counted)
        pairs = packed >> 2
        starts = np.flatnonzero(np.concatenate([[True], pairs[1:] != pairs[:-1]]))[: len(pairs)]
        each = (packed & 3).astype(np.float64)
        self.tf = np.add.reduceat(each, starts) if len(starts) else each
        pairs = pairs[starts]
        self._set_postings(((pairs >> 30) << 32) | (pairs & ((1 << 30) - 1)))
        self.length = np.bincount(doc_ids, weights=counted, minlength=n).astype(np.float64)
        self._normalise()
        self.number_keys = _all_keys(column.get("item_id", ()), column.get("number", ()))
        self.numbers = {}
        for doc, found in enumerate(self.number_keys):
            for key in found:
                self.numbers.setdefault(key, []).append(doc)
        dates = column.get("published", ())
        self.raw = {
            "sg": list(column.get("study_group", ())),
            "type": list(column.get("type", ())),
            "status": list(column.get("status", ())),
            "year": [_year(d) for d in dates],
        }
        self.values = {}
        self.codes = {}
        for facet in self.raw:
            self._code(facet)
        self.values["language"] = list(LANGUAGES)
        self.languages = np.array(
            [_bits(tuple(c or ())) for c in column.get("languages", ())], dtype=np.int64
        )
        self.day = np.array([_day(d) for d in dates], dtype=np.int64)
        self._order_by_date()
        self.buckets = {}
        for term in self.terms:
            self.buckets.setdefault((len(term), term.isdigit()), []).append(term)

    # -- making ------------------------------------------------------------------------
    def _set_postings(self, keys: np.ndarray, docs: np.ndarray | None = None) -> None:
        """The postings' sorted keys (term << 32 | document), their documents and where
        each term's start."""
        self.keys = keys
        self.docs = (keys & DOC).astype(np.int32) if docs is None else docs
        self.offsets = np.searchsorted(keys, np.arange(len(self.terms) + 1, dtype=np.int64) << 32)

    def _code(self, facet: str) -> None:
        order = {"type": list(TYPES), "status": list(STATUSES)}.get(facet)
        found = self.raw[facet]
        distinct = sorted({v for v in found if v is not None}, key=_facet_order(facet, order))
        place = {v: i + 1 for i, v in enumerate(distinct)}
        self.values[facet] = distinct
        self.codes[facet] = np.array([place.get(v, 0) for v in found], dtype=np.int32)

    def _normalise(self) -> None:
        """BM25's length normalisation of each document; the terms' weights in their
        documents are computed from it when a query first needs them (:meth:`_impact`)."""
        self.average = float(self.length.mean()) if self.size else 1.0
        self.norm = K1 * (1 - B + B * self.length / self.average)
        self.impacts = {}

    def _impact(self, term: int, start: int, end: int) -> np.ndarray:
        """A term's BM25 weight in each of its documents but for its idf (kept for the
        next queries of this revision: a common word's is computed once)."""
        found = self.impacts.get(term)
        if found is None:
            tf = self.tf[start:end]
            found = self.impacts[term] = tf * (K1 + 1) / (tf + self.norm[self.docs[start:end]])
        return found

    def _order_by_date(self) -> None:
        """The order of a query without words: newest first, then by item id."""
        newest = np.lexsort((self.rank, -self.day))
        self.recency = np.empty(self.size, dtype=np.int64)
        self.recency[newest] = np.arange(self.size)

    def updated(self, revision: int, rows: Sequence[Any]) -> SearchIndex:
        """A new index: this one with these items (changed or new) as they are now. The
        postings of the changed items are taken out and theirs put in, in place (no sort of
        the whole); the answers are the same as those of an index made anew."""
        new = copy.copy(self)
        new.revision = revision
        ids = list(self.ids)
        position = dict(self.position)
        added = sorted({r.item_id for r in rows} - position.keys())
        for item in added:
            position[item] = len(ids)
            ids.append(item)
        n = new.size = len(ids)
        new.ids, new.position = ids, position
        if added:
            new.rank = np.empty(n, dtype=np.int64)
            new.rank[np.argsort(np.array(ids), kind="stable")] = np.arange(n)
        docs = [position[r.item_id] for r in rows]
        # postings: the old ones of these documents out, their new ones in
        extra: dict[str, int] = {}
        pairs: dict[tuple[int, int], float] = {}
        lengths: dict[int, float] = {}
        for row, doc in zip(rows, docs, strict=True):
            lengths[doc] = 0.0
            for column, weight in WEIGHTS.items():
                for term in (getattr(row, column) or "").split():
                    found = self.vocab.get(term)
                    if found is None:
                        found = extra.setdefault(term, len(self.terms) + len(extra))
                    pairs[found, doc] = pairs.get((found, doc), 0.0) + weight
                    lengths[doc] += weight
        if extra:
            new.vocab = {**self.vocab, **extra}
            new.terms = [*self.terms, *extra]
            new.buckets = dict(self.buckets)
            for term in extra:
                bucket = (len(term), term.isdigit())
                new.buckets[bucket] = [*new.buckets.get(bucket, []), term]
        stale = np.zeros(self.size, dtype=bool)
        stale[[d for d in docs if d < self.size]] = True
        keep = ~stale[self.docs]
        old = self.keys[keep]
        put = sorted(pairs)
        put_keys = np.array([(t << 32) | d for t, d in put], dtype=np.int64)
        # where the new postings go among the old ones (kept in order)
        places = np.searchsorted(old, put_keys) + np.arange(len(put))
        fresh = np.zeros(len(old) + len(put), dtype=bool)
        fresh[places] = True
        kept = ~fresh
        keys = np.empty(len(fresh), dtype=np.int64)
        keys[fresh], keys[kept] = put_keys, old
        new.tf = np.empty(len(fresh))
        new.tf[fresh], new.tf[kept] = [pairs[p] for p in put], self.tf[keep]
        docs_of = np.empty(len(fresh), dtype=np.int32)
        docs_of[fresh], docs_of[kept] = [d for _, d in put], self.docs[keep]
        new._set_postings(keys, docs_of)
        grow = n - self.size
        new.length = np.concatenate([self.length, np.zeros(grow)])
        for doc, length in lengths.items():
            new.length[doc] = length
        new._normalise()
        # numbers
        new.number_keys = [*self.number_keys, *[()] * grow]
        new.numbers = dict(self.numbers)
        for row, doc in zip(rows, docs, strict=True):
            for key in new.number_keys[doc]:
                left = [d for d in new.numbers.get(key, []) if d != doc]
                if left:
                    new.numbers[key] = left
                else:
                    new.numbers.pop(key, None)
            new.number_keys[doc] = _keys_of(row)
            for key in new.number_keys[doc]:
                new.numbers[key] = [*new.numbers.get(key, []), doc]
        # facets, languages, dates
        new.raw = {facet: [*found, *[None] * grow] for facet, found in self.raw.items()}
        new.values = dict(self.values)
        new.codes = {}
        for facet in self.raw:
            for row, doc in zip(rows, docs, strict=True):
                new.raw[facet][doc] = _facet_value(facet, row)
            known = {v: i + 1 for i, v in enumerate(self.values[facet])}
            if any(new.raw[facet][d] not in known for d in docs if new.raw[facet][d] is not None):
                new._code(facet)  # a value not seen before: the facet's values again
                continue
            new.codes[facet] = np.concatenate([self.codes[facet], np.zeros(grow, np.int32)])
            for doc in docs:
                new.codes[facet][doc] = known.get(new.raw[facet][doc], 0)
        new.languages = np.concatenate([self.languages, np.zeros(grow, dtype=np.int64)])
        for row, doc in zip(rows, docs, strict=True):
            new.languages[doc] = _bits(tuple(row.languages or ()))
        new.day = np.concatenate([self.day, np.zeros(grow, dtype=np.int64)])
        for row, doc in zip(rows, docs, strict=True):
            new.day[doc] = _day(row.published)
        new._order_by_date()
        return new

    # -- matching ------------------------------------------------------------------------
    def _known(self, term: str) -> bool:
        found = self.vocab.get(term)
        return found is not None and self._df(found) > 0

    def _near(self, term: str) -> list[str]:
        """Terms of the index one or two edits from ``term`` (the nearest ones, the most
        frequent first). Only terms of a near length are compared, and terms of digits only
        when the word has a digit (else they are as many edits away as they are long)."""
        edits = _edits(term)
        if not edits:
            return []
        digits = (False, True) if any(c.isdigit() for c in term) else (False,)
        found: list[tuple[str, int]] = []
        for length in range(max(1, len(term) - edits), len(term) + edits + 1):
            for only_digits in digits:
                bucket = self.buckets.get((length, only_digits))
                if not bucket:
                    continue
                found.extend(
                    (t, distance)
                    for t, distance, _ in process.extract(
                        term, bucket, scorer=OSA.distance, score_cutoff=edits, limit=None
                    )
                    if self._df(self.vocab[t]) > 0
                )
        if not found:
            return []
        best = min(distance for _, distance in found)
        near = [(self._df(self.vocab[t]), t) for t, distance in found if distance == best]
        return [t for _, t in sorted(near, key=lambda p: (-p[0], p[1]))[:3]]

    def documents_of(self, term: str, limit: int = 3) -> list[str]:
        """The ids of a few items holding ``term`` (to show a term as a word of them)."""
        index = self.vocab.get(term)
        if index is None:
            return []
        start = int(self.offsets[index])
        end = min(int(self.offsets[index + 1]), start + limit)
        return [self.ids[int(d)] for d in self.docs[start:end]]

    def _df(self, term: int) -> int:
        return int(self.offsets[term + 1] - self.offsets[term])

    def _word_scores(self, terms: Iterable[str], factor: float) -> np.ndarray:
        scores = np.zeros(self.size)
        for term in terms:
            index = self.vocab[term]
            start, end = int(self.offsets[index]), int(self.offsets[index + 1])
            docs = self.docs[start:end]
            df = end - start
            idf = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            # a term's documents are distinct: no need of ufunc.at
            weight = self._impact(index, start, end)
            scores[docs] = np.maximum(scores[docs], (factor * idf) * weight)
        return scores

    def _filter(self, query: Query, facet: str) -> np.ndarray | None:
        chosen = query.chosen(facet)
        if not chosen:
            return None
        if facet == "language":
            either: np.ndarray = (self.languages & _bits(tuple(chosen))) != 0
            return either
        places = {v: i + 1 for i, v in enumerate(self.values[facet])}
        wanted = np.zeros(len(self.values[facet]) + 1, dtype=bool)
        wanted[[places[v] for v in chosen if v in places]] = True
        mask: np.ndarray = wanted[self.codes[facet]]
        return mask

    def _exact(self, text: str) -> int | None:
        """The item whose id or number the query is (the first in id order)."""
        found = self.numbers.get(_number_key(text)) if text.strip() else None
        return min(found, key=lambda d: int(self.rank[d])) if found else None

    def search(self, query: Query, offset: int = 0, limit: int = 10) -> Hits:
        n = self.size
        words = analysis.query_words(query.text)
        ignored = [word for word, _ in words[MAX_WORDS:]]
        words = words[:MAX_WORDS]
        corrections: dict[str, list[str]] = {}
        uncorrected: list[str] = []
        tried = 0
        matched_terms: set[str] = set()
        scores = np.zeros(n)
        masks = []
        for word, terms in words:
            present = [t for t in terms if self._known(t)]
            factor = 1.0
            if not present and not word.isdigit() and any(_edits(t) for t in terms):
                if tried >= MAX_CORRECTED:
                    uncorrected.append(word)
                else:
                    tried += 1
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
        exact = self._exact(query.text)
        if exact is not None:
            matched[exact] = True
            scores[exact] += 1000.0
        filters = {}
        for facet in FACETS:
            mask = self._filter(query, facet)
            if mask is not None:
                filters[facet] = mask
        final = matched.copy()
        for mask in filters.values():
            final &= mask
        facets: dict[str, list[tuple[str, int]]] = {}
        for facet in FACETS:
            # a facet counts with the other facets' choices applied, not its own
            base = final
            if facet in filters:
                base = matched.copy()
                for other, mask in filters.items():
                    if other != facet:
                        base &= mask
            facets[facet] = self._counts(facet, base)
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
            ignored,
            uncorrected,
        )

    def _counts(self, facet: str, base: np.ndarray) -> list[tuple[str, int]]:
        if facet == "language":
            # how many documents have each combination, then each language's sum
            combined = np.bincount(self.languages[base], minlength=1 << len(LANGUAGES))
            found = [(c, int(combined[_HAVING[c]].sum())) for c in LANGUAGES]
        else:
            values = self.values[facet]
            counts = np.bincount(self.codes[facet][base], minlength=len(values) + 1)[1:]
            found = [(str(v), int(c)) for v, c in zip(values, counts, strict=True)]
        return [(v, c) for v, c in found if c]

    def _order(self, docs: np.ndarray, scores: np.ndarray | None, wanted: int) -> list[int]:
        """The first ``wanted`` of ``docs``: by score (rounded, so that sums of the same
        values compare equal), then by item id; or newest first without a score."""
        if len(docs) == 0 or wanted <= 0:
            return []
        if scores is None:
            keys = self.recency[docs]
        else:
            # one integer key: the score to 1e-6, then the item id's rank
            keys = -np.round(scores[docs] * 1e6).astype(np.int64) * (self.size + 1)
            keys += self.rank[docs]
        if len(docs) > wanted:
            top = np.argpartition(keys, wanted - 1)[:wanted]
            docs, keys = docs[top], keys[top]
        return [int(d) for d in docs[np.argsort(keys, kind="stable")]]


@lru_cache(maxsize=256)
def _bits(codes: tuple[str, ...]) -> int:
    return sum(1 << i for i, c in enumerate(LANGUAGES) if c in codes)


#: The combinations of languages that have each language.
_HAVING = {
    c: np.array([m for m in range(1 << len(LANGUAGES)) if m & (1 << i)])
    for i, c in enumerate(LANGUAGES)
}


def _year(published: Any) -> int | None:
    return published.year if isinstance(published, date) else None


def _day(published: Any) -> int:
    return (published if isinstance(published, date) else date.min).toordinal()


def _keys_of(row: Any) -> tuple[str, ...]:
    found = (_number_key(t) for t in (row.item_id, row.number) if t)
    return tuple(dict.fromkeys(k for k in found if k))


def _all_keys(ids: Sequence[str], numbers: Sequence[str | None]) -> list[tuple[str, ...]]:
    """:func:`_keys_of` of every row, by Arrow for the ASCII ones."""
    found = []
    for texts in (ids, numbers):
        array = pa.array(texts, type=pa.string())
        keys = pc.replace_substring_regex(pc.ascii_lower(array), "[^0-9a-z]+", "").to_pylist()
        ascii_ = pc.string_is_ascii(array).to_pylist()
        found.append(
            [
                (k if plain else _number_key(t)) if t else ""
                for t, k, plain in zip(texts, keys, ascii_, strict=True)
            ]
        )
    return [tuple(dict.fromkeys(k for k in pair if k)) for pair in zip(*found, strict=True)]


def _facet_value(facet: str, row: Any) -> Any:
    if facet == "year":
        return _year(row.published)
    return getattr(row, {"sg": "study_group"}.get(facet, facet))


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
        return _latest(connection)


def _latest(connection: Connection) -> int:
    return int(connection.execute(select(func.max(KnowledgeItem.revision))).scalar() or 0)


def build(engine: Engine) -> SearchIndex:
    """The index of the catalogue as stored now."""
    with engine.connect() as connection:
        rows = connection.execute(select(*_COLUMNS, KnowledgeItem.revision)).all()
    return SearchIndex(max((r.revision for r in rows), default=0), rows)


def _refreshed(engine: Engine, kept: SearchIndex | None) -> SearchIndex:
    """The index of the catalogue as stored now: ``kept`` with the items written since
    (those of a later revision), or made anew if there is none, if the change is large, or
    if the store is not the one ``kept`` was made from (fewer items, an older revision)."""
    if kept is None:
        return build(engine)
    with engine.connect() as connection:
        latest = _latest(connection)
        changed = int(
            connection.execute(
                select(func.count()).where(KnowledgeItem.revision > kept.revision)
            ).scalar()
            or 0
        )
        if latest < kept.revision or changed > max(DELTA, kept.size // 10):
            return build(engine)
        rows = connection.execute(
            select(*_COLUMNS, KnowledgeItem.revision).where(KnowledgeItem.revision > kept.revision)
        ).all()
        total = int(connection.execute(select(func.count(KnowledgeItem.id))).scalar() or 0)
    found = kept.updated(max((r.revision for r in rows), default=kept.revision), rows)
    return found if found.size == total else build(engine)


_kept: dict[tuple[int, str], SearchIndex] = {}
_lock = threading.Lock()


def _key(engine: Engine) -> tuple[int, str]:
    return id(engine), engine.url.render_as_string(hide_password=True)


def current(engine: Engine) -> SearchIndex:
    """This process's index of the store, brought up to date first if the catalogue changed
    since (a search waits for it: no answer from an index of an older revision)."""
    now = revision(engine)
    key = _key(engine)
    found = _kept.get(key)
    if found is not None and found.revision == now:
        return found
    with _lock:
        found = _kept.get(key)
        if found is None or found.revision != now:
            found = _refreshed(engine, found)
            _kept.pop(key, None)
            _kept[key] = found
            while len(_kept) > KEPT:
                _kept.pop(next(iter(_kept)))
        return found


def forget(engine: Engine) -> None:
    """Drop this process's index of the store (the next search makes it again)."""
    with _lock:
        _kept.pop(_key(engine), None)
