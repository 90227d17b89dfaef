"""A question as given (typed in a form, sent to the API, read from a file), and its checks:
its key, type, choices or scale, and its condition on an earlier question's answer.

A condition is ``{"question": KEY, "op": "equals" | "includes", "values": [...]}``: the question
is shown when the earlier question's answer is one of the values (``equals``: a single choice,
a scale or a text) or includes one of them (``includes``: a multiple choice). Written as text
(forms, files): ``KEY = A|B`` or ``KEY includes A|B``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stdgap.i18n.translate import LazyText, _l
from stdgap.surveys.models import MULTIPLE, QUESTION_TYPES, SCALE, SINGLE, TEXT

KEY = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,59}")
#: Other ways to write the types (files, forms).
TYPE_NAMES = {
    "single": SINGLE,
    "single_choice": SINGLE,
    "choice": SINGLE,
    "multiple": MULTIPLE,
    "multiple_choice": MULTIPLE,
    "multi": MULTIPLE,
    "scale": SCALE,
    "rating": SCALE,
    "text": TEXT,
    "free_text": TEXT,
    "open": TEXT,
}
OPS = ("equals", "includes")
MAX_OPTIONS = 50
MAX_TEXT = 1000
#: A whole number as written in a file, a form or an answer: ASCII digits only (``int()`` would
#: also take other scripts' digits, "٣", and "1_0"), with a minus for negative values.
WHOLE = re.compile(r"-?[0-9]{1,4}")
_CONDITION = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(=|==|\bincludes\b|\bin\b)\s*(.+)$")


@dataclass(frozen=True)
class Condition:
    question: str
    op: str
    values: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        return {"question": self.question, "op": self.op, "values": list(self.values)}

    def text(self) -> str:
        sign = "=" if self.op == "equals" else "includes"
        return f"{self.question} {sign} {'|'.join(self.values)}"

    def holds(self, answer: Sequence[str]) -> bool:
        """Whether an answer (its values as texts; empty when not answered) meets it."""
        return any(value in self.values for value in answer)

    @classmethod
    def of(cls, data: Mapping[str, Any] | None) -> Condition | None:
        if not data:
            return None
        return cls(str(data["question"]), str(data["op"]), tuple(str(v) for v in data["values"]))


@dataclass(frozen=True)
class QuestionInput:
    """A question to add. ``options``: the choices of a single or multiple choice question;
    ``scale_min``/``scale_max`` (and their labels): a scale's ends."""

    key: str
    type: str
    text: str
    options: tuple[str, ...] = ()
    required: bool = False
    condition: Condition | None = None
    scale_min: int | None = None
    scale_max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def whole_number(text: str, negative: bool = True) -> int | None:
    """The whole number ``text`` (surrounding blanks ignored) in ASCII digits 0-9, with an
    optional minus when ``negative``; None when it is not one."""
    text = text.strip()
    if not WHOLE.fullmatch(text) or (text.startswith("-") and not negative):
        return None
    return int(text)


def same_key(key: str, keys: Iterable[str]) -> str | None:
    """The key among ``keys`` that ``key`` repeats: keys are compared without case ("Ee" and
    "ee" are one key), since a form, a file and a reader would take them for one."""
    folded = key.casefold()
    return next((other for other in keys if other.casefold() == folded), None)


def question_type(text: str) -> str | None:
    return TYPE_NAMES.get(text.strip().lower().replace(" ", "_").replace("-", "_"))


def split_options(text: str) -> tuple[str, ...]:
    """'Yes | No | Not sure' → ('Yes', 'No', 'Not sure') (blanks dropped)."""
    return tuple(part.strip() for part in text.split("|") if part.strip())


def parse_condition(text: str) -> Condition:
    """``KEY = A|B`` or ``KEY includes A|B`` (``in`` reads as ``=``); raises ValueError with
    what to write instead."""
    found = _CONDITION.match(text)
    if not found:
        raise ValueError(text)
    key, sign, values = found.groups()
    op = "includes" if sign.strip() == "includes" else "equals"
    chosen = split_options(values)
    if not chosen:
        raise ValueError(text)
    return Condition(key, op, chosen)


