"""Schema validation of a batch of rows, with errors that name the line, column and value."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from stdgap.ingest.errors import RowError
from stdgap.ingest.kinds import COLUMNS
from stdgap.ingest.schemas import ADAPTERS, CODE_COLUMNS

NumberedRow = tuple[int, dict[str, str]]
ParsedRow = tuple[int, dict[str, Any], dict[str, str]]  # line, typed values, extra columns


def _message(error: Any) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "required value is missing"
    if kind == "literal_error":
        return f"'{value}' is not one of {error['ctx']['expected']}"
    if kind == "bool_parsing":
        return f"'{value}' is not a boolean (use true/false, yes/no, 1/0 or y/n)"
    if kind.startswith(("date_", "datetime_")):
        return f"'{value}' is not a date (use YYYY-MM-DD)"
    if kind.startswith("int_"):
        return f"'{value}' is not a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"'{value}' is out of range ({error['msg'].lower()})"
    if kind == "string_too_long":
        return f"'{str(value)[:40]}…' is too long ({error['msg'].lower()})"
    return f"'{value}': {error['msg']}"


def _prepare(kind: str, row: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    known = COLUMNS[kind]
    values = {name: row[name] for name in known if row.get(name)}
    for name in CODE_COLUMNS.get(kind, ()):
        if name in values:
            values[name] = values[name].lower().replace(" ", "_").replace("-", "_")
    if kind == "people" and "gender" in values:
        values["gender"] = values["gender"].upper()
    extras = {name: value for name, value in row.items() if value and name not in known and name}
    return values, extras


def validate_batch(
    kind: str, label: str, rows: list[NumberedRow], errors: list[RowError]
) -> list[ParsedRow]:
    """The rows that pass the schema of ``kind``; the others' errors go to ``errors``."""
    prepared = [_prepare(kind, row) for _line, row in rows]
    adapter = ADAPTERS[kind]
    try:
        parsed = adapter.validate_python([values for values, _extras in prepared])
    except ValidationError as failure:
        bad: set[int] = set()
        for error in failure.errors():
            index, column = error["loc"][0], str(error["loc"][1])
            bad.add(int(index))
            errors.append(RowError(label, rows[int(index)][0], column, _message(error)))
        good = [index for index in range(len(rows)) if index not in bad]
        parsed_good = adapter.validate_python([prepared[index][0] for index in good])
        return [
            (rows[index][0], typed, prepared[index][1])
            for index, typed in zip(good, parsed_good, strict=True)
        ]
    return [
        (line, typed, extras)
        for (line, _row), typed, (_values, extras) in zip(rows, parsed, prepared, strict=True)
    ]
