"""``.docx`` to the plain text the parser reads: one line per paragraph, in body order.

Table rows become one line per cell, indented by a tab, as the assembly's exported text has them;
numbering that Word generates (list numbering) is not in the paragraph text and is lost, so
documents that number clauses by hand — the assembly's practice — parse best.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


def _blocks(document: object) -> Iterator[Paragraph | Table]:
    iter_inner = getattr(document, "iter_inner_content", None)
    if iter_inner is None:
        yield from getattr(document, "paragraphs", [])
        return
    yield from iter_inner()


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                yield "\t" + paragraph.text
        yield ""


def docx_text(path: Path) -> str:
    document = Document(str(path))
    lines: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)
