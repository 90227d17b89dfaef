"""A report's PDF laid out in a process of its own beside the other formats (issue 18:
reports in 3 s): the same PDF as laid out here, and laid out here whenever that process
cannot do it."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stdgap.documents import output
from stdgap.documents.document import Chart, Report, Section
from stdgap.documents.html import CHART_URL, chart_pngs, render_print_page
from stdgap.documents.output import write_report, write_reports
from stdgap.documents.pdf_process import PdfProcess


def _spec(title: str, values: list[int]) -> dict[str, Any]:
    return {
        "title": title,
        "data": {"values": [{"a": f"k{i}", "b": v} for i, v in enumerate(values)]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "a", "type": "nominal"},
            "y": {"field": "b", "type": "quantitative"},
        },
    }


def _report() -> Report:
    charts = [
        Chart("First 7a1c", "Bars: 3, 5.", _spec("First 7a1c", [3, 5])),
        Chart("Second 7a1c", "Bars: 8, 1, 4.", _spec("Second 7a1c", [8, 1, 4])),
    ]
    sections = [
        Section("One", ["Text one 7a1c."], [], charts[:1]),
        Section("Two", ["Text two 7a1c."], [], charts[1:]),
    ]
    return Report("Title 7a1c", "Subtitle", sections)


def _content(path: Path) -> list[tuple[str, list[bytes]]]:
    """Each page's text and its images' data."""
    return [
        (page.extract_text(), [image.data for image in page.images])
        for page in PdfReader(str(path)).pages
    ]


def _images(path: Path) -> set[bytes]:
    """The document's images (each page names every image of the document's resources)."""
    return {image for _text, images in _content(path) for image in images}


def test_the_pdf_of_its_process_is_the_one_laid_out_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _report()
    written_here: list[Path] = []
    monkeypatch.setattr(
        output, "write_report", lambda r, path: (written_here.append(path), write_report(r, path))
    )
    paths = [tmp_path / "r.docx", tmp_path / "r.pdf", tmp_path / "r.html"]
    write_reports(report, paths, PdfProcess())
    assert written_here == [paths[0], paths[2]], "the PDF was laid out here, not in its process"
    write_report(report, tmp_path / "here.pdf")
    theirs, ours = _content(paths[1]), _content(tmp_path / "here.pdf")
    assert theirs == ours
    assert len(_images(paths[1])) == 2
    assert "Text two 7a1c." in " ".join(text for text, _images in theirs)


@pytest.mark.parametrize(
    "command",
    [
        ["/nonexistent/python-7a1c"],  # cannot start
        [sys.executable, "-c", "pass"],  # ends at once
        [sys.executable, "-c", "import sys; sys.stdin.buffer.read(); sys.stdout.write('x')"],
    ],
    ids=["cannot start", "ends at once", "answers nonsense"],
)
def test_a_pdf_process_that_cannot_lay_it_out_leaves_the_pdf_to_this_one(
    tmp_path: Path, command: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    report = _report()
    paths = [tmp_path / "r.pdf", tmp_path / "r.html"]
    with caplog.at_level(logging.WARNING, logger="stdgap.documents"):
        write_reports(report, paths, PdfProcess(command))
    assert "laid out in this process instead" in caplog.text
    write_report(report, tmp_path / "here.pdf")
    assert _content(paths[0]) == _content(tmp_path / "here.pdf")


def test_a_pdf_process_that_fails_says_why(tmp_path: Path) -> None:
    process = PdfProcess()
    process.lay_out(render_print_page(_report()), tmp_path / "no such folder" / "r.pdf")
    for url, png in chart_pngs(_report()).items():
        process.chart(url, png)
    process.charts_done()
    failure = process.finish()
    assert failure is not None
    assert failure.startswith("the PDF process failed: FileNotFoundError")


def test_a_chart_never_sent_does_not_hold_the_pdf_up(tmp_path: Path) -> None:
    page = render_print_page(_report())
    process = PdfProcess()
    process.lay_out(page, tmp_path / "r.pdf")
    first = CHART_URL % {"number": 1}
    process.chart(first, chart_pngs(_report())[first])
    process.charts_done()  # the second chart is not sent
    assert process.finish() is None
    assert len(_images(tmp_path / "r.pdf")) == 1


def test_a_pdf_process_given_no_page_ends_when_closed() -> None:
    process = PdfProcess()
    started = time.monotonic()
    process.close()
    assert process._process is not None and process._process.returncode is not None
    assert time.monotonic() - started < 5
