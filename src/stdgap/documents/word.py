"""DOCX output (python-docx): real Word headings, tables with captions, PNG charts with alt text."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from stdgap.charts.render import render_all
from stdgap.documents.document import Chart, Report, Table, TextTable


def _caption(document: object, label: str, number: int, text: str) -> None:
    paragraph = document.add_paragraph(style="Caption")  # type: ignore[attr-defined]
    paragraph.add_run(f"{label} {number}: {text}")


def _table(document: object, table: Table | TextTable, number: int) -> None:
    _caption(document, "Table", number, table.caption)
    rows = table.text_rows()
    word_table = document.add_table(rows=1 + len(rows), cols=len(table.header))  # type: ignore[attr-defined]
    word_table.style = "Light Grid Accent 1"
    for column, heading in enumerate(table.header):
        cell = word_table.rows[0].cells[column]
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
    dims = table.label_columns
    for row_number, values in enumerate(rows, start=1):
        for column, value in enumerate(values):
            cell = word_table.rows[row_number].cells[column]
            cell.text = value
            if column >= dims:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in word_table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8.5)


def _chart(document: object, chart: Chart, png: bytes, number: int) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(16))  # type: ignore[attr-defined]
    picture = document.inline_shapes[-1]  # type: ignore[attr-defined]
    properties = picture._inline.docPr
    properties.set("descr", chart.alt)
    properties.set("title", chart.title)
    _caption(document, "Figure", number, chart.title)


def write_docx(report: Report, path: Path) -> None:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "DejaVu Sans")
    normal.font.size = Pt(10)
    document.core_properties.title = report.title
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    charts = report.charts()
    pngs = dict(
        zip((id(c) for c in charts), render_all([c.spec for c in charts], png=True), strict=True)
    )
    tables = figures = 0
    for section in report.sections:
        document.add_heading(section.title, level=section.level)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table in section.tables:
            tables += 1
            _table(document, table, tables)
        for chart in section.charts:
            figures += 1
            png = pngs[id(chart)]
            assert isinstance(png, bytes)
            _chart(document, chart, png, figures)
    document.save(str(path))
