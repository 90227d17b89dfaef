"""Backup and restore: a store written to an archive and read back, on each backend and from
one to the other, holds the same rows, the same data version and answers the same indicators;
a restore refuses a store holding data (without --force), a damaged archive and one of a newer
schema, and writes nothing when it refuses."""

from __future__ import annotations

import errno
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.accounts.queries import audit_rows
from stdgap.bootstrap import metadata, open_store
from stdgap.demo.load import load_demo
from stdgap.indicators.cache import clear_memory
from stdgap.store import archive as archive_module
from stdgap.store.archive import MANIFEST, archived
from stdgap.store.backup import counts
from stdgap.store.models import Member
from stdgap.store.settings import get_setting
from stdgap.store.version import data_version
from stdgap_testing import compute, invoke
from stores import Templates

INDICATORS = ["--by", "year,region,status", "--format", "csv"]


def _demo(engine: Engine) -> None:
    load_demo(engine, "small", 5)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    clear_memory()
    yield
    clear_memory()


@pytest.fixture
def stores(templates: Templates, tmp_path: Path) -> Iterator[Any]:
    """``make(backend, content)``: a store's URL (content "demo": the small demo data;
    "blank": nothing, not even a schema), dropped after the test."""
    made: list[str] = []

    def make(backend: str, content: str) -> str:
        folder = tmp_path / f"{len(made)}"
        folder.mkdir()
        if content == "blank":
            url = templates.empty_url(backend, folder)
        else:
            url = templates.copy(backend, "demo", _demo, folder)
        made.append(url)
        return url

    yield make
    for url in made:
        templates.drop(url)


def _state(url: str) -> tuple[str | None, dict[str, int]]:
    engine = open_store(url)
    try:
        with engine.connect() as connection:
            return data_version(connection), counts(connection, metadata())
    finally:
        engine.dispose()


def _indicators(cli: CliRunner, url: str) -> str:
    clear_memory()
    code, out, err = invoke(cli, "--db", url, "indicators", *INDICATORS)
    assert code == 0, err
    return out


def _content(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every archived table (the audit log but its last row: the backup's own;
    not the change log of the indicators' cache, which a restore starts afresh)."""
    found = {}
    with engine.connect() as connection:
        for table in archived(metadata()):
            order = list(table.primary_key.columns)
            found[table.name] = [
                tuple(row) for row in connection.execute(select(table).order_by(*order))
            ]
    found["audit_log"] = [
        row for row in found["audit_log"] if row[3] not in ("db.backup", "db.restore")
    ]
    return found


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("sqlite", "sqlite"),
        ("postgresql", "postgresql"),
        ("sqlite", "postgresql"),
        ("postgresql", "sqlite"),
    ],
)
def test_round_trip(cli: CliRunner, stores: Any, tmp_path: Path, source: str, target: str) -> None:
    origin, copy = stores(source, "demo"), stores(target, "blank")
    archive = tmp_path / "store.zip"
    code, out, err = invoke(cli, "--db", origin, "db", "backup", str(archive))
    assert code == 0 and "written and checked" in out, err
    version, rows = _state(origin)
    code, out, err = invoke(cli, "--db", copy, "db", "restore", str(archive))
    assert code == 0 and "restored" in out, err
    restored_version, restored_rows = _state(copy)
    assert restored_version == version is not None
    backup_row = 1  # the origin's audit log also holds the backup, written after the archive
    assert restored_rows == {**rows, "audit_log": rows["audit_log"] - backup_row + 1}
    assert rows["members"] > 0 and rows["attendance"] > 0
    assert _indicators(cli, copy) == _indicators(cli, origin)
    engines = [open_store(origin), open_store(copy)]
    exact = [compute(e, by=["year", "group", "gender"], min_cell=1) for e in engines]
    public = [compute(e, by=["year", "region"]) for e in engines]
    assert exact[0] == exact[1] and public[0] == public[1] and exact[0]
    assert _content(engines[0]) == _content(engines[1])
    restored = engines[1]
    actions = [entry["action"] for entry in audit_rows(restored, limit=100)[1]]
    assert actions[0] == "db.restore"
    code, _out, err = invoke(
        cli,
        "--db",
        copy,
        "users",
        "add",
        "zoe",
        "--role",
        "viewer",
        "--password",
        "a-long-password",
    )
    assert code == 0, err  # the sequences of the keys run past the restored rows
    for engine in engines:
        engine.dispose()


