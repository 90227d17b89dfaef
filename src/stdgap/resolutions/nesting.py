"""Section and clause nesting: classified lines to preamble and operative sections.

Numbers are kept as written. In the preamble ``i)`` after ``h)`` is the next letter, after any
other letter it opens a list of roman sub-items (the ``h) i)`` ambiguity, settled by what came
before). In the operative part, lettered and roman entries are sub-items of the last clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stdgap.resolutions import addressees
from stdgap.resolutions.itemseq import follows, place
from stdgap.resolutions.lines import Line, is_roman
from stdgap.resolutions.parsed import Item, OperativeSection, PreambleSection
from stdgap.resolutions.verbs import is_condition, is_preamble_verb, resolves_to, split_heading
from stdgap.resolutions.vocab import ENGLISH, Language, is_known_verb

# A word that ties a verb to the items below it, left alone on the verb's line.
_CONNECTOR = re.compile(
    r"^(?:that|of|to|que|de|du|des|à|a|о|об|на|что|إلى|على|بأن|أن|ب|في)[\s,:;،]*$", re.I
)
# How a clause opens when it stands on its verb's line ("resolves that …", "décide de …").
_CLAUSE_OPENERS = {
    "en": r"(?:that|to)\s",
    "fr": r"(?:que|qu['’]|de|d['’]|à)\s?",
    "es": r"(?:que|a|de)\s",
    "ru": r"(?:что|чтобы)\s",
}
_TERMINAL = (";", ",", ".", ":")
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]


def _next_letter(previous: str | None, num: str) -> bool:
    return (
        previous is not None
        and len(previous) == 1
        and len(num) == 1
        and previous.isalpha()
        and ord(num) == ord(previous) + 1
    )


def _next_roman(previous: str | None, num: str) -> bool:
    if previous not in _ROMANS or num not in _ROMANS:
        return False
    return _ROMANS.index(num) == _ROMANS.index(previous) + 1


def _continue(item: Item, text: str) -> None:
    target = item.items[-1] if item.items else item
    target.text = f"{target.text} {text}".strip()


def _open(item: Item) -> bool:
    """True when the entry's text stops mid-sentence, so a plain line continues it."""
    target = item.items[-1] if item.items else item
    return bool(target.text) and not target.text.endswith(_TERMINAL)


