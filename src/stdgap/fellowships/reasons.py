"""The reason of a decision: the rule that decides it, and its explanation as messages that are
translated where they are shown (stored as JSON: each part's English message and parameters).

Rules: ``granted``; ``eligibility`` (not eligible); for an eligible application not granted,
the constraint that decides it: ``person_cap``, ``country_cap``, ``regional_minimum``,
``budget``, or ``score`` (no single rule keeps it out: it scores less than the fellows granted
under them all together); ``stopped`` when the solver stopped before proving its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stdgap.i18n.translate import N_, LazyText, use

RULES: dict[str, str] = {
    "granted": N_("granted"),
    "eligibility": N_("eligibility"),
    "person_cap": N_("per-person cap"),
    "country_cap": N_("per-country cap"),
    "regional_minimum": N_("regional minimum"),
    "budget": N_("budget"),
    "score": N_("score"),
    "stopped": N_("solver stopped early"),
}


@dataclass(frozen=True)
class Reason:
    rule: str
    parts: tuple[LazyText, ...]

    def text(self) -> str:
        """The explanation in the current language."""
        return "; ".join(str(part) for part in self.parts)

    def english(self) -> str:
        with use("en"):
            return self.text()

    def data(self) -> list[dict[str, Any]]:
        return [encode(part) for part in self.parts]


class Joined:
    """Messages shown as one text (``"a; b"``, or another separator), translated when turned
    into ``str``."""

    def __init__(self, parts: tuple[LazyText, ...] | list[LazyText], sep: str = "; ") -> None:
        self.parts = tuple(parts)
        self.sep = sep

    def __str__(self) -> str:
        return self.sep.join(str(part) for part in self.parts)


def _encode_value(value: Any) -> Any:
    if isinstance(value, LazyText):
        return encode(value)
    if isinstance(value, Joined):
        return {"join": [encode(part) for part in value.parts], "sep": value.sep}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "join" in value:
        parts = [decode(part) for part in value["join"] if isinstance(part, dict)]
        return Joined(parts, str(value.get("sep", "; ")))
    return decode(value) if isinstance(value, dict) else value


def encode(text: LazyText) -> dict[str, Any]:
    """A message as JSON: its English text and its parameters (messages themselves, nested,
    or lists of messages)."""
    params = {key: _encode_value(value) for key, value in text.params.items()}
    return {"message": text.message, "params": params}


def decode(data: dict[str, Any]) -> LazyText:
    params = {str(k): _decode_value(v) for k, v in dict(data.get("params") or {}).items()}
    return LazyText(str(data.get("message", "")), params=params)


def rule_names(rules: list[str]) -> Joined:
    """The names of ``rules``, translated where they are shown ("budget, per-country cap")."""
    return Joined([LazyText(RULES.get(rule, rule)) for rule in rules], ", ")


def render(data: Any, fallback: str | None = None) -> str:
    """Stored explanation parts in the current language (``fallback`` when there are none)."""
    if not isinstance(data, list) or not data:
        return fallback or ""
    return "; ".join(str(decode(item)) for item in data if isinstance(item, dict))


#: The order of the decisions in a list: fellows first, then those not granted, then the
#: ineligible, then applications not yet decided.
_DECISION_ORDER = {"full": 0, "partial": 0, "not_granted": 1, "ineligible": 2}


def rank(decision: str | None, value: float | None, application_id: str) -> tuple[Any, ...]:
    """The key that lists decisions by rank: granted first by score (highest first), then not
    granted by score, then ineligible, then undecided; ties by application id."""
    return (_DECISION_ORDER.get(decision or "", 3), -(value or 0.0), application_id)
