"""Programme rules as data: typed specs with defaults, stored overrides, rules files.

A rule set (``default`` unless a call names another) is the programme's defaults overridden by
the rows of ``programme_rules``. A rules file is TOML: ``key = value`` lines, optionally under a
``[rule_set]`` table, e.g. ``weight_ldc = 1.5`` or ``eligible_classes = ["ldc", "sids"]``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, delete, insert, select

from stdgap.programmes.models import ProgrammeRule

RuleKind = Literal["float", "int", "bool", "list", "text"]
RuleValue = float | int | bool | tuple[str, ...] | str


class RuleError(ValueError):
    """A rule name or value that the programme does not accept."""


@dataclass(frozen=True)
class RuleSpec:
    key: str
    kind: RuleKind
    default: str
    help: str
    minimum: float | None = None
    maximum: float | None = None
    #: The values a list's items (or a text) may take, when limited.
    choices: tuple[str, ...] | None = None


def _chosen(spec: RuleSpec, items: tuple[str, ...]) -> None:
    if spec.choices is None:
        return
    wrong = [item for item in items if item not in spec.choices]
    if wrong:
        raise RuleError(
            f"{spec.key}: {', '.join(repr(item) for item in wrong)} is not one of "
            f"{', '.join(spec.choices)}"
        )


def parse_value(spec: RuleSpec, text: str) -> RuleValue:
    """The typed value of ``text`` for ``spec``; :class:`RuleError` when it does not fit."""
    text = text.strip()
    if spec.kind == "list":
        items = tuple(part.strip() for part in text.replace(",", ";").split(";") if part.strip())
        _chosen(spec, items)
        return items
    if spec.kind == "text":
        _chosen(spec, (text,) if text else ())
        return text
    try:
        if spec.kind == "bool":
            lowered = text.lower()
            if lowered in ("true", "yes", "1", "y"):
                return True
            if lowered in ("false", "no", "0", "n"):
                return False
            raise ValueError(text)
        number: float | int = int(text) if spec.kind == "int" else float(text)
    except ValueError:
        raise RuleError(f"{spec.key}: '{text}' is not a valid {spec.kind}") from None
    if not math.isfinite(number):
        raise RuleError(f"{spec.key}: '{text}' is not a finite number")
    if spec.minimum is not None and number < spec.minimum:
        raise RuleError(f"{spec.key}: {text} is below the minimum {spec.minimum:g}")
    if spec.maximum is not None and number > spec.maximum:
        raise RuleError(f"{spec.key}: {text} is above the maximum {spec.maximum:g}")
    return number


def _text_of(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return str(value)


class RuleBook:
    """The rule specs of one programme and the reading and writing of its rule sets."""

    def __init__(self, programme: str, specs: list[RuleSpec]) -> None:
        self.programme = programme
        self.specs = {spec.key: spec for spec in specs}

    def spec(self, key: str) -> RuleSpec:
        try:
            return self.specs[key]
        except KeyError:
            known = ", ".join(sorted(self.specs))
            raise RuleError(f"unknown rule '{key}' (known: {known})") from None

    def stored(self, connection: Connection, rule_set: str) -> dict[str, str]:
        query = select(ProgrammeRule.key, ProgrammeRule.value).where(
            ProgrammeRule.programme == self.programme, ProgrammeRule.rule_set == rule_set
        )
        return {key: value for key, value in connection.execute(query) if key in self.specs}

    def texts(self, connection: Connection, rule_set: str) -> dict[str, str]:
        """Every rule's text in ``rule_set``: the stored value, else the default."""
        values = {key: spec.default for key, spec in self.specs.items()}
        values.update(self.stored(connection, rule_set))
        return values

    def values(self, connection: Connection, rule_set: str) -> dict[str, RuleValue]:
        texts = self.texts(connection, rule_set)
        return {key: parse_value(self.specs[key], text) for key, text in texts.items()}

    def set(self, connection: Connection, rule_set: str, key: str, value: str) -> None:
        """Store one rule (checked first); a blank value goes back to the default."""
        spec = self.spec(key)
        where = (
            (ProgrammeRule.programme == self.programme)
            & (ProgrammeRule.rule_set == rule_set)
            & (ProgrammeRule.key == key)
        )
        connection.execute(delete(ProgrammeRule).where(where))
        if value.strip() == "":
            return
        parse_value(spec, value)
        connection.execute(
            insert(ProgrammeRule).values(
                programme=self.programme, rule_set=rule_set, key=key, value=value.strip()
            )
        )

    def set_many(self, connection: Connection, rule_set: str, values: Mapping[str, str]) -> None:
        for key in values:
            self.spec(key)
        for key, value in values.items():
            self.set(connection, rule_set, key, value)

    def read_file(self, path: Path, rule_set: str) -> dict[str, str]:
        """The rules of a TOML file (top-level keys, or the table named ``rule_set``)."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise RuleError(f"{path}: {error}") from None
        section = data.get(rule_set)
        chosen = section if isinstance(section, dict) else data
        found: dict[str, str] = {}
        for key, value in chosen.items():
            if isinstance(value, dict):
                continue
            spec = self.spec(key)
            text = _text_of(value)
            parse_value(spec, text)
            found[key] = text
        return found
