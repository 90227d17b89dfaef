"""Catalogue items: what an item is made of (checked the same way from a form, the API, the
command line and a file), adding and editing one (audited), withdrawing it, and importing a
CSV/XLSX catalogue (every row checked, every error ``FILE:LINE: column: message``, all rows or
none; the same file again changes nothing: rows are matched by their item id)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, func, insert, select, update

from stdgap.i18n.translate import _l
from stdgap.knowledge import analysis
from stdgap.knowledge.errors import KnowledgeError, UnknownItem
from stdgap.knowledge.models import KnowledgeAttachment, KnowledgeItem
from stdgap.knowledge.vocabulary import (
    LANGUAGES,
    STATUS_SPELLINGS,
    STATUSES,
    TYPE_SPELLINGS,
    TYPES,
    spelled,
)
from stdgap.store.unit import Unit, operation
from stdgap.tabular.errors import ImportFailed, RowError
from stdgap.tabular.files import open_table
from stdgap.tabular.text import control_character
from stdgap.tabular.typed import split_list

#: The columns of a catalogue file (``url_en`` … one per language).
COLUMNS = (
    "item_id",
    "number",
    "title",
    "summary",
    "type",
    "study_group",
    "question",
    "status",
    "date",
    "languages",
    "keywords",
    *(f"url_{code}" for code in LANGUAGES),
)
REQUIRED = ("item_id", "title", "type")
#: Other names files give the columns.
ALIASES = {"id": "item_id", "sg": "study_group", "group": "study_group", "published": "date"}
LIMITS = {"item_id": 100, "number": 50, "title": 500, "summary": 20_000, "keywords": 2000}
#: Attached text indexed per item (the rest is kept, not searched).
INDEXED_TEXT = 200_000
_ITEM_ID = re.compile(r"^[\w][\w .:()+\-]*$")
_GROUP = re.compile(r"^(SG\d{1,2}|TSAG)$")
_QUESTION = re.compile(r"^Q(\d{1,2})/(\d{1,2})$")


@dataclass(frozen=True)
class ItemInput:
    """An item as typed: text values, lists as texts ('en, fr'; 'a; b') or lists."""

    item_id: str
    title: str
    type: str
    number: str = ""
    summary: str = ""
    study_group: str = ""
    question: str = ""
    status: str = "in_force"
    date: str = ""
    languages: str | list[str] = "en"
    keywords: str | list[str] = ""
    links: dict[str, str] = field(default_factory=dict)

    def values(self) -> dict[str, str]:
        found = {k: v for k, v in asdict(self).items() if k != "links"}
        for key in ("languages", "keywords"):
            if isinstance(found[key], list):
                found[key] = "; ".join(found[key])
        for code, url in self.links.items():
            found[f"url_{code}"] = url
        return {k: str(v or "") for k, v in found.items()}


def _clean(text: str) -> str:
    return " ".join(text.split())


def check(values: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """The row to write and the problems found, each (column, message)."""
    problems: list[tuple[str, Any]] = []
    refused = set()
    for column, value in values.items():
        char = control_character(value)
        if char is not None:
            refused.add(column)
            problems.append(
                (
                    column,
                    _l(
                        "%(value)r holds a control character (%(char)s)",
                        value=value[:60],
                        char=char,
                    ),
                )
            )
    values = {k: ("" if k in refused else v) for k, v in values.items()}
    row: dict[str, Any] = {}
    for column in ("item_id", "number", "title", "summary"):
        text = (
            values.get(column, "").strip()
            if column == "summary"
            else _clean(values.get(column, ""))
        )
        if not text and column in REQUIRED and column not in refused:
            problems.append((column, _l("a value is required")))
        elif len(text) > LIMITS[column]:
            problems.append(
                (
                    column,
                    _l(
                        "'%(value)s…' is too long (at most %(limit)s characters)",
                        value=text[:40],
                        limit=LIMITS[column],
                    ),
                )
            )
        row[column] = text or None
    if row["item_id"] and not _ITEM_ID.match(row["item_id"]):
        problems.append(
            (
                "item_id",
                _l(
                    "'%(value)s' is not an item id (letters, digits, spaces and . : ( ) + -)",
                    value=row["item_id"],
                ),
            )
        )
    for column, table, choices, default in (
        ("type", TYPE_SPELLINGS, TYPES, None),
        ("status", STATUS_SPELLINGS, STATUSES, "in_force"),
    ):
        text = _clean(values.get(column, ""))
        found = spelled(text, table) if text else default
        if found is None and column not in refused:
            if text:
                problems.append(
                    (
                        column,
                        _l(
                            "'%(value)s' is not one of %(choices)s",
                            value=text,
                            choices=", ".join(choices),
                        ),
                    )
                )
            else:
                problems.append((column, _l("a value is required")))
        row[column] = found
    group = _clean(values.get("study_group", "")).upper().replace(" ", "")
    if group and not _GROUP.match(group):
        problems.append(
            (
                "study_group",
                _l("'%(value)s' is not a study group (SG2 … SG20, or TSAG)", value=group),
            )
        )
    row["study_group"] = group or None
    question = _clean(values.get("question", "")).upper().replace(" ", "")
    if question:
        matched = _QUESTION.match(question)
        if matched is None:
            problems.append(
                ("question", _l("'%(value)s' is not a Question (write Q20/13)", value=question))
            )
        elif (
            _GROUP.match(group)
            and group.startswith("SG")
            and int(matched.group(2)) != int(group[2:])
        ):
            problems.append(
                (
                    "question",
                    _l(
                        "'%(value)s' is not a Question of %(group)s",
                        value=question,
                        group=group,
                    ),
                )
            )
        elif not group:
            row["study_group"] = f"SG{int(matched.group(2))}"
    row["question"] = question or None
    day = values.get("date", "").strip()
    row["published"] = None
    if day:
        try:
            row["published"] = date.fromisoformat(day[:10])
        except ValueError:
            problems.append(("date", _l("'%(value)s' is not a date (YYYY-MM-DD)", value=day)))
    languages = [code.lower() for code in split_list(values.get("languages", ""))]
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown:
        problems.append(
            (
                "languages",
                _l(
                    "'%(value)s' is not one of %(choices)s",
                    value=unknown[0],
                    choices=", ".join(LANGUAGES),
                ),
            )
        )
    links: dict[str, str] = {}
    for code in LANGUAGES:
        url = values.get(f"url_{code}", "").strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 1000:
            problems.append(
                (f"url_{code}", _l("'%(value)s' is not an http(s) address", value=url[:100]))
            )
            continue
        links[code] = url
        if code not in languages:
            languages.append(code)
    order = list(LANGUAGES)
    row["languages"] = sorted({c for c in languages if c in LANGUAGES} or {"en"}, key=order.index)
    row["links"] = links
    keywords = [_clean(k) for k in split_list(values.get("keywords", ""))]
    if sum(len(k) for k in keywords) > LIMITS["keywords"]:
        problems.append(("keywords", _l("too many keywords (at most 2000 characters)")))
    row["keywords"] = keywords
    return row, problems


def terms_of(row: dict[str, Any], attached: list[str]) -> dict[str, Any]:
    """The search terms of an item's values and of its attachments' texts."""
    title = " ".join(t for t in (row["item_id"], row.get("number"), row["title"]) if t)
    body = "\n".join([row.get("summary") or "", *attached])[:INDEXED_TEXT]
    return {
        "title_terms": " ".join(analysis.analyse(title)),
        "keyword_terms": " ".join(analysis.analyse(" ; ".join(row["keywords"]))),
        "body_terms": " ".join(analysis.analyse(body)),
        "analysis": analysis.VERSION,
    }


def next_revision(connection: Connection) -> int:
    """The catalogue's next revision (data writes run one at a time: no two get the same)."""
    latest = connection.execute(select(func.max(KnowledgeItem.revision))).scalar()
    return int(latest or 0) + 1


