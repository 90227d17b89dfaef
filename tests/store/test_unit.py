"""The write door: every write leaves exactly one audit row (who, what, on what, rows written)
in its own transaction, with a new data version; a failed write leaves nothing; a process
killed between the change and the commit leaves neither."""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select
from typer.testing import CliRunner

from stdgap.accounts.queries import audit_rows
from stdgap.store.audit import AuditEntry
from stdgap.store.models import Member, Setting
from stdgap.store.unit import operation, transaction
from stdgap.store.version import data_version
from stdgap_testing import RESOLUTION_TEXTS, invoke


def _audit(engine: Engine) -> list[dict[str, Any]]:
    return audit_rows(engine, limit=1000)[1]


def _count(engine: Engine, model: Any) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def _version(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return data_version(connection)


def test_a_write_commits_its_audit_row_and_a_new_version(engine: Engine) -> None:
    before = _version(engine)
    with transaction(engine, "alice", "member.add", "X1") as unit:
        unit.connection.execute(
            insert(Member).values(member_id="X1", name="X", type="academia", country="KEN")
        )
        unit.details["note"] = "by hand"
    entries = _audit(engine)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry["who"], entry["action"], entry["target"]) == ("alice", "member.add", "X1")
    assert entry["details"] == {"note": "by hand", "rows": {"inserted": {"members": 1}}}
    assert _version(engine) not in (None, before)


def test_a_failed_write_leaves_nothing(engine: Engine) -> None:
    before = _version(engine)
    with pytest.raises(RuntimeError), transaction(engine, "alice", "member.add") as unit:
        unit.connection.execute(
            insert(Member).values(member_id="X1", name="X", type="academia", country="KEN")
        )
        raise RuntimeError("changed my mind")
    assert _count(engine, Member) == 0 and _count(engine, AuditEntry) == 0
    assert _version(engine) == before


def test_writes_no_derived_data_depends_on_keep_the_version(engine: Engine) -> None:
    before = _version(engine)
    with transaction(engine, "system", "secret.create", data=False) as unit:
        unit.connection.execute(insert(Setting).values(key="probe", value="1"))
    assert _version(engine) == before and len(_audit(engine)) == 1


@operation("member.add", target=lambda member_id, country: f"{member_id} ({country})")
def _add_member(unit: Any, member_id: str, country: str) -> int:
    unit.connection.execute(
        insert(Member).values(member_id=member_id, name="X", type="academia", country=country)
    )
    return 7


def test_an_operation_names_its_action_and_target_once(engine: Engine) -> None:
    assert _add_member.perform(engine, "bob", "X9", "FRA") == 7
    entry = _audit(engine)[0]
    assert (entry["who"], entry["action"], entry["target"]) == ("bob", "member.add", "X9 (FRA)")


def _cli_actor() -> str:
    return f"cli:{pwd.getpwuid(os.getuid()).pw_name}"


def test_cli_writes_are_audited_one_row_each(
    store_url: str, cli: CliRunner, small_files: list[Path], engine: Engine, tmp_path: Path
) -> None:
    db = ("--db", store_url)
    code, _out, err = invoke(cli, *db, "import", *map(str, small_files))
    assert code == 0, err
    code, _out, err = invoke(cli, *db, "resolutions", "import", *map(str, RESOLUTION_TEXTS))
    assert code == 0, err
    code, _out, err = invoke(
        cli, *db, "resolutions", "action", "add", "74/instructs-tsb/1", "--who", "TSB",
        "--what", "annual report", "--status", "in_progress",
    )  # fmt: skip
    assert code == 0, err
    code, _out, err = invoke(cli, *db, "settings", "set", "public_min_cell", "7")
    assert code == 0, err
    entries = list(reversed(_audit(engine)))
    assert [e["action"] for e in entries] == [
        "import",
        "resolutions.import",
        "action.add",
        "settings.set",
    ]
    assert all(e["who"] == _cli_actor() for e in entries)
    imported = entries[0]
    assert imported["target"] == ", ".join(str(path) for path in sorted(small_files))
    inserted = imported["details"]["rows"]["inserted"]
    counts = imported["details"]["counts"]
    for kind in ("members", "people", "meetings", "attendance", "roles"):
        assert inserted[kind] == counts[kind]["inserted"] > 0
    assert entries[2]["target"].startswith("WTSA-74/") and entries[2]["target"].endswith("/1")
    assert entries[3]["target"] == "public_min_cell" and entries[3]["details"]["value"] == "7"
    code, out, _err = invoke(cli, *db, "audit", "list", "--json")
    assert code == 0 and '"action": "settings.set"' in out


def test_the_cli_actor_is_the_process_s_account_not_an_environment_variable(
    store_url: str, cli: CliRunner, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "somebody-else")
    monkeypatch.setenv("USER", "somebody-else")
    code, _out, err = invoke(cli, "--db", store_url, "settings", "set", "public_min_cell", "6")
    assert code == 0, err
    assert _audit(engine)[0]["who"] == _cli_actor() != "cli:somebody-else"


def test_a_refused_cli_write_leaves_no_audit_row(
    store_url: str, cli: CliRunner, engine: Engine, tmp_path: Path
) -> None:
    bad = tmp_path / "members.csv"
    bad.write_text("member_id,name,type,country\nM1,One,member_state,Atlantis\n")
    code, _out, err = invoke(cli, "--db", store_url, "import", str(bad))
    assert code == 2 and "Atlantis" in err
    assert _audit(engine) == [] and _count(engine, Member) == 0


KILLED_WRITE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from stdgap.store import unit
    ready = Path(sys.argv[2])
    def pause(current):
        ready.write_text(current.action)
        time.sleep(60)
    unit._before_commit = pause
    from stdgap.cli.main import app
    app(["--db", sys.argv[1], "import", *sys.argv[3:]], prog_name="stdgap")
    """
)


def test_a_write_killed_before_its_commit_leaves_neither_change_nor_audit(
    store_url: str, small_files: list[Path], engine: Engine, tmp_path: Path
) -> None:
    ready = tmp_path / "ready"
    script = tmp_path / "killed.py"
    script.write_text(KILLED_WRITE)
    files = [str(path) for path in small_files]
    errors = tmp_path / "stderr"
    with (
        errors.open("wb") as stderr,
        subprocess.Popen(
            [sys.executable, str(script), store_url, str(ready), *files],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "STDGAP_CACHE_DIR": "off"},
        ) as process,
    ):
        try:
            deadline = time.monotonic() + 60
            while not ready.exists():
                assert process.poll() is None, errors.read_text()
                assert time.monotonic() < deadline, "the write never reached its commit"
                time.sleep(0.05)
            assert ready.read_text() == "import"  # rows and audit row written, not committed
            os.kill(process.pid, signal.SIGKILL)
            process.wait(30)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == -signal.SIGKILL
    assert _count(engine, Member) == 0 and _count(engine, AuditEntry) == 0
    assert _version(engine) is None
