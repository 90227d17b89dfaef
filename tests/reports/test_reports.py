"""Reports: every table read back from the DOCX and the HTML equals `stdgap indicators`."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.demo.load import load_demo
from stdgap.indicators.cells import Cell
from stdgap.reports.annual import build_annual_report
from stdgap.reports.document import Report, Table, format_value
from stdgap.reports.output import write_report
from stdgap.reports.regional import build_region_report
from stdgap_testing import invoke

YEAR = 2024


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    load_demo(engine, "small", 11)
    return engine


def _expected_rows(cli: CliRunner, store_url: str, table: Table, min_cell: int) -> list[list[str]]:
    """The table as `stdgap indicators --format json` gives it, formatted as reports do."""
    query = table.query
    args = [
        "indicators",
        "--db",
        store_url,
        "--format",
        "json",
        "--min-cell",
        str(min_cell),
        "--indicator",
        ",".join(query.chosen),
    ]
    if query.by:
        args += ["--by", ",".join(query.by)]
    for name, value in query.where:
        args += ["--where", f"{name}={value}"]
    if query.from_year is not None:
        args += ["--from-year", str(query.from_year)]
    if query.to_year is not None:
        args += ["--to-year", str(query.to_year)]
    code, out, err = invoke(cli, *args)
    assert code == 0, err
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for item in json.loads(out):
        dims = tuple(str(item[name]) for name in query.by)
        cell = Cell(
            item["indicator"],
            {name: item[name] for name in query.by},
            item["value"],
            item.get("numerator"),
            item.get("denominator"),
            bool(item.get("suppressed", False)),
        )
        rows.setdefault(dims, {})[item["indicator"]] = format_value(cell)
    return [
        [*dims, *(found.get(indicator, "–") for indicator in query.chosen)]
        for dims, found in rows.items()
    ]


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _check_tables(
    report: Report, read_back: list[list[list[str]]], cli: CliRunner, url: str, min_cell: int
) -> None:
    tables = report.tables()
    assert len(read_back) == len(tables)
    for table, rows in zip(tables, read_back, strict=True):
        assert rows[0] == table.header
        body = rows[1:]
        if table.transposed:  # a row per indicator, a column per year: turn it back
            body = [
                [label, *(row[column] for row in body)]
                for column, label in enumerate(rows[0][1:], start=1)
            ]
        if "country" in table.query.by and any("(" in row[0] for row in body):
            body = [[row[0].rsplit("(", 1)[1].rstrip(")"), *row[1:]] for row in body]
        expected = _expected_rows(cli, url, table, min_cell)
        assert sorted(body) == sorted(expected), table.caption


@pytest.mark.parametrize("min_cell", [5, 1])
def test_annual_report_tables_equal_the_indicators(
    demo_engine: Engine, store_url: str, cli: CliRunner, tmp_path: Path, min_cell: int
) -> None:
    report = build_annual_report(demo_engine, YEAR, min_cell)
    docx_path, html_path = tmp_path / "annual.docx", tmp_path / "annual.html"
    write_report(report, docx_path)
    write_report(report, html_path)
    document = Document(str(docx_path))
    docx_tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    _check_tables(report, docx_tables, cli, store_url, min_cell)
    parser = _Tables()
    parser.feed(html_path.read_text(encoding="utf-8"))
    _check_tables(report, parser.tables, cli, store_url, min_cell)
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert "Key figures" in headings and "Method notes" in headings
    assert len(document.inline_shapes) == sum(len(s.charts) for s in report.sections)
    html = html_path.read_text(encoding="utf-8")
    assert html.count("<svg") >= len(document.inline_shapes)
    assert "http://" not in html.replace("http://www.w3.org", "")
    if min_cell == 5:
        assert any("suppressed" in row for table in docx_tables for row in table)


def test_charts_have_titles_axes_and_alt_text(demo_engine: Engine) -> None:
    report = build_annual_report(demo_engine, YEAR)
    charts = [chart for section in report.sections for chart in section.charts]
    assert len(charts) >= 6
    for chart in charts:
        assert chart.title and chart.alt
        spec = chart.spec
        assert spec["title"]["text"] == chart.title
        if "encoding" in spec:
            for channel in ("x", "y"):
                assert "title" in spec["encoding"][channel]
            assert spec["data"]["values"], f"empty chart: {chart.title}"


def test_pdf_is_written(demo_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "annual.pdf"
    write_report(build_annual_report(demo_engine, YEAR), path)
    pdf = PdfReader(str(path))
    assert len(pdf.pages) > 3
    text = " ".join(page.extract_text() for page in pdf.pages)
    for heading in ("Key figures", "Leadership", "Method notes", "Annex: data quality"):
        assert heading in text
    assert "suppressed" in text


def test_region_report_names_countries_and_who_has_not_yet(
    demo_engine: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    report = build_region_report(demo_engine, "Africa", YEAR)
    text = " ".join(p for s in report.sections for p in s.paragraphs)
    assert "ITU Member States of the region with no attendance in the year:" in text
    path = tmp_path / "africa.docx"
    write_report(report, path)
    document = Document(str(path))
    docx_tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    _check_tables(report, docx_tables, cli, store_url, 5)


def test_cli_report_commands(
    store_url: str, demo_engine: Engine, cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    code, stdout, err = invoke(
        cli, "report", "annual", "--year", str(YEAR), "--out", str(out), "--db", store_url
    )
    assert code == 0, err
    assert out.exists() and "written" in stdout
    code, _stdout, err = invoke(
        cli,
        "report",
        "annual",
        "--year",
        str(YEAR),
        "--out",
        str(tmp_path / "r.txt"),
        "--db",
        store_url,
    )
    assert code == 2 and ".docx" in err
    code, _stdout, err = invoke(
        cli,
        "report",
        "region",
        "--region",
        "Atlantis",
        "--year",
        str(YEAR),
        "--out",
        str(out),
        "--db",
        store_url,
    )
    assert code == 2 and "unknown region 'Atlantis'" in err
