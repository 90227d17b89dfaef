"""The implementation report of resolutions: the document model of every report, a summary by
status and by addressee, each clause as a paragraph, human statuses and plurals, PDF too."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.reports.implementation import (
    _action,
    _summary,
    build_implementation_report,
    clause_place,
)
from stdgap.resolutions.queries import ClauseView
from stdgap.resolutions.tracking import add_action, import_files
from stdgap_testing import invoke, seeds

RES74 = "001_987335766272ed14.txt"


def test_one_clause_is_one_clause() -> None:
    view = ClauseView(
        "k",
        "instructs-tsb/1",
        "instructs",
        None,
        ["director_tsb"],
        [],
        None,
        "1",
        "do",
        "not_started",
    )
    section = _summary([view], 1)
    assert section.paragraphs[0] == "1 clause of 1 resolution is tracked: Not started: 1."


def test_implementation_report_in_pdf_docx_and_html(
    engine: Engine, store_url: str, cli: CliRunner, tmp_path: Path
) -> None:
    import_files.perform(engine, "test", [seeds() / RES74])
    add_action.perform(engine, "test", "74/instructs-tsb/1", "TSB", "Survey sent", "in_progress")
    report = build_implementation_report(engine)
    assert report.symbol.startswith("STDGAP/RI/")
    assert report.sections[0].title == "Summary"
    (resolution,) = report.sections[1:]
    assert len(resolution.entries) == 13 and not resolution.tables
    paths = {}
    for suffix in ("pdf", "docx", "html"):
        paths[suffix] = tmp_path / f"status.{suffix}"
        code, out, err = invoke(
            cli, "resolutions", "report", "--db", store_url, "--out", str(paths[suffix])
        )
        assert code == 0 and "13 clause(s) written" in out, err
    pdf = PdfReader(str(paths["pdf"]))
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en"
    said = " ".join(page.extract_text() for page in pdf.pages)
    assert "Not started" in said and "In progress" in said and "Contents" in said
    assert "not_started" not in said and "in_progress" not in said and "director_tsb" not in said
    document = Document(str(paths["docx"]))
    assert len(document.tables) == 2  # by status, by addressee: clause text is never a column
    entry = next(p for p in document.paragraphs if p.text.startswith("instructs 1 — "))
    assert entry.text == "instructs 1 — Director of TSB — In progress"
    texts = [p.text for p in document.paragraphs]
    following = texts[texts.index(entry.text) + 1]
    assert len(following) > 40  # the clause's text, a full-width paragraph
    assert "TSB: Survey sent (In progress)" in texts
    html = paths["html"].read_text(encoding="utf-8")
    assert html.count('<div class="entry">') == 13 and "not_started" not in html


def test_an_empty_tracker_gives_a_report_that_says_so(engine: Engine, tmp_path: Path) -> None:
    report = build_implementation_report(engine)
    assert report.sections[0].paragraphs == ["No resolution is tracked in the store yet."]


def test_unnumbered_clauses_and_uploaded_evidence_read_as_people_write_them() -> None:
    view = ClauseView(
        "k", "invites-ms/u1", "invites", None, ["member_states"], [], None, None, "t", "done"
    )
    assert clause_place(view) == "invites"  # no stored "u1" key in the text
    numbered = ClauseView(
        "k", "instructs-tsb/3/ii", "instructs", None, [], [], None, "ii", "t", "done"
    )
    assert clause_place(numbered) == "instructs 3 ii"
    filed = {
        "who": "TSB",
        "what": "Workshop",
        "status": "done",
        "evidence": "/resolutions/evidence/7",
        "evidence_file": {"id": 7, "filename": "minutes.pdf", "size": 10},
    }
    assert _action(filed).endswith("evidence: minutes.pdf")
