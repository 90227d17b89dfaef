"""``stdgap resolutions …`` end to end, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from structure import SEEDS
from typer.testing import CliRunner

from stdgap_testing import invoke

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
RES44 = str(SEEDS / "003_4b844e218730e177.txt")


def test_parse_formats(cli: CliRunner) -> None:
    code, out, _ = invoke(cli, "resolutions", "parse", RES44)
    assert code == 0 and json.loads(out)["number"] == 44
    code, out, _ = invoke(cli, "resolutions", "parse", RES44, "--format", "akn")
    assert code == 0 and etree.fromstring(out.encode()).tag.endswith("akomaNtoso")
    code, out, _ = invoke(cli, "resolutions", "parse", RES44, "--format", "text")
    assert code == 0 and out.startswith("RESOLUTION 44 (Rev. Geneva, 2022)")


def test_parse_missing_file(cli: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(cli, "resolutions", "parse", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err


def test_tracking_commands(cli: CliRunner, store_url: str, tmp_path: Path) -> None:
    db = ("--db", store_url)
    code, out, _ = invoke(
        cli, *db, "resolutions", "import", RES44, str(SEEDS / "004_992be9c64c305dab.txt")
    )
    assert code == 0 and "Geneva, 2022" in out
    code, out, _ = invoke(cli, *db, "resolutions", "list")
    assert code == 0 and "WTSA 44" in out
    code, out, _ = invoke(
        cli,
        *db,
        "resolutions",
        "action",
        "add",
        "WTSA-44/Geneva-2022/instructs-tsb/3",
        "--who",
        "TSB",
        "--what",
        "workshops",
        "--when",
        "2025-05-01",
        "--status",
        "done",
        "--evidence",
        "minutes.pdf",
    )
    assert code == 0 and "added" in out
    code, _, err = invoke(
        cli, *db, "resolutions", "action", "add", "44/x/1", "--who", "a", "--what", "b"
    )
    assert code == 2 and "no clause" in err
    code, out, _ = invoke(
        cli,
        *db,
        "resolutions",
        "clauses",
        "44",
        "--verb",
        "instructs",
        "--addressee",
        "tsb",
        "--json",
    )
    rows = json.loads(out)
    assert code == 0 and rows[0]["key"] == "WTSA-44/New-Delhi-2024/instructs-tsb/1"
    assert {r["status"] for r in rows if r["path"] == "instructs-tsb/3"} == {"done"}
    code, out, _ = invoke(cli, *db, "resolutions", "diff", "44", "--from", "Geneva, 2022")
    assert code == 0 and "not_quoted" in out and "changed" in out
    code, out, _ = invoke(cli, *db, "resolutions", "action", "list", "44", "--json")
    listed = json.loads(out)
    assert code == 0 and [a["evidence"] for a in listed] == ["minutes.pdf", "minutes.pdf"]
    assert listed[1]["carried_from"] == listed[0]["id"]
    code, out, _ = invoke(cli, *db, "resolutions", "show", "44", "--version", "Geneva, 2022")
    assert code == 0 and "invites-council" in out
    report = tmp_path / "status.docx"
    code, out, _ = invoke(
        cli, *db, "resolutions", "report", "--out", str(report), "--resolution", "44"
    )
    # a header, then the tracking view: the 55 clauses of the Geneva full text (the 33 the New
    # Delhi extract quotes in its newer wording) and the one clause the extract adds
    assert code == 0 and len(Document(str(report)).tables[0].rows) == 1 + 55 + 1


def test_every_command_is_documented() -> None:
    from stdgap.resolutions.cli import action_app, app

    doc = (Path(__file__).parents[2] / "docs" / "resolutions.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands] + [
        f"action {c.name}" for c in action_app.registered_commands
    ]
    assert len(names) == 9
    for name in names:
        assert f"`{name}" in doc or f"resolutions {name}" in doc, name


def test_readme_clause_examples_return_clauses(cli: CliRunner, store_url: str) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    examples = [
        line.split("#")[0].split()[3:]
        for line in readme.splitlines()
        if line.startswith("stdgap resolutions clauses")
    ]
    assert examples
    db = ("--db", store_url)
    code, _, _ = invoke(cli, *db, "resolutions", "import", *map(str, sorted(SEEDS.glob("0*.txt"))))
    assert code == 0
    for args in examples:
        code, out, _ = invoke(cli, *db, "resolutions", "clauses", *args, "--json")
        assert code == 0 and len(json.loads(out)) > 0, args


def test_evidence_file_from_the_command_line(
    cli: CliRunner, store_url: str, tmp_path: Path
) -> None:
    db = ("--db", store_url)
    assert invoke(cli, *db, "resolutions", "import", RES44)[0] == 0
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(b"%PDF-1.7\n%%EOF\n")
    add = ("resolutions", "action", "add", "44/resolves/1", "--who", "TSB", "--what", "Met")
    code, out, _ = invoke(cli, *db, *add, "--evidence-file", str(minutes))
    assert code == 0 and "added" in out
    code, out, _ = invoke(cli, *db, "resolutions", "action", "list", "44", "--json")
    listed = json.loads(out)
    assert listed[-1]["evidence_file"]["filename"] == "minutes.pdf"
    assert listed[-1]["evidence"] == f"/resolutions/evidence/{listed[-1]['evidence_file']['id']}"
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf")
    code, _, err = invoke(cli, *db, *add, "--evidence-file", str(fake))
    assert code == 2 and "fake.pdf is not a .pdf file" in err
    code, _, err = invoke(cli, *db, *add, "--evidence-file", str(tmp_path / "absent.pdf"))
    assert code == 2 and "absent.pdf is not a file" in err
    assert (
        len(json.loads(invoke(cli, *db, "resolutions", "action", "list", "44", "--json")[1])) == 1
    )
