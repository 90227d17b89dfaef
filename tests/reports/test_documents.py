"""What makes a report a document a delegate accepts: cover, contents, A4 pages with running
header and page numbers, repeated table headers, real properties, tagged PDF, human labels,
the reader's language and order, the region's own map."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader
from sqlalchemy import Engine, text

from stdgap.demo.load import load_demo
from stdgap.documents.document import AUTHOR, Report, Table
from stdgap.documents.labels import RAW_CODES
from stdgap.documents.order import collation_key, group_key, ordered
from stdgap.documents.output import write_report
from stdgap.documents.word import CHAR_MM, column_widths
from stdgap.i18n.translate import use
from stdgap.reports.annual import build_annual_report
from stdgap.reports.maps import bounding_box
from stdgap.reports.regional import build_region_report

YEAR = 2024


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    load_demo(engine, "small", 11)
    return engine


class _Text(HTMLParser):
    """The text a reader sees (no style sheet, no attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _docx_text(path: Path) -> tuple[str, list[str]]:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells), cells


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _assert_no_raw_codes(said: str, cells: list[str], where: str) -> None:
    words = set(re.findall(r"[A-Za-z_]+", said))
    assert not words & {"true", "false"}, where
    assert not [word for word in words if "_" in word], where
    assert "`" not in said, where
    assert not [cell for cell in cells if cell.strip() in RAW_CODES], where
    assert not re.search(r"\b1 [a-z]+s\b", said.replace("1 %", "")), where  # "1 clauses"


def _write_all(report: Report, folder: Path, name: str) -> dict[str, Path]:
    paths = {suffix: folder / f"{name}.{suffix}" for suffix in ("docx", "pdf", "html")}
    for path in paths.values():
        write_report(report, path)
    return paths


def _structure(node: Any, found: list[dict[str, Any]]) -> None:
    node = node.get_object()
    if isinstance(node, dict):
        if node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                _structure(kid, found)
    elif isinstance(node, list):
        for kid in node:
            _structure(kid, found)


def test_annual_report_is_a_document(demo_engine: Engine, tmp_path: Path) -> None:
    report = build_annual_report(demo_engine, YEAR)
    assert report.symbol == f"STDGAP/AR/{YEAR}"
    paths = _write_all(report, tmp_path, "annual")

    document = Document(str(paths["docx"]))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    title = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Title")
    assert "ITU\u2011T" in title.text and "ITU-T" not in title.text
    body = document.element.body.xml
    assert "TOC \\o" in body and report.symbol in body
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert report.symbol in section.header.paragraphs[0].text
    properties = document.core_properties
    assert properties.author == AUTHOR and properties.title == report.title
    assert properties.language == "en" and "ITU-T" in properties.keywords
    assert properties.created is not None and properties.created.date() == report.issued
    assert len(document.tables) == len(report.tables())
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    summary = report.sections[0]
    assert summary.title == "Executive summary" and len(summary.paragraphs) >= 3
    key = report.sections[1].tables[0]
    assert isinstance(key, Table)
    share = key.value((str(YEAR),), "developing_attendance_share")
    assert share is not None
    from stdgap.documents.document import format_value

    assert format_value(share) in summary.paragraphs[1]
    assert "percentage points" in summary.paragraphs[1] or "unchanged" in summary.paragraphs[1]

    pdf = PdfReader(str(paths["pdf"]))
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert pdf.metadata is not None and pdf.metadata.title == report.title
    assert pdf.metadata.author == AUTHOR
    figures: list[dict[str, Any]] = []
    _structure(root["/StructTreeRoot"], figures)
    assert [figure["/Alt"] for figure in figures] == [chart.alt for chart in report.charts()]
    first = pdf.pages[0].extract_text()
    assert report.symbol in first and "Date of issue" in first
    contents = pdf.pages[1].extract_text()
    assert "Contents" in contents and "Method notes" in contents
    assert re.search(r"Page 3 of \d+", pdf.pages[2].extract_text())

    html = paths["html"].read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(html)
    docx_said, cells = _docx_text(paths["docx"])
    for where, said in (
        ("docx", docx_said),
        ("pdf", _pdf_text(paths["pdf"])),
        ("html", " ".join(parser.parts)),
    ):
        _assert_no_raw_codes(said, cells if where == "docx" else [], where)


def test_headings_never_break_inside_a_word() -> None:
    header = ["Group", "Participants", "Share of attendances for developing countries"]
    rows = [["SG3RG-AFR", "1,234", "45.6 %"]] * 5
    widths = column_widths(header, rows, 1)
    assert sum(widths) == pytest.approx(170.0)
    for heading, width in zip(header, widths, strict=True):
        assert width >= max(len(word) for word in heading.split()) * CHAR_MM


