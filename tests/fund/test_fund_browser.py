"""The fund in a real browser (Playwright with Debian's Chromium, headless), on each backend: an
officer records a receipt in euros on the ledger page; a reservation larger than the earmark is
refused with the reason and the form keeps what was typed; an admin approves the spending that
waits for a second person; the balances and the statement follow. The pages break no rule of the
Content-Security-Policy."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fund_world import FELLOWSHIPS, GENERAL, build_fund_world
from sqlalchemy import Engine

from stdgap.bootstrap import open_store
from stdgap.fund import queries
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from stores import Templates

sys.path.insert(0, str(Path(__file__).parents[1] / "cxo"))
from test_cxo_browser import (
    ARGS,
    CHROMIUM,
    WATCH_CSP,
    _free_port,
    sign_in,
)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(
    request: pytest.FixtureRequest, templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Engine]]:
    import uvicorn

    folder = tmp_path_factory.mktemp("fund-browser")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    url = templates.copy(str(request.param), "fund-world", build_fund_world, folder)
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


def _page(browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.add_init_script(WATCH_CSP)
    return context, opened, errors


def _record(page: Any, **fields: str) -> None:
    page.locator("details summary").first.click()
    form = page.locator("form[action='/fund/transactions']")
    form.locator("select[name=kind]").select_option(fields.pop("kind"))
    form.locator("select[name=earmark]").select_option(fields.pop("earmark"))
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_record_refuse_approve(site: tuple[str, Engine], browser: Any) -> None:
    base, engine = site
    context, page, errors = _page(browser)
    sign_in(page, base, "officer")
    page.goto(f"{base}/fund/ledger")
    _record(
        page,
        kind="receipt",
        earmark=GENERAL,
        amount="1000",
        donor="Switzerland",
        currency="EUR",
        rate="0.95",
    )
    assert page.url.endswith("/fund/ledger")
    assert "950.00" in page.locator("table.data").inner_text()
    _record(page, kind="reservation", earmark=GENERAL, amount="999999", reference="E-1")
    assert "available" in page.locator("[role=alert]").inner_text()
    assert page.locator("input[name=amount]").input_value() == "999999"
    assert page.locator("input[name=reference]").input_value() == "E-1"
    # the officer may not approve: no button; the admin approves the spending of 15,000
    assert page.locator("form[action='/fund/transactions/7/approval']").count() == 0
    violations = page.evaluate("window.__violations")
    context.close()
    assert errors == [] and violations == []
    context, page, errors = _page(browser)
    sign_in(page, base, "admin")
    page.goto(f"{base}/fund/ledger?state=pending")
    with page.expect_navigation():
        page.locator("form[action='/fund/transactions/7/approval'] button").first.click()
    found = {row.key: row.balance for row in queries.balances(engine).earmarks}
    assert found[FELLOWSHIPS].spent == Decimal("18000.00")
    assert found[GENERAL].received == Decimal("10362.00")
    page.goto(f"{base}/fund/statement?year=2025")
    assert "Every earmark reconciles." in page.locator("[role=status]").inner_text()
    page.goto(f"{base}/fund")
    assert "fellowships-asia" in page.content()
    violations = page.evaluate("window.__violations")
    context.close()
    assert errors == [] and violations == []
