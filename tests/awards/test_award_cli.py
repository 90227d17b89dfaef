"""``stdgap awards calls`` lists the calls as the page does (same filters) in a table, JSON or
CSV; the jury's steps have commands too (appoint, open-scoring, publish), audited as the
browser's; bad input is said in one line with exit status 2 and changes nothing."""

from __future__ import annotations

import csv
import io
import json

from award_world import OPEN, READY, SCORING
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.accounts.queries import audit_rows
from stdgap.awards import queries
from stdgap.cli.main import app


def _run(cli: CliRunner, world: Engine, *args: str) -> tuple[int, str, str]:
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["awards", *args, "--db", url], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_calls_in_every_format_with_the_page_s_filters(cli: CliRunner, world: Engine) -> None:
    code, out, err = _run(cli, world, "calls", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [queries.summary_record(c) for c in queries.list_calls(world)]
    code, out, _err = _run(cli, world, "calls", "--status", "scoring", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [(r["call_id"], r["status"], r["nominations"]) for r in rows] == [
        (SCORING, "scoring", "3")
    ]
    code, out, _err = _run(cli, world, "calls", "--open", "--search", "mentor")
    assert code == 0 and READY in out and OPEN not in out and SCORING not in out
    code, _out, err = _run(cli, world, "calls", "--format", "xml")
    assert code == 2 and "--format 'xml': use one of table, json, csv" in err
    code, _out, err = _run(cli, world, "calls", "--status", "asleep")
    assert code == 2 and "a call's status is one of: nominating, scoring, published" in err


def test_the_jury_s_steps_from_the_command_line(cli: CliRunner, world: Engine) -> None:
    before = audit_rows(world)[0]
    code, _out, err = _run(cli, world, "appoint", READY, "viewer")
    assert code == 2 and "may not score awards" in err
    assert audit_rows(world)[0] == before
    code, out, err = _run(cli, world, "appoint", READY, "juror3", "--person", "CHE-J")
    assert code == 0 and "juror3 is a juror of READY-2026" in out, err
    code, out, err = _run(cli, world, "open-scoring", READY)
    assert code == 0 and "2 e-mail(s) queued" in out, err
    code, _out, err = _run(cli, world, "open-scoring", READY)
    assert code == 2 and "already open" in err
    code, _out, err = _run(cli, world, "publish", READY)
    assert code == 2 and "no juror has scored yet" in err
    code, out, err = _run(cli, world, "publish", READY, "--allow-unscored")
    assert code == 0 and "published" in out, err
    assert queries.call_detail(world, READY)["status"] == "published"
    actions = [e["action"] for e in audit_rows(world)[1][:3]]
    assert actions == ["awards.publish", "awards.open_scoring", "awards.appoint"]