def test_order_of_groups_and_countries() -> None:
    groups = ["SG17", "SG3RG-AFR", "TSAG", "SG2", "SG21", "SG3", "SG13", "SG5"]
    assert sorted(groups, key=group_key) == [
        "TSAG", "SG2", "SG3", "SG3RG-AFR", "SG5", "SG13", "SG17", "SG21"
    ]  # fmt: skip
    assert ordered("country", ["Angola", "Albania", "Österreich", "Oman"]) == [
        "Albania", "Angola", "Oman", "Österreich"
    ]  # fmt: skip
    assert collation_key("égypte") < collation_key("Espagne")
    assert ordered("status", ["developed", "developing"]) == ["developing", "developed"]


def test_a_french_report_names_and_orders_countries_in_french(demo_engine: Engine) -> None:
    report = build_annual_report(demo_engine, YEAR, language="fr")
    assert report.language.code == "fr"
    annex = report.tables()[-1]
    assert isinstance(annex, Table) and annex.query.by == ("country",)
    with demo_engine.connect() as connection:
        alpha2 = dict(connection.execute(text("SELECT alpha3, alpha2 FROM countries")).all())
    french = Locale.parse("fr").territories
    labels = [row[0] for row in annex.text_rows()]
    assert sorted(labels) == sorted(french[alpha2[code]] for (code,), _c in annex.rows)
    assert labels == sorted(labels, key=collation_key)
    groups = next(t for t in report.tables() if isinstance(t, Table) and t.query.by == ("group",))
    codes = [row[0] for row in groups.text_rows()]
    assert codes[0] == "TSAG" and codes == sorted(codes, key=group_key)


def test_long_titles_fit_word_s_document_properties(demo_engine: Engine, tmp_path: Path) -> None:
    # French subtitles pass Word's 255-character limit of a property: cut at a word, not refused
    report = build_annual_report(demo_engine, YEAR, language="fr")
    assert len(report.subtitle) > 255
    out = tmp_path / "annual-fr.docx"
    write_report(report, out)
    core = Document(str(out)).core_properties
    assert len(core.comments) <= 255 and core.comments.endswith("…")
    assert report.subtitle.startswith(core.comments[:-1])


def test_every_text_of_a_report_goes_through_gettext(demo_engine: Engine) -> None:
    """In the pseudo-locale every translated message is wrapped in [[…]]: a title, caption,
    heading or paragraph without it was not marked for translation."""
    report = build_region_report(demo_engine, "Africa", YEAR, language="en-XA")
    texts = [report.title, report.subtitle]
    for section in report.sections:
        texts += [section.title, *section.paragraphs]
        texts += [chart.title for chart in section.charts] + [chart.alt for chart in section.charts]
    with use(report.language):  # headings and labels are written in the report's language
        for table in report.tables():
            assert isinstance(table, Table)
            texts += [table.caption, *table.header]
            if table.query.by[0] in ("region", "member_type", "status"):
                texts += [row[0] for row in table.text_rows()]
    assert [found for found in texts if "[[" not in found] == []


def _country_names(engine: Engine, table: Table, language: str) -> list[str]:
    with engine.connect() as connection:
        alpha2 = dict(connection.execute(text("SELECT alpha3, alpha2 FROM countries")).all())
    names = Locale.parse(language).territories
    return [names[alpha2[code]] for (code,), _cells in table.rows]


@pytest.mark.parametrize(("language", "babel"), [("ar", "ar"), ("zh", "zh_Hans")])
def test_reports_in_arabic_and_chinese(
    demo_engine: Engine, tmp_path: Path, language: str, babel: str
) -> None:
    report = build_region_report(demo_engine, "Arab States", YEAR, language=language)
    countries = report.tables()[0]
    assert isinstance(countries, Table)
    names = _country_names(demo_engine, countries, babel)
    assert names
    pdf_path, docx_path = tmp_path / "r.pdf", tmp_path / "r.docx"
    write_report(report, pdf_path)
    pdf = PdfReader(str(pdf_path))
    assert pdf.trailer["/Root"]["/Lang"] == language
    said = "".join(_pdf_text(pdf_path).split())
    for name in names:
        assert "".join(name.split()) in said, name
    write_report(report, docx_path)
    document = Document(str(docx_path))
    assert document.core_properties.language == language
    paragraphs = document.element.body.findall(f".//{qn('w:p')}")
    bidi = [p.pPr is not None and p.pPr.find(qn("w:bidi")) is not None for p in paragraphs]
    assert all(bidi) if language == "ar" else not any(bidi)
    if language == "ar":
        runs = document.element.body.findall(f".//{qn('w:r')}")
        assert all(run.rPr.find(qn("w:rtl")) is not None for run in runs)
        assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
        later = {qn(tag) for tag in ("w:spacing", "w:ind", "w:jc", "w:rPr")}
        for paragraph in paragraphs:  # in the schema's order, which Word insists on
            tags = [child.tag for child in paragraph.pPr]
            assert all(tags.index(qn("w:bidi")) < tags.index(tag) for tag in later & set(tags))
        for table in document.tables:
            tags = [child.tag for child in table._tbl.tblPr]
            assert tags.index(qn("w:bidiVisual")) < tags.index(qn("w:tblW"))
        html = tmp_path / "r.html"
        write_report(report, html)
        assert '<html lang="ar" dir="rtl">' in html.read_text(encoding="utf-8")


