"""Issue 14's acceptance in a real browser (Playwright with Debian's Chromium, headless; no
browser is downloaded), on each backend: an officer creates a CxO meeting and sends its
consultation of developing countries; a user answering for a developing-country member answers
it; the officer adds an answer to the agenda, which the public agenda marks as coming from the
consultation; after the meeting a conclusion is raised, revisited at the next CxO meeting, taken
under study (the report to TSAG lists it with its history) and closed; the communiqué downloaded
opens in python-docx and its PDF's text holds the conclusion. No page breaks the CSP."""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from consult_world import DEADLINE, TODAY, build_consult_world
from docx import Document
from pypdf import PdfReader
from sqlalchemy import Engine, select
from test_cxo_browser import ARGS, CHROMIUM, WATCH_CSP, _free_port, sign_in

from stdgap.bootstrap import open_store
from stdgap.cxo.models import CxoConclusion
from stdgap.http.settings import WebSettings
from stdgap.surveys import queries as survey_queries
from stdgap.web.app import create_app
from stores import Templates

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
MEETING, NEXT = "CTO-ACC", "CTO-ACC-2"
SURVEY = f"{MEETING}-consultation"
TOPIC = "Telemedicine for rural clinics"
CONCLUSION = "Standards for low-bandwidth telemedicine are needed in rural clinics."


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest,
    templates: Templates,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Engine]]:
    """The application on the consultation world, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("cxo-acceptance")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "cxo-consult-world", build_consult_world, folder)
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


class Pages:
    """Browser contexts (one per person), each page watched for errors and CSP violations."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.opened: list[tuple[Any, Any, list[str]]] = []

    def new(self) -> Any:
        context = self.browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.add_init_script(WATCH_CSP)
        self.opened.append((context, page, errors))
        return page

    def check(self) -> None:
        for context, page, errors in self.opened:
            violations = page.evaluate("window.__violations")
            context.close()
            assert errors == [] and violations == []


@pytest.fixture
def pages(browser: Any) -> Iterator[Pages]:
    found = Pages(browser)
    yield found
    found.check()


def _create(page: Any, base: str, meeting_id: str, start: str) -> None:
    page.goto(f"{base}/cxo/new")
    page.fill("input[name=meeting_id]", meeting_id)
    page.fill("input[name=title]", f"CTO meeting {meeting_id}")
    page.fill("input[name=theme]", "health")
    page.fill("input[name=start]", start)
    page.fill("input[name=city]", "Nairobi")
    page.fill("input[name=host_country]", "Kenya")
    with page.expect_navigation():
        page.click("form[action='/cxo'] button[type=submit]")
    assert page.url.endswith(f"/cxo/{meeting_id}")


def _raise(page: Any, topic: str, text: str) -> None:
    page.fill("#raise-conclusion input[name=topic]", topic)
    page.fill("#raise-conclusion textarea[name=text]", text)
    with page.expect_navigation():
        page.click("#raise-conclusion button[type=submit]")
    assert "The conclusion is recorded" in page.locator("[role=status]").inner_text()


def _state(page: Any, state: str, group: str = "", question: str = "") -> None:
    page.select_option("#change-state select[name=state]", state)
    if group:
        page.fill("#change-state input[name=study_group]", group)
        page.fill("#change-state input[name=question]", question)
    with page.expect_navigation():
        page.click("#change-state button[type=submit]")
    assert "state is changed" in page.locator("[role=status]").inner_text()


