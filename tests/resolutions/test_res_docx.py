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
