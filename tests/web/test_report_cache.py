"""Reports are built once, off the request path, and kept until the data change: concurrent
requests wait for the one build, a second worker reads the file the first wrote, a data change
builds again, analysts' exact reports are kept apart from the public's, and a client with as
many builds as it may gets 429 with Retry-After."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.http.builds import Builds
from stdgap.http.settings import WebSettings
from stdgap.indicators.cells import IndicatorError
from stdgap.reports import web as report_web
from stdgap.reports.cache import ReportCache
from stdgap.store.settings import set_setting
from stdgap.web.app import create_app
from web_testing import problem, sign_in

ANNUAL = "/reports/annual.html?year=2024"
JSON = {"Accept": "application/json"}


class CountedBuilds:
    """Counts the reports really built; a build may be held until ``release`` is set, or until
    ``waiters`` requests wait for it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.built: list[tuple[str, int, str | None]] = []
        self.release = threading.Event()
        self.release.set()
        self.builds: Builds[Any] | None = None
        self.waiters = 0
        real = report_web._build

        def counted(engine: Engine, wanted: report_web.Wanted) -> Any:
            self.built.append((wanted.fmt, wanted.year, wanted.region))
            assert self.release.wait(30)
            if self.builds is not None:
                _wait(lambda: self._joined() >= self.waiters - 1, 30)
            return real(engine, wanted)

        monkeypatch.setattr(report_web, "_build", counted)

    def _joined(self) -> int:
        return self.builds.joined if self.builds is not None else 0


