"""Writes shared by the programmes: their editable rules."""

from __future__ import annotations

from collections.abc import Mapping

from stdgap.programmes.rules import RuleBook
from stdgap.store.unit import Unit, operation


def _target(book: RuleBook, rule_set: str, values: Mapping[str, str]) -> str:
    return f"{book.programme}/{rule_set}"


@operation("programme.rules", target=_target)
def set_rules(unit: Unit, book: RuleBook, rule_set: str, values: Mapping[str, str]) -> int:
    """Store rules of ``book``'s programme in ``rule_set`` (all checked first); a blank value
    goes back to the default. The number of rules stored."""
    book.set_many(unit.connection, rule_set, values)
    unit.details["rules"] = dict(values)
    return len(values)
