"""An officer names the fund earmark paying a fellowship call in the browser: the form to open
a call and the call's terms offer the fellowship earmarks, and the call's page says which one
its allocation reserves from."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from factories import ACTOR
from stdgap.bootstrap import open_store
from stdgap.fund import ledger
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import sign_in

sys.path.insert(0, str(Path(__file__).parents[1] / "fellowships"))
from fellowship_factories import CALL, build_call_world

JSON = {"Accept": "application/json"}


def build(engine: Engine) -> None:
    build_call_world(engine)  # its users of every role too
    ledger.add_earmark.perform(engine, ACTOR, "fellowships-all", "fellowships")
    ledger.add_earmark.perform(engine, ACTOR, "interpretation-all", "interpretation")


@pytest.fixture
def client(backend: str, templates: Templates, tmp_path: Path) -> Iterator[TestClient]:
    url = templates.copy(backend, "fund-call-pages", build, tmp_path)
    engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        yield test_client
    engine.dispose()
    templates.drop(url)


def test_the_call_forms_offer_the_fellowship_earmarks(client: TestClient) -> None:
    token = sign_in(client, "officer")
    new = client.get("/fellowships/new")
    assert new.status_code == 200
    assert '<option value="fellowships-all">' in new.text
    assert "interpretation-all" not in new.text  # not an earmark a fellowship may use
    page = client.get(f"/fellowships/{CALL}")
    assert "Not paid from the fund." in page.text
    terms = {"csrf_token": token, "fund_earmark": "fellowships-all"}
    changed = client.post(f"/fellowships/{CALL}/terms", data=terms, headers=JSON)
    assert changed.status_code == 200, changed.text
    assert changed.json()["fund_earmark"] == "fellowships-all"
    page = client.get(f"/fellowships/{CALL}")
    assert "earmark fellowships-all: the allocation reserves the granted cost" in page.text
    assert '<option value="fellowships-all" selected>' in page.text
    cleared = client.post(
        f"/fellowships/{CALL}/terms", data={**terms, "fund_earmark": ""}, headers=JSON
    )
    assert cleared.status_code == 200 and cleared.json()["fund_earmark"] is None
    unknown = client.post(
        f"/fellowships/{CALL}/terms", data={**terms, "fund_earmark": "nope"}, headers=JSON
    )
    assert unknown.status_code == 422 and "unknown fund earmark" in unknown.text
