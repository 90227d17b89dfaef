"""Catalogue items: what an item is made of (checked the same way from a form, the API, the
command line and a file), adding and editing one (audited), withdrawing it, and importing a
CSV/XLSX catalogue (every row checked, every error ``FILE:LINE: column: message``, all rows or
none; the same file again changes nothing: rows are matched by their item id)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, Table, bindparam, func, insert, select, update

from stdgap.i18n.translate import _l
from stdgap.knowledge import analysis
from stdgap.knowledge.errors import Conflict, KnowledgeError, UnknownItem
from stdgap.knowledge.models import KnowledgeAttachment, KnowledgeItem
from stdgap.knowledge.vocabulary import (
    LANGUAGES,
    STATUS_SPELLINGS,
    STATUSES,
    TYPE_SPELLINGS,
    TYPES,
    spelled,
)
from stdgap.store.models import Group
from stdgap.store.unit import Unit, operation
from stdgap.tabular.errors import ImportFailed, InputError, RowError
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
#: A date exactly as YYYY-MM-DD (nothing before or after, no time).
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
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


def group_codes(connection: Connection) -> set[str]:
    """The groups of the registry (their codes: SG13, TSAG …)."""
    return set(connection.execute(select(Group.code)).scalars())


def check(
    values: dict[str, str], groups: set[str] | None = None
) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """The row to write and the problems found, each (column, message). A study group must be
    one of the registry's ``groups`` (when it knows any: a store without meetings yet takes
    any SG2 … SG20 or TSAG)."""
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
    elif group and groups and group not in groups:
        problems.append(
            (
                "study_group",
                _l(
                    "'%(value)s' is not a group of the registry (%(known)s)",
                    value=group,
                    known=", ".join(sorted(g for g in groups if _GROUP.match(g))),
                ),
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
            derived = f"SG{int(matched.group(2))}"
            if groups and derived not in groups:
                problems.append(
                    (
                        "question",
                        _l(
                            "'%(value)s' is of %(group)s, not a group of the registry",
                            value=question,
                            group=derived,
                        ),
                    )
                )
            row["study_group"] = derived
    row["question"] = question or None
    day = values.get("date", "").strip()
    row["published"] = None
    if day:
        try:
            if not _DAY.fullmatch(day):
                raise ValueError(day)
            row["published"] = date.fromisoformat(day)
        except ValueError:
            problems.append(("date", _l("'%(value)s' is not a date (YYYY-MM-DD)", value=day[:40])))
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
_COMPARED_COLUMNS = tuple(getattr(KnowledgeItem, key) for key in _COMPARED)


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
    row, problems = check(item.values(), group_codes(unit.connection))
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
def edit_item(unit: Unit, item_id: str, item: ItemInput, version: int | None = None) -> str:
    """Change an item's values (its id stays); 'changed' or 'same'. With ``version`` (the
    item's version as read before the edit: its ``revision``), an item changed meanwhile is
    not overwritten (:class:`Conflict`)."""
    pk = item_pk(unit.connection, item_id)
    if version is not None:
        stored = unit.connection.execute(
            select(KnowledgeItem.revision).where(KnowledgeItem.id == pk)
        ).scalar()
        if stored != version:
            raise Conflict(
                _l(
                    "%(item)s was changed by someone else meanwhile (version %(stored)s, "
                    "this edit was made on version %(version)s): nothing was saved; "
                    "look at the current values and save again",
                    item=item_id,
                    stored=stored,
                    version=version,
                )
            )
    row, problems = check({**item.values(), "item_id": item_id}, group_codes(unit.connection))
    if problems:
        _refuse(problems)
    outcome = write_row(unit.connection, row, next_revision(unit.connection))
    unit.details["outcome"] = outcome
    return outcome


@operation("knowledge.withdraw", target=lambda item_id, *a, **k: item_id)
def withdraw_item(unit: Unit, item_id: str, reason: str = "") -> str:
    """Mark an item withdrawn (it stays in the catalogue, found under that status); the
    reason given, if any, is kept in the audit."""
    pk = item_pk(unit.connection, item_id)
    reason = _clean(reason)
    if len(reason) > 500:
        raise KnowledgeError(_l("reason: too long (at most 500 characters)"))
    if control_character(reason) is not None:
        raise KnowledgeError(_l("reason: holds a control character"))
    if reason:
        unit.details["reason"] = reason
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


#: The most rows one catalogue import may hold (a larger file is refused: split it).
MAX_IMPORT_ROWS = 20_000
#: Rows written per statement of an import.
BATCH = 500


def read_items(
    path: Path, label: str | None = None, groups: set[str] | None = None
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """The items of a CSV/XLSX catalogue, checked; the errors ``FILE:LINE: column: message``.
    A file of more than :data:`MAX_IMPORT_ROWS` rows is refused (:class:`InputError`)."""
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
    for count, (line, cells) in enumerate(table.rows, start=1):
        if count > MAX_IMPORT_ROWS:
            close = getattr(table.rows, "close", None)
            if close is not None:  # the file is closed now, not when collected
                close()
            raise InputError(
                f"{name}: more than {MAX_IMPORT_ROWS} rows; one import takes at most "
                f"{MAX_IMPORT_ROWS} (split the file)"
            )
        if missing:
            continue
        values = {
            column: (cells[position] if position < len(cells) else "")
            for column, position in index.items()
            if (line, position) not in table.unreadable
        }
        if not any(v.strip() for v in values.values()):
            continue
        row, problems = check(values, groups)
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


@dataclass(frozen=True)
class Prepared:
    """A catalogue file's rows, checked and analysed (their search terms without attached
    texts), ready to be written: made before the write is started, so that the store is held
    only while the rows are written."""

    label: str
    rows: list[dict[str, Any]]
    terms: list[dict[str, Any]]


def prepare_import(engine: Engine, path: Path, label: str | None = None) -> Prepared:
    """Read, check and analyse a catalogue file (raises :class:`ImportFailed` with every
    error, :class:`InputError` for a file that cannot be read or is too large)."""
    with engine.connect() as connection:
        groups = group_codes(connection)
    rows, errors = read_items(path, label, groups)
    if errors:
        raise ImportFailed(errors)
    return Prepared(label or str(path), rows, [terms_of(row, []) for row in rows])


def _chunks(values: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@operation("knowledge.import", target=lambda prepared: prepared.label)
def import_items(unit: Unit, prepared: Prepared) -> dict[str, int]:
    """Write a catalogue file's prepared rows (:func:`prepare_import`): all rows or none;
    rows matched by item id (added, changed, or the same as stored). The stored items are
    read at once and the rows written in batches."""
    connection = unit.connection
    table = cast(Table, KnowledgeItem.__table__)
    ids = [row["item_id"] for row in prepared.rows]
    stored: dict[str, Any] = {}
    for chunk in _chunks(ids, 1000):
        for found in connection.execute(
            select(KnowledgeItem.id, KnowledgeItem.item_id, *_COMPARED_COLUMNS).where(
                KnowledgeItem.item_id.in_(chunk)
            )
        ):
            stored[found.item_id] = found
    now = datetime.now().replace(microsecond=0)
    revision = next_revision(connection)
    added: list[dict[str, Any]] = []
    changed: list[tuple[dict[str, Any], dict[str, Any], int]] = []
    same = 0
    for row, terms in zip(prepared.rows, prepared.terms, strict=True):
        current = stored.get(row["item_id"])
        if current is None:
            added.append({**row, **terms, "added_at": now, "changed_at": now, "revision": revision})
        elif all(getattr(current, key) == row[key] for key in _COMPARED):
            same += 1
        else:
            changed.append((row, terms, int(current.id)))
    with_files: set[int] = set()
    for chunk in _chunks([pk for _, _, pk in changed], 1000):
        with_files.update(
            connection.execute(
                select(KnowledgeAttachment.item_id)
                .where(KnowledgeAttachment.item_id.in_(chunk))
                .distinct()
            ).scalars()
        )
    updates = []
    for row, terms, pk in changed:
        if pk in with_files:
            terms = terms_of(row, attached_texts(connection, pk))
        values = {**row, **terms, "changed_at": now, "revision": revision}
        updates.append({f"v_{key}": value for key, value in values.items()} | {"pk": pk})
    for chunk in _chunks(added):
        connection.execute(insert(table), chunk)
    if updates:
        columns = [key[2:] for key in updates[0] if key != "pk"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("pk"))
            .values({column: bindparam(f"v_{column}") for column in columns})
        )
        for chunk in _chunks(updates):
            connection.execute(statement, chunk)
    counts = {"added": len(added), "changed": len(changed), "same": same}
    unit.details.update(counts)
    return counts


def import_file(engine: Engine, actor: str, path: Path, label: str | None = None) -> dict[str, int]:
    """Import a catalogue file: its rows read, checked and analysed first, then written in one
    audited operation (:func:`import_items`)."""
    return import_items.perform(engine, actor, prepare_import(engine, path, label))


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