def test_refuses_a_store_holding_data_unless_forced(
    cli: CliRunner, stores: Any, tmp_path: Path
) -> None:
    origin, other = stores("sqlite", "demo"), stores("postgresql", "demo")
    archive = tmp_path / "store.zip"
    assert invoke(cli, "--db", origin, "db", "backup", str(archive))[0] == 0
    code, _out, err = invoke(cli, "--db", origin, "db", "backup", str(archive))
    assert code == 2 and "--force" in err  # an archive is not replaced by mistake either
    assert invoke(cli, "--db", other, "settings", "set", "public_min_cell", "9")[0] == 0
    before = _state(other)
    code, _out, err = invoke(cli, "--db", other, "db", "restore", str(archive))
    assert code == 2 and "holds data" in err and "--force" in err
    assert _state(other) == before
    code, _out, err = invoke(cli, "--db", other, "db", "restore", "--force", str(archive))
    assert code == 0, err
    assert _state(other)[0] == _state(origin)[0]
    assert _indicators(cli, other) == _indicators(cli, origin)
    engine = open_store(other)
    with engine.connect() as connection:
        assert get_setting(connection, "public_min_cell") == "5"  # the archive's settings
    engine.dispose()


def _rewrite(archive: Path, change: Any) -> Path:
    """A copy of ``archive`` with ``change(name, data) -> data`` applied to each member."""
    damaged = archive.with_name(f"damaged-{change.__name__}.zip")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return damaged


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_refuses_damaged_and_newer_archives(
    cli: CliRunner, stores: Any, tmp_path: Path, backend: str
) -> None:
    origin, blank = stores("sqlite", "demo"), stores(backend, "blank")
    archive = tmp_path / "store.zip"
    assert invoke(cli, "--db", origin, "db", "backup", str(archive))[0] == 0

    def one_more_person(name: str, data: bytes) -> bytes:
        if name == "tables/members.jsonl":
            return data.replace(b'"MS-', b'"MX-', 1)
        return data

    def newer(name: str, data: bytes) -> bytes:
        if name == MANIFEST:
            manifest = json.loads(data)
            manifest["revisions"] = [*manifest["revisions"], "9999"]
            return json.dumps(manifest).encode()
        return data

    def a_huge_row(name: str, data: bytes) -> bytes:  # 20 MiB of one line packs to ~20 KB
        if name == "tables/members.jsonl":
            return b'["' + b"x" * (20 * 1024 * 1024) + b'"]\n' + data
        return data

    def more_rows(name: str, data: bytes) -> bytes:
        if name == "tables/members.jsonl":
            return data + data
        return data

    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"PK not really a zip file")
    cases = [
        (_rewrite(archive, one_more_person), ["members", "checksum", "damaged"]),
        (_rewrite(archive, a_huge_row), ["members", "a row of more than 16 MiB"]),
        (_rewrite(archive, more_rows), ["members", "rows of the manifest"]),
        (garbage, ["not a stdgap backup"]),
        (tmp_path / "missing.zip", ["no such file"]),
    ]
    for path, words in cases:
        code, _out, err = invoke(cli, "--db", blank, "db", "restore", str(path))
        assert code == 2, err
        for word in words:
            assert word in err, err
    code, _out, err = invoke(cli, "--db", blank, "db", "restore", str(_rewrite(archive, newer)))
    assert code == 2 and "newer schema" in err and "9999" in err
    engine = open_store(blank)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Member)).scalar_one() == 0
        assert data_version(connection) is None
    assert audit_rows(engine, limit=10)[1] == []
    engine.dispose()


def test_an_empty_store_round_trips(cli: CliRunner, store_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "empty.zip"
    code, _out, err = invoke(cli, "--db", store_url, "db", "backup", str(archive))
    assert code == 0, err
    assert archive.stat().st_mode & 0o777 == 0o600  # password hashes, the cell-key secret
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read(MANIFEST))
    assert manifest["format"] == "stdgap-backup" and manifest["data_version"] is None
    names = {table["name"] for table in manifest["tables"]}
    assert names == set(metadata().tables) - {"fact_changes", "fact_writes"}
    code, _out, err = invoke(cli, "--db", store_url, "db", "restore", "--force", str(archive))
    assert code == 0, err
    engine = open_store(store_url)
    with engine.connect() as connection:
        assert data_version(connection) is None  # the archive's: no data written yet
    assert [entry["action"] for entry in audit_rows(engine, limit=10)[1]] == ["db.restore"]
    engine.dispose()


def test_a_full_disk_leaves_no_archive(
    cli: CliRunner, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(self: Any, rows: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(archive_module._Hashing, "write_rows", no_space)
    archive = tmp_path / "store.zip"
    code, _out, err = invoke(cli, "--db", store_url, "db", "backup", str(archive))
    assert code == 1 and "No space left on device" in err and str(archive) in err
    assert list(tmp_path.glob("*.zip*")) == []
