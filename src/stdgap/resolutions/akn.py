"""Akoma Ntoso 3.0 output following the UN profile (AKN4UN).

A resolution is a ``statement name="resolution"``: ``meta`` (FRBR identification, TLC references
for the assembly and the addressees' roles), ``preface`` (docNumber, docTitle), ``preamble`` (the
enacting formula, then ``recitals`` grouped by opening word), ``mainBody`` with one ``hcontainer``
per operative section (``paragraph/num/content``, sub-items as ``list/point``), footnotes as
``authorialNote`` in ``conclusions``, annexes as ``attachments``. Citations become ``ref``.
A collection is a ``documentCollection`` whose components are the extracts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from lxml import etree

from stdgap.resolutions import addressees, references
from stdgap.resolutions.akn_meta import (
    NS,
    identification,
    sub,
    work_uri,
    year_of,
)
from stdgap.resolutions.akn_meta import references as meta_references
from stdgap.resolutions.document import ASSEMBLY_NAMES
from stdgap.resolutions.parsed import Collection, Item, Parsed, Part, Resolution
from stdgap.resolutions.vocab import ENGLISH, LANGUAGES

NSMAP = cast(dict[str, str], {None: NS})  # the default namespace (lxml's stubs want str keys)


def _text(parent: etree._Element, text: str, assembly: str | None) -> etree._Element:
    """A ``p`` holding ``text`` with its citations as ``ref`` elements."""
    p = sub(parent, "p")
    last: etree._Element | None = None
    position = 0
    for citation in references.citations(text, assembly):
        ref0 = citation.references[0]
        href = work_uri(ref0.body, ref0.number, year_of(ref0.revision))
        chunk = text[position : citation.start]
        if last is None:
            p.text = (p.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = sub(p, "ref", href=href)
        last.text = text[citation.start : citation.end]
        position = citation.end
    rest = text[position:]
    if last is None:
        p.text = (p.text or "") + rest
    else:
        last.tail = (last.tail or "") + rest
    return p


class _Ids:
    """eIds unique in the whole XML document, each under the prefix of its nested document."""

    def __init__(self, prefix: str = "", seen: set[str] | None = None) -> None:
        self.prefix = prefix
        self.seen: set[str] = set() if seen is None else seen

    def nested(self, prefix: str) -> _Ids:
        return _Ids(prefix, self.seen)

    def make(self, base: str) -> str:
        base = self.prefix + (re.sub(r"[^A-Za-z0-9_.-]", "", base) or "x")
        candidate, n = base, 1
        while candidate in self.seen:
            n += 1
            candidate = f"{base}-{n}"
        self.seen.add(candidate)
        return candidate


def _num(token: str | None, position: int) -> str:
    return token if token else f"u{position}"


def _points(
    parent: etree._Element, eid: str, items: Sequence[Item], ids: _Ids, asm: str | None, intro: str
) -> None:
    lst = sub(parent, "list", eId=ids.make(f"{eid}__list_1"))
    _text(sub(lst, "intro"), intro, asm)
    for k, item in enumerate(items, 1):
        point = sub(lst, "point", eId=ids.make(f"{eid}__list_1__point_{_num(item.num, k)}"))
        if item.num:
            sub(point, "num").text = f"{item.num})"
        _text(sub(point, "content"), item.text, asm)


def _preamble(root: etree._Element, res: Resolution, ids: _Ids) -> None:
    formula = bool(res.assembly) and not res.partial
    if not any(section.items for section in res.preamble) and not formula:
        return
    preamble = sub(root, "preamble")
    if formula:
        element = sub(preamble, "formula", name="enactingFormula", eId=ids.make("formula_1"))
        where = f" ({res.place_year})" if res.place_year else ""
        name = ASSEMBLY_NAMES.get(res.assembly or "", res.assembly or "")
        sub(element, "p").text = f"The {name}{where},"
    for n, section in enumerate(res.preamble, 1):
        if not section.items:
            continue
        eid = ids.make(f"recitals_{n}")
        recitals = sub(preamble, "recitals", eId=eid)
        sub(sub(recitals, "intro"), "p").text = section.verb
        for k, item in enumerate(section.items, 1):
            recital = sub(recitals, "recital", eId=ids.make(f"{eid}__recital_{_num(item.num, k)}"))
            if item.num:
                sub(recital, "num").text = f"{item.num})"
            _text(recital, item.text, res.assembly)
            if item.items:
                block = sub(recital, "blockList", eId=ids.make(f"{eid}__recital_{k}__list"))
                for j, subitem in enumerate(item.items, 1):
                    entry = sub(block, "item", eId=ids.make(f"{eid}__recital_{k}__item_{j}"))
                    if subitem.num:
                        sub(entry, "num").text = f"{subitem.num})"
                    _text(entry, subitem.text, res.assembly)


def _heading(
    parent: etree._Element, verb: str, addressee: str | None, codes: list[str], prefix: str
) -> None:
    heading = sub(parent, "heading")
    heading.text = verb + (" " if addressee else "")
    if addressee:
        if codes:
            role = sub(heading, "role", refersTo=" ".join(f"#{prefix}{c}" for c in codes))
            role.text = addressee
        else:
            heading.text += addressee


def _main_body(root: etree._Element, res: Resolution, ids: _Ids) -> None:
    body = sub(root, "mainBody")
    if not res.operative:
        sub(body, "p")
        return
    for n, section in enumerate(res.operative, 1):
        eid = ids.make(f"hcontainer_{n}")
        container = sub(body, "hcontainer", eId=eid, name=re.sub(r"\W+", "_", section.verb))
        codes = addressees.normalise(section.addressee)
        _heading(container, section.verb, section.addressee, codes, ids.prefix)
        notes = [f"in collaboration with {w}" for w in section.with_]
        notes += [section.condition] if section.condition else []
        if notes:
            _text(sub(container, "intro"), "; ".join(notes), res.assembly)
        if not section.clauses and not notes:
            sub(sub(container, "content"), "p")
        for k, clause in enumerate(section.clauses, 1):
            para_id = ids.make(f"{eid}__para_{_num(clause.num, k)}")
            para = sub(container, "paragraph", eId=para_id)
            if clause.num:
                sub(para, "num").text = clause.num
            if clause.items:
                _points(para, para_id, clause.items, ids, res.assembly, clause.text)
            else:
                _text(sub(para, "content"), clause.text, res.assembly)
        if not section.clauses and notes:
            para = sub(container, "paragraph", eId=ids.make(f"{eid}__para_empty"))
            sub(sub(para, "content"), "p")


def _parts(
    parent: etree._Element, parts: Sequence[Part], prefix: str, ids: _Ids, asm: str | None
) -> None:
    for k, part in enumerate(parts, 1):
        eid = ids.make(f"{prefix}hcontainer_{_num(part.num, k)}")
        container = sub(parent, "hcontainer", eId=eid, name="part")
        if part.num:
            sub(container, "num").text = part.num
        sub(container, "heading").text = part.title
        if part.items:
            para = sub(container, "paragraph", eId=ids.make(f"{eid}__para_1"))
            _points(para, f"{eid}__para_1", part.items, ids, asm, "")
        _parts(container, part.parts, f"{eid}__", ids, asm)
        if not part.items and not part.parts:
            sub(sub(container, "content"), "p")


def _annexes(
    root: etree._Element, res: Resolution, work: str, year: str | None, author: str, outer: _Ids
) -> None:
    if not res.annexes:
        return
    attachments = sub(root, "attachments")
    for n, annex in enumerate(res.annexes, 1):
        ids = outer.nested(outer.make(f"att_{n}") + "__")
        attachment = sub(attachments, "attachment", eId=ids.prefix[:-2])
        doc = sub(attachment, "doc", name="annex")
        meta = sub(doc, "meta")
        identification(meta, f"{work}/annex_{n}", year, author, "annex", ids.prefix)
        meta_references(meta, author, ASSEMBLY_NAMES.get(res.assembly or "", "ITU"), [], ids.prefix)
        sub(sub(sub(doc, "preface"), "p"), "docTitle").text = annex.title or f"Annex {n}"
        body = sub(doc, "mainBody")
        _parts(body, annex.parts, "", ids, res.assembly)
        if not annex.parts:
            sub(body, "p")


def statement(res: Resolution, year: str | None = None, ids: _Ids | None = None) -> etree._Element:
    """The ``statement`` element of one resolution (or extract)."""
    ids = ids or _Ids()
    year = year_of(res.place_year) or year
    body = res.assembly or "WTSA"
    author = (res.assembly or "itu").lower()
    work = work_uri(body, res.number, year)
    root = etree.Element(f"{{{NS}}}statement", name="resolution", nsmap=NSMAP)
    meta = sub(root, "meta")
    lang = LANGUAGES.get(res.language or "en", ENGLISH).akn
    identification(meta, work, year, author, prefix=ids.prefix, language=lang)
    roles = sorted({c for s in res.operative for c in addressees.normalise(s.addressee)})
    name = ASSEMBLY_NAMES.get(res.assembly or "", "ITU")
    meta_references(meta, author, name, roles, ids.prefix)
    preface = sub(root, "preface")
    p = sub(preface, "p")
    number = sub(p, "docNumber")
    number.text = res.designation or (
        f"Resolution {res.number}" if res.number is not None else "Resolution"
    )
    if res.place_year:
        number.tail = f" ({'Rev. ' if res.revised else ''}{res.place_year})"
    if res.title:
        sub(sub(preface, "p"), "docTitle").text = res.title
    _preamble(root, res, ids)
    _main_body(root, res, ids)
    if res.footnotes:
        conclusions = sub(root, "conclusions")
        for note in res.footnotes:
            holder = sub(conclusions, "p")
            fn = sub(
                holder,
                "authorialNote",
                marker=note.num,
                placement="bottom",
                eId=ids.make(f"fn_{note.num}"),
            )
            sub(fn, "p").text = note.text
    _annexes(root, res, work, year, author, ids)
    return root


def _collection(col: Collection) -> etree._Element:
    year = year_of(col.place_year)
    root = etree.Element(f"{{{NS}}}documentCollection", name="outcomesReport", nsmap=NSMAP)
    meta = sub(root, "meta")
    author = (col.assembly or "itu").lower()
    work = f"/akn/un/documentCollection/report/itu/{year or 'undated'}/outcomes"
    identification(meta, work, year, author, "documentCollection")
    meta_references(meta, author, ASSEMBLY_NAMES.get(col.assembly or "", "ITU"), [])
    preface = sub(root, "preface")
    sub(sub(preface, "p"), "docTitle").text = "Outcomes report"
    if col.status_table:
        table = sub(preface, "table", eId="table_1")
        row = sub(table, "tr")
        for head in ("Status", "Number", "Title"):
            sub(sub(row, "th"), "p").text = head
        for entry in col.status_table:
            row = sub(table, "tr")
            for cell in (entry.status, str(entry.number), entry.title):
                sub(sub(row, "td"), "p").text = cell
    body = sub(root, "collectionBody")
    ids = _Ids()
    for n, extract in enumerate(col.extracts, 1):
        component = sub(body, "component", eId=ids.make(f"cmp_{n}"))
        copy = replace(extract, assembly=extract.assembly or col.assembly)
        element = statement(copy, year, ids.nested(f"cmp_{n}__"))
        element.set("name", "resolutionExtract")
        component.append(element)
    return root


def to_akn(parsed: Parsed) -> bytes:
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap=NSMAP)
    root.append(_collection(parsed) if isinstance(parsed, Collection) else statement(parsed))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
