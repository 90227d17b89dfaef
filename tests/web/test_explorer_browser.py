"""The explorer in a real browser (Debian's Chromium, JavaScript on), used as a keyboard user
would: the chairs question answered in at most five interactions, choices applied without
losing focus or what was typed, no serious or critical axe-core violation in English and in
Arabic, no horizontal scrolling on a 390 px phone, and a light page.

The server and browser are those of :mod:`test_browser`. ``STDGAP_SHOTS=/folder`` also saves
screenshots of the explorer (English and Arabic, 1280 and 390 px wide)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from test_browser import CHROMIUM, browser, site  # noqa: F401 (fixtures)

from stdgap.indicators.vendor import node_modules

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
AXE = node_modules() / "axe-core" / "axe.min.js"
DEVELOPING = "Share of positions held on the reference date for developing countries"
BY_REGION = "Share of all positions held on the reference date"
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def page(browser: Any) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.add_init_script(WATCH_CSP)
    yield opened
    assert opened.evaluate("() => window.__violations") == []  # no eval, no injected style
    context.close()
    assert errors == []


def _updated(page: Any) -> None:
    page.wait_for_function(
        "() => document.getElementById('explorer-status').textContent.startsWith('Updated')"
    )
    page.wait_for_function("() => !document.getElementById('results').hasAttribute('aria-busy')")


def _focused(page: Any) -> dict[str, str | None]:
    found: dict[str, str | None] = page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, question: e.getAttribute('data-question'),"
        " href: e.getAttribute('href'), name: e.getAttribute('name'), value: e.value ?? null}; }"
    )
    return found


def _row(page: Any, caption: str, first: str, last: str) -> str:
    """The value of the row (``first``: its row header, ``last``: its last dimension) of the
    table captioned ``caption``."""
    table = page.locator("table.data", has=page.locator("caption", has_text=caption)).first
    for row in table.locator("tbody tr").all():
        cells = row.locator("th, td").all_inner_texts()
        if cells[0] == first and cells[1] == last:
            return cells[2]
    raise AssertionError(f"no row {first} / {last} in {caption}")


def test_the_chairs_question_by_keyboard_in_five_interactions_at_most(
    page: Any,
    site: tuple[str, Engine],  # noqa: F811
) -> None:
    """From the explorer, by keyboard only: to the chairs question (by Tab, through a skip link
    when the layout has one), Enter; then both figures are on the page: the share of chairs
    from developing countries in the latest year, and Africa's share."""
    base, _ = site
    page.goto(f"{base}/indicators")
    page.wait_for_load_state("load")
    keys: list[str] = []

    def press(key: str) -> None:
        keys.append(key)
        page.keyboard.press(key)

    press("Tab")
    if _focused(page)["href"] == "#main":  # the layout's skip link
        press("Enter")
        press("Tab")
    while _focused(page)["question"] != "chairs":
        press("Tab")
        assert len(keys) < 60, "the chairs question is not reachable by Tab"
    press("Enter")
    _updated(page)
    assert _focused(page)["question"] == "chairs"  # focus stays on the question
    assert "where=role%3Achair" in page.url  # the view is a permalink
    interactions = len([key for key in keys if key != "Tab"])
    assert interactions <= 5
    if page.locator("a[href='#main']").count():  # with the skip link: every key counted
        assert len(keys) <= 5, keys
    # read the figures: the latest year's total row, and Africa in that year
    totals = page.locator("table.data tr.total th").all_inner_texts()
    latest = totals[-1]
    developing = _row(page, DEVELOPING, latest, "all")
    africa = _row(page, BY_REGION, latest, "Africa")
    asked = {"where": "role:chair", "from_year": latest, "to_year": latest}
    api = f"{base}/api/v1/indicators"
    overall = page.request.get(
        api, params={**asked, "by": "year", "indicator": "developing_leadership_held_share"}
    ).json()["items"]
    assert developing == f"{overall[0]['value'] * 100:.1f} %"
    regional = page.request.get(
        api, params={**asked, "by": "year,region", "indicator": "leadership_held_share_of_total"}
    ).json()["items"]
    (african,) = [cell for cell in regional if cell["region"] == "Africa"]
    assert africa == f"{african['value'] * 100:.1f} %"
    print(f"chairs question: {len(keys)} keys ({interactions} interactions): {keys}")


