"""The REST API: answers equal to the CLI's, pagination, problem details, the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stdgap_testing import invoke
from web_testing import problem, sign_in

QUERIES = [
    {"by": "year,group"},
    {"by": "year", "indicator": "participants,women_share", "where": "region:Africa"},
    {"by": "status,gender", "from_year": "2023", "to_year": "2024"},
    {"indicator": "contributions,developing_contribution_share", "by": "group"},
    {},
]


def cli_args(query: dict[str, str], min_cell: int | None = None) -> list[str]:
    """The CLI's arguments for ``query``: public figures, or exact ones with ``min_cell``."""
    args = ["--format", "json"]
    if min_cell is not None:
        args += ["--min-cell", str(min_cell)]
    for name in ("by", "indicator"):
        if name in query:
            args += [f"--{name}", query[name]]
    if "where" in query:
        args += ["--where", query["where"].replace(":", "=")]
    for name in ("from_year", "to_year"):
        if name in query:
            args += [f"--{name.replace('_', '-')}", query[name]]
    return args


def api_items(client: TestClient, query: dict[str, str], **extra: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/indicators", params={**query, **extra, "limit": 100_000})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    items: list[dict[str, Any]] = body["items"]
    return items


@pytest.mark.parametrize("query", QUERIES)
def test_indicators_equal_the_cli(
    client: TestClient, cli: CliRunner, db_url: str, query: dict[str, str]
) -> None:
    code, out, _ = invoke(cli, "indicators", "--db", db_url, *cli_args(query))
    assert code == 0
    assert api_items(client, query) == json.loads(out)


def test_analysts_may_lower_the_minimum_cell(
    client: TestClient, cli: CliRunner, db_url: str
) -> None:
    query = {"by": "year,group,gender", "indicator": "participants"}
    _, public, _ = invoke(cli, "indicators", "--db", db_url, *cli_args(query))
    _, everything, _ = invoke(cli, "indicators", "--db", db_url, *cli_args(query, 1))
    assert json.loads(public) != json.loads(everything)  # the data has small cells
    assert api_items(client, query, min_cell=1) == json.loads(public)  # clamped for the public
    sign_in(client, "viewer")
    assert api_items(client, query, min_cell=1) == json.loads(public)  # and for viewers
    sign_in(client, "analyst")
    assert api_items(client, query, min_cell=1) == json.loads(everything)
    assert api_items(client, query) == json.loads(public)  # the default stays 5


def test_public_cells_of_persons_are_never_exact_nor_small(client: TestClient) -> None:
    """Whatever ``min_cell`` the public asks for (it is ignored: a threshold the asker moves
    would give sizes away by bisection), a cell about persons (split by gender, or a protected
    indicator) is perturbed, or suppressed when its size, exact or perturbed, is under five;
    public record is exact."""
    query = {"by": "year,region,gender", "indicator": "participants,women_share,attendances"}
    sign_in(client, "analyst")
    exact = {_cell_id(item): item for item in api_items(client, query, min_cell=1)}
    client.cookies.clear()
    public = api_items(client, query)
    for min_cell in (1, 2, 4, 6, 9, 50):
        assert api_items(client, query, min_cell=min_cell) == public, min_cell
    assert {_cell_id(item) for item in public} == set(exact)
    for item in public:
        truth = exact[_cell_id(item)]
        size = truth.get("denominator", truth["value"])
        if size is None or size < 5:
            assert item["protection"] == "suppressed" and item["value"] is None, item
        elif item["protection"] == "suppressed":  # perturbed below five
            assert size <= 5 + 3 and item["value"] is None, item
        else:
            assert item["protection"] == "perturbed", item
            assert item.get("denominator", item["value"]) >= 5, item
    by_region = api_items(client, {"by": "year,country", "indicator": "participants"})
    assert {item["protection"] for item in by_region} == {"exact"}
    assert min(item["value"] for item in by_region) < 5  # small public record stays exact


def _cell_id(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["indicator"], item["year"], item["region"], item.get("gender"))


def test_pagination(client: TestClient) -> None:
    everything = api_items(client, {"by": "year,group"})
    pages: list[dict[str, Any]] = []
    offset = 0
    while True:
        body = client.get(
            "/api/v1/indicators", params={"by": "year,group", "limit": 97, "offset": offset}
        ).json()
        assert body["total"] == len(everything)
        assert body["limit"] == 97 and body["offset"] == offset
        if not body["items"]:
            break
        pages += body["items"]
        offset += 97
    assert pages == everything
    for path in ("/api/v1/countries", "/api/v1/groups", "/api/v1/resolutions", "/api/v1/clauses"):
        first = client.get(path, params={"limit": 2}).json()
        second = client.get(path, params={"limit": 2, "offset": 2}).json()
        assert len(first["items"]) == 2 and first["total"] >= 4
        assert first["items"] != second["items"]


def test_problem_details(client: TestClient) -> None:
    body = problem(client.get("/api/v1/countries/XYZ"), 404)
    assert "XYZ" in body["detail"] and body["type"].endswith("not-found")
    problem(client.get("/api/v1/groups/SG99"), 404)
    problem(client.get("/api/v1/resolutions/9999"), 404)
    problem(client.get("/api/v1/no/such/thing"), 404)
    body = problem(client.get("/api/v1/indicators", params={"by": "colour"}), 422)
    assert "colour" in body["detail"]
    problem(client.get("/api/v1/indicators", params={"limit": 0}), 422)
    problem(client.get("/api/v1/indicators", params={"where": "year:abc"}), 422)
    problem(client.get("/api/v1/indicators", params={"indicator": "nothing"}), 422)
    problem(client.get("/api/v1/audit"), 401)
    sign_in(client, "analyst")
    problem(client.get("/api/v1/audit"), 403)


def test_resolutions_and_clauses(client: TestClient) -> None:
    listed = client.get("/api/v1/resolutions").json()
    assert {r["number"] for r in listed["items"]} == {44, 68, 74, 107}
    clauses = client.get("/api/v1/resolutions/44/clauses", params={"limit": 1000}).json()
    assert clauses["total"] == len(clauses["items"]) > 10
    tsb = client.get(
        "/api/v1/resolutions/44/clauses", params={"verb": "instructs", "limit": 1000}
    ).json()
    assert 0 < tsb["total"] < clauses["total"]
    assert all("instructs" in c["verb"] for c in tsb["items"])
    codes = {code for c in tsb["items"] for code in c["addressee_codes"]}
    code = sorted(codes)[0]
    chosen = client.get("/api/v1/clauses", params={"addressee": code, "limit": 1000}).json()
    assert chosen["total"] > 0
    assert all(code in c["addressee_codes"] for c in chosen["items"])


def test_country_and_group(client: TestClient) -> None:
    countries = client.get("/api/v1/countries", params={"limit": 1000}).json()["items"]
    code = next(c["code"] for c in countries if c["members"] > 0 and c["developing"])
    profile = client.get(f"/api/v1/countries/{code}").json()
    assert profile["code"] == code and profile["members"]
    assert {k["attribute"] for k in profile["classifications"]} >= {"developing", "itu_region"}
    assert client.get(f"/api/v1/countries/{code.lower()}").json()["code"] == code
    group = client.get("/api/v1/groups/TSAG").json()
    assert group["kind"] == "tsag" and group["meetings"]
    assert {r["indicator"] for r in group["participation"]} >= {"participants"}


def test_openapi_document(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for path in (
        "/api/v1/indicators",
        "/api/v1/countries/{code}",
        "/api/v1/groups/{code}",
        "/api/v1/resolutions",
        "/api/v1/resolutions/{number}/clauses",
        "/api/v1/actions",
        "/api/v1/imports",
        "/api/v1/session",
    ):
        assert path in paths, path
    assert not any(not p.startswith("/api/v1/") for p in paths)  # pages stay out of the API
    responses = paths["/api/v1/indicators"]["get"]["responses"]
    assert "application/problem+json" in responses["422"]["content"]
