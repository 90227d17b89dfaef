"""DOCX output (python-docx): an A4 document with a cover (title, subtitle, symbol, date of issue,
language), a table of contents (a Word TOC field, its entries already written), real headings,
a running header (symbol and title) and footer (page X of Y, Word fields), tables whose header
row repeats on every page and whose rows never split, columns as wide as their content asks,
PNG charts with alt text, and the document's properties. Arabic is written right to left
(``w:bidi`` paragraphs, ``w:rtl`` runs, ``w:bidiVisual`` tables)."""

from __future__ import annotations

import io
import re
from datetime import datetime, time
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from stdgap.charts.render import render_all
from stdgap.documents.document import AUTHOR, SUPPRESSED, Chart, Entry, Report, Table, TextTable
from stdgap.i18n import formatting
from stdgap.i18n.translate import gettext as _
from stdgap.i18n.translate import use

#: A4, with margins of 2 cm: the text is 17 cm wide.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Cm(2)
TEXT_WIDTH_MM = 170.0
#: Fonts covering the six languages' scripts (Debian: fonts-noto-core, fonts-noto-cjk).
LATIN_FONT, CJK_FONT, ARABIC_FONT = "Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic"
TABLE_FONT_SIZE = Pt(8.5)
#: The width of a character of the tables' font, and a cell's padding, in millimetres.
CHAR_MM, PADDING_MM = 1.65, 2.4
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)


#: The elements that follow, in the schema's order (WordprocessingML), those this module adds to
#: paragraph, run and table properties: Word refuses elements out of order.
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_AFTER_HYPHENS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", *_AFTER_BIDI,
)  # fmt: skip
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _field(paragraph: Any, instruction: str, shown: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) in a paragraph, with the value shown until updated."""
    field = _element("w:fldSimple", instr=instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fonts(document: Any, code: str) -> None:
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(10)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    fonts.set(qn("w:cs"), ARABIC_FONT)
    properties = normal.element.get_or_add_rPr()
    language = _element("w:lang", val=code, eastAsia="zh-CN", bidi="ar-SA")
    properties.append(language)
    for name in ("Title", "Heading 1", "Heading 2", "Caption"):
        style = document.styles[name]
        style.font.name = LATIN_FONT
        rpr = style.element.get_or_add_rPr().get_or_add_rFonts()
        rpr.set(qn("w:eastAsia"), CJK_FONT)
        rpr.set(qn("w:cs"), ARABIC_FONT)


def _page(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN


def _running(document: Any, report: Report) -> None:
    """Header (symbol, title) and footer (page X of Y) on every page but the cover."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = " · ".join(part for part in (report.symbol, report.cover_title) if part)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marked = _("Page %(page)s of %(pages)s", page="\x00PAGE\x00", pages="\x00NUMPAGES\x00")
    for number, part in enumerate(re.split("\x00", marked)):
        if number % 2:
            _field(footer, part)
        elif part:
            footer.add_run(part)
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)


#: The longest text a Word core property holds (python-docx refuses more).
PROPERTY_LIMIT = 255