def _wait(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


async def _await(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> CountedBuilds:
    return CountedBuilds(monkeypatch)


def _app(engine: Engine, folder: Path, **settings: Any) -> FastAPI:
    made = WebSettings(secret_key="reports", report_cache=str(folder), **settings)
    return create_app(engine=engine, settings=made)


def _client(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _get_all(
    app: FastAPI, paths: list[str], headers: dict[str, str] | None = None
) -> list[Any]:
    async with _client(app, "10.0.0.1") as client:
        return list(await asyncio.gather(*(client.get(path, headers=headers) for path in paths)))


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "reports"


def test_concurrent_requests_wait_for_one_build(
    loaded: Engine, folder: Path, counted: CountedBuilds
) -> None:
    app = _app(loaded, folder)
    counted.builds = app.state.builds
    counted.waiters = 8
    answers = asyncio.run(_get_all(app, [ANNUAL] * 8))
    assert [a.status_code for a in answers] == [200] * 8
    assert len({a.content for a in answers}) == 1
    assert counted.built == [("html", 2024, None)]
    assert app.state.builds.started == 1 and app.state.builds.joined == 7
    assert answers[0].headers["content-disposition"] == (
        'attachment; filename="stdgap-annual-2024.html"'
    )
    assert answers[0].headers["content-type"].startswith("text/html")
    assert answers[0].content.lstrip().startswith(b"<")


def test_a_report_is_kept_until_the_data_change(
    loaded: Engine, folder: Path, counted: CountedBuilds
) -> None:
    app = _app(loaded, folder)
    with TestClient(app) as client:
        first = client.get(ANNUAL)
        assert first.status_code == 200
        again = client.get(ANNUAL)
        assert again.content == first.content
        assert len(counted.built) == 1
        kept = ReportCache(folder, 1 << 30).entries()
        assert len(kept) == 1
        client.get("/reports/region.html?region=asia%20%26%20pacific&year=2024")
        client.get("/reports/region.html?region=Asia-Pacific&year=2024")  # the same region
        assert len(counted.built) == 2
        set_setting.perform(loaded, "test", "transition_counts_as_developing", "true")
        rebuilt = client.get(ANNUAL)
        assert rebuilt.status_code == 200
        assert len(counted.built) == 3
        client.get(ANNUAL)
        assert len(counted.built) == 3


def test_another_worker_reads_the_report_the_first_built(
    loaded: Engine, folder: Path, counted: CountedBuilds
) -> None:
    with TestClient(_app(loaded, folder)) as first:
        built = first.get(ANNUAL)
    with TestClient(_app(loaded, folder)) as second:
        kept = second.get(ANNUAL)
    assert kept.status_code == 200 and kept.content == built.content
    assert len(counted.built) == 1


def test_exact_reports_are_kept_apart_from_the_public_s(
    loaded: Engine, folder: Path, counted: CountedBuilds
) -> None:
    with TestClient(_app(loaded, folder)) as client:
        public = client.get(ANNUAL)
        sign_in(client, "analyst")
        exact = client.get(ANNUAL + "&min_cell=1")
        assert exact.status_code == 200 and public.status_code == 200
        assert len(counted.built) == 2
        signed_in_public = client.get(ANNUAL)  # an analyst asking nothing gets the public one
        assert signed_in_public.content == public.content
        assert len(counted.built) == 2


def test_without_a_cache_folder_reports_are_built_each_time(
    loaded: Engine, counted: CountedBuilds
) -> None:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="r", report_cache=""))
    with TestClient(app) as client:
        assert client.get(ANNUAL).status_code == 200
        assert client.get(ANNUAL).status_code == 200
    assert len(counted.built) == 2


def test_a_client_with_its_builds_running_is_told_to_retry(
    loaded: Engine, folder: Path, counted: CountedBuilds
) -> None:
    app = _app(loaded, folder, report_builds_per_client=1)
    builds: Builds[Any] = app.state.builds
    counted.release.clear()

    async def scenario() -> dict[str, Any]:
        async with _client(app, "10.0.0.1") as mine, _client(app, "10.0.0.2") as other:
            first = asyncio.create_task(mine.get(ANNUAL))
            await _await(lambda: builds.running("10.0.0.1") == 1)
            refused = await mine.get("/reports/annual.docx?year=2024", headers=JSON)
            page = await mine.get("/reports/annual.docx?year=2024")
            same = asyncio.create_task(mine.get(ANNUAL))  # waits for the build under way
            elsewhere = asyncio.create_task(
                other.get("/reports/region.html?region=Africa&year=2024")
            )
            await _await(lambda: builds.joined == 1 and builds.running("10.0.0.2") == 1)
            counted.release.set()
            done = await asyncio.gather(first, same, elsewhere)
            return {"refused": refused, "page": page, "done": done}

    answers = asyncio.run(scenario())
    body = problem(answers["refused"], 429)
    assert body["type"].endswith("busy")
    retry = int(answers["refused"].headers["retry-after"])
    assert 1 <= retry <= 60
    assert str(retry) in body["detail"]
    assert answers["page"].status_code == 429
    assert answers["page"].headers["content-type"].startswith("text/html")
    assert "retry-after" in answers["page"].headers
    assert [a.status_code for a in answers["done"]] == [200, 200, 200]
    assert builds.running() == 0
    assert sorted(counted.built, key=str) == [("html", 2024, "Africa"), ("html", 2024, None)]


def test_a_failed_build_is_told_to_every_waiter_and_frees_the_client(
    loaded: Engine, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(engine: Engine, wanted: object) -> object:
        time.sleep(0.2)  # long enough for the three requests to wait for the same build
        raise IndicatorError("the figures cannot be computed")

    monkeypatch.setattr(report_web, "_build", refuse)
    app = _app(loaded, folder, report_builds_per_client=1)
    answers = asyncio.run(_get_all(app, ["/reports/annual.html?year=2024"] * 3, JSON))
    for answer in answers:
        assert answer.status_code == 422
        assert "the figures cannot be computed" in answer.json()["detail"]
    assert app.state.builds.running() == 0
    assert ReportCache(folder, 1 << 30).entries() == []


def test_the_cache_is_bounded_and_forgets_the_least_recently_used(tmp_path: Path) -> None:
    cache = ReportCache(tmp_path, 250)
    for name in ("a", "b"):
        cache.put(name, name.encode() * 100)
        time.sleep(0.02)
    assert cache.get("a") == b"a" * 100  # used: b is now the least recently used
    time.sleep(0.02)
    cache.put("c", b"c" * 100)
    assert cache.get("b") is None
    assert cache.get("a") == b"a" * 100 and cache.get("c") == b"c" * 100
    assert cache.size() == 200
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


def test_a_cache_that_cannot_be_written_still_serves(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ReportCache(blocker / "reports", 1000)
    cache.put("a", b"data")
    assert cache.get("a") is None
