"""The parsed shape of a resolution, as plain dataclasses that print to the JSON of the contract.

``to_dict`` gives exactly the keys of ``RESOLUTIONS.md``; ``from_dict`` reads them back, so the
JSON is also the storage format of a version in the tracker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stdgap.resolutions.vocab import canonical

JsonDict = dict[str, Any]


@dataclass
class Item:
    """A lettered, numbered or bulleted entry; ``num`` as written (``"a"``, ``"vii"``) or None."""

    num: str | None
    text: str
    items: list[Item] = field(default_factory=list)

    def to_dict(self, with_items: bool = False) -> JsonDict:
        out: JsonDict = {"num": self.num, "text": self.text}
        if with_items or self.items:
            out["items"] = [item.to_dict() for item in self.items]
        return out

    @classmethod
    def from_dict(cls, data: JsonDict) -> Item:
        return cls(
            num=_opt_str(data.get("num")),
            text=str(data.get("text", "")),
            items=[cls.from_dict(i) for i in data.get("items", [])],
        )


@dataclass
class PreambleSection:
    verb: str
    items: list[Item] = field(default_factory=list)

    def to_dict(self) -> JsonDict:
        return {
            "verb": self.verb,
            "verb_en": canonical(self.verb),
            "items": [item.to_dict() for item in self.items],
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> PreambleSection:
        return cls(str(data["verb"]), [Item.from_dict(i) for i in data.get("items", [])])


@dataclass
class OperativeSection:
    """``resolves``, ``instructs the Director of …, in collaboration with …`` and its clauses."""

    verb: str
    addressee: str | None = None
    with_: list[str] = field(default_factory=list)
    condition: str | None = None
    clauses: list[Item] = field(default_factory=list)

    def to_dict(self) -> JsonDict:
        return {
            "verb": self.verb,
            "verb_en": canonical(self.verb),
            "addressee": self.addressee,
            "with": list(self.with_),
            "condition": self.condition,
            "clauses": [clause.to_dict(with_items=True) for clause in self.clauses],
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> OperativeSection:
        return cls(
            verb=str(data["verb"]),
            addressee=_opt_str(data.get("addressee")),
            with_=[str(w) for w in data.get("with", [])],
            condition=_opt_str(data.get("condition")),
            clauses=[Item.from_dict(c) for c in data.get("clauses", [])],
        )


@dataclass(frozen=True)
class Reference:
    """A cited resolution: the body that adopted it (``PP``, ``WTSA`` … or None), its number."""

    body: str | None
    number: int
    revision: str | None
    kind: str = "resolution"  # or decision
    edition: int | None = None  # Resolution ITU-R 1-8: 8

    def to_dict(self) -> JsonDict:
        return {
            "body": self.body,
            "number": self.number,
            "revision": self.revision,
            "kind": self.kind,
            "edition": self.edition,
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> Reference:
        edition = data.get("edition")
        return cls(
            _opt_str(data.get("body")),
            int(data["number"]),
            _opt_str(data.get("revision")),
            str(data.get("kind") or "resolution"),
            int(edition) if edition is not None else None,
        )


@dataclass
class Footnote:
    num: str
    text: str

    def to_dict(self) -> JsonDict:
        return {"num": self.num, "text": self.text}


@dataclass
class Part:
    """A division of an annex: a programme, an objective, a list of activities."""

    num: str | None
    title: str
    items: list[Item] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)

    def to_dict(self) -> JsonDict:
        return {
            "num": self.num,
            "title": self.title,
            "items": [item.to_dict() for item in self.items],
            "parts": [part.to_dict() for part in self.parts],
        }

    @classmethod
    def from_dict(cls, data: JsonDict) -> Part:
        return cls(
            num=_opt_str(data.get("num")),
            title=str(data.get("title", "")),
            items=[Item.from_dict(i) for i in data.get("items", [])],
            parts=[cls.from_dict(p) for p in data.get("parts", [])],
        )


@dataclass
class Annex:
    title: str
    parts: list[Part] = field(default_factory=list)

    def to_dict(self) -> JsonDict:
        return {"title": self.title, "parts": [part.to_dict() for part in self.parts]}


@dataclass
class Resolution:
    """One resolution, or one extract of it (``partial``: only the keys its text supports)."""

    number: int | None = None
    title: str | None = None
    assembly: str | None = None
    revised: bool = False
    place_year: str | None = None
    history: list[str] = field(default_factory=list)
    preamble: list[PreambleSection] = field(default_factory=list)
    operative: list[OperativeSection] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    partial: bool = False
    language: str | None = None
    kind: str = "resolution"  # or decision, recommendation
    designation: str | None = None  # "Resolution 123", "Resolution ITU-R 1-8"
    warnings: list[str] = field(default_factory=list, compare=False)

    def to_dict(self) -> JsonDict:
        full: JsonDict = {
            "kind": self.kind,
            "designation": self.designation,
            "language": self.language,
            "number": self.number,
            "title": self.title,
            "assembly": self.assembly,
            "revised": self.revised,
            "place_year": self.place_year,
            "history": list(self.history),
            "preamble": [section.to_dict() for section in self.preamble],
            "operative": [section.to_dict() for section in self.operative],
            "references": [ref.to_dict() for ref in self.references],
            "footnotes": [note.to_dict() for note in self.footnotes],
            "annexes": [annex.to_dict() for annex in self.annexes],
        }
        if not self.partial:
            return full
        keep = {"number", "title", "operative", "references", "footnotes"}
        extra = {"kind", "designation", "language"}
        return {k: v for k, v in full.items() if k in keep or (v and k not in extra)}

    @classmethod
    def from_dict(cls, data: JsonDict) -> Resolution:
        number = data.get("number")
        return cls(
            number=int(number) if number is not None else None,
            title=_opt_str(data.get("title")),
            assembly=_opt_str(data.get("assembly")),
            revised=bool(data.get("revised", False)),
            place_year=_opt_str(data.get("place_year")),
            history=[str(h) for h in data.get("history", [])],
            preamble=[PreambleSection.from_dict(p) for p in data.get("preamble", [])],
            operative=[OperativeSection.from_dict(o) for o in data.get("operative", [])],
            references=[Reference.from_dict(r) for r in data.get("references", [])],
            footnotes=[Footnote(str(f["num"]), str(f["text"])) for f in data.get("footnotes", [])],
            annexes=[
                Annex(str(a.get("title", "")), [Part.from_dict(p) for p in a.get("parts", [])])
                for a in data.get("annexes", [])
            ],
            partial="history" not in data,
            language=_opt_str(data.get("language")),
            kind=str(data.get("kind") or "resolution"),
            designation=_opt_str(data.get("designation")),
        )


@dataclass
class StatusRow:
    status: str
    number: int
    title: str

    def to_dict(self) -> JsonDict:
        return {"status": self.status, "number": self.number, "title": self.title}


@dataclass
class Collection:
    """A document quoting many resolutions (an outcomes report)."""

    status_table: list[StatusRow] = field(default_factory=list)
    extracts: list[Resolution] = field(default_factory=list)
    lists: list[JsonDict] = field(default_factory=list)
    assembly: str | None = None
    place_year: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list, compare=False)

    def to_dict(self) -> JsonDict:
        return {
            "kind": "collection",
            "language": self.language,
            "assembly": self.assembly,
            "place_year": self.place_year,
            "lists": list(self.lists),
            "status_table": [row.to_dict() for row in self.status_table],
            "extracts": [extract.to_dict() for extract in self.extracts],
        }


Parsed = Resolution | Collection


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)