def attached_texts(connection: Connection, pk: int) -> list[str]:
    return list(
        connection.execute(
            select(KnowledgeAttachment.text)
            .where(KnowledgeAttachment.item_id == pk)
            .order_by(KnowledgeAttachment.filename)
        ).scalars()
    )


_COMPARED = (
    "number",
    "title",
    "summary",
    "type",
    "study_group",
    "question",
    "status",
    "published",
    "languages",
    "keywords",
    "links",
)


def write_row(connection: Connection, row: dict[str, Any], revision: int) -> str:
    """Insert or update the item of ``row``: 'added', 'changed' or 'same'."""
    now = datetime.now().replace(microsecond=0)
    found = connection.execute(
        select(KnowledgeItem).where(KnowledgeItem.item_id == row["item_id"])
    ).first()
    if found is None:
        values = {**row, **terms_of(row, []), "added_at": now, "changed_at": now}
        connection.execute(insert(KnowledgeItem).values(**values, revision=revision))
        return "added"
    current = found
    if all(getattr(current, key) == row[key] for key in _COMPARED):
        return "same"
    values = {**row, **terms_of(row, attached_texts(connection, current.id))}
    connection.execute(
        update(KnowledgeItem)
        .where(KnowledgeItem.id == current.id)
        .values(**values, changed_at=now, revision=revision)
    )
    return "changed"


def _refuse(problems: list[tuple[str, Any]]) -> None:
    column, message = problems[0]
    raise KnowledgeError(_l("%(field)s: %(reason)s", field=column, reason=message))


