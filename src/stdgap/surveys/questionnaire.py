"""Reading a questionnaire from a file: JSON, or CSV/XLSX with the columns ``key, type, text,
options, required, condition, min, max, min_label, max_label``.

JSON is a list of questions (or ``{"questions": [...]}``), each an object with the same names
(``options`` a list or ``A|B|C``, ``condition`` an object ``{"question", "op", "values"}`` or the
text ``KEY = A|B``, ``scale`` an object ``{"min", "max", "min_label", "max_label"}`` or ``min`` and
``max`` at the top). Errors name the file, the line (of the question's row, or where its object
starts), the column (the field) and the value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdgap.surveys.questions import (
    Condition,
    QuestionInput,
    parse_condition,
    problems,
    question_type,
    split_options,
    whole_number,
)
from stdgap.tabular.errors import ImportFailed, InputError, RowError
from stdgap.tabular.files import open_table

COLUMNS = (
    "key",
    "type",
    "text",
    "options",
    "required",
    "condition",
    "min",
    "max",
    "min_label",
    "max_label",
)
REQUIRED = ("key", "type", "text")
TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n", ""}
MAX_BYTES = 2_000_000
MAX_QUESTIONS = 500
#: The deepest nesting of lists and objects a questionnaire needs is 4 (``{"questions": [{
#: "condition": {"values": [...]}}]}``); deeper files are refused before they are parsed (the
#: parser would recurse as deep as the file goes).
MAX_DEPTH = 8


@dataclass
class Read:
    label: str
    questions: list[tuple[int, QuestionInput]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def error(self, line: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.label, line, column, message))


def read_questionnaire(path: Path, label: str | None = None) -> Read:
    """The questions of ``path`` with the errors found (InputError: not readable at all)."""
    name = label or path.name
    if path.suffix.lower() == ".json":
        return _read_json(path, name)
    return _read_table(path, name)


def checked_questionnaire(path: Path, label: str | None = None) -> list[QuestionInput]:
    """The questions of a questionnaire file, every one checked as a whole questionnaire (for
    a new survey: other capabilities' consultations and feedback): ImportFailed naming the
    file, line, column and value of every error, or of an empty file."""
    read = read_questionnaire(path, label or path.name)
    return checked(read, {})


def checked(read: Read, earlier: Mapping[str, QuestionInput]) -> list[QuestionInput]:
    """The questions ``read`` from a file, each checked after the ``earlier`` ones (by key) and
    those before it in the file: ImportFailed naming the file, line, column and value of every
    error, or saying that the file has no question (a header alone, ``[]``)."""
    errors = list(read.errors)
    before = dict(earlier)
    for line, question in read.questions:
        for column, message in problems(question, before):
            errors.append(RowError(read.label, line, column, str(message)))
        before.setdefault(question.key, question)
    if not read.questions and not errors:
        errors.append(RowError(read.label, 1, "key", "the file has no question"))
    if errors:
        raise ImportFailed(errors)
    return [question for _line, question in read.questions]


def _fields(read: Read, line: int, values: dict[str, Any]) -> QuestionInput | None:
    """A question from a row's or an object's ``values`` (texts, or JSON values)."""
    before = len(read.errors)
    for column in REQUIRED:
        if values.get(column) in (None, ""):
            read.error(line, column, "a value is required")
    unknown = [k for k in values if k not in (*COLUMNS, "scale")]
    for column in unknown:
        read.error(line, column, f"unknown field '{column}' (the fields: {', '.join(COLUMNS)})")
    if len(read.errors) > before:
        return None
    kind_text = str(values["type"])
    kind = question_type(kind_text)
    if kind is None:
        read.error(line, "type", f"'{kind_text}' is not single, multiple, scale or text")
    options = values.get("options")
    if isinstance(options, list):
        chosen = tuple(str(o).strip() for o in options if str(o).strip())
    else:
        chosen = split_options(str(options or ""))
    required = _boolean(read, line, values.get("required"))
    condition = _condition(read, line, values.get("condition"))
    given = values.get("scale")
    scale: dict[str, Any] = given if isinstance(given, dict) else {}
    low = _whole(read, line, "min", scale.get("min", values.get("min")))
    high = _whole(read, line, "max", scale.get("max", values.get("max")))
    if len(read.errors) > before or kind is None:
        return None
    return QuestionInput(
        str(values["key"]).strip(),
        kind,
        str(values["text"]).strip(),
        chosen,
        required,
        condition,
        low,
        high,
        _text(scale.get("min_label", values.get("min_label"))),
        _text(scale.get("max_label", values.get("max_label"))),
    )


def _text(value: Any) -> str | None:
    return str(value).strip()[:200] or None if value not in (None, "") else None


def _boolean(read: Read, line: int, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in TRUE:
        return True
    if text not in FALSE:
        read.error(line, "required", f"'{value}' is not true or false")
    return False


def _whole(read: Read, line: int, column: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    found = whole_number(str(value))
    if found is not None:
        return found
    read.error(line, column, f"'{value}' is not a whole number")
    return None


def _condition(read: Read, line: int, value: Any) -> Condition | None:
    if value in (None, ""):
        return None
    if isinstance(value, dict):
        try:
            values = value["values"]
            values = values if isinstance(values, list) else split_options(str(values))
            return Condition(str(value["question"]), str(value.get("op", "equals")), tuple(values))
        except KeyError:
            read.error(line, "condition", f"'{json.dumps(value)}' needs 'question' and 'values'")
            return None
    try:
        return parse_condition(str(value))
    except ValueError:
        read.error(
            line,
            "condition",
            f"'{value}' is not a condition (write KEY = A|B, or KEY includes A|B)",
        )
        return None


def _read_table(path: Path, label: str) -> Read:
    table = open_table(path, label)
    read = Read(label)
    missing = [name for name in REQUIRED if name not in table.header]
    for name in missing:
        read.error(table.header_line, name, f"required column '{name}' is missing from the header")
    for line, cells in table.rows:  # read to the end (that closes the file)
        if missing or len(read.questions) > MAX_QUESTIONS:
            continue
        values = {
            name: cells[index].strip()
            for index, name in enumerate(table.header)
            if name in COLUMNS and index < len(cells) and (line, index) not in table.unreadable
        }
        if not any(values.values()):
            continue
        question = _fields(read, line, values)
        if question is not None:
            read.questions.append((line, question))
        if len(read.questions) > MAX_QUESTIONS:
            read.error(line, "key", f"more than {MAX_QUESTIONS} questions")
    read.errors.extend(table.take_problems())
    return read


def _read_json(path: Path, label: str) -> Read:
    read = Read(label)
    if not path.is_file():
        raise InputError(f"{label}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{label}: larger than {MAX_BYTES} bytes")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as failure:
        raise InputError(f"{label}: not UTF-8 text ({failure.reason})") from None
    deep = _too_deep(text)
    if deep is not None:
        line, column = deep
        read.error(line, f"column {column}", f"lists and objects nested deeper than {MAX_DEPTH}")
        return read
    try:
        data = json.loads(text)
    except json.JSONDecodeError as failure:
        read.error(failure.lineno, f"column {failure.colno}", f"not JSON: {failure.msg}")
        return read
    except RecursionError:  # not reached after _too_deep; kept as a guard
        read.error(1, "column 1", f"lists and objects nested deeper than {MAX_DEPTH}")
        return read
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        read.error(1, "questions", 'a list of questions is expected (or {"questions": [...]})')
        return read
    lines = _object_lines(text)
    for index, item in enumerate(items[: MAX_QUESTIONS + 1]):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(item, dict):
            read.error(line, f"question {index + 1}", f"'{json.dumps(item)[:60]}' is not an object")
            continue
        question = _fields(read, line, item)
        if question is not None:
            read.questions.append((line, question))
    if len(items) > MAX_QUESTIONS:
        read.error(1, "questions", f"more than {MAX_QUESTIONS} questions")
    return read


def _too_deep(text: str) -> tuple[int, int] | None:
    """The line and column where ``text`` nests lists and objects deeper than
    :data:`MAX_DEPTH` (outside strings), or None."""
    depth, in_string, escaped, line, start = 0, False, False, 1, -1
    for at, char in enumerate(text):
        if char == "\n":
            line, start = line + 1, at
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, at - start
        elif char in "]}":
            depth -= 1
    return None


def _object_lines(text: str) -> list[int]:
    """The line where each question object starts: the objects at the list's depth."""
    lines: list[int] = []
    depth, in_string, escaped, line = 0, False, False, 1
    list_depth: int | None = None
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            if char == "[" and list_depth is None:
                list_depth = depth + 1
            elif char == "{" and list_depth is not None and depth == list_depth:
                lines.append(line)
            depth += 1
        elif char in "]}":
            depth -= 1
    return lines
