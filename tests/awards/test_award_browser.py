"""Awards in a real browser (Playwright with Debian's Chromium, headless; no browser is
downloaded), on each backend: an applicant nominates a person found in the store; a juror who
declares a conflict of interest with a nominee gets no scoring form for them (and a score sent
anyway is refused) but scores another; the officer publishes the results, shown to everyone with
the nominees' names and countries. The pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from award_world import EXTRA, N_FJI, N_KEN, N_NPL, OPEN, SCORING, build_award_world
from sqlalchemy import Engine, select

from factories import ACTOR
from stdgap.awards import jury
from stdgap.awards.models import AwardJuror, AwardNomination, AwardScore
from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates
from web_testing import password_of

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest,
    templates: Templates,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Engine]]:
    """The application on the awards' world, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("award-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "award-world", build_award_world, folder)
    engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="browser"))
    config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{config.port}", engine
    server.should_exit = True
    thread.join(10)
    engine.dispose()
    templates.drop(url)
    os.environ.pop("STDGAP_CACHE_DIR", None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.add_init_script(WATCH_CSP)
    yield opened
    violations = opened.evaluate("window.__violations")
    context.close()
    assert errors == [] and violations == []


def sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", EXTRA.get(name) or password_of(name))
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def _scores(engine: Engine, juror: str, nomination: str) -> dict[int, float]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AwardScore.criterion_id, AwardScore.score)
            .join(AwardJuror, AwardJuror.id == AwardScore.juror_id)
            .join(AwardNomination, AwardNomination.id == AwardScore.nomination_id)
            .where(AwardJuror.juror_ref == juror, AwardNomination.nomination_id == nomination)
        )
        return {criterion: score for criterion, score in rows}


def test_an_applicant_nominates_a_person_of_the_store(page: Any, site: tuple[str, Engine]) -> None:
    base, engine = site
    sign_in(page, base, "applicant")
    page.goto(f"{base}/awards")
    with page.expect_navigation():
        page.click(f"a[href='/awards/{OPEN}']")
    with page.expect_navigation():
        page.click(f"a[href='/awards/{OPEN}/nominate']")
    page.fill("#person-search", "gurung")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    page.check("input[name=person][value='NPL-2']")
    page.fill("textarea[name=statement]", "Chairs the regional group of SG3 for Asia.")
    with page.expect_navigation():
        page.click("#nominate button[type=submit]")
    assert "Your nomination is received" in page.locator("[role=status]").inner_text()
    with engine.connect() as connection:
        name, country, by = connection.execute(
            select(
                AwardNomination.nominee_name,
                AwardNomination.country,
                AwardNomination.nominated_by,
            ).where(
                AwardNomination.nominee_ref == "NPL-2",
                AwardNomination.nomination_id.like(f"{OPEN}-%"),
            )
        ).one()
    assert (name, country, by) == ("Sita Gurung", "NPL", "applicant")


def test_a_juror_with_a_declared_conflict_cannot_score_that_nominee(
    page: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    sign_in(page, base, "juror2")
    page.goto(f"{base}/awards")
    with page.expect_navigation():
        page.click("a[href='/awards/jury']")
    with page.expect_navigation():
        page.click(f"a[href='/awards/{SCORING}/jury']")
    nominee = page.locator(f"section[data-nomination='{N_NPL}']")
    assert nominee.locator("form.score").count() == 1
    nominee.locator("summary").click()
    nominee.locator("select[name=kind]").select_option("relation")
    nominee.locator("input[name=note]").fill("she is my cousin")
    with page.expect_navigation():
        nominee.locator("form.declare button[type=submit]").click()
    assert "declared" in page.locator("[role=status]").inner_text()
    nominee = page.locator(f"section[data-nomination='{N_NPL}']")
    assert nominee.locator("form.score").count() == 0
    assert "You declared a conflict of interest" in nominee.locator(".conflict").inner_text()
    # a score sent anyway, with the page's own CSRF token, is refused
    token = page.get_attribute("meta[name=csrf-token]", "content")
    refused = page.request.post(
        f"{base}/awards/{SCORING}/nominations/{N_NPL}/scores",
        form={"criterion": "impact", "value": "10", "csrf_token": token},
        headers={"Accept": "application/json"},
    )
    assert refused.status == 403 and "conflict-of-interest" in refused.json()["type"]
    # … and the juror scores another nominee
    other = page.locator(f"section[data-nomination='{N_FJI}']")
    other.locator("input[data-criterion=impact]").fill("9")
    other.locator("input[data-criterion=novelty]").fill("4")
    with page.expect_navigation():
        other.locator("form.score button[type=submit]").click()
    assert "recorded" in page.locator("[role=status]").inner_text()
    assert sorted(_scores(engine, "juror2", N_FJI).values()) == [4.0, 9.0]
    assert _scores(engine, "juror2", N_NPL) == {}


def test_the_officer_publishes_the_results_with_names_and_countries(
    page: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    for nomination, impact, novelty in ((N_KEN, 9, 5), (N_NPL, 6, 3), (N_FJI, 7, 2)):
        scores = {"impact": float(impact), "novelty": float(novelty)}
        jury.score_nomination.perform(engine, ACTOR, SCORING, "juror3", nomination, scores)
    jury.score_nomination.perform(
        engine, ACTOR, SCORING, "juror2", N_KEN, {"impact": 8.0, "novelty": 4.0}
    )
    sign_in(page, base, "officer")
    page.goto(f"{base}/awards/{SCORING}")
    with page.expect_navigation():
        page.click(f"form[action='/awards/{SCORING}/publish'] button[type=submit]")
    assert page.url.endswith(f"/awards/{SCORING}/results")
    with page.expect_navigation():
        page.click("form[action='/logout'] button[type=submit]")
    response = page.goto(f"{base}/awards/{SCORING}/results")
    assert response is not None and response.status == 200
    rows = page.locator("table.results tbody tr")
    cells = [
        [rows.nth(i).locator("td").nth(j).inner_text() for j in range(3)]
        for i in range(rows.count())
    ]
    assert cells[0] == ["1", "Wanjiru Kamau", "Kenya"]  # (8 + 9) / 2 on impact: the first
    assert sorted((name, country) for _rank, name, country in cells) == [
        ("Asha Rai", "Nepal"),
        ("Losana Tuilagi", "Fiji"),
        ("Wanjiru Kamau", "Kenya"),
    ]
    assert [rank for rank, _name, _country in cells] == ["1", "2", "3"]