class Nester:
    """Feeds lines one by one; ``preamble`` and ``operative`` grow in document order."""

    def __init__(self, lang: Language = ENGLISH) -> None:
        self.lang = lang
        self.preamble: list[PreambleSection] = []
        self.operative: list[OperativeSection] = []
        self.current: PreambleSection | OperativeSection | None = None
        self.unplaced: list[Line] = []  # lines no section could take (warnings)

    def run(self, lines: Sequence[Line]) -> None:
        body = [line for line in lines if line.kind != "blank"]
        for position, line in enumerate(body):
            following = body[position + 1] if position + 1 < len(body) else None
            self.feed(line, following)

    def _entry_open(self) -> bool:
        current = self.current
        if isinstance(current, PreambleSection) and current.items:
            return _open(current.items[-1])
        if isinstance(current, OperativeSection) and current.clauses:
            return _open(current.clauses[-1])
        return False

    def feed(self, line: Line, following: Line | None) -> None:
        if (
            line.kind == "verb"
            and line.num is not None
            and not is_known_verb(line.num)
            and self._entry_open()
        ):  # "continues" wrapped onto a line of its own is no new verb
            line = Line("text", f"{line.num} {line.text}".strip(), None, line.index)
        if line.kind == "verb" and line.num is not None:
            self._open_section(line.num, line.text, line.raw or line.text)
        elif isinstance(self.current, PreambleSection):
            self._preamble_line(self.current, line)
        elif isinstance(self.current, OperativeSection):
            self._operative_line(self.current, line, following)
        elif line.kind not in ("heading", "parens"):
            self.unplaced.append(line)

    def _open_section(self, verb: str, rest: str, whole: str = "") -> None:
        if _CONNECTOR.match(rest):
            rest = ""  # "noting that" / "وإذ يشير إلى" / "напоминая о": the items follow
        if is_preamble_verb(verb):
            section = PreambleSection(verb)
            if rest:
                section.items.append(Item(None, rest))
            self.preamble.append(section)
            self.current = section
            return
        clause: str | None = None
        opener = _CLAUSE_OPENERS.get(self.lang.code)
        if opener and re.match(opener, rest) and whole.endswith(_TERMINAL):
            # "resolves that administrations shall …," on one line ("resolves that ITU
            # regional offices" / "be engaged." names an addressee)
            rest, clause = "", _punctuated(rest, whole)
        elif self.lang.code == "en" and whole.endswith(_TERMINAL):
            split = _addressee_prefix(rest)  # "invites Member States to contribute …,"
            if split is not None:
                rest, clause = split[0], _punctuated(split[1], whole)
        addressee, collaborators, condition = split_heading(rest, self.lang)
        operative = OperativeSection(verb, addressee, collaborators, condition)
        if clause:
            operative.clauses.append(Item(None, clause))
        self.operative.append(operative)
        self.current = operative

    # -- preamble ---------------------------------------------------------------------------

    def _preamble_line(self, section: PreambleSection, line: Line) -> None:
        last = section.items[-1] if section.items else None
        if line.kind == "item" and line.num is not None:
            if last is not None and self._is_sub_item(last, line.num):
                last.items.append(Item(line.num, line.text))
            else:
                section.items.append(Item(line.num, line.text))
        elif line.kind == "numbered" and _wrapped_number(last, line):
            _continue(last, f"{line.num} {line.text}")  # type: ignore[arg-type]
        elif line.kind == "numbered":
            section.items.append(Item(line.num, line.text))
        elif line.kind == "bullet" and last is not None:
            last.items.append(Item(None, line.text))
        elif line.kind in ("text", "bullet", "parens", "formula") and line.text:
            if last is not None and _open(last):
                _continue(last, line.text)
            else:
                section.items.append(Item(None, line.text))

    @staticmethod
    def _is_sub_item(last: Item, num: str) -> bool:
        previous_sub = last.items[-1].num if last.items else None
        if _next_roman(previous_sub, num):
            return True
        if _next_letter(last.num, num):
            return False
        return is_roman(num) and (num == "i" or bool(last.items))

    # -- operative --------------------------------------------------------------------------

    def _operative_line(
        self, section: OperativeSection, line: Line, following: Line | None
    ) -> None:
        last = section.clauses[-1] if section.clauses else None
        if line.kind == "numbered" and _wrapped_number(last, line):
            _continue(last, f"{line.num} {line.text}")  # type: ignore[arg-type]
        elif line.kind == "numbered":
            section.clauses.append(Item(line.num, line.text))
        elif line.kind in ("item", "bullet"):
            if last is None:
                section.clauses.append(Item(line.num, line.text))
            elif line.kind == "bullet":
                last.items.append(Item(line.num, line.text))
            else:  # a), then i) below it, or 1.1 below clause 1
                place(last.items, Item(line.num, line.text), last.num)
        elif line.kind in ("text", "parens", "formula", "heading") and line.text:
            if last is None:
                self._first_plain_line(section, line.text, following)
            elif _open(last):
                _continue(last, line.text)
            else:
                section.clauses.append(Item(None, line.text))

    def _first_plain_line(
        self, section: OperativeSection, text: str, following: Line | None
    ) -> None:
        if is_condition(text, self.lang) and section.condition is None:
            section.condition = text.rstrip(" ,;:")
            return
        if section.addressee is None and _heading_continues(text, following):
            grown = resolves_to(section.verb, text)
            if grown is not None:
                section.verb, text = grown
            addressee, collaborators, condition = split_heading(text, self.lang)
            section.addressee = addressee
            section.with_.extend(collaborators)
            section.condition = condition or section.condition
            return
        if section.addressee is None and "resolves" not in section.verb:
            split = _addressee_prefix(text)
            if split is not None:
                heading, text = split
                addressee, collaborators, condition = split_heading(heading, self.lang)
                section.addressee = addressee
                section.with_.extend(collaborators)
                section.condition = condition or section.condition
        section.clauses.append(Item(None, text))


def _punctuated(clause: str, whole: str) -> str:
    """The clause with the final punctuation of its line (``,`` is cut off the verb's rest)."""
    whole = whole.rstrip()
    if clause.endswith(_TERMINAL) or not whole.endswith(_TERMINAL):
        return clause
    return clause + whole[-1]


def _wrapped_number(last: Item | None, line: Line) -> bool:
    """A line a PDF wrapped before a number (``… in the band`` / ``3 400 MHz …``): the entry
    before is open and the number is not the one after it (nor ``1`` after an unnumbered one)."""
    if last is None or not _open(last) or line.num is None:
        return False
    target = last.items[-1] if last.items else last
    if target is not last:
        return False  # an open sub-item, then clause 3: a new clause
    if line.num == "1" and last.num is None:
        return False
    return not follows(last.num, line.num)


def _heading_continues(text: str, following: Line | None) -> bool:
    """True when a plain line after a bare verb names the addressee (the clauses follow)."""
    if following is None or text.endswith((";", ".")) or len(text) > 300:
        return False
    if text.startswith("to ") and resolves_to("resolves", text) is None:
        return False
    if following.kind == "numbered":
        return True
    return following.kind == "text" and (
        following.text.startswith(("to ", "be ")) or is_condition(following.text)
    )


def _addressee_prefix(text: str) -> tuple[str, str] | None:
    """``the Director of TSB … to take …``: (addressee part, clause part)."""
    if text.startswith(("to ", "that ")):
        return None
    match = re.search(r"\s(to)\s", text)
    if match is None:
        return None
    prefix = text[: match.start()]
    if not addressees.normalise(prefix) or not prefix[:1].isalpha():
        return None
    return prefix, text[match.start(1) :]