def item_pk(connection: Connection, item_id: str) -> int:
    found = connection.execute(
        select(KnowledgeItem.id).where(KnowledgeItem.item_id == item_id)
    ).scalar()
    if found is None:
        raise UnknownItem(_l("no item %(value)r", value=item_id))
    return int(found)


def _item_target(item: ItemInput, *args: object, **kwargs: object) -> str:
    return item.item_id


@operation("knowledge.add", target=_item_target)
def add_item(unit: Unit, item: ItemInput) -> str:
    """Add an item (its id not in the catalogue yet); its item id."""
    row, problems = check(item.values())
    if problems:
        _refuse(problems)
    exists = unit.connection.execute(
        select(KnowledgeItem.id).where(KnowledgeItem.item_id == row["item_id"])
    ).scalar()
    if exists is not None:
        raise KnowledgeError(
            _l("item_id: %(value)r is in the catalogue already", value=row["item_id"])
        )
    write_row(unit.connection, row, next_revision(unit.connection))
    return str(row["item_id"])


@operation("knowledge.edit", target=lambda item_id, *a, **k: item_id)
def edit_item(unit: Unit, item_id: str, item: ItemInput) -> str:
    """Change an item's values (its id stays); 'changed' or 'same'."""
    item_pk(unit.connection, item_id)
    row, problems = check({**item.values(), "item_id": item_id})
    if problems:
        _refuse(problems)
    outcome = write_row(unit.connection, row, next_revision(unit.connection))
    unit.details["outcome"] = outcome
    return outcome


@operation("knowledge.withdraw", target=lambda item_id, *a, **k: item_id)
def withdraw_item(unit: Unit, item_id: str) -> str:
    """Mark an item withdrawn (it stays in the catalogue, found under that status)."""
    pk = item_pk(unit.connection, item_id)
    unit.connection.execute(
        update(KnowledgeItem)
        .where(KnowledgeItem.id == pk)
        .values(
            status="withdrawn",
            changed_at=datetime.now().replace(microsecond=0),
            revision=next_revision(unit.connection),
        )
    )
    return item_id


def read_items(path: Path, label: str | None = None) -> tuple[list[dict[str, Any]], list[RowError]]:
    """The items of a CSV/XLSX catalogue, checked; the errors ``FILE:LINE: column: message``."""
    table = open_table(path, label)
    name = label or str(path)
    errors: list[RowError] = []
    header = [ALIASES.get(column, column) for column in table.header]
    index = {column: position for position, column in enumerate(header) if column in COLUMNS}
    missing = [column for column in REQUIRED if column not in index]
    for column in missing:
        errors.append(
            RowError(name, table.header_line, column, f"required column '{column}' is missing")
        )
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        if missing:
            continue
        values = {
            column: (cells[position] if position < len(cells) else "")
            for column, position in index.items()
            if (line, position) not in table.unreadable
        }
        if not any(v.strip() for v in values.values()):
            continue
        row, problems = check(values)
        for column, message in problems:
            errors.append(RowError(name, line, column, str(message)))
        key = row.get("item_id")
        if key and not problems and key in seen:
            errors.append(
                RowError(name, line, "item_id", f"'{key}' is on line {seen[key]} already")
            )
        if key:
            seen.setdefault(key, line)
        rows.append(row)
    errors.extend(table.take_problems())
    return rows, errors


@operation("knowledge.import", target=lambda path, label=None: str(label or path))
def import_items(unit: Unit, path: Path, label: str | None = None) -> dict[str, int]:
    """Import a catalogue file (CSV/XLSX): all rows or none; rows matched by item id (added,
    changed, or the same as stored)."""
    rows, errors = read_items(path, label)
    if errors:
        raise ImportFailed(errors)
    counts = {"added": 0, "changed": 0, "same": 0}
    revision = next_revision(unit.connection)
    for row in rows:
        counts[write_row(unit.connection, row, revision)] += 1
    unit.details.update(counts)
    return counts


@operation("knowledge.reindex", target=lambda *a, **k: "catalogue")
def reindex(unit: Unit, progress: Callable[[int, int], None] | None = None) -> int:
    """Make every item's search terms again (after a new version of the analysis); how many
    items. The indexes of all processes follow (the catalogue's revision moves)."""
    connection = unit.connection
    pks = list(connection.execute(select(KnowledgeItem.id).order_by(KnowledgeItem.id)).scalars())
    revision = next_revision(connection)
    for done, pk in enumerate(pks, start=1):
        row = connection.execute(select(KnowledgeItem).where(KnowledgeItem.id == pk)).one()
        terms = terms_of(row._asdict(), attached_texts(connection, pk))
        connection.execute(
            update(KnowledgeItem).where(KnowledgeItem.id == pk).values(**terms, revision=revision)
        )
        if progress is not None and (done % 200 == 0 or done == len(pks)):
            progress(done, len(pks))
    unit.details["items"] = len(pks)
    return len(pks)
