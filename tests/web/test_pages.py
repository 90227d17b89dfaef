"""Pages: each also answers as JSON from the same handler (``.json`` or Accept), and agrees with
the API; the explorer's downloads equal the CLI's formats."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import html
from typer.testing import CliRunner

from stdgap_testing import invoke
from web_testing import problem

JSON = {"Accept": "application/json"}
PAGES = [
    "/",
    "/indicators",
    "/indicators?by=year,region&indicator=participants,remote_share",
    "/countries",
    "/countries?region=Africa",
    "/countries/KEN",
    "/groups",
    "/groups/TSAG",
    "/groups/SG3RG-AFR",
    "/resolutions",
    "/resolutions?verb=instructs",
    "/resolutions/44",
    "/resolutions/44?addressee=tsb",
    "/resolutions/actions",
    "/reports",
]


def json_path(page: str) -> str:
    path, _, query = page.partition("?")
    path = "/index.json" if path == "/" else path + ".json"
    return path + (f"?{query}" if query else "")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_also_json(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert "<html" in html.text
    by_suffix = client.get(json_path(page))
    by_accept = client.get(page, headers=JSON)
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.headers["content-type"].startswith("application/json")
    assert by_suffix.json() == by_accept.json()


def test_pages_agree_with_the_api(client: TestClient) -> None:
    page = client.get("/indicators.json", params={"by": "year,group"}).json()
    api = client.get("/api/v1/indicators", params={"by": "year,group", "limit": 100_000}).json()
    assert page["cells"] == api["items"]
    assert client.get("/countries/KEN.json").json() == client.get("/api/v1/countries/KEN").json()
    assert client.get("/groups/TSAG.json").json() == client.get("/api/v1/groups/TSAG").json()
    listed = client.get("/resolutions.json").json()["resolutions"]
    assert listed == client.get("/api/v1/resolutions").json()["items"]
    clauses = client.get("/resolutions/74.json").json()["clauses"]
    assert clauses == client.get("/api/v1/resolutions/74/clauses").json()["items"]


def test_page_errors(client: TestClient) -> None:
    problem(client.get("/countries/XYZ.json"), 404)
    page = client.get("/countries/XYZ")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "XYZ" in page.text
    problem(client.get("/indicators.json", params={"by": "colour"}), 422)
    page = client.get("/indicators", params={"by": "colour"})
    assert page.status_code == 422 and "colour" in page.text and "<form" in page.text


def test_explorer_draws_charts_and_a_table(client: TestClient) -> None:
    page = client.get("/indicators", params={"by": "year,region", "indicator": "participants"})
    assert page.text.count('class="vega-chart"') == 1  # drawn in the browser
    assert "<table" in page.text and "Africa" in page.text
    clamped = client.get("/indicators.json", params={"min_cell": 1}).json()
    assert clamped["query"]["min_cell"] == 5


def test_tables_and_charts_say_how_each_figure_was_published(client: TestClient) -> None:
    """The first year of the demo (2023) withholds the newcomer share and says why, in the
    table and under the chart; figures about persons say they are perturbed; a profile marks
    them (~) and explains its marks."""
    page = client.get("/indicators", params={"by": "year", "indicator": "newcomer_share"})
    rows = {
        tr.xpath("string(th[1])"): tr
        for tr in html.fromstring(page.text).xpath("//table[@class='data']/tbody/tr")
    }
    assert "withheld: in the first year of the data" in rows["2023"].xpath("string(td[last()])")
    assert "perturbed" in rows["2024"].xpath("string(td[last()])")
    assert "2023: withheld: in the first year of the data" in page.text  # the chart's subtitle
    public = client.get("/indicators", params={"by": "year", "indicator": "participants"})
    notes = html.fromstring(public.text).xpath("//table[@class='data']/tbody/tr/td[last()]")
    assert notes and all(note.text_content() == "" for note in notes)  # exact public record
    profile = client.get("/countries/CHN")
    assert "<sup" in profile.text and "~: perturbed" in profile.text


@pytest.mark.parametrize(
    ("fmt", "cli_format"), [("csv", "csv"), ("json", "json"), ("sdmx-csv", "sdmx-csv")]
)
def test_downloads_equal_the_cli(
    client: TestClient, cli: CliRunner, db_url: str, fmt: str, cli_format: str
) -> None:
    params = {"format": fmt, "by": "year,status", "indicator": "participants,women_share"}
    response = client.get("/indicators/download", params=params)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    code, out, _ = invoke(
        cli,
        "indicators",
        "--db",
        db_url,
        "--by",
        "year,status",
        "--indicator",
        "participants,women_share",
        "--format",
        cli_format,
    )
    assert code == 0
    assert response.text == out


def test_html_escapes_data(client: TestClient) -> None:
    page = client.get("/countries", params={"region": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in page.text
