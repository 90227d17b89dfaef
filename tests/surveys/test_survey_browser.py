"""Surveys in a real browser (Playwright with Debian's Chromium, headless; no browser is
downloaded), on each backend: an officer creates a survey with a conditional question and opens
it to developing-country members and the applicant; the applicant answers, the conditional
question appearing only once the answer that triggers it is chosen; the officer sees the
results. The pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from survey_world import build_survey_world

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.surveys import queries
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
    """The application on the surveys' world, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("survey-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "survey-world", build_survey_world, folder)
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
    page.fill("input[name=password]", password_of(name))
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def test_an_officer_consults_and_an_applicant_answers(page: Any, site: tuple[str, Engine]) -> None:
    base, engine = site
    sign_in(page, base, "officer")
    page.goto(f"{base}/surveys")
    with page.expect_navigation():
        page.click("a[href='/surveys/new']")
    page.fill("input[name=survey_id]", "CXO-CONSULT")
    page.fill("input[name=title]", "Before the CxO meeting")
    page.fill("input[name=deadline]", (date.today() + timedelta(days=20)).isoformat())
    with page.expect_navigation():
        page.click("form[action='/surveys'] button[type=submit]")
    assert page.url.endswith("/surveys/CXO-CONSULT")
    form = page.locator("#survey-question")
    form.locator("input[name=key]").fill("topic")
    form.locator("input[name=text]").fill("Should the meeting discuss AI in health?")
    form.locator("select[name=type]").select_option("single")
    form.locator("textarea[name=options]").fill("Yes\nNo")
    form.locator("input[name=required]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "Question topic added" in page.locator("[role=status]").inner_text()
    form = page.locator("#survey-question")
    form.locator("input[name=key]").fill("which")
    form.locator("input[name=text]").fill("Which uses of AI?")
    form.locator("select[name=type]").select_option("text")
    form.locator("input[name=condition]").fill("topic = Yes")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "Question which added" in page.locator("[role=status]").inner_text()
    target = page.locator("#survey-target")
    target.locator("input[name=group][value=developing]").check()
    target.locator("textarea[name=users]").fill("applicant MS-KEN")
    with page.expect_navigation():
        target.locator("button[formaction]").click()
    assert "/surveys/CXO-CONSULT/target" in page.url
    assert "Administration of Kenya" in page.content()
    assert "Geneva Telecom" not in page.locator("table.data").inner_text()
    with page.expect_navigation():
        page.locator("#survey-target button:not([formaction])").click()
    assert "The survey is open" in page.locator("[role=status]").inner_text()
    with page.expect_navigation():
        page.click("form[action='/logout'] button[type=submit]")

    sign_in(page, base, "applicant")
    page.goto(f"{base}/surveys")
    with page.expect_navigation():
        page.click("a[href='/surveys/CXO-CONSULT/respond']")
    which = page.locator("fieldset[data-question=which]")
    assert which.is_hidden()
    page.check("input[name=q-topic][value=No]")
    assert which.is_hidden()
    page.check("input[name=q-topic][value=Yes]")
    assert which.is_visible()
    which.locator("textarea").fill("Diagnosis in rural clinics")
    with page.expect_navigation():
        page.click("form[data-survey] button[type=submit]")
    assert "Your answers were received" in page.locator("[role=status]").inner_text()
    answers = {a.key: a for a in queries.answers_by_question(engine, "CXO-CONSULT")}
    assert answers["topic"].counts == {"Yes": 1, "No": 0}
    assert answers["which"].texts == ("Diagnosis in rural clinics",)
    with page.expect_navigation():
        page.click("form[action='/logout'] button[type=submit]")

    sign_in(page, base, "officer")
    page.goto(f"{base}/surveys/CXO-CONSULT")
    with page.expect_navigation():
        page.click("a[href='/surveys/CXO-CONSULT/results']")
    text = page.locator("main").inner_text()
    assert "Should the meeting discuss AI in health?" in text
    assert "Diagnosis in rural clinics" not in text  # free texts are the analysts'
    assert "analysts only" in text
