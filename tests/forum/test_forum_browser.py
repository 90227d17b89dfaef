"""The forum in a real browser (Playwright with Debian's Chromium, headless; no browser is
downloaded), on each backend: a delegate asks a question tagged SG13 (its text holds a script
tag); the sender delivers the notice to the SG13 rapporteur's address on a real SMTP server on
the loopback (aiosmtpd), where the test reads it; the rapporteur signs in, follows the link and
answers (marked as an expert answer); the delegate accepts it. The script is shown as text, never
run, and the pages break no rule of the Content-Security-Policy."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from forum_world import EXTRA, build_forum_world
from sqlalchemy import Engine, select

from smtp_testing import Inbox, config, smtp_server
from stdgap.bootstrap import open_store
from stdgap.forum.models import ForumPost
from stdgap.http.settings import WebSettings
from stdgap.notifications.sender import send_due
from stdgap.web.app import create_app
from stores import Templates

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
TITLE = "Which clauses of Y.3172 for a small operator?"
SCRIPT = "<script>alert(1)</script>"


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
    """The application on the forum world, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("forum-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "forum-world", build_forum_world, folder)
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
    """A browser context of one account, with the page's errors, dialogs and CSP violations."""

    def __init__(self, browser: Any, base: str, name: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
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
        self.page.fill("input[name=password]", EXTRA[name])
        self.page.click("form[action='/login'] button[type=submit]")
        self.page.wait_for_load_state()

    def close(self) -> None:
        violations = self.page.evaluate("window.__violations")
        self.context.close()
        assert self.errors == [] and self.dialogs == [] and violations == []


def test_a_delegate_asks_an_expert_answers_the_delegate_accepts(
    browser: Any, site: tuple[str, Engine]
) -> None:
    base, engine = site
    delegate = Person(browser, base, "delegate")
    page = delegate.page
    page.goto(f"{base}/forum")
    with page.expect_navigation():
        page.click("a[href='/forum/ask']")
    page.fill("#ask input[name=title]", TITLE)
    page.select_option("#ask select[name=study_group]", "SG13")
    page.fill("#ask input[name=study_question]", "Q20/13")
    page.fill("#ask input[name=tags]", "machine learning, operators")
    page.fill("#ask textarea[name=body]", f"We run a small network. {SCRIPT} Where to start?")
    with page.expect_navigation():
        page.click("#ask button[type=submit]")
    found = re.search(r"/forum/questions/(\d+)$", page.url)
    assert found is not None
    number = int(found.group(1))
    body = page.locator(".forum-post.question .forum-body")
    assert body.is_visible() and SCRIPT in body.inner_text()  # shown as text, on the page
    assert page.get_by_text(SCRIPT, exact=False).first.is_visible()
    assert page.locator(".forum-post.question .forum-body script").count() == 0
    assert page.locator("script:not([src])").count() == 0  # no inline script on the page
    page.wait_for_timeout(200)
    assert delegate.dialogs == []  # alert(1) never ran

    # the sender delivers the notice to the rapporteur of SG13
    inbox = Inbox()
    with smtp_server(inbox) as port:
        summary = send_due(engine, "sender", config(port, site_url=base))
    assert summary.sent >= 1
    letters = [
        m
        for m in inbox.messages()
        if [a.addr_spec for a in m["To"].addresses] == ["expert@example.org"]
        and TITLE in str(m["Subject"])
    ]
    assert len(letters) == 1 and "SG13" in str(letters[0]["Subject"])
    text = letters[0].get_body(preferencelist=("plain",))
    assert text is not None
    link = f"{base}/forum/questions/{number}"
    assert link in text.get_content()
    assert not [
        m for m in inbox.messages() if TITLE in str(m["Subject"]) and "former" in str(m["To"])
    ]

    expert = Person(browser, base, "expert")
    page = expert.page
    page.goto(link)
    page.fill("#answer textarea[name=body]", "Start with **clause 7**, then the sandbox.")
    with page.expect_navigation():
        page.click("#answer button[type=submit]")
    answer = page.locator(".forum-post.answer").first
    assert "expert answer" in answer.locator(".badge.expert").inner_text()
    assert answer.locator(".forum-body strong").inner_text() == "clause 7"
    expert.close()

    page = delegate.page
    page.goto(link)
    with page.expect_navigation():
        page.click(".forum-post.answer button.accept")
    accepted = page.locator(".forum-post.answer.accepted")
    assert accepted.count() == 1 and "expert answer" in accepted.inner_text()
    assert page.locator("button.accept").count() == 0
    assert SCRIPT in page.locator(".forum-post.question .forum-body").inner_text()
    delegate.close()  # no dialog, no page error, no CSP violation on any of the pages
    with engine.connect() as connection:
        accepted_id = connection.execute(
            select(ForumPost.accepted_id).where(ForumPost.id == number)
        ).scalar()
        expert_flag = connection.execute(
            select(ForumPost.expert).where(ForumPost.id == accepted_id)
        ).scalar()
    assert expert_flag is True
