"""Typed columns of users' tables, checked by pydantic one cell at a time.

Cells of the same column repeat a lot (modes, booleans, dates, countries), so each distinct text
is validated once and its result remembered: a million rows cost a few thousand validations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

#: The youngest a participant can be: a birth year after the current year minus this is wrong.
MIN_AGE = 12
FIRST_BIRTH_YEAR = 1900
#: Dates are from the founding year of the ITU to ten years ahead (terms, planned meetings).
FIRST_YEAR = 1865
YEARS_AHEAD = 10


def _plausible_birth_year(year: int) -> int:
    last = date.today().year - MIN_AGE
    if not FIRST_BIRTH_YEAR <= year <= last:
        raise PydanticCustomError(
            "birth_year",
            "is not a plausible birth year (from {first} to {last}: participants are at least "
            "{age})",
            {"first": FIRST_BIRTH_YEAR, "last": last, "age": MIN_AGE},
        )
    return year


def date_range() -> tuple[date, date]:
    """The dates a file may hold: from 1 January 1865 to 31 December ten years ahead."""
    return date(FIRST_YEAR, 1, 1), date(date.today().year + YEARS_AHEAD, 12, 31)


Text = Annotated[str, Field(min_length=1, max_length=300)]
Gender = Literal["F", "M", "X"]
BirthYear = Annotated[int, AfterValidator(_plausible_birth_year)]

MAX_ID = 300
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MEMO_LIMIT = 100_000  # distinct texts remembered per column


def _message(error: Any, value: str) -> str:
    kind = error["type"]
    if kind == "literal_error":
        return f"'{value}' is not one of {error['ctx']['expected']}"
    if kind == "bool_parsing":
        return f"'{value}' is not a boolean (use true/false, yes/no, 1/0 or y/n)"
    if kind.startswith(("date_", "datetime_")):
        return f"'{value}' is not a date (use YYYY-MM-DD)"
    if kind.startswith("int_"):
        return f"'{value}' is not a whole number"
    if kind == "birth_year":
        return f"'{value}' {error['msg']}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"'{value}' is out of range ({error['msg'].lower()})"
    if kind == "string_too_long":
        return f"'{value[:40]}…' is too long ({error['msg'].lower()})"
    return f"'{value}': {error['msg']}"


@dataclass
class Column:
    """One column's type; ``check`` returns (value, None) or (None, error message)."""

    kind: Any
    required: bool = False
    code: bool = False  # a code: case-insensitive, spaces and hyphens read as "_"
    upper: bool = False
    memo: dict[str, tuple[Any, str | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.adapter: TypeAdapter[Any] = TypeAdapter(self.kind)
        self.is_text = self.kind is Text

    def check(self, text: str) -> tuple[Any, str | None]:
        if self.is_text:
            if len(text) <= MAX_ID:
                return text, None
            return None, f"'{text[:40]}…' is too long (at most {MAX_ID} characters)"
        found = self.memo.get(text)
        if found is None:
            found = self._validate(text)
            if len(self.memo) < MEMO_LIMIT:
                self.memo[text] = found
        return found

    def _validate(self, text: str) -> tuple[Any, str | None]:
        if self.kind is date and not _ISO_DATE.fullmatch(text):
            return None, f"'{text}' is not a date (use YYYY-MM-DD)"
        candidate = text
        if self.code:
            candidate = text.lower().replace(" ", "_").replace("-", "_")
        elif self.upper:
            candidate = text.upper()
        try:
            value = self.adapter.validate_python(candidate)
        except ValidationError as failure:
            return None, _message(failure.errors()[0], text)
        if self.kind is date:
            first, last = date_range()
            if not first <= value <= last:
                return None, f"'{text}' is out of range (dates from {first} to {last})"
        return value, None
