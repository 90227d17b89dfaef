"""Helpers the kind handlers share: duplicate keys, references, groups, date order."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from stdgap.ingest.context import ImportContext
from stdgap.store.models import Group

_STUDY_GROUP = re.compile(r"^SG\d+$")
_REGIONAL_GROUP = re.compile(r"^(SG\d+)RG-")


class SeenKeys:
    """Keys met so far in one import, to report a key given twice."""

    def __init__(self) -> None:
        self._first: dict[Any, tuple[str, int]] = {}

    def check(self, ctx: ImportContext, key: Any, label: str, line: int, column: str) -> bool:
        first = self._first.get(key)
        if first is not None:
            where = f"line {first[1]}" if first[0] == label else f"{first[0]}:{first[1]}"
            ctx.error(label, line, column, f"'{_show(key)}' is given twice (first at {where})")
            return False
        self._first[key] = (label, line)
        return True


def _show(key: Any) -> str:
    return " / ".join(str(part) for part in key) if isinstance(key, tuple) else str(key)


def reference(
    ctx: ImportContext,
    known: Mapping[str, int],
    label: str,
    line: int,
    column: str,
    value: str | None,
) -> int | None:
    """The store id of a referenced row, or None (and an error) when it does not exist; None
    without an error when there is no value (a blank or bad cell, already reported)."""
    if value is None:
        return None
    found = known.get(value)
    if found is None:
        noun = column.removesuffix("_id").replace("_", " ")
        ctx.error(label, line, column, f"unknown {noun} '{value}'")
    return found


def dates_in_order(
    ctx: ImportContext, label: str, line: int, column: str, first: date | None, last: date | None
) -> bool:
    if first is not None and last is not None and last < first:
        ctx.error(label, line, column, f"'{last.isoformat()}' is before {first.isoformat()}")
        return False
    return True


def group_kind(code: str) -> str:
    if code == "TSAG":
        return "tsag"
    if _STUDY_GROUP.match(code):
        return "study_group"
    if _REGIONAL_GROUP.match(code):
        return "regional_group"
    if code.startswith("FG-"):
        return "focus_group"
    return "other"


def normalise_group(code: str) -> str:
    return " ".join(code.split()).upper()


def group_id(ctx: ImportContext, code: str) -> int:
    """The id of group ``code``, created (with its kind and parent study group) when new."""
    known = ctx.maps.groups.get(code)
    if known is not None:
        return known
    if not ctx.writing:
        placeholder = ctx.placeholder_id()
        ctx.maps.groups[code] = placeholder
        return placeholder
    parent = _REGIONAL_GROUP.match(code)
    parent_id = group_id(ctx, parent.group(1)) if parent else None
    ctx.connection.execute(
        insert(Group), [{"code": code, "kind": group_kind(code), "parent_id": parent_id}]
    )
    new_id = ctx.connection.execute(select(Group.id).where(Group.code == code)).scalar_one()
    ctx.maps.groups[code] = new_id
    return new_id