def test_region_map_is_zoomed_to_the_region(demo_engine: Engine) -> None:
    report = build_region_report(demo_engine, "Africa", YEAR)
    (chart,) = [c for c in report.charts() if "projection" in c.spec]
    projection = chart.spec["projection"]
    points = projection["fit"]["geometry"]["coordinates"]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    assert west < 36.8 < east and south < -1.3 < north  # Nairobi
    assert west < -17.4 and east > 51  # Dakar to Somalia's horn
    assert not (south < 48.9 < north and west < 2.35 < east)  # not Paris
    assert east - west < 110 and north - south < 100
    encoding = chart.spec["layer"][0]["encoding"]["color"]
    assert encoding["scale"]["domain"] == [
        "Took part", "Did not take part", "Suppressed (small number)", "Outside the region"
    ]  # fmt: skip
    categories = {
        row["category"] for row in chart.spec["layer"][0]["transform"][0]["from"]["data"]["values"]
    }
    assert "Took part" in categories
    assert "Africa" in chart.alt and "took part" in chart.alt


def test_a_region_across_the_antimeridian_is_boxed_the_short_way() -> None:
    russia_and_fiji = bounding_box(["643", "242"])
    assert russia_and_fiji is not None
    west, _south, east, _north = russia_and_fiji
    assert east - west < 200 and east > 180


def test_a_hyphen_that_never_breaks_drawn_by_every_script_s_fonts() -> None:
    from stdgap.documents.html import JOINED_HYPHEN, joined_hyphens

    title = "ITU\u2011T, 2024"
    assert joined_hyphens(title, "en") == title  # Latin fonts draw U+2011
    for code in ("ar", "zh"):  # their fonts do not: a plain hyphen between word joiners
        assert joined_hyphens(title, code) == f"ITU{JOINED_HYPHEN}T, 2024"


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_table_s_figures_and_their_headings_line_up(tmp_path: Path, code: str) -> None:
    """In DOCX and HTML (the PDF's source): headings bold, figures and the headings above them
    at the line's end (right, or left in Arabic), row headings bold, a suppressed cell italic."""
    from stdgap.documents.document import SUPPRESSED, Section, TextTable
    from stdgap.i18n.locales import language
    from stdgap.i18n.translate import gettext

    with use(language(code)):
        suppressed = gettext(SUPPRESSED)
        table = TextTable(
            "Fellowships",
            ["Region", "Year", "2024", "2025"],
            [["Africa", "all", "12", suppressed], ["Europe", "all", "3", "4"]],
            label_columns=2,
        )
        report = Report("Title", "Subtitle", [Section("Figures", tables=[table])])
        paths = _write_all(report, tmp_path, "table")
    word = Document(str(paths["docx"])).tables[0]
    end, start = ("left", "right") if code == "ar" else ("right", "left")

    def side(cell: Any) -> str:
        alignment = cell.paragraphs[0].paragraph_format.alignment
        return "start" if alignment is None else str(alignment).split()[0].lower()

    header, africa, europe = word.rows
    assert all(cell.paragraphs[0].runs[0].bold for cell in header.cells)
    assert [side(cell) for cell in header.cells] == ["start", "start", end, end]
    assert [side(cell) for cell in africa.cells] == ["start", "start", end, end]
    assert [bool(cell.paragraphs[0].runs[0].bold) for cell in europe.cells] == [
        True,
        True,
        False,
        False,
    ]
    assert [bool(cell.paragraphs[0].runs[0].italic) for cell in africa.cells] == [
        False,
        False,
        False,
        True,
    ]
    assert start != end
    page = paths["html"].read_text(encoding="utf-8")
    headings = re.findall(r'<th scope="col"([^>]*)>', page)
    assert headings == ["", "", ' class="number"', ' class="number"']
    assert "th.number { text-align: end; }" in page
