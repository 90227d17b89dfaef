"""The catalogue's API pages say how many items there are in all, whatever the page; the
reading-list form of an officer starts empty."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web_testing import sign_in

JSON = {"Accept": "application/json"}


def test_every_page_of_the_items_says_the_same_total(client: TestClient) -> None:
    whole = client.get("/api/v1/knowledge/items?limit=1000").json()
    total = whole["total"]
    assert total == len(whole["items"]) > 20
    first = client.get("/api/v1/knowledge/items?limit=10").json()
    last = client.get(f"/api/v1/knowledge/items?limit=10&offset={total - 3}").json()
    assert first["total"] == last["total"] == total
    assert len(first["items"]) == 10 and len(last["items"]) == 3
    assert [i["item_id"] for i in first["items"]] == [i["item_id"] for i in whole["items"][:10]]
    assert [i["item_id"] for i in last["items"]] == [i["item_id"] for i in whole["items"][-3:]]


def test_the_reading_list_form_starts_empty(client: TestClient) -> None:
    sign_in(client, "officer")
    page = client.get("/knowledge/lists")
    assert page.status_code == 200
    assert "built-in method" not in page.text
    assert '<textarea name="items" rows="8"></textarea>' in page.text
    assert 'class="stack"' in page.text
