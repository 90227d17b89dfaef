"""``stdgap surveys …`` on both backends: create, a questionnaire file (a bad one names file,
line, column and value), who a target invites, open, remind, results and export."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from survey_world import DRAFT, NAMED
from typer.testing import CliRunner

from stdgap.cli.main import app


def _run(cli: CliRunner, url: str, *args: str) -> tuple[int, str]:
    result = cli.invoke(app, ["--db", url, "surveys", *args])
    return result.exit_code, result.output


def test_the_commands_of_surveys(world: Engine, cli: CliRunner, tmp_path: Path) -> None:
    url = world.url.render_as_string(hide_password=False)
    code, out = _run(cli, url, "create", "CLI-1", "--title", "By hand", "--deadline", "2099-01-01")
    assert code == 0, out
    bad = tmp_path / "q.csv"
    bad.write_text("key,type,text,options\nq1,single,A?,Yes|No\nq2,single,B?,Only\n")
    code, out = _run(cli, url, "import-questions", "CLI-1", str(bad))
    assert code == 2 and f"{bad}:3: options: a choice question has 2 to 50 options" in out
    good = tmp_path / "q.json"
    good.write_text(json.dumps([{"key": "q1", "type": "single", "text": "A?", "options": "Y|N"}]))
    code, out = _run(cli, url, "import-questions", "CLI-1", str(good))
    assert code == 0 and "1 question(s) imported" in out
    code, out = _run(
        cli, url, "target", "CLI-1", "--group", "ldc", "--user", "applicant", "--format", "csv"
    )
    assert code == 0, out
    assert out.splitlines() == [
        "name,member,country,by",
        "Phnom Penh Networks,SM-KHM,KHM,khm@example.org",
        "applicant,,,account",
    ]
    code, out = _run(cli, url, "open", "CLI-1", "--group", "ldc")
    assert code == 0 and "1 invited, 1 e-mail(s) queued" in out
    code, out = _run(cli, url, "remind", "CLI-1")
    assert code == 0 and "1 reminder(s) queued" in out
    code, out = _run(cli, url, "list", "--format", "json")
    listed = {s["survey_id"]: s for s in json.loads(out)}
    assert listed["CLI-1"]["status"] == "open" and DRAFT in listed
    code, out = _run(cli, url, "results", NAMED, "--by", "status", "--format", "csv")
    assert code == 0 and out.startswith("question,answer,group,count")
    target = tmp_path / "out.xlsx"
    code, out = _run(cli, url, "export", NAMED, str(target))
    assert code == 0 and target.read_bytes()[:2] == b"PK"
    code, out = _run(cli, url, "open", "NOPE")
    assert code == 2 and "no survey 'NOPE'" in out
