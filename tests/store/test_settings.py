"""Settings: defaults, checked values, and a new data version on every change."""

from __future__ import annotations

from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.store.settings import get_setting
from stdgap.store.version import data_version
from stdgap_testing import invoke


def test_transition_setting_defaults_to_true_and_changes(
    store_url: str, engine: Engine, cli: CliRunner
) -> None:
    with engine.connect() as connection:
        assert get_setting(connection, "transition_counts_as_developing") == "true"
        before = data_version(connection)
    code, out, _err = invoke(
        cli, "settings", "set", "transition_counts_as_developing", "FALSE", "--db", store_url
    )
    assert code == 0 and "= false" in out
    with engine.connect() as connection:
        assert get_setting(connection, "transition_counts_as_developing") == "false"
        assert data_version(connection) != before
    code, out, _err = invoke(cli, "settings", "show", "--db", store_url)
    assert code == 0 and "transition_counts_as_developing" in out


def test_unknown_settings_and_values_are_refused(store_url: str, cli: CliRunner) -> None:
    code, _out, err = invoke(cli, "settings", "set", "colour", "blue", "--db", store_url)
    assert code == 2 and "unknown setting 'colour'" in err
    code, _out, err = invoke(
        cli, "settings", "set", "transition_counts_as_developing", "maybe", "--db", store_url
    )
    assert code == 2 and "'maybe' is not one of true, false" in err
    code, _out, err = invoke(cli, "settings", "set", "data_version", "x", "--db", store_url)
    assert code == 2
