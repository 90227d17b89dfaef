"""The differencing attack of the second round's review, on the public API of the small demo
(seed 2024): whatever an anonymous user asks for, no cell about persons is published exactly or
solvable from the exact cells (the totals by year, by every other dimension, and their crossings);
the same cell gets the same figure every time; signed-in analysts get the exact figures."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from disclosure_attack import Release, recovered
from stdgap.bootstrap import open_store
from stdgap.demo.load import load_demo
from stdgap.http.settings import WebSettings
from stdgap.indicators.catalogue import CATALOGUE, DIMENSIONS
from stdgap.web.app import create_app
from stores import Templates
from web_testing import make_users, sign_in

ATTACKED = (
    "participants",
    "attendances",
    "fellowship_attendances",
    "women_share",
    "young_share",
    "newcomer_share",
    "leadership_held",
    "women_leadership_held_share",
    "roles_held",
)
SPLITS = [d for d in DIMENSIONS if d not in ("year", "gender")]


def _demo_2024(engine: Engine) -> None:
    load_demo(engine, "small", 2024)
    make_users(engine)


@pytest.fixture
def demo_client(backend: str, templates: Templates, tmp_path: Path) -> Iterator[TestClient]:
    url = templates.copy(backend, "demo-2024", _demo_2024, tmp_path)
    engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as client:
        yield client
    engine.dispose()
    templates.drop(url)


def _get(client: TestClient, by: tuple[str, ...], indicators: list[str], **extra: Any) -> Any:
    params = {"by": ",".join(by), "indicator": ",".join(indicators), "limit": 100_000, **extra}
    response = client.get("/api/v1/indicators", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _parts(indicator: str) -> tuple[str, ...]:
    return ("numerator", "denominator") if CATALOGUE[indicator].is_share else ("value",)


def _asked(by: tuple[str, ...]) -> list[str]:
    return [i for i in ATTACKED if set(by) <= set(CATALOGUE[i].dimensions)]


@pytest.mark.parametrize("split", SPLITS)
def test_no_cell_about_persons_is_recovered_through_the_api(
    demo_client: TestClient, split: str
) -> None:
    groupings = [
        by for n in range(4) for by in itertools.combinations(("year", split, "gender"), n)
    ]
    sign_in(demo_client, "analyst")
    truth = {by: _get(demo_client, by, _asked(by), min_cell=1) for by in groupings}
    demo_client.cookies.clear()
    releases = []
    for by in groupings:
        published = _get(demo_client, by, _asked(by))
        assert published == _get(demo_client, by, _asked(by), min_cell=1)  # asking is no help
        releases.append(Release(by, published, truth[by]))
    perturbed = [
        (item, exact)
        for release in releases
        for item, exact in zip(release.published, release.truth, strict=True)
        if item["protection"] == "perturbed"
    ]
    assert perturbed, "the demo has cells about persons"
    moved = [
        item[part] - exact[part]
        for item, exact in perturbed
        for part in _parts(item["indicator"])
        if item[part] is not None
    ]
    assert any(moved) and all(abs(delta) <= 3 for delta in moved)
    for indicator in ATTACKED:
        if split in CATALOGUE[indicator].dimensions:
            assert recovered(releases, indicator) == [], indicator
