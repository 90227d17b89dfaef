"""A user's own dated classification file (same columns as the shipped classifications.csv)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

from stdgap.reference.resolver import CountryResolver
from stdgap.reference.shipped import ClassificationRecord
from stdgap.reference.vocabulary import (
    ATTRIBUTES,
    BOOLEAN_ATTRIBUTES,
    INCOME_GROUPS,
    ITU_REGIONS,
    region_named,
)
from stdgap.tabular.errors import ImportFailed, InputError, RowError
from stdgap.tabular.files import open_table

REQUIRED = ("country", "attribute", "value")
_BOOLEANS = {"true": "true", "yes": "true", "1": "true", "y": "true"} | {
    "false": "false",
    "no": "false",
    "0": "false",
    "n": "false",
}


def _value(attribute: str, value: str) -> str | None:
    if attribute in BOOLEAN_ATTRIBUTES:
        return _BOOLEANS.get(value.lower())
    if attribute == "itu_region":
        return region_named(value)
    if attribute == "income_group":
        normalised = value.lower().replace("-", "_").replace(" ", "_")
        return normalised if normalised in INCOME_GROUPS else None
    return value


def _allowed(attribute: str) -> str:
    if attribute in BOOLEAN_ATTRIBUTES:
        return "true or false"
    return ", ".join(ITU_REGIONS if attribute == "itu_region" else INCOME_GROUPS)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def read_classification_file(path: Path, countries: CountryResolver) -> list[ClassificationRecord]:
    """Parse and check ``path``; raise :class:`ImportFailed` listing every bad row."""
    table = open_table(path)
    label = table.label or str(path)
    missing = [name for name in REQUIRED if name not in table.header]
    if missing:
        raise InputError(
            f"{label}:{table.header_line}: required column(s) missing: {', '.join(missing)}"
        )
    errors: list[RowError] = []
    records: list[ClassificationRecord] = []
    lines: list[int] = []
    for line, cells in table.rows:
        row = {name: cell.strip() for name, cell in zip(table.header, cells, strict=False)}
        problems_before = len(errors)
        for name in REQUIRED:
            if not row.get(name):
                errors.append(RowError(label, line, name, "required value is missing"))
        alpha3 = countries.resolve(row["country"]) if row.get("country") else None
        if row.get("country") and alpha3 is None:
            errors.append(RowError(label, line, "country", f"unknown country '{row['country']}'"))
        attribute = row.get("attribute", "").lower()
        if attribute and attribute not in ATTRIBUTES:
            errors.append(
                RowError(
                    label, line, "attribute", f"'{attribute}' is not one of {', '.join(ATTRIBUTES)}"
                )
            )
        value = _value(attribute, row.get("value", "")) if attribute in ATTRIBUTES else None
        if attribute in ATTRIBUTES and row.get("value") and value is None:
            errors.append(
                RowError(
                    label, line, "value", f"'{row['value']}' is not one of {_allowed(attribute)}"
                )
            )
        bounds: dict[str, date | None] = {}
        for name in ("valid_from", "valid_to"):
            text = row.get(name, "")
            bounds[name] = _date(text) if text else None
            if text and bounds[name] is None:
                errors.append(
                    RowError(label, line, name, f"'{text}' is not a date (use YYYY-MM-DD)")
                )
        start, end = bounds["valid_from"], bounds["valid_to"]
        if start and end and end <= start:
            errors.append(
                RowError(label, line, "valid_to", f"'{end}' is not after valid_from {start}")
            )
        if len(errors) == problems_before and alpha3 and value is not None:
            records.append(
                ClassificationRecord(
                    alpha3, attribute, value, start, end, row.get("source") or label
                )
            )
            lines.append(line)
    errors.extend(table.take_problems())
    errors.extend(_overlaps(label, list(zip(lines, records, strict=True))))
    if errors:
        raise ImportFailed(errors)
    return records


def _overlaps(label: str, records: list[tuple[int, ClassificationRecord]]) -> list[RowError]:
    by_pair: dict[tuple[str, str], list[tuple[int, ClassificationRecord]]] = {}
    for line, record in records:
        by_pair.setdefault((record.country, record.attribute), []).append((line, record))
    errors: list[RowError] = []
    for (country, attribute), rows in by_pair.items():
        rows.sort(key=lambda pair: pair[1].valid_from or date.min)
        for (first_line, earlier), (line, later) in pairwise(rows):
            if (earlier.valid_to or date.max) > (later.valid_from or date.min):
                errors.append(
                    RowError(
                        label,
                        line,
                        "valid_from",
                        f"{country} {attribute}: this period overlaps the one on line {first_line}",
                    )
                )
    return errors
