"""The explorer's page in-process: its results region alone for its script, a table per
indicator with its title (not its id) as caption and header scopes, totals under each group,
the common questions as permalinks, the browser libraries served from its own address (and the
charts drawn on the server when they are missing)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html

from stdgap.indicators.questions import QUESTIONS
from stdgap.indicators.vendor import FILES

FRAGMENT = {"X-Stdgap-Fragment": "results"}
CHAIRS = {
    "indicator": "developing_leadership_held_share,leadership_held_share_of_total",
    "by": "year,region",
    "where": "role:chair",
}


def test_the_script_gets_the_results_region_alone(client: TestClient) -> None:
    params = {"indicator": "participants", "by": "year"}
    whole = client.get("/indicators", params=params)
    part = client.get("/indicators", params=params, headers=FRAGMENT)
    assert part.status_code == 200 and "X-Stdgap-Fragment" in part.headers["vary"]
    assert "<form" in whole.text and "<form" not in part.text and "<html" not in part.text
    title = html.fromstring(part.text).get_element_by_id("results-title")
    rows = len(client.get("/indicators.json", params=params).json()["cells"])
    assert title.get("data-status") == f"Updated: {rows} rows"
    # the page holds the same region
    region = html.fromstring(whole.text).get_element_by_id("results")
    assert region.xpath("string(.//table/caption)") == "Participants"
    bad = client.get("/indicators", params={"by": "colour"}, headers=FRAGMENT)
    assert bad.status_code == 422 and "colour" in bad.text and "<form" not in bad.text


def test_tables_show_titles_with_captions_scopes_and_totals(client: TestClient) -> None:
    page = html.fromstring(client.get("/indicators", params=CHAIRS).text)
    captions = page.xpath("//table[@class='data']/caption/text()")
    assert captions == [
        "Share of positions held on the reference date for developing countries",
        "Share of all positions held on the reference date",
    ]
    assert "developing_leadership_held_share" not in page.xpath("string(//main)")
    table = page.xpath("//table[@class='data']")[0]
    assert [th.get("scope") for th in table.xpath("thead/tr/th")] == ["col"] * 6
    assert {th.get("scope") for th in table.xpath("tbody/tr/th")} == {"row"}
    # each year's regions, then all regions together: the share of the totals request
    totals = table.xpath("tbody/tr[contains(@class, 'total')]")
    asked = {**CHAIRS, "indicator": "developing_leadership_held_share", "by": "year"}
    overall = client.get("/indicators.json", params=asked).json()["cells"]
    assert [tr.xpath("string(th)") for tr in totals] == [str(c["year"]) for c in overall]
    assert all(tr.xpath("string(td[1])") == "all" for tr in totals)
    # the shares of a total have no total row (it would be 100 %)
    assert not page.xpath("//table[@class='data']")[1].xpath("tbody/tr[contains(@class, 'total')]")


def test_each_common_question_is_a_permalink_marked_when_shown(client: TestClient) -> None:
    page = html.fromstring(client.get("/indicators").text)
    links = page.xpath("//nav[@class='questions']//a")
    assert [a.get("href") for a in links] == [q.href for q in QUESTIONS]
    for question in QUESTIONS:
        shown = client.get(question.href)
        assert shown.status_code == 200, question.id
        found = html.fromstring(shown.text)
        current = found.xpath("//nav[@class='questions']//a[@aria-current='page']")
        assert [a.get("data-question") for a in current] == [question.id]
        assert found.xpath("string(//h2[@id='results-title'])") == question.title


def test_charts_are_specs_for_the_browser_with_a_text_alternative(client: TestClient) -> None:
    page = html.fromstring(
        client.get("/indicators", params={"indicator": "participants", "by": "year,region"}).text
    )
    results = page.get_element_by_id("results")
    assert results.get("data-vendor") == " ".join(f"/vendor/{name}" for name in FILES)
    (chart,) = page.xpath("//div[@class='vega-chart']")
    assert '"mark"' in chart.get("data-spec")
    caption = page.xpath("string(//figure[@class='chart']/figcaption)")
    assert caption.startswith("Chart of Participants by Year, Region, ")
    (image,) = chart.xpath("noscript/img")  # without JavaScript: the server's drawing
    assert image.get("alt") == caption
    src = chart.get("data-image")
    assert image.get("src") == src
    assert src.startswith("/indicators/chart.svg?")
    drawn = client.get(src)
    assert drawn.status_code == 200 and drawn.headers["content-type"] == "image/svg+xml"
    assert drawn.text.lstrip().startswith("<svg")


def test_the_browser_libraries_are_served_compressed_and_kept(client: TestClient) -> None:
    for name in FILES:
        response = client.get(f"/vendor/{name}", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, name
        assert response.headers["content-encoding"] == "gzip"
        assert "max-age=604800" in response.headers["cache-control"]
        assert response.headers["content-type"].startswith("text/javascript")
        assert len(response.content) > 10_000  # decoded by the client
    assert client.get("/vendor/../package.json").status_code == 404
    assert client.get("/vendor/axe.min.js").status_code == 404


def test_without_the_libraries_the_charts_are_drawn_on_the_server(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STDGAP_NODE_MODULES", str(tmp_path))
    page = client.get("/indicators", params={"indicator": "participants", "by": "year"})
    found = html.fromstring(page.text)
    assert found.get_element_by_id("results").get("data-vendor") is None
    assert page.text.count("<svg") == 1 and "vega-chart" not in page.text
    assert client.get("/vendor/vega.min.js").status_code == 404


def test_gzip_is_the_file(client: TestClient) -> None:
    raw = client.get("/vendor/vega-embed.min.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    stream = client.stream("GET", "/vendor/vega-embed.min.js", headers={"Accept-Encoding": "gzip"})
    with stream as response:
        body = b"".join(response.iter_raw())
    assert gzip.decompress(body) == raw.content


def test_a_view_too_large_for_a_page_is_said_and_offered_as_files(client: TestClient) -> None:
    query = "by=year,region,group,status,gender,member_type,country"
    cells = client.get(f"/indicators.json?{query}").json()["total"]
    assert cells > 5_000  # the data behind it are all there as JSON and files
    page = client.get(f"/indicators?{query}")
    assert page.status_code == 200 and len(page.content) < 200_000
    tree = html.fromstring(page.text)
    alert = tree.xpath("//p[@role='alert']")[0].text_content()
    assert "too many for a page" in alert and f"{cells:,}" in alert
    assert not tree.xpath("//table[contains(@class, 'data')]//td")
    assert tree.xpath("//a[starts-with(@href, '/indicators/download?format=csv')]")
