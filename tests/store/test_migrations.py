"""The models and the migrations agree: a store migrated to every head has exactly the tables,
columns, types, keys and indexes that the capabilities' models declare (what Alembic's
autogenerate would write for a new revision is nothing); each capability's revisions are found."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Engine, Integer, Table

from stdgap import bootstrap, capabilities
from stdgap.store.models import Base


def test_the_migrated_store_matches_every_model(engine: Engine) -> None:
    metadata = bootstrap.metadata()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []
    assert {"audit_log", "users", "fellowship_calls", "resolutions"} <= set(metadata.tables)


def test_each_capability_s_migrations_are_in_its_own_folder() -> None:
    folders = bootstrap.migration_folders()
    owners = {
        found.name: found.migrations_folder
        for found in capabilities.CAPABILITIES
        if found.migrations
    }
    assert set(owners) >= {"store", "accounts", "resolutions", "programmes"}
    for name, folder in owners.items():
        assert folder in folders and folder is not None
        assert list(folder.glob("0*.py")), f"{name} declares migrations but has none"


class _Probe(capabilities.Capability):
    """A capability whose package is a temporary folder."""

    here: Path = Path()

    @property
    def folder(self) -> Path:
        return self.here


def test_db_revision_writes_a_capability_s_first_migration_into_its_folder(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = capabilities.CAPABILITIES
    undeclared = _Probe("probe", "stdgap.probe")
    object.__setattr__(undeclared, "here", tmp_path / "probe")
    monkeypatch.setattr(capabilities, "CAPABILITIES", (*shipped, undeclared))
    with pytest.raises(ValueError, match="declares no migrations"):
        bootstrap.new_revision(engine, "probe", "probe things")
    probe = _Probe("probe", "stdgap.probe", migrations=True)
    object.__setattr__(probe, "here", tmp_path / "probe")
    monkeypatch.setattr(capabilities, "CAPABILITIES", (*shipped, probe))
    table = Table("probe_things", Base.metadata, Column("id", Integer, primary_key=True))
    try:
        written = Path(bootstrap.new_revision(engine, "probe", "probe things"))
    finally:
        Base.metadata.remove(table)
    assert written.parent == tmp_path / "probe" / "migrations"
    text = written.read_text()
    assert "op.create_table(" in text and "probe_things" in text
    assert "down_revision: str | None = '0001'" in text
    assert "branch_labels: str | Sequence[str] | None = ('probe',)" in text