def _fit(text: str | None) -> str:
    """A property's text cut at a word to fit Word's limit, with an ellipsis when cut."""
    text = text or ""
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[: PROPERTY_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _properties(document: Any, report: Report) -> None:
    core = document.core_properties
    core.title = _fit(report.title)
    core.subject = _fit(report.subject or report.subtitle)
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.language = report.language.code
    core.keywords = _fit(", ".join(report.keywords))
    core.comments = _fit(report.subtitle)
    core.category = report.symbol
    core.identifier = report.symbol
    core.created = core.modified = datetime.combine(report.issued, time())
    core.revision = 1


def _cover(document: Any, report: Report) -> None:
    if report.symbol:
        symbol = document.add_paragraph()
        symbol.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = symbol.add_run(report.symbol)
        run.bold = True
        run.font.size = Pt(12)
        symbol.paragraph_format.space_after = Pt(120)
    document.add_paragraph(report.cover_title, style="Title")
    subtitle = document.add_paragraph(report.subtitle)
    subtitle.paragraph_format.space_after = Pt(48)
    facts = [(_("Date of issue"), formatting.date(report.issued))]
    facts.append((_("Language"), report.language.name))
    if report.symbol:
        facts.insert(0, (_("Document"), report.symbol))
    for label, value in facts:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    author = document.add_paragraph()
    author.paragraph_format.space_before = Pt(72)
    run = author.add_run(AUTHOR)
    run.bold = True
    run.font.color.rgb = ACCENT
    author.add_run().add_break(WD_BREAK.PAGE)


def _contents(document: Any, report: Report) -> None:
    """A TOC field (Word updates it, page numbers included) whose entries are already written,
    so that any reader shows them before an update."""
    title = document.add_paragraph()
    run = title.add_run(_("Contents"))
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = ACCENT
    sections = report.sections
    for number, section in enumerate(sections):
        paragraph = document.add_paragraph()
        if section.level > 1:
            paragraph.paragraph_format.left_indent = Cm(0.8)
        if number == 0:
            for kind, text in (
                ("begin", None),
                (None, ' TOC \\o "1-2" \\h \\z \\u '),
                ("separate", None),
            ):
                run_element = OxmlElement("w:r")
                if kind:
                    run_element.append(_element("w:fldChar", fldCharType=kind))
                else:
                    instruction = OxmlElement("w:instrText")
                    instruction.set(qn("xml:space"), "preserve")
                    instruction.text = text
                    run_element.append(instruction)
                paragraph._p.append(run_element)
        paragraph.add_run(section.title)
        if number == len(sections) - 1:
            end = OxmlElement("w:r")
            end.append(_element("w:fldChar", fldCharType="end"))
            paragraph._p.append(end)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _caption(document: Any, text: str) -> None:
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run(text)
    paragraph.paragraph_format.keep_with_next = True


def column_widths(header: list[str], rows: list[list[str]], label_columns: int) -> list[float]:
    """Widths in millimetres, from the content: every column at least as wide as its
    heading's longest word (a heading never breaks inside a word) and its widest figure; the
    rest of the page shared by what the columns' text asks for (label columns wrap)."""
    minimum: list[float] = []
    wanted: list[float] = []
    for column, heading in enumerate(header):
        values = [row[column] for row in rows if column < len(row)]
        longest_word = max((len(word) for word in heading.split()), default=1)
        widest = max((len(value) for value in values), default=1)
        if column < label_columns:
            floor = max(longest_word * 1.1, min(widest, 14))
            want = max(floor, min(widest, 40), min(len(heading), 24))
        else:
            floor = max(longest_word * 1.1, widest)
            want = max(floor, min(len(heading), 18))
        minimum.append(floor * CHAR_MM + PADDING_MM)
        wanted.append(want * CHAR_MM + PADDING_MM)
    total_min, total_wanted = sum(minimum), sum(wanted)
    if total_wanted <= TEXT_WIDTH_MM:
        extra = (TEXT_WIDTH_MM - total_wanted) / len(wanted)
        return [width + extra for width in wanted]
    if total_min >= TEXT_WIDTH_MM:
        return [width * TEXT_WIDTH_MM / total_min for width in minimum]
    share = (TEXT_WIDTH_MM - total_min) / (total_wanted - total_min)
    return [low + (high - low) * share for low, high in zip(minimum, wanted, strict=True)]


def _row_properties(row: Any, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(_element("w:cantSplit"))
    if header:
        properties.append(_element("w:tblHeader"))


def _table(document: Any, table: Table | TextTable, number: int, rtl: bool) -> None:
    _caption(document, _("Table %(number)s: %(caption)s", number=number, caption=table.caption))
    rows = table.text_rows()
    header = list(table.header)
    word_table = document.add_table(rows=1 + len(rows), cols=len(header))
    word_table.style = "Light Grid Accent 1"
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word_table.autofit = False
    widths = [Mm(width) for width in column_widths(header, rows, table.label_columns)]
    for column, width in zip(word_table.columns, widths, strict=True):
        column.width = width
    suppressed = _(SUPPRESSED)
    number_side = WD_ALIGN_PARAGRAPH.LEFT if rtl else WD_ALIGN_PARAGRAPH.RIGHT
    table_rows = list(word_table.rows)
    for row_number, (row, values) in enumerate(zip(table_rows, [header, *rows], strict=True)):
        _row_properties(row, row_number == 0)
        # each row's cells asked for once: python-docx works out a row's cells from its grid
        # on every call, and a cell by index through the whole table
        for column, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
            cell.width = width
            if column >= len(values):
                continue
            cell.text = values[column]
            paragraph = cell.paragraphs[0]
            run = paragraph.runs[0]
            run.font.size = TABLE_FONT_SIZE
            if column >= table.label_columns:  # numbers, and their headings, at the end
                paragraph.alignment = number_side
            if row_number == 0:
                run.bold = True
                paragraph._p.get_or_add_pPr().insert_element_before(
                    _element("w:suppressAutoHyphens"), *_AFTER_HYPHENS
                )
            elif column < table.label_columns:  # a row's heading, bold as in the PDF
                run.bold = True
            else:
                run.italic = True if values[column] == suppressed else None
    document.add_paragraph()


def _chart(document: Any, chart: Chart, png: bytes, number: int) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(16))
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    picture = document.inline_shapes[-1]
    properties = picture._inline.docPr
    properties.set("descr", chart.alt)
    properties.set("title", chart.title)
    _caption(document, _("Figure %(number)s: %(title)s", number=number, title=chart.title))


def _entry(document: Any, entry: Entry) -> None:
    heading = document.add_paragraph()
    heading.add_run(entry.heading).bold = True
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.space_after = Pt(2)
    document.add_paragraph(entry.text)
    for detail in entry.details:
        line = document.add_paragraph()
        line.paragraph_format.left_indent = Cm(0.6)
        run = line.add_run(detail)
        run.font.size = Pt(9)


def _right_to_left(document: Any) -> None:
    """Every paragraph right to left (``w:bidi``), every run (``w:rtl``), every table
    (``w:bidiVisual``), in the body, the header and the footer."""
    section = document.sections[0]
    parts = [document.element.body]
    for part in (
        section.header,
        section.footer,
        section.first_page_header,
        section.first_page_footer,
    ):
        parts.append(part._element)
    for root in parts:
        for paragraph in root.iter(qn("w:p")):
            paragraph.get_or_add_pPr().insert_element_before(_element("w:bidi"), *_AFTER_BIDI)
        for run in root.iter(qn("w:r")):
            run.get_or_add_rPr().insert_element_before(_element("w:rtl"), *_AFTER_RTL)
        for table in root.iter(qn("w:tbl")):
            table.tblPr.insert_element_before(_element("w:bidiVisual"), *_AFTER_BIDI_VISUAL)


def write_docx(report: Report, path: Path) -> None:
    with use(report.language):
        _write(report, path)


def _write(report: Report, path: Path) -> None:
    rtl = report.language.direction == "rtl"
    document = Document()
    _page(document)
    _fonts(document, report.language.code)
    _properties(document, report)
    _cover(document, report)
    _contents(document, report)
    _running(document, report)
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
            _table(document, table, tables, rtl)
        for entry in section.entries:
            _entry(document, entry)
        for chart in section.charts:
            figures += 1
            png = pngs[id(chart)]
            assert isinstance(png, bytes)
            _chart(document, chart, png, figures)
    if rtl:
        _right_to_left(document)
    document.save(str(path))
