"""Writing a report in the format its file name asks for."""

from __future__ import annotations

from pathlib import Path

from stdgap.documents.document import Report
from stdgap.documents.html import render_html
from stdgap.documents.pdf import write_pdf
from stdgap.documents.word import write_docx

FORMATS = (".docx", ".pdf", ".html")


class UnknownFormat(ValueError):
    pass


def write_report(report: Report, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UnknownFormat(
            f"{path}: the report format comes from the extension: {', '.join(FORMATS)}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".docx":
        write_docx(report, path)
    elif suffix == ".pdf":
        write_pdf(report, path)
    else:
        path.write_text(render_html(report), encoding="utf-8")
