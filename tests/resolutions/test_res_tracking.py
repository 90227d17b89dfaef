"""The tracker on SQLite and PostgreSQL: import, list, clauses, diff, actions, report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine
from structure import SEEDS

from stdgap.reports.implementation import write_implementation_report
from stdgap.resolutions.diff import diff_versions
from stdgap.resolutions.queries import TrackingError, actions, clauses, list_resolutions
from stdgap.resolutions.tracking import add_action, import_files

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
RES44 = SEEDS / "003_4b844e218730e177.txt"
REPORT = SEEDS / "004_992be9c64c305dab.txt"
RES74 = SEEDS / "001_987335766272ed14.txt"


def test_import_keeps_versions_and_is_idempotent(engine: Engine) -> None:
    first = import_files.perform(engine, "test", [RES44, RES74])
    assert [(r.number, r.label, r.outcome, r.clauses) for r in first] == [
        (44, "Geneva, 2022", "new", 55),
        (74, "New Delhi, 2024", "new", 13),
    ]
    again = import_files.perform(engine, "test", [RES44])
    assert again[0].outcome == "unchanged"
    extracts = import_files.perform(engine, "test", [REPORT])
    assert len(extracts) == 36 and {r.partial for r in extracts} == {True}
    assert {r.label for r in extracts} == {"New Delhi, 2024"}
    rows = {r.number: r for r in list_resolutions(engine)}
    assert rows[44].versions == ["Geneva, 2022", "New Delhi, 2024 (extract)"]
    assert rows[74].versions == ["New Delhi, 2024 (extract)", "New Delhi, 2024"]
    assert len(rows) == 36


def test_clause_filters(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44])
    keys = [c.key for c in clauses(engine, 44, verb="instructs", addressee="tsb")]
    assert keys[0] == "WTSA-44/Geneva-2022/instructs-tsb/1"
    assert len(keys) == 16
    council = clauses(engine, 44, addressee="council")
    assert [c.path for c in council] == ["invites-council/1", "invites-council/2"]
    bdt = clauses(engine, 44, involves="bdt")
    assert len(bdt) == 16 and all("director_bdt" in c.collaborator_codes for c in bdt)
    assert not clauses(engine, 44, addressee="bdt")
    items = [c.path for c in clauses(engine, 44, verb="resolves further")]
    assert "resolves-further-regional-offices/2/iv" in items


def test_diff_between_geneva_and_the_new_delhi_extract(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44, REPORT])
    old, new, rows = diff_versions(engine, 44)
    assert (old, new) == ("Geneva, 2022", "New Delhi, 2024 (extract)")
    status = {r.path: r.status for r in rows}
    assert status["instructs-tsb/1"] == "unchanged"
    assert status["resolves/2/iii"] == "changed"
    assert status["instructs-tsb-2/u1"] == "added"
    assert status["invites-council/1"] == "not_quoted"
    changed = next(r for r in rows if r.path == "resolves/2/iii")
    assert "[-" in changed.words() and "{+" in changed.words()


def test_actions_carry_over_to_the_newer_version(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44])
    action_id, key = add_action.perform(
        engine,
        "test",
        "44/instructs-tsb/3",
        "TSB",
        "Workshops with regional groups",
        "in_progress",
        date(2025, 6, 30),
        "https://example.org/evidence",
    )
    assert key == "WTSA-44/Geneva-2022/instructs-tsb/3"
    add_action.perform(
        engine, "test", "WTSA-44/Geneva-2022/invites-council/1", "Council", "Budget", "blocked"
    )
    imported = import_files.perform(engine, "test", [REPORT])
    assert next(r for r in imported if r.number == 44).carried == 1  # invites-council not quoted
    carried = [(k, a) for k, a in actions(engine, 44) if a["carried_from"] == action_id]
    assert carried and carried[0][0] == "WTSA-44/New-Delhi-2024/instructs-tsb/3"
    assert carried[0][1]["status"] == "in_progress" and carried[0][1]["when"] == "2025-06-30"
    newest = {c.path: c for c in clauses(engine, 44)}
    assert newest["instructs-tsb/3"].status == "in_progress"
    assert newest["instructs-tsb/4"].status == "not_started"


def test_bad_action_requests(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44])
    with pytest.raises(TrackingError):
        add_action.perform(engine, "test", "44/no-such/1", "x", "y")
    with pytest.raises(TrackingError):
        add_action.perform(engine, "test", "44/instructs-tsb/1", "x", "y", status="finished")


def test_report_has_a_paragraph_per_clause_and_a_summary(engine: Engine, tmp_path: Path) -> None:
    import_files.perform(engine, "test", [RES44, RES74])
    add_action.perform(engine, "test", "44/instructs-tsb/1", "TSB", "Done & <dusted>", "done")
    out = tmp_path / "report.docx"
    assert write_implementation_report(engine, out) == 55 + 13
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Summary"
    assert headings[1].startswith("WTSA Resolution 44 (Geneva, 2022)")
    by_status, by_addressee = document.tables
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in by_status.rows}
    assert rows["Not started"][0] == "67" and rows["Done"][0] == "1"
    assert rows["All clauses"][0] == "68"
    assert by_addressee.rows[0].cells[0].text == "Addressee"
    assert "Director of TSB" in [row.cells[0].text for row in by_addressee.rows]
    texts = [p.text for p in document.paragraphs]
    assert "instructs 1 — Director of TSB — Done" in texts
    assert "TSB: Done & <dusted> (Done)" in texts
    assert "55 clauses: Not started: 54; Done: 1." in texts
    html = tmp_path / "report.html"
    write_implementation_report(engine, html)
    page = html.read_text(encoding="utf-8")
    assert "Done &amp; &lt;dusted&gt;" in page and page.count('<div class="entry">') == 68
    assert "not_started" not in page
