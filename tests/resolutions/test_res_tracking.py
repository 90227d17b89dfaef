"""The tracker on SQLite and PostgreSQL: import, list, clauses, diff, actions, report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from structure import SEEDS

from stdgap.resolutions.diff import diff_versions
from stdgap.resolutions.evidence import Upload
from stdgap.resolutions.models import EvidenceFile
from stdgap.resolutions.queries import TrackingError, actions, clauses, list_resolutions
from stdgap.resolutions.report import write_report
from stdgap.resolutions.tracking import add_action, import_files, withdraw_action
from stdgap.store.audit import AuditEntry

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


def test_report_docx_has_a_row_per_clause(engine: Engine, tmp_path: Path) -> None:
    import_files.perform(engine, "test", [RES44, RES74])
    add_action.perform(engine, "test", "44/instructs-tsb/1", "TSB", "Done & <dusted>", "done")
    out = tmp_path / "report.docx"
    rows = write_report(engine, out)
    assert rows == 55 + 13
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].startswith("WTSA Resolution 44 (Geneva, 2022)")
    tables = document.tables
    assert [len(t.rows) - 1 for t in tables] == [55, 13]
    assert tables[0].rows[1].cells[0].text == "resolves/1"
    done = [r for r in tables[0].rows if r.cells[3].text == "done"]
    assert len(done) == 1 and "Done & <dusted>" in done[0].cells[4].text
    html = tmp_path / "report.html"
    write_report(engine, html)
    page = html.read_text(encoding="utf-8")
    assert "Done &amp; &lt;dusted&gt;" in page and page.count("<tr class=") == 68


def test_a_newer_extract_updates_the_full_text_and_hides_none_of_it(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44])
    geneva = [c.path for c in clauses(engine, 44)]
    import_files.perform(engine, "test", [REPORT])
    current = clauses(engine, 44)
    paths = [c.path for c in current]
    # every clause of the full text is still tracked, in its order, and the extract's own
    # clause comes after the one it follows in the extract
    assert [p for p in paths if p in geneva] == geneva
    assert set(paths) - set(geneva) == {"instructs-tsb-2/u1"}
    by_path = {c.path: c for c in current}
    assert by_path["invites-council/1"].version == "Geneva, 2022"  # not quoted: the full text
    assert by_path["resolves/2/iii"].version == "New Delhi, 2024 (extract)"  # newer wording
    assert by_path["resolves/2/iii"].key.startswith("WTSA-44/New-Delhi-2024/")
    row = next(r for r in list_resolutions(engine) if r.number == 44)
    assert row.basis == "Geneva, 2022" and row.clauses == len(current)
    # a short key names the clause the view shows; a label still picks one version alone
    _, key = add_action.perform(engine, "test", "44/resolves/2/iii", "TSB", "Study", "planned")
    assert key == by_path["resolves/2/iii"].key
    _, key = add_action.perform(engine, "test", "44/invites-council/1", "TSB", "Ask", "planned")
    assert key == "WTSA-44/Geneva-2022/invites-council/1"
    extract = clauses(engine, 44, label="New Delhi, 2024")
    assert len(extract) == 34 and {c.version for c in extract} == {"New Delhi, 2024 (extract)"}


def test_an_action_withdrawn_goes_with_its_copies_and_its_file(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44])
    first, _ = add_action.perform(
        engine,
        "test",
        "44/instructs-tsb/3",
        "TSB",
        "Workshop",
        "done",
        None,
        None,
        Upload("minutes.pdf", b"%PDF-1.4\n"),
    )
    other, _ = add_action.perform(engine, "test", "44/instructs-tsb/4", "TSB", "Plan")
    import_files.perform(engine, "test", [REPORT])  # carries the first to the extract
    copies = [a for _, a in actions(engine, 44) if a["carried_from"] == first]
    assert len(copies) == 1 and copies[0]["evidence_file"] is not None
    # withdrawing the copy withdraws the action everywhere (it would be carried again)
    withdrawn = withdraw_action.perform(engine, "officer", int(copies[0]["id"]), "wrong file")
    assert sorted(withdrawn) == sorted([first, int(copies[0]["id"])])
    left = [a["id"] for _, a in actions(engine, 44)]
    assert first not in left and other in left
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(EvidenceFile)) == 0
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "action.withdraw")
        ).one()
    assert audit.who == "officer" and audit.details is not None
    assert audit.details["reason"] == "wrong file"
    assert {w["what"] for w in audit.details["withdrawn"]} == {"Workshop"}
    assert audit.details["files"][0]["filename"] == "minutes.pdf"
    with pytest.raises(TrackingError, match="no action"):
        withdraw_action.perform(engine, "officer", first, "again")
    with pytest.raises(TrackingError, match="why"):
        withdraw_action.perform(engine, "officer", other, "  ")
    assert other in [a["id"] for _, a in actions(engine, 44)]


def test_unsafe_or_oversized_action_fields_are_refused(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44])
    for evidence in ("javascript:alert(1)", " JaVa\tScRiPt:x", "data:text/html,x", "file:///etc"):
        with pytest.raises(TrackingError, match="only web addresses"):
            add_action.perform(
                engine, "test", "44/resolves/1", "TSB", "x", "planned", None, evidence
            )
    with pytest.raises(TrackingError, match="at most 200"):
        add_action.perform(engine, "test", "44/resolves/1", "T" * 201, "x")
    with pytest.raises(TrackingError, match="control characters"):
        add_action.perform(engine, "test", "44/resolves/1", "TSB", "x\x00y")
    assert actions(engine, 44) == []


def test_an_extract_named_as_lists_show_it_and_compared_both_ways(engine: Engine) -> None:
    import_files.perform(engine, "test", [RES44, REPORT])
    named = clauses(engine, 44, label="New Delhi, 2024 (extract)")
    assert len(named) == 34
    old, _, rows = diff_versions(engine, 44, "New Delhi, 2024 (extract)", "Geneva, 2022")
    assert old == "New Delhi, 2024 (extract)"
    status = {r.path: r.status for r in rows}
    assert status["invites-council/1"] == "not_quoted"  # the extract did not quote it
    assert "added" not in status.values()
    assert status["instructs-tsb-2/u1"] == "removed"  # the full text has no such clause
