"""``stdgap serve --get PATH``: one answer printed, no server started, nothing written."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.accounts.queries import audit_rows
from stdgap_testing import invoke


def test_get_prints_what_the_server_would_answer(
    cli: CliRunner, client: TestClient, db_url: str, loaded: Engine
) -> None:
    written = audit_rows(loaded)[0]
    path = "/indicators.json?by=year&indicator=participants,attendances"
    code, out, err = invoke(cli, "--db", db_url, "serve", "--get", path)
    assert code == 0, err
    assert json.loads(out) == client.get(path).json()
    code, out, _err = invoke(cli, "--db", db_url, "serve", "--get", "/countries/KEN")
    assert code == 0 and "<html" in out
    assert audit_rows(loaded)[0] == written  # a read: nothing written, not even a secret


def test_get_says_what_went_wrong(cli: CliRunner, db_url: str) -> None:
    code, out, _ = invoke(cli, "--db", db_url, "serve", "--get", "/api/v1/countries/XYZ")
    assert code == 1 and json.loads(out)["status"] == 404
    code, _out, err = invoke(cli, "--db", db_url, "serve", "--get", "/audit")
    assert code == 1 and "redirected to /login" in err
    for bad in ("//[x", "http://example.org/", "indicators"):
        code, _out, err = invoke(cli, "--db", db_url, "serve", "--get", bad)
        assert code == 2 and "give a path" in err
    code, out, _ = invoke(cli, "--db", db_url, "serve", "--get", "/indicators.json?min_cell=²")
    assert code == 1 and json.loads(out)["status"] == 422
    code, out, _ = invoke(
        cli, "--db", db_url, "serve", "--get", "/indicators.json?where=country:KÉNX&by=year"
    )
    assert code == 1 and "KÉNX" in json.loads(out)["detail"]


def test_serve_says_when_the_port_is_taken_before_saying_it_is_up(
    cli: CliRunner, db_url: str
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = invoke(cli, "--db", db_url, "serve", "--port", str(port))
    assert code == 2 and f"cannot listen on 127.0.0.1:{port}" in err
    assert "stdgap on http" not in out
