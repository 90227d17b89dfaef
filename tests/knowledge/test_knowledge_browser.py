"""The knowledge portal in a real browser (Playwright with Debian's Chromium, headless; no
browser is downloaded), on each backend: a delegate — with JavaScript turned off, to show that
nothing needs it — searches with a typo and in French, narrows the results by a facet and opens
an item; an officer edits an item and the change is found by the next search at once. The
officer's pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from knowledge_world import build_knowledge_world
from sqlalchemy import Engine

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
    """The application on the knowledge corpus, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("knowledge-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "knowledge-world", build_knowledge_world, folder)
    engine = open_store(url)
    app = create_app(engine=engine, settings=WebSettings(secret_key="browser"))
    server_config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(server_config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{server_config.port}", engine
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


class Person:
    """A browser context of one account (JavaScript on or off), with the page's errors,
    dialogs and (JavaScript on) CSP violations."""

    def __init__(self, browser: Any, base: str, name: str, scripts: bool = True) -> None:
        self.scripts = scripts
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, java_script_enabled=scripts
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.page.add_init_script(WATCH_CSP)
        self.page.goto(f"{base}/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", password_of(name))
        with self.page.expect_navigation():
            self.page.click("form[action='/login'] button[type=submit]")

    def search(self, words: str) -> None:
        """Type the words in the portal's search box and send them (the form's button)."""
        self.page.fill("form[role=search] input[name=q]", words)
        with self.page.expect_navigation():
            self.page.click("form[role=search] button[type=submit]")

    def results(self) -> list[str]:
        found: list[str] = self.page.locator("article.result p.muted").all_inner_texts()
        return [text.split(" · ")[0] for text in found]

    def close(self) -> None:
        violations = self.page.evaluate("window.__violations") if self.scripts else []
        self.context.close()
        assert self.errors == [] and self.dialogs == [] and violations == []


def test_a_delegate_searches_narrows_and_opens_an_officer_edits(
    browser: Any, site: tuple[str, Engine]
) -> None:
    base, _ = site
    delegate = Person(browser, base, "applicant", scripts=False)
    page = delegate.page
    page.goto(f"{base}/knowledge")
    # a typo: the near word is looked for, and said so
    delegate.search("quantom")
    assert "“quantom”: also looked for quantum." in page.inner_text("main")
    found = delegate.results()
    assert {"ITU-T Y.3800", "ITU-T Y.3801", "ITU-T X.1710"} <= set(found)
    assert page.locator("article.result h2 mark").first.inner_text().lower() == "quantum"
    # narrowed by a facet: a box ticked and the form sent, no script needed
    facets = page.locator("form.facets")
    facets.locator("input[name=sg][value=SG17]").check()
    with page.expect_navigation():
        facets.locator("button[type=submit]").click()
    assert "sg=SG17" in page.url
    assert delegate.results() == ["ITU-T X.1710"]
    assert facets.locator("input[name=sg][value=SG17]").is_checked()
    # in French, accents or not (a new search: the box keeps the facets chosen)
    page.goto(f"{base}/knowledge")
    delegate.search("apprentissage automatique")
    assert delegate.results()[0] == "ITU-T FR-APPR"
    delegate.search("reseaux")
    assert {"ITU-T FR-RESEAUX", "ITU-T FR-APPR"} <= set(delegate.results())
    # an item opened from the results
    first = delegate.results()[0]
    with page.expect_navigation():
        page.click("article.result h2 a >> nth=0")
    assert page.locator("h1 small").inner_text() == first
    assert page.locator("a[href$='/edit']").count() == 0  # a delegate does not edit

    officer = Person(browser, base, "officer")
    page = officer.page
    page.goto(f"{base}/knowledge/items/ITU-T%20Y.3800")
    with page.expect_navigation():
        page.click("a[href$='/edit']")
    page.fill("input[name=title]", "Overview on networks for holographic telepresence")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    officer.close()

    # found at once, by the delegate's next search
    page = delegate.page
    page.goto(f"{base}/knowledge")
    delegate.search("holographic")
    assert delegate.results() == ["ITU-T Y.3800"]
    assert page.locator("article.result h2 mark").first.inner_text() == "holographic"
    with page.expect_navigation():
        page.click("article.result h2 a")
    assert page.locator("h1").inner_text().startswith("Overview on networks for holographic")
    delegate.close()
