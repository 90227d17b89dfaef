"""A report's PDF laid out in a process of its own beside the other formats (issue 18:
reports in 3 s): the same PDF as laid out here, and laid out here whenever that process
cannot do it."""

from __future__ import annotations

import logging
import shutil
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


#: Python code writing to the pipe of the answers (its number is the last argument).
_ANSWER = "os.write(int(sys.argv[-1]),"


@pytest.mark.parametrize(
    "command",
    [
        ["/nonexistent/python-7a1c"],  # cannot start
        [sys.executable, "-c", "pass"],  # ends at once
        [sys.executable, "-c", f"import os, sys; {_ANSWER} b'x' * 8); sys.stdin.buffer.read()"],
        [sys.executable, "-c", f"import os, sys; {_ANSWER} b'\\0' * 7 + b'\\3abc')"],
    ],
    ids=["cannot start", "ends at once", "answers an absurd length", "answers nonsense"],
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
    folder = tmp_path / "gone"
    folder.mkdir()
    process = PdfProcess()
    process.lay_out(render_print_page(_report()), folder / "r.pdf")
    shutil.rmtree(folder)  # its PDF cannot be written there any more
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


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


def test_a_command_stopped_before_every_chart_is_drawn_writes_no_pdf(tmp_path: Path) -> None:
    """The command fails (or is stopped) while the charts are drawn: its process ends without
    writing, and the PDF already there is kept."""
    target = tmp_path / "r.pdf"
    target.write_bytes(b"the report of last week")
    report = _report()
    process = PdfProcess()
    try:
        process.lay_out(render_print_page(report), target)
        first = CHART_URL % {"number": 1}
        process.chart(first, chart_pngs(report)[first])
        assert process._process is not None and process._process.stdin is not None
        process._process.stdin.close()  # as when the command is killed: its end of the pipe
        assert process._process.wait(timeout=30) != 0
        assert target.read_bytes() == b"the report of last week"
        assert _leftovers(tmp_path) == [], "left behind by a process whose command is gone"
    finally:
        process.close()


def test_a_failing_command_ends_its_pdf_process_at_once_and_keeps_the_old_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stdgap.documents import html

    target = tmp_path / "r.pdf"
    target.write_bytes(b"the report of last week")
    drawn = html.draw_in_turn

    def failing(specs: list[dict[str, Any]]) -> Any:
        for number, png in enumerate(drawn(specs), start=1):
            if number == 2:
                raise RuntimeError("a chart could not be drawn")
            yield png

    monkeypatch.setattr(html, "draw_in_turn", failing)
    process = PdfProcess()
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="could not be drawn"):
        try:
            write_reports(_report(), [target, tmp_path / "r.html"], process)
        finally:
            process.close()
    assert time.monotonic() - started < 20
    assert process._process is not None and process._process.returncode is not None
    assert target.read_bytes() == b"the report of last week"
    assert _leftovers(tmp_path) == []


def test_what_the_pdf_process_prints_is_not_taken_for_its_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A banner printed by the interpreter's start-up (a sitecustomize, a .pth) or a library
    goes to the process's output, not to its answers: the PDF is laid out there all the same."""
    banner = "print('a banner'); import runpy; "
    banner += "runpy.run_module('stdgap.documents.pdf_process', run_name='__main__')"
    written_here: list[Path] = []
    monkeypatch.setattr(
        output, "write_report", lambda r, path: (written_here.append(path), write_report(r, path))
    )
    target = tmp_path / "r.pdf"
    write_reports(_report(), [target], PdfProcess([sys.executable, "-c", banner]))
    assert written_here == [] and len(PdfReader(str(target)).pages) >= 1


def test_the_pdf_process_does_not_import_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "imported"
    (tmp_path / "queue.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(tmp_path)
    process = PdfProcess()
    write_reports(_report(), [tmp_path / "r.pdf"], process)
    assert not marker.exists()
    assert len(PdfReader(str(tmp_path / "r.pdf")).pages) >= 1


def test_a_command_failing_after_its_charts_keeps_the_old_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every chart sent, then another file cannot be written: the PDF laid out meanwhile does
    not replace the one there (nor is it left under its temporary name)."""
    target = tmp_path / "r.pdf"
    target.write_bytes(b"the report of last week")

    def refused(_report: Report, path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(output, "write_report", refused)
    process = PdfProcess()
    with pytest.raises(PermissionError):
        try:
            write_reports(_report(), [target, tmp_path / "r.html"], process)
        finally:
            process.close()
    assert target.read_bytes() == b"the report of last week"
    assert _leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written_is_said_before_any_layout(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    process = PdfProcess()
    with pytest.raises(OSError):
        process.lay_out(render_print_page(_report()), blocked / "r.pdf")
    process.close()
    assert blocked.read_text() == "not a folder" and _leftovers(tmp_path) == []