def test_choices_apply_in_place_keeping_focus_and_typed_years(
    page: Any,
    site: tuple[str, Engine],  # noqa: F811
) -> None:
    base, _ = site
    page.goto(f"{base}/indicators?indicator=participants&by=year")
    page.locator(".vega-chart svg").first.wait_for()
    page.evaluate("() => { window.__sameDocument = true; }")
    page.focus("input[name=by][value=status]")
    page.keyboard.press("Space")
    _updated(page)
    assert _focused(page)["value"] == "status"
    assert "by=year&by=status" in page.url or "by=year%2Cstatus" in page.url
    assert page.locator("table.data thead th", has_text="Development status").count() == 1
    page.focus("input[name=from_year]")
    page.keyboard.type("2024")
    page.keyboard.press("Tab")  # applied on leaving the field, not on each key
    _updated(page)
    assert _focused(page)["name"] == "to_year"
    assert page.input_value("input[name=from_year]") == "2024"
    assert "from_year=2024" in page.url
    years = page.locator("table.data tbody th").all_inner_texts()
    assert years and set(years) == {"2024"}
    assert page.evaluate("() => window.__sameDocument") is True  # never a new page
    # the language switch names the view now shown, so another language shows the same view
    french = page.locator("nav.languages a[hreflang=fr]").get_attribute("href") or ""
    assert "from_year=2024" in french and "lang=fr" in french and "status" in french
    # a tooltip on a point of the chart
    page.locator(".vega-chart svg .mark-rect path").first.hover()  # one year: bars
    page.wait_for_selector("#vg-tooltip-element.visible")
    assert "2024" in page.locator("#vg-tooltip-element").inner_text()


def _axe(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


VIEWS = {
    "en": "/indicators?indicator=participants,developing_participant_share&by=year,region,status",
    "ar": "/indicators?indicator=participants,developing_participant_share&by=year,region,status"
    "&lang=ar",
}


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core (npm ci)")
@pytest.mark.parametrize("language", list(VIEWS))
def test_axe_finds_nothing_serious_and_a_phone_never_scrolls_sideways(
    browser: Any,  # noqa: F811
    site: tuple[str, Engine],  # noqa: F811
    language: str,
) -> None:
    base, _ = site
    shots = os.environ.get("STDGAP_SHOTS")
    for width in (1280, 390):
        # axe-core is injected inline: the page's CSP (checked by the other tests) is bypassed
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        page.goto(base + VIEWS[language])
        page.locator(".vega-chart svg").first.wait_for()
        assert page.get_attribute("html", "lang") == language
        assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
        assert _axe(page) == [], (language, width)
        if width == 390:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/explorer-{language}-{width}.png", full_page=True)
        context.close()


def test_a_typical_view_weighs_far_less_than_a_megabyte(
    page: Any,
    site: tuple[str, Engine],  # noqa: F811
) -> None:
    """Everything the browser fetches for the explorer's default view, as transferred."""
    base, _ = site
    page.goto(f"{base}/indicators")
    page.locator(".vega-chart svg").first.wait_for()
    weight = page.evaluate(
        "() => performance.getEntriesByType('navigation').concat("
        "performance.getEntriesByType('resource')).reduce((s, e) => s + e.transferSize, 0)"
    )
    print(f"explorer's default view: {weight} bytes transferred")
    assert 0 < weight < 600_000


def test_without_javascript_the_form_and_chart_images_work(
    browser: Any,  # noqa: F811
    site: tuple[str, Engine],  # noqa: F811
) -> None:
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/indicators?indicator=participants&by=year")
    image = page.locator("figure.chart img")
    assert image.count() == 1
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.get_attribute("alt", timeout=1000).startswith("Chart of Participants")
    page.check("input[name=by][value=region]")
    with page.expect_navigation():
        page.click("#explorer button[type=submit]")
    assert "by=region" in page.url
    assert page.locator("table.data thead th", has_text="Region").count() == 1
    context.close()