def _download(page: Any, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    path = info.value.path()
    with open(path, "rb") as opened:
        return opened.read()


def test_consult_answer_agenda_conclude_report(pages: Pages, site: tuple[str, Engine]) -> None:
    base, engine = site
    officer = pages.new()
    sign_in(officer, base, "officer")
    _create(officer, base, MEETING, str(TODAY + timedelta(days=40)))
    # The consultation of developing countries of Africa, the applicant answering for Kenya.
    consult = officer.locator("#consult")
    consult.locator("input[name=regions][value=Africa]").check()
    consult.locator("input[name=deadline]").fill(str(DEADLINE))
    consult.locator("textarea[name=users]").fill("applicant MS-KEN")
    with officer.expect_navigation():
        consult.locator("button[type=submit]").click()
    assert "consultation is sent" in officer.locator("[role=status]").inner_text()
    assert "Africa" in officer.locator("p").filter(has_text="consulted before").inner_text()
    summary = survey_queries.summary(engine, SURVEY)
    assert summary is not None and (summary.purpose, summary.subject) == ("consultation", MEETING)
    assert summary.invited == 3  # Kenya's and Nigeria's contacts, and the applicant

    member = pages.new()
    sign_in(member, base, "applicant")
    member.goto(f"{base}/surveys")
    with member.expect_navigation():
        member.click(f"a[href='/surveys/{SURVEY}/respond']")
    member.check("input[name=q-topics][value='Digital health']")
    member.locator("textarea[name=q-discuss]").fill("Telemedicine over weak networks")
    with member.expect_navigation():
        member.click("form[data-survey] button[type=submit]")
    assert "Your answers were received" in member.locator("[role=status]").inner_text()

    officer.goto(f"{base}/cxo/{MEETING}")
    topics = officer.locator("section[data-question=topics]")
    row = topics.locator("tr").filter(has_text="Digital health")
    with officer.expect_navigation():
        row.locator("button[type=submit]").click()
    assert "added to the agenda" in officer.locator("[role=status]").inner_text()

    public = pages.new()
    public.goto(f"{base}/cxo/{MEETING}")
    item = public.locator("#agenda tbody tr.consultation")
    assert item.count() == 1
    assert "Digital health" in item.inner_text()
    assert "from the consultation of developing countries" in item.inner_text()
    assert public.locator("#agenda [data-consultation]").count() == 1

    # After the meeting: a conclusion, revisited at the next meeting, under study, closed.
    officer.goto(f"{base}/cxo/{MEETING}")
    _raise(officer, TOPIC, CONCLUSION)
    _create(officer, base, NEXT, str(TODAY + timedelta(days=200)))
    _raise(officer, TOPIC.lower(), "Progress reviewed; still a priority.")
    assert "revisited at this meeting" in officer.locator("ul.conclusions").inner_text()
    with engine.connect() as connection:
        numbers = (
            connection.execute(select(CxoConclusion.id).where(CxoConclusion.topic == TOPIC))
            .scalars()
            .all()
        )
    assert len(numbers) == 1
    number = numbers[0]
    officer.goto(f"{base}/cxo/conclusions/{number}")
    _state(officer, "under_study", "SG20", "Q1/20")
    public.goto(f"{base}/cxo/reports/tsag")
    section = public.locator(f"#conclusion-{number}")
    assert TOPIC in section.inner_text() and "SG20, Q1/20" in section.inner_text()
    history = section.locator("table.history tbody tr")
    assert history.count() == 3
    assert MEETING in history.nth(0).inner_text() and NEXT in history.nth(1).inner_text()
    officer.goto(f"{base}/cxo/conclusions/{number}")
    _state(officer, "addressed")
    _state(officer, "closed")
    with engine.connect() as connection:
        state = connection.execute(
            select(CxoConclusion.state).where(CxoConclusion.id == number)
        ).scalar()
    assert state == "closed"
    public.goto(f"{base}/cxo/reports/tsag")  # the report lists it as closed, with its history
    section = public.locator(f"#conclusion-{number}")
    assert "closed" in section.inner_text() and TOPIC in section.inner_text()
    assert section.locator("table.history tbody tr").count() >= 5

    # The communiqué of the first meeting, as Word and as PDF.
    public.goto(f"{base}/cxo/{MEETING}")
    word = Document(io.BytesIO(_download(public, f"a[href='/cxo/{MEETING}/communique.docx']")))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    assert TOPIC in text and "Digital health" in text
    pdf = PdfReader(io.BytesIO(_download(public, f"a[href='/cxo/{MEETING}/communique.pdf']")))
    assert len(pdf.pages) >= 1
    flat = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "low-bandwidth telemedicine" in flat
