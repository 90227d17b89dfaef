"""Accessibility and phones, in one real browser (Playwright with Debian's Chromium): on one
page of every page type (public pages, officers' pages, forms), in English and in Arabic,
axe-core finds no serious or critical violation of WCAG 2.2 AA, and at a phone's 390 px no page
is wider than the screen.

axe-core is the npm package (``bash scripts/setup dev`` installs it under node_modules); it is
evaluated in the page, nothing is fetched. ``STDGAP_SHOTS=/tmp/shots`` also saves screenshots of
the pages in Arabic at 1280 and 390 px."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stdgap.bootstrap import open_store
from stdgap.demo.programmes import generate_programmes
from stdgap.http.settings import WebSettings
from stdgap.web.app import create_app
from web_testing import build_web_store, password_of

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core: bash scripts/setup dev"),
]
WIDE, PHONE = 1280, 390
#: WCAG 2.2 A and AA, and axe's best practices (landmarks, one main, headings).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SERIOUS = ("serious", "critical")

#: One page of each type: anonymous, then signed in as an admin (who sees every page). The
#: indicator explorer has its own browser tests.
PUBLIC = [
    "/",
    "/countries",
    "/countries/KEN",
    "/groups",
    "/groups/SG5",
    "/meetings?year=2023",
    "/members?country=KEN",
    "/members/MS-KEN",
    "/resolutions",
    "/resolutions/44",
    "/resolutions/actions",
    "/reports",
    "/fellowships",
    "/mentorship",
    "/cxo",
    "/events",
    "/knowledge",
    "/forum",
    "/fund",
    "/awards",
    "/surveys",
    "/login",
    "/countries/XYZ",
]
SIGNED_IN = [
    "/people?year=2023",
    "/imports",
    "/audit",
    "/users",
    "/account",
    "/notifications",
    "/fellowships/new",
    "/fellowships/mine",
    "/fellowships/followup",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The application on a loaded SQLite store, served by uvicorn in a thread."""
    import uvicorn

    folder = tmp_path_factory.mktemp("a11y")
    os.environ["STDGAP_CACHE_DIR"] = str(folder / "cache")
    engine = open_store(f"sqlite:///{folder / 'store.db'}")
    build_web_store(engine)
    generate_programmes(engine, 7, "test")
    app = create_app(engine=engine, settings=WebSettings(secret_key="a11y"))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)
    engine.dispose()
    os.environ.pop("STDGAP_CACHE_DIR", None)


def _violations(page: Any, axe: str) -> list[str]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe)
    result = page.evaluate(
        """async (tags) => {
            const found = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                   resultTypes: ['violations']});
            return found.violations.map(v => ({id: v.id, impact: v.impact,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {', '.join(v['targets'])}"
        for v in result
        if v["impact"] in SERIOUS
    ]


def _too_wide(page: Any) -> str | None:
    page.set_viewport_size({"width": PHONE, "height": 800})
    width: int = page.evaluate("() => document.documentElement.scrollWidth")
    wide: str | None = None
    if width > PHONE:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > limit + 1
                              || e.getBoundingClientRect().left < -1)
                 .filter(e => !e.closest('.scroll'))
                 .slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className)
                 .join(' ')""",
            PHONE,
        )
        wide = f"{width} px wide: {wide}"
    return wide


def _sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password_of(name))
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def _skip_link_first(page: Any) -> bool:
    page.keyboard.press("Tab")
    first: dict[str, str] = page.evaluate(
        "() => ({href: document.activeElement.getAttribute('href') || '',"
        " main: document.querySelector('main#main') ? 'yes' : 'no'})"
    )
    return first == {"href": "#main", "main": "yes"}


WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _api_docs(page: Any, base: str) -> list[str]:
    """Swagger UI at /api/docs draws the API's operations from files of this site only,
    breaking no rule of its Content-Security-Policy."""
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else elsewhere.append(r.url))
    page.add_init_script(WATCH_CSP)
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    operations: int = page.locator(".opblock").count()
    found = [f"outside request {url}" for url in elsewhere]
    found += [f"CSP: {v}" for v in page.evaluate("() => window.__csp")]
    if operations < 20:
        found.append(f"only {operations} operations shown")
    return found


def _switch_problems(page: Any) -> list[str]:
    """The language switch: six links, each reached by Tab and shown on a phone's screen
    without scrolling (checked on the page as it is, at 390 px)."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('nav.languages a')].map(a => {
              a.focus();
              const box = a.getBoundingClientRect();
              return {lang: a.lang, focused: document.activeElement === a, tab: a.tabIndex,
                      shown: box.width > 0 && box.bottom <= window.innerHeight
                             && box.left >= 0 && box.right <= window.innerWidth};
           })"""
    )
    problems = [f"language link {f['lang']}: {f}" for f in found if not (f["focused"]
                and f["tab"] >= 0 and f["shown"])]  # fmt: skip
    if [f["lang"] for f in found] != ["ar", "zh", "en", "fr", "ru", "es"]:
        problems.append(f"the switch offers {[f['lang'] for f in found]}")
    return problems


def test_every_page_type_is_accessible_and_fits_a_phone(site: str) -> None:
    from playwright.sync_api import sync_playwright

    axe = AXE.read_text(encoding="utf-8")
    shots = os.environ.get("STDGAP_SHOTS")
    problems: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_context(viewport={"width": WIDE, "height": 900}).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for signed_in, paths in ((False, PUBLIC), (True, SIGNED_IN)):
            if signed_in:
                _sign_in(page, site, "admin")
            for lang in ("en", "ar"):
                for path in paths:
                    address = f"{path}{'&' if '?' in path else '?'}lang={lang}"
                    page.set_viewport_size({"width": WIDE, "height": 900})
                    page.goto(site + address)
                    found = _violations(page, axe)
                    if not _skip_link_first(page):
                        found.append("the first Tab does not reach 'Skip to content' (#main)")
                    if shots:
                        name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                        page.screenshot(path=f"{shots}/{lang}-{name}-{WIDE}.png", full_page=True)
                    wide = _too_wide(page)
                    if wide:
                        found.append(wide)
                    if path in ("/", "/account"):
                        found += _switch_problems(page)
                    if shots:
                        page.screenshot(path=f"{shots}/{lang}-{name}-{PHONE}.png", full_page=True)
                    if found:
                        problems[address] = found
        docs = _api_docs(page, site)
        # the check itself sees a violation: an image without a text alternative
        page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
        checked = _violations(page, axe)
        browser.close()
    assert any(found.startswith("image-alt (critical)") for found in checked), checked
    assert errors == []
    assert docs == [], docs
    assert not problems, "\n".join(f"{page}: {found}" for page, found in problems.items())
