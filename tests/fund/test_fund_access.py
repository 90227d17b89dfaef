"""Who may use each route of the fund (pages, forms, API), for every role and anonymous: the
balances by programme are public (every earmark for officers, analysts and admins); donors, the
ledger and the statement are read by officers, analysts and admins; officers and admins record;
only admins approve (and never what they recorded)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pytest
from fastapi.testclient import TestClient
from fund_world import FELLOWSHIPS, GENERAL, build_fund_world
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import ROLES, problem, sign_in

JSON = {"Accept": "application/json"}
WHO = (None, "applicant", "viewer", "officer", "analyst", "admin")
assert set(WHO) - {None} == set(ROLES)


class Route(NamedTuple):
    method: str
    path: str
    body: dict[str, Any] | None
    statuses: tuple[int, ...]  # anonymous, applicant, viewer, officer, analyst, admin

    @property
    def api(self) -> bool:
        return self.path.startswith("/api/")


EVERYONE = (200,) * 6
READERS = (401, 403, 403, 200, 200, 200)
RECORDERS = (401, 403, 403, 201, 403, 201)
RECORDERS_200 = (401, 403, 403, 200, 403, 200)
APPROVERS = (401, 403, 403, 403, 403, 200)
DONOR = {"name": "Acme", "kind": "other"}
EARMARK = {"key": "interp", "programme": "interpretation", "region": "Africa"}
RECEIPT = {"kind": "receipt", "donor": "Switzerland", "earmark": GENERAL, "amount": "100.50"}
SPENDING = {"kind": "spending", "earmark": FELLOWSHIPS, "amount": "10", "reference_kind": "event"}
REASON = {"reason": "booked twice"}

ROUTES = [
    Route("GET", "/fund.json", None, EVERYONE),
    Route("GET", "/fund/donors.json", None, READERS),
    Route("GET", "/fund/ledger.json", None, READERS),
    Route("GET", "/fund/ledger.json?state=pending", None, READERS),
    Route("GET", "/fund/statement.json?year=2025", None, READERS),
    Route("GET", "/api/v1/fund/balances", None, EVERYONE),
    Route("GET", "/api/v1/fund/donors", None, READERS),
    Route("GET", "/api/v1/fund/ledger", None, READERS),
    Route("GET", "/api/v1/fund/statement?year=2025", None, READERS),
    Route("POST", "/fund/donors", DONOR, RECORDERS),
    Route("POST", "/api/v1/fund/donors", DONOR, RECORDERS),
    Route("POST", "/fund/earmarks", EARMARK, RECORDERS),
    Route("POST", "/api/v1/fund/earmarks", EARMARK, RECORDERS),
    Route("POST", "/fund/transactions", RECEIPT, RECORDERS),
    Route("POST", "/api/v1/fund/transactions", RECEIPT, RECORDERS),
    Route("POST", "/fund/transactions", SPENDING, RECORDERS),
    Route("POST", "/api/v1/fund/transactions", SPENDING, RECORDERS),
    Route("POST", "/fund/transactions/6/reversal", REASON, RECORDERS),
    Route("POST", "/api/v1/fund/transactions/6/reversal", REASON, RECORDERS),
    Route("POST", "/fund/transactions/7/approval", {}, APPROVERS),
    Route("POST", "/api/v1/fund/transactions/7/approval", {}, APPROVERS),
]
FILES = [
    "/fund/statement/2025.docx",
    "/fund/statement/2025.xlsx",
    "/fund/donor-report.docx",
    "/api/v1/fund/statement?year=2025&format=xlsx",
]


def call(client: TestClient, route: Route, token: str) -> Any:
    if route.method == "GET":
        return client.get(route.path, headers=JSON)
    if route.api:
        return client.post(route.path, json=route.body, headers={**JSON, "X-CSRF-Token": token})
    return client.post(route.path, data={**(route.body or {}), "csrf_token": token}, headers=JSON)


@pytest.fixture(scope="module")
def shared(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], TestClient]]:
    """A client of one store per backend for the requests that write nothing."""
    made: dict[str, tuple[Engine, TestClient, str]] = {}

    def get(backend: str) -> TestClient:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"fund-{backend}")
            url = templates.copy(backend, "fund-world", build_fund_world, folder)
            engine = open_store(url)
            app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
            client = TestClient(app)
            client.__enter__()
            made[backend] = (engine, client, url)
        client = made[backend][1]
        client.cookies.clear()
        return client

    yield get
    for engine, client, url in made.values():
        client.__exit__(None, None, None)
        engine.dispose()
        templates.drop(url)


@pytest.mark.parametrize("who", range(len(WHO)), ids=[w or "public" for w in WHO])
@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method} {r.path} {r.body}" for r in ROUTES])
def test_who_may_use_each_route(
    request: pytest.FixtureRequest,
    backend: str,
    shared: Callable[[str], TestClient],
    route: Route,
    who: int,
) -> None:
    role = WHO[who]
    writes = route.method != "GET" and route.statuses[who] < 400
    client = request.getfixturevalue("client") if writes else shared(backend)
    token = sign_in(client, role) if role else client.get("/api/v1/session").json()["csrf_token"]
    answer = call(client, route, token)
    expected = route.statuses[who]
    if expected >= 400:
        problem(answer, expected)
        return
    assert answer.status_code == expected, answer.text
    assert answer.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("who", range(len(WHO)), ids=[w or "public" for w in WHO])
def test_earmarks_only_for_readers(
    backend: str, shared: Callable[[str], TestClient], who: int
) -> None:
    client = shared(backend)
    role = WHO[who]
    if role:
        sign_in(client, role)
    found = client.get("/fund.json").json()
    assert found["total"]["received"] == "39412.00"
    assert found["programmes"]["fellowships"]["available"] == "22000.00"
    readers = ("officer", "analyst", "admin")
    assert (found["earmarks"] is not None) == (role in readers)
    assert ("fellowships-asia" in client.get("/fund").text) == (role in readers)


@pytest.mark.parametrize("path", FILES)
def test_downloads_for_readers(
    backend: str, shared: Callable[[str], TestClient], path: str
) -> None:
    client = shared(backend)
    assert client.get(path, headers=JSON).status_code == 401
    sign_in(client, "analyst")
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.method != "GET"], ids=lambda r: f"{r.method} {r.path}"
)
def test_every_write_needs_the_csrf_token(
    backend: str, shared: Callable[[str], TestClient], route: Route
) -> None:
    client = shared(backend)
    sign_in(client, "admin")
    problem(client.request(route.method, route.path, headers=JSON), 403)


def test_pages_render(backend: str, shared: Callable[[str], TestClient]) -> None:
    client = shared(backend)
    assert client.get("/fund").status_code == 200
    sign_in(client, "admin")
    for path in (
        "/fund",
        "/fund/donors",
        "/fund/ledger",
        "/fund/ledger?state=pending",
        "/fund/statement?year=2025",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:300])
        assert "<script>" not in answer.text and " style=" not in answer.text
    assert client.get("/fund/statement/2025.odt").status_code == 404
    assert client.get("/fund/statement.json?year=1800").status_code == 422