def problems(
    question: QuestionInput, earlier: Mapping[str, QuestionInput]
) -> list[tuple[str, LazyText]]:
    """What is wrong with ``question`` after the ``earlier`` ones (by key), as (field,
    message) pairs: nothing when it can be added."""
    found: list[tuple[str, LazyText]] = []
    if not KEY.fullmatch(question.key):
        found.append(
            (
                "key",
                _l(
                    "%(value)r is not a key: a letter, then letters, digits, '_' or '-' (up to 60)",
                    value=question.key,
                ),
            )
        )
    elif (other := same_key(question.key, earlier)) is not None:
        if other == question.key:
            found.append(("key", _l("the key %(value)r is used twice", value=question.key)))
        else:
            found.append(
                (
                    "key",
                    _l(
                        "the key %(value)r is the key %(other)r already (keys are compared "
                        "without case)",
                        value=question.key,
                        other=other,
                    ),
                )
            )
    if question.type not in QUESTION_TYPES:
        found.append(
            (
                "type",
                _l(
                    "%(value)r is not a type of question (single, multiple, scale, text)",
                    value=question.type,
                ),
            )
        )
    if not question.text.strip() or len(question.text) > MAX_TEXT:
        found.append(("text", _l("a question's text is 1 to 1000 characters")))
    found += _choice_problems(question)
    if question.condition is not None:
        found += [("condition", m) for m in _condition_problems(question.condition, earlier)]
    return found


def _choice_problems(question: QuestionInput) -> list[tuple[str, LazyText]]:
    found: list[tuple[str, LazyText]] = []
    if question.type in (SINGLE, MULTIPLE):
        options = question.options
        if len(options) < 2 or len(options) > MAX_OPTIONS:
            found.append(("options", _l("a choice question has 2 to 50 options")))
        elif len(set(options)) != len(options):
            found.append(
                ("options", _l("an option is repeated: %(value)s", value="|".join(options)))
            )
        elif any(len(option) > 300 for option in options):
            found.append(("options", _l("an option is 300 characters at most")))
    elif question.options:
        found.append(("options", _l("only choice questions have options")))
    if question.type == SCALE:
        low, high = question.scale_min, question.scale_max
        if low is None or high is None or not -100 <= low < high <= 100 or high - low > 100:
            found.append(
                (
                    "scale",
                    _l(
                        "a scale goes from a lowest to a higher whole number, between -100 and "
                        "100 (given: %(low)s to %(high)s)",
                        low=low,
                        high=high,
                    ),
                )
            )
    return found


def _condition_problems(
    condition: Condition, earlier: Mapping[str, QuestionInput]
) -> list[LazyText]:
    target = earlier.get(condition.question)
    if target is None:
        return [
            _l(
                "the condition names %(value)r, which is not an earlier question",
                value=condition.question,
            )
        ]
    if condition.op not in OPS:
        return [_l("a condition is 'equals' or 'includes' (given: %(value)r)", value=condition.op)]
    if condition.op == "includes" and target.type != MULTIPLE:
        return [_l("'includes' is for a multiple choice question; use '='")]
    if condition.op == "equals" and target.type == MULTIPLE:
        return [_l("a multiple choice answer 'includes' values; use 'includes'")]
    allowed = answer_values(target)
    if allowed is not None:
        unknown = [value for value in condition.values if value not in allowed]
        if unknown:
            return [
                _l(
                    "%(value)r is not an answer of %(key)s (%(allowed)s)",
                    value="|".join(unknown),
                    key=target.key,
                    allowed="|".join(allowed),
                )
            ]
    return []


def answer_values(question: QuestionInput) -> tuple[str, ...] | None:
    """The answers a question takes, as texts (None: any text)."""
    if question.type in (SINGLE, MULTIPLE):
        return question.options
    if question.type == SCALE and question.scale_min is not None and question.scale_max is not None:
        return tuple(str(v) for v in range(question.scale_min, question.scale_max + 1))
    return None
