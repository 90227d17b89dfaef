"""The attendance list of an event (its confirmed and waitlisted registrations) as rows, for
CSV, XLSX and the printable badges: one header, then a row per registration."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from stdgap.events.queries import registrations
from stdgap.events.vocabulary import CANCELLED
from stdgap.tabular.safe_cells import csv_text
from stdgap.tabular.workbook import xlsx_bytes

COLUMNS = (
    "registration_id",
    "name",
    "organisation",
    "member",
    "country",
    "category",
    "status",
    "attended",
    "email",
)


def attendance_rows(engine: Engine, event_id: str) -> list[list[Any]]:
    """The header and the registrations that are not cancelled, in the order they came."""
    rows: list[list[Any]] = [list(COLUMNS)]
    for found in registrations(engine, event_id):
        if found["status"] == CANCELLED:
            continue
        rows.append([found[column] for column in COLUMNS])
    return rows


def attendance_csv(engine: Engine, event_id: str) -> str:
    return csv_text(attendance_rows(engine, event_id))


def attendance_xlsx(engine: Engine, event_id: str) -> bytes:
    return xlsx_bytes(attendance_rows(engine, event_id), "attendance")
