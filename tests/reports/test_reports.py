"""Reports: every table read back from the DOCX and the HTML equals `stdgap indicators`."""

from __future__ import annotations

import json
import threading
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.lists import format_list
from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from stdgap.demo.load import load_demo
from stdgap.documents.document import Report, Table, format_value
from stdgap.documents.order import ordered
from stdgap.documents.output import write_report
from stdgap.indicators.cells import Cell
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.reference.queries import member_states_in_region
from stdgap.reports.annual import build_annual_report
from stdgap.reports.regional import build_region_report
from stdgap_testing import invoke

YEAR = 2024


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    load_demo(engine, "small", 11)
    return engine


def _expected_rows(
    cli: CliRunner, store_url: str, table: Table, min_cell: int | None
) -> list[list[str]]:
    """The table as `stdgap indicators --format json` gives it, formatted as reports do (public
    figures without ``min_cell``, exact ones with it)."""
    query = table.query
    args = ["indicators", "--db", store_url, "--format", "json"]
    if min_cell is not None:
        args += ["--min-cell", str(min_cell)]
    args += ["--indicator", ",".join(query.chosen)]
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
            item["protection"],
            item["flag"],
        )
        rows.setdefault(dims, {})[item["indicator"]] = format_value(cell)
    return [
        [
            *(table.label(number, value) for number, value in enumerate(dims)),
            *(found.get(indicator, "–") for indicator in query.chosen),
        ]
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
    report: Report,
    read_back: list[list[list[str]]],
    cli: CliRunner,
    url: str,
    min_cell: int | None,
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
        expected = _expected_rows(cli, url, table, min_cell)
        assert sorted(body) == sorted(expected), table.caption


@pytest.mark.parametrize("min_cell", [None, 1])
def test_annual_report_tables_equal_the_indicators(
    demo_engine: Engine, store_url: str, cli: CliRunner, tmp_path: Path, min_cell: int | None
) -> None:
    """The public report equals the public figures; an exact one (``--min-cell``) the exact."""
    rule = PUBLIC if min_cell is None else Rule(min_cell, exact=True)
    report = build_annual_report(demo_engine, YEAR, rule)
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
    assert "Executive summary" in headings
    assert "Key figures" in headings and "Method notes" in headings
    assert len(document.inline_shapes) == sum(len(s.charts) for s in report.sections)
    html = html_path.read_text(encoding="utf-8")
    assert html.count("<svg") >= len(document.inline_shapes)
    assert "http://" not in html.replace("http://www.w3.org", "")
    if min_cell is None:
        assert any("suppressed" in row for table in docx_tables for row in table)
    for table, rows in zip(report.tables(), docx_tables, strict=True):  # in report order
        assert rows[1:] == table.text_rows(), table.caption


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
    marker = "ITU Member States of the region had no attendance in the year: "
    (sentence,) = [p for s in report.sections for p in s.paragraphs if marker in p]
    named = sentence.split(marker)[1].removesuffix(".")
    with demo_engine.connect() as connection:
        attended = set(
            connection.execute(
                text(
                    "SELECT DISTINCT m.country FROM attendance a "
                    "JOIN members m ON m.id = a.member_id JOIN meetings t ON t.id = a.meeting_id "
                    "WHERE t.start BETWEEN :first AND :last"
                ),
                {"first": date(YEAR, 1, 1), "last": date(YEAR, 12, 31)},
            ).scalars()
        )
    africa = member_states_in_region(demo_engine, "Africa", date(YEAR, 7, 1))
    # in English, the UN names the store holds (as ITU documents write them), not CLDR's
    expected = [name for a3, name in africa if a3 not in attended]
    assert named == format_list(ordered("country", expected), locale="en")
    assert "Congo - Brazzaville" not in named
    assert sentence.startswith(f"{len(expected)} ITU Member States")
    path = tmp_path / "africa.docx"
    write_report(report, path)
    document = Document(str(path))
    docx_tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    _check_tables(report, docx_tables, cli, store_url, None)


def test_cli_report_commands(
    store_url: str, demo_engine: Engine, cli: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    code, stdout, err = invoke(
        cli, "report", "annual", "--year", str(YEAR), "--out", str(out), "--db", store_url
    )
    assert code == 0, err
    assert out.exists() and "written" in stdout
    several = [tmp_path / "all.docx", tmp_path / "all.pdf", tmp_path / "all.html"]
    outs = [arg for path in several for arg in ("--out", str(path))]
    code, stdout, err = invoke(
        cli, "report", "annual", "--year", str(YEAR), *outs, "--db", store_url
    )
    assert code == 0, err
    assert all(path.stat().st_size > 10_000 for path in several)
    assert several[2].read_text(encoding="utf-8") == out.read_text(encoding="utf-8")

    def annual_to(path: Path) -> tuple[int, str]:
        code, _stdout, err = invoke(
            cli, "report", "annual", "--year", str(YEAR), "--out", str(path), "--db", store_url
        )
        return code, err

    code, err = annual_to(tmp_path / "r.txt")
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
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    for name in ("r.pdf", "r.docx"):
        code, err = annual_to(blocked / name)
        assert code == 2 and "could not write" in err and "a file" in err, err
        assert "Traceback" not in err


def test_key_figures_of_an_assembly_year_count_positions_once(demo_engine: Engine) -> None:
    """WTSA-24 (October 2024) renewed the office-holders: the key figures count the chairs and
    vice-chairs in office on 31 December (as counted here straight from the store), not the
    outgoing and the incoming ones together."""
    report = build_annual_report(demo_engine, YEAR)
    assert report.sections[1].title == "Key figures"
    key_figures = report.sections[1].tables[0]
    assert "leadership_held" in key_figures.query.chosen
    assert "leadership_positions" not in key_figures.query.chosen
    held = {
        year: cells[key_figures.query.chosen.index("leadership_held")]
        for (year,), cells in key_figures.rows
    }
    with demo_engine.connect() as connection:
        for year in (YEAR - 1, YEAR):
            on = f"{year}-12-31"
            in_office = connection.execute(
                text(
                    "SELECT count(*) FROM roles WHERE role IN ('chair', 'vice_chair') "
                    'AND start <= :on AND ("end" IS NULL OR "end" > :on)'
                ),
                {"on": date.fromisoformat(on)},
            ).scalar_one()
            cell = held[str(year)]
            assert cell is not None and cell.value == in_office, year
            active = connection.execute(
                text(
                    "SELECT count(*) FROM roles WHERE role IN ('chair', 'vice_chair') "
                    'AND start <= :last AND ("end" IS NULL OR "end" >= :first)'
                ),
                {"first": date(year, 1, 1), "last": date(year, 12, 31)},
            ).scalar_one()
            if year == YEAR:
                assert active > 1.5 * in_office  # the double count the key figures avoid
    summary = report.sections[0].paragraphs[1]
    assert f"On {YEAR}-12-31, people nominated by developing countries held" in summary
    assert f"of the {held[str(YEAR)].value} chair and vice-chair positions" in summary


def test_a_report_of_a_year_without_meetings_says_so(
    store_url: str, demo_engine: Engine, cli: CliRunner, tmp_path: Path
) -> None:
    for command in (("annual",), ("region", "--region", "Africa")):
        for suffix in ("docx", "pdf", "html"):
            out = tmp_path / f"{command[0]}.{suffix}"
            code, stdout, err = invoke(
                cli, "report", *command, "--year", "2030", "--out", str(out), "--db", store_url
            )
            assert code == 0, err
            assert out.exists() and "written" in stdout
        pages = PdfReader(str(tmp_path / f"{command[0]}.pdf")).pages
        said = " ".join(pages[-1].extract_text().split())
        assert "no meeting in 2030" in said and "from 2023 to 2024" in said
        document = Document(str(tmp_path / f"{command[0]}.docx"))
        body = " ".join(p.text for p in document.paragraphs)
        assert "No data for this year" in body and "This report therefore has no figures" in body


def test_the_report_command_loads_the_writers_while_it_computes(
    store_url: str,
    demo_engine: Engine,
    cli: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The writers' libraries start loading, and the PDF's process starting, before the
    report's figures are computed (not after, when the first file is written)."""
    from stdgap.documents import pdf_process, warm
    from stdgap.reports import annual

    events: list[str] = []
    started = warm.warm_writers_in_background
    building = annual.build_annual_report
    process = pdf_process.PdfProcess

    def record_warm(pdf: bool = True) -> threading.Thread:
        events.append("warm")
        return started(pdf)

    def record_process() -> pdf_process.PdfProcess:
        events.append("pdf process")
        return process()

    def record_build(*args: Any, **kwargs: Any) -> Any:
        events.append("build")
        return building(*args, **kwargs)

    monkeypatch.setattr(warm, "warm_writers_in_background", record_warm)
    monkeypatch.setattr(annual, "build_annual_report", record_build)
    monkeypatch.setattr(pdf_process, "PdfProcess", record_process)
    out = tmp_path / "r.pdf"
    code, _stdout, err = invoke(
        cli, "report", "annual", "--year", str(YEAR), "--out", str(out), "--db", store_url
    )
    assert code == 0, err
    assert events == ["warm", "pdf process", "build"] and out.stat().st_size > 10_000


@pytest.mark.parametrize(
    "wrong", [["--out", "r.txt"], ["--lang", "xx"]], ids=["format", "language"]
)
def test_a_wrong_format_or_language_is_said_before_anything_is_computed(
    store_url: str,
    cli: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wrong: list[str],
) -> None:
    from stdgap.documents import pdf_process
    from stdgap.reports import annual

    started: list[str] = []
    monkeypatch.setattr(pdf_process, "PdfProcess", lambda: started.append("pdf process"))
    monkeypatch.setattr(annual, "build_annual_report", lambda *a, **k: started.append("build"))
    out = str(tmp_path / "r.pdf")
    code, _stdout, err = invoke(
        cli, "report", "annual", "--year", str(YEAR), "--out", out, *wrong, "--db", store_url
    )
    assert code == 2 and "Traceback" not in err
    assert started == [] and not (tmp_path / "r.pdf").exists()
