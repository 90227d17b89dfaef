"""The reference data shipped with the package (``reference/data/*.csv``)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class CountryRecord:
    alpha3: str
    alpha2: str
    m49: str
    name: str
    un_name: str | None
    m49_region: str | None
    m49_subregion: str | None
    itu_symbol: str | None
    itu_member: bool


@dataclass(frozen=True)
class ClassificationRecord:
    """``value`` of ``attribute`` for ``country`` on [valid_from, valid_to); None = open."""

    country: str
    attribute: str
    value: str
    valid_from: date | None
    valid_to: date | None
    source: str | None


def _data_file(name: str) -> Path:
    return Path(str(resources.files("stdgap.reference") / "data" / name))


def _rows(name: str) -> Iterator[dict[str, str]]:
    with _data_file(name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _date_or_none(value: str | None) -> date | None:
    text = _blank_to_none(value)
    return date.fromisoformat(text) if text else None


def load_countries() -> list[CountryRecord]:
    return [
        CountryRecord(
            alpha3=row["alpha3"].strip(),
            alpha2=row["alpha2"].strip(),
            m49=row["m49"].strip().zfill(3),
            name=row["name"].strip(),
            un_name=_blank_to_none(row.get("un_name")),
            m49_region=_blank_to_none(row.get("m49_region")),
            m49_subregion=_blank_to_none(row.get("m49_subregion")),
            itu_symbol=_blank_to_none(row.get("itu_symbol")),
            itu_member=row.get("itu_member", "").strip().lower() == "true",
        )
        for row in _rows("countries.csv")
    ]


def load_aliases() -> list[tuple[str, str]]:
    """(alias, alpha3) pairs."""
    return [(row["alias"].strip(), row["alpha3"].strip()) for row in _rows("aliases.csv")]


def load_classifications() -> list[ClassificationRecord]:
    return [
        ClassificationRecord(
            country=row["country"].strip(),
            attribute=row["attribute"].strip(),
            value=row["value"].strip(),
            valid_from=_date_or_none(row.get("valid_from")),
            valid_to=_date_or_none(row.get("valid_to")),
            source=_blank_to_none(row.get("source")),
        )
        for row in _rows("classifications.csv")
    ]
