"""The annual fund statement and the donor report as documents: DOCX and PDF in the shared
document model (:mod:`stdgap.documents`), XLSX with openpyxl (a sheet per table, amounts as
numbers). Every earmark's line is checked: opening balance + receipts − spending = closing must
be what the ledger's own accounts hold on 31 December, else the statement says it does not
reconcile, by how much."""

from __future__ import annotations

import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from stdgap.documents.document import Report, Section, TextTable
from stdgap.documents.html import render_html
from stdgap.documents.pdf import write_pdf
from stdgap.documents.word import write_docx
from stdgap.fund import queries
from stdgap.fund.errors import FundError
from stdgap.fund.money import rounded
from stdgap.fund.vocabulary import PROGRAMMES
from stdgap.i18n.translate import N_, _l
from stdgap.tabular.safe_cells import neutralise

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def _t(message: Any) -> str:
    return str(message)


def money(amount: Decimal, currency: str) -> str:
    """An amount as a statement shows it: rounded to the minor unit, thousands separated."""
    return f"{rounded(amount, currency):,}"


def _header() -> list[str]:
    return [
        _t(_l("Earmark")),
        _t(_l("Opening balance")),
        _t(_l("Receipts")),
        _t(_l("Spending")),
        _t(_l("Closing balance")),
        _t(_l("Of which reserved")),
    ]


def _row(label: str, line: queries.StatementLine, currency: str) -> list[str]:
    return [
        label,
        *(
            money(v, currency)
            for v in (line.opening, line.receipts, line.spending, line.closing, line.reserved)
        ),
    ]


def statement_report(engine: Engine, year: int) -> tuple[Report, queries.Statement]:
    found = queries.statement(engine, year)
    cur = found.currency
    by_earmark = TextTable(
        _t(_l("Balances by earmark, %(year)s (%(currency)s)", year=year, currency=cur)),
        _header(),
        [_row(line.key, line, cur) for line in found.lines]
        + [_row(_t(_l("Total")), found.total, cur)],
    )
    by_programme = TextTable(
        _t(_l("Balances by programme, %(year)s (%(currency)s)", year=year, currency=cur)),
        [_t(_l("Programme")), *_header()[1:]],
        [
            _row(_t(_l(PROGRAMMES.get(name, name))), line, cur)
            for name, line in found.programmes.items()
        ]
        + [_row(_t(_l("Total")), found.total, cur)],
    )
    principles = TextTable(
        _t(_l("Principles of spending, %(year)s", year=year)),
        [_t(_l("Principle")), _t(_l("Limit")), _t(_l("Share")), _t(_l("Met"))],
        [principle_row(p) for p in found.principles],
    )
    reconciles = all(line.reconciles for line in found.lines) and found.total.reconciles
    summary = _t(
        _l(
            "Opening balance %(opening)s + receipts %(receipts)s − spending %(spending)s = "
            "closing balance %(closing)s %(currency)s.",
            opening=money(found.total.opening, cur),
            receipts=money(found.total.receipts, cur),
            spending=money(found.total.spending, cur),
            closing=money(found.total.closing, cur),
            currency=cur,
        )
    )
    checks = [_t(_l("Every earmark reconciles."))] if reconciles else []
    for line in [*found.lines, found.total]:
        if not line.reconciles:
            checks.append(
                _t(
                    _l(
                        "%(earmark)s DOES NOT RECONCILE: closing balance %(closing)s, the "
                        "ledger's balance on 31 December %(ledger)s (difference %(difference)s "
                        "%(currency)s).",
                        earmark=_t(_l("Total")) if line is found.total else line.key,
                        closing=money(line.closing, cur),
                        ledger=money(line.ledger_closing, cur),
                        difference=money(line.difference, cur),
                        currency=cur,
                    )
                )
            )
    sections = [
        Section(_t(_l("Summary")), [summary, *checks]),
        Section(_t(_l("By programme")), [], [by_programme]),
        Section(_t(_l("By earmark")), [], [by_earmark]),
        Section(
            _t(_l("Principles of spending")),
            [
                _t(
                    _l(
                        "Shares of the year's spending, net of reversals; the rules are the "
                        "fund's (stdgap fund rules)."
                    )
                )
            ],
            [principles],
        ),
    ]
    title = _t(_l("BSG fund: annual statement %(year)s", year=year))
    return Report(
        title,
        _t(_l("In %(currency)s; amounts received and spent in the year.", currency=cur)),
        sections,
    ), found


