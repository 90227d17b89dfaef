"""An empty store (migrated, nothing imported), and a store without data for a year, a region or
a country: every command and every page answers with empty results or a clear message, never
a crash."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.http.settings import WebSettings
from stdgap.indicators import answers
from stdgap.indicators.cache import clear_memory
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source, guess_kind
from stdgap.web.app import create_app, routers
from stdgap_testing import invoke
from web_testing import make_users, sign_in

#: Values of the path parameters of the pages.
FILL = {"code": "KEN", "number": "44", "call_id": "F-1", "fmt": "html"}
QUERIES = {
    "/reports/annual.{fmt}": "?year=2030",
    "/reports/region.{fmt}": "?region=Africa&year=2030",
    "/indicators": "?by=year,region,status,group",
    "/api/v1/indicators": "?by=year,region,status,group",
}


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("STDGAP_CACHE_DIR", str(tmp_path / "cache"))
    clear_memory()
    answers.clear()
    yield
    clear_memory()
    answers.clear()


def pages() -> list[str]:
    """Every GET route of the application, its parameters filled."""
    found = []
    for router in routers():
        for route in router.routes:
            path = getattr(route, "path", "")
            if "GET" not in getattr(route, "methods", set()):
                continue
            filled = path
            for name, value in FILL.items():
                filled = filled.replace("{" + name + "}", value)
            found.append(filled + QUERIES.get(path.removesuffix(".json"), ""))
    return found


def answer_every_page(client: TestClient) -> dict[str, int]:
    statuses = {}
    for page in pages():
        response = client.get(page)
        statuses[page] = response.status_code
        assert response.status_code < 500, f"{page}: {response.text[:300]}"
        if response.status_code >= 400 and response.headers["content-type"].endswith("json"):
            assert response.json()["detail"], page
    return statuses


def test_every_page_answers_an_empty_store(engine: Engine) -> None:
    make_users(engine)
    app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as client:
        anonymous = answer_every_page(client)
        sign_in(client, "admin")
        statuses = answer_every_page(client)
    assert len(statuses) >= 40
    by = "?by=year,region,status,group"
    for page in (f"/indicators{by}", f"/indicators.json{by}", f"/api/v1/indicators{by}"):
        assert statuses[page] == anonymous[page] == 200, page
    assert statuses["/countries/KEN"] == statuses["/api/v1/countries/KEN"] == 200
    assert statuses["/reports/annual.html?year=2030"] == 200  # a report saying there is no data
    assert statuses["/groups/KEN"] == 404  # no such group: a clear answer


def _run(cli: CliRunner, url: str, *args: str) -> tuple[int, str, str]:
    return invoke(cli, "--db", url, *args)


def test_every_command_answers_an_empty_store(
    cli: CliRunner, store_url: str, tmp_path: Path
) -> None:
    out_file = str(tmp_path / "out.html")
    quiet = [
        ("indicators",),
        ("indicators", "--by", "year,region,status,group,role,gender"),
        ("indicators", "--format", "csv"),
        ("indicators", "--format", "sdmx-csv"),
        ("indicators", "--format", "parquet", "--out", str(tmp_path / "x.parquet")),
        ("settings", "show"),
        ("reference", "show", "KEN"),
        ("users", "list"),
        ("audit", "list"),
        ("resolutions", "list"),
        ("resolutions", "clauses"),
        ("resolutions", "report", "--out", str(tmp_path / "r.docx")),
        ("fellowships", "calls"),
        ("serve", "--get", "/indicators.json?by=year"),
        ("serve", "--get", "/countries/KEN.json"),
        ("db", "current"),
    ]
    for args in quiet:
        code, _out, err = _run(cli, store_url, *args)
        assert code == 0, (args, err)
    code, out, err = _run(cli, store_url, "indicators", "--by", "year", "--format", "json")
    assert code == 0 and json.loads(out) == []
    assert "no meetings yet" in err and "stdgap import" in err
    for args in (("resolutions", "show", "44"), ("awards", "results", "A-1")):
        code, out, err = _run(cli, store_url, *args)
        assert code in (1, 2), (args, err)
        said = err if args[0] != "serve" else out  # serve --get prints the error page
        assert said.strip() and "Traceback" not in err + out, (args, err)
    for args in (
        ("report", "annual", "--year", "2025", "--out", out_file),
        ("report", "region", "--region", "Africa", "--year", "2025", "--out", out_file),
    ):  # a report that says there is nothing to report on
        code, _out, err = _run(cli, store_url, *args)
        assert code == 0, (args, err)
        assert "no meetings yet" in Path(out_file).read_text(encoding="utf-8")


@pytest.fixture
def small(engine: Engine, small_files: list[Path]) -> Engine:
    """The small data set: meetings of 2024 only, members of Africa, the Americas, Asia-Pacific
    and Europe (none of the Arab States or the CIS)."""
    sources = [Source.from_path(path, kind) for path in small_files if (kind := guess_kind(path))]
    run_import.perform(engine, "test", sources)
    return engine


def test_a_year_a_region_and_a_country_without_data(
    cli: CliRunner, small: Engine, store_url: str, tmp_path: Path
) -> None:
    out_file = tmp_path / "report.html"
    code, _out, err = _run(
        cli, store_url, "report", "annual", "--year", "2030", "--out", str(out_file)
    )
    assert code == 0, err
    said = out_file.read_text(encoding="utf-8")
    assert "no meeting in 2030" in said and "to 2024." in said
    for region in ("CIS", "Arab States"):
        code, out, err = _run(
            cli,
            store_url,
            "report",
            "region",
            "--region",
            region,
            "--year",
            "2024",
            "--out",
            str(out_file),
        )
        assert code == 0 and out_file.exists(), err
    for where in ("region=CIS", "year=2030", "country=KEN"):
        code, out, err = _run(cli, store_url, "indicators", "--where", where, "--format", "json")
        assert code == 0, err
        if where != "country=KEN":
            assert json.loads(out) == [] and "no figures match" in err
    code, out, err = _run(cli, store_url, "indicators", "--where", "country=ATA")
    assert code == 2 and "no member of that country" in err

    app = create_app(engine=small, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as client:
        answer_every_page(client)
        for page in (
            "/indicators.json?where=region:CIS",
            "/indicators.json?where=year:2030",
            "/api/v1/indicators?where=region:Arab%20States&by=year",
            "/countries/RUS.json",
            "/reports/region.html?region=CIS&year=2024",
        ):
            assert client.get(page).status_code == 200, page
        assert client.get("/indicators.json?where=year:2030").json()["cells"] == []
        assert client.get("/countries/RUS.json").json()["participation"] == []
        assert "no meeting in 2030" in client.get("/reports/annual.html?year=2030").text
