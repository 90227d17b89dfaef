"""A ``.docx`` (built here from a seed's lines) parses like the text it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from structure import SEEDS, structure

from stdgap.resolutions.parser import parse_file, parse_text

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")


@pytest.mark.parametrize("name", ["001_987335766272ed14.txt", "003_4b844e218730e177.txt"])
def test_docx_parses_like_its_text(tmp_path: Path, name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "resolution.docx"
    document.save(str(path))
    assert structure(parse_file(path).to_dict()) == structure(parse_text(text).to_dict())


def test_docx_tables_become_tab_indented_lines(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Table 1")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Status", "Number", "Title"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Rev", "12", "A title"], strict=True):
        cell.text = text
    path = tmp_path / "report.docx"
    document.save(str(path))
    parsed = parse_file(path).to_dict()
    assert parsed["kind"] == "collection"
    assert parsed["status_table"] == [{"status": "Rev", "number": 12, "title": "A title"}]


def _numbered_docx(path: Path) -> None:
    """Clauses numbered by Word: a decimal list (style 'List Number') and a lettered list made
    here in numbering.xml (lvlText '%1)', roman '%2)' one level down)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="%1)"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
            '<w:lvlText w:val="%2)"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="3"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1.%3"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def lettered(text: str, ilvl: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'
            )
        )
        assert ppr.find(qn("w:numPr")) is not None

    for line in ["RESOLUTION 9 (Rev. Sampletown, 2030)", "A title", "considering"]:
        document.add_paragraph(line)
    lettered("that lamps shine;")
    lettered("that candles burn;")
    lettered("one part;", 1)
    lettered("another part;", 1)
    document.add_paragraph("resolves")
    document.add_paragraph("to keep the lamps;", style="List Number")
    document.add_paragraph("to share the candles.", style="List Number")
    document.save(str(path))


def test_word_list_numbers_are_recovered(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_docx(path)
    from stdgap.resolutions.docx_reader import docx_text

    lines = docx_text(path).split("\n")
    assert "a)\tthat lamps shine;" in lines
    assert "ii)\tanother part;" in lines
    parsed = parse_file(path).to_dict()
    assert [i["num"] for i in parsed["preamble"][0]["items"]] == ["a", "b"]
    assert [i["num"] for i in parsed["preamble"][0]["items"][1]["items"]] == ["i", "ii"]
    assert [c["num"] for c in parsed["operative"][0]["clauses"]] == ["1", "2"]


def test_multilevel_labels_and_start_values() -> None:
    from stdgap.resolutions.docx_reader import Numbering, _Level

    numbering = Numbering({"7": {0: _Level(4, "decimal", "%1."), 1: _Level(1, "decimal", "%1.%2")}})
    assert [numbering.label("7", 0), numbering.label("7", 1), numbering.label("7", 1)] == [
        "4.",
        "4.1",
        "4.2",
    ]
    assert numbering.label("7", 0) == "5." and numbering.label("7", 1) == "5.1"
    assert numbering.label("8", 0) is None