PRINCIPLE_LABELS = {
    "min_ldc_share": N_("Share of spending for Least Developed Countries"),
    "max_admin_share": N_("Share of spending on administration"),
    "min_developing_share": N_("Share of spending (with a country) for developing countries"),
}


def principle_row(p: queries.Principle) -> list[str]:
    label = _t(_l(PRINCIPLE_LABELS[p.key]))
    limit = ("≥ " if p.rule == "min" else "≤ ") + f"{p.limit:.0%}"
    share = "–" if p.share is None else f"{p.share:.1%}"
    met = "–" if p.met is None else (_t(_l("yes")) if p.met else _t(_l("no")))
    return [label, limit, share, met]


def donor_report(engine: Engine) -> Report:
    reports = queries.donor_reports(engine)
    cur = queries.balances(engine).currency
    rows = []
    for donor in reports:
        for line in donor.lines:
            rows.append(
                [
                    donor.name,
                    line.earmark,
                    money(line.pledged, cur),
                    money(line.received, cur),
                    money(line.earmark_spent, cur),
                    money(line.share_spent, cur),
                ]
            )
    table = TextTable(
        _t(_l("Donors (%(currency)s)", currency=cur)),
        [
            _t(_l("Donor")),
            _t(_l("Earmark")),
            _t(_l("Pledged")),
            _t(_l("Received")),
            _t(_l("Spent from the earmark")),
            _t(_l("Donor's share of it")),
        ],
        rows,
        2,
    )
    note = _t(
        _l(
            "A donor's share of an earmark's spending is in proportion to what they gave of "
            "its receipts."
        )
    )
    return Report(
        _t(_l("BSG fund: donor report")), note, [Section(_t(_l("Donors")), [note], [table])]
    )


def _xlsx(report: Report) -> bytes:
    """The report's tables as a workbook (a sheet per table). Every text is written as a text
    cell (``data_type`` ``s``), never a formula, and neutralised as the other downloads are
    (:func:`stdgap.tabular.safe_cells.neutralise`: a leading ``=``, ``+``, ``-``, ``@``, tab or
    carriage return gets a quote), so a donor named ``=HYPERLINK(…)`` is shown, not run;
    figures are numbers."""
    from openpyxl import Workbook

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    for number, table in enumerate(report.tables(), start=1):
        sheet = book.create_sheet(f"Table {number}")
        rows: list[list[Any]] = [[table.caption], list(table.header)]
        rows += [
            [_number(v) if i >= table.label_columns else v for i, v in enumerate(row)]
            for row in table.text_rows()
        ]
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                _put(sheet.cell(row=r, column=c), value)
    out = io.BytesIO()
    book.properties.title = _text(report.title)[:255]
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    """A text as a workbook can hold it (no control characters), neutralised."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _put(cell: Any, value: Any) -> None:
    """Write ``value`` into ``cell``: a Decimal as a number, anything else as a text cell."""
    if isinstance(value, Decimal):
        cell.value = value
        return
    cell.value = _text(value)
    cell.data_type = "s"


def _number(text: str) -> Any:
    """A figure as a number for the workbook (Decimal, exact), else the text."""
    try:
        value = Decimal(text.replace(",", ""))
    except ArithmeticError:
        return text
    return value if value.is_finite() else text


def render(report: Report, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise FundError(_l("format: '%(value)s' is not one of docx, pdf, xlsx, html", value=fmt))
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(report)
    with tempfile.TemporaryDirectory(prefix="stdgap-fund-") as folder:
        path = Path(folder) / f"statement.{fmt}"
        if fmt == "docx":
            write_docx(report, path)
        else:
            write_pdf(report, path)
        return path.read_bytes()
