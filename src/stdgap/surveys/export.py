"""A survey's responses as CSV or XLSX for analysts (formula injection guarded by the
tabular writers)."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.surveys.queries import export_rows
from stdgap.tabular.safe_cells import csv_text
from stdgap.tabular.safe_xlsx import xlsx_bytes

FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(engine: Engine, survey_id: str, format: str) -> bytes:
    """The responses of ``survey_id`` in ``format`` (csv or xlsx)."""
    header, rows = export_rows(engine, survey_id)
    if format == "xlsx":
        return xlsx_bytes(header, rows, "responses")
    return csv_text([header, *rows]).encode("utf-8")
