"""The knowledge pages and API: who may use each route, pages render (HTML and JSON), an
import's errors name file, line, column and value and write nothing, edits are audited,
attachments' text is extracted and searched, "new since my last visit"."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import pytest
from docx import Document
from fastapi.testclient import TestClient
from knowledge_world import build_knowledge_world
from sqlalchemy import Engine, func, select

from stdgap.bootstrap import open_store
from stdgap.http.settings import WebSettings
from stdgap.knowledge import index, queries, search, visits
from stdgap.knowledge.index import Query
from stdgap.knowledge.items import ItemInput, edit_item
from stdgap.knowledge.models import (
    KnowledgeAttachment,
    KnowledgeItem,
    KnowledgeList,
    KnowledgeListEntry,
)
from stdgap.store.audit import AuditEntry
from stdgap.web.app import create_app
from stores import Templates
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
WHO = (None, "applicant", "viewer", "officer", "analyst", "admin")
EVERYONE = (200,) * 6
EDITORS = (401, 403, 403, 200, 403, 200)
MADE = (401, 403, 403, 201, 403, 201)
ITEM = "ITU-T%20Y.3172"
CSV = b"item_id,title,type\nNEW-8,Imported,guideline\n"


def new_item(who: str | None) -> dict[str, str]:
    """A new item (each role its own id: the second to add the same would be refused)."""
    return {"item_id": f"NEW-{who}", "title": "A new guideline", "type": "guideline"}


def new_list(who: str | None) -> dict[str, str]:
    return {"list_id": f"l-{who}", "title": "L", "topic": "t"}


#: method, path, body (or a role's body), the status of each of WHO.
ROUTES: list[tuple[str, str, Any, tuple[int, ...]]] = [
    ("GET", "/knowledge.json?q=quantum&sg=SG13", None, EVERYONE),
    ("GET", "/knowledge?q=machine+learning", None, EVERYONE),
    ("GET", f"/knowledge/items/{ITEM}.json", None, EVERYONE),
    ("GET", f"/knowledge/items/{ITEM}", None, EVERYONE),
    ("GET", "/knowledge/lists.json", None, EVERYONE),
    ("GET", "/api/v1/knowledge/search?q=quantom", None, EVERYONE),
    ("GET", f"/api/v1/knowledge/items/{ITEM}", None, EVERYONE),
    ("GET", "/api/v1/knowledge/items", None, EVERYONE),
    ("GET", "/api/v1/knowledge/lists", None, EVERYONE),
    ("GET", "/api/v1/knowledge/new", None, (401, 200, 200, 200, 200, 200)),
    ("GET", "/knowledge/new.json", None, EDITORS),
    ("GET", "/knowledge/import.json", None, EDITORS),
    ("GET", f"/knowledge/items/{ITEM}/edit.json", None, EDITORS),
    ("POST", "/knowledge/items", new_item, MADE),
    ("POST", "/api/v1/knowledge/items", lambda who: new_item(f"api-{who}"), MADE),
    ("POST", f"/knowledge/items/{ITEM}", {"title": "Changed", "type": "recommendation"}, EDITORS),
    ("PUT", f"/api/v1/knowledge/items/{ITEM}", {**new_item(None), "item_id": "x"}, EDITORS),
    ("POST", f"/knowledge/items/{ITEM}/withdraw", {}, EDITORS),
    ("POST", f"/api/v1/knowledge/items/{ITEM}/withdraw", None, EDITORS),
    ("POST", "/knowledge/import", "csv", EDITORS),
    ("POST", "/api/v1/knowledge/import", "csv", EDITORS),
    ("POST", f"/knowledge/items/{ITEM}/attachments", "docx", MADE),
    ("POST", "/knowledge/lists", new_list, MADE),
    ("PUT", "/api/v1/knowledge/lists/l-2", {"title": "L", "topic": "t"}, EDITORS),
]
WRITES = [r for r in ROUTES if r[0] != "GET"]


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def call(client: TestClient, method: str, path: str, body: Any, token: str) -> Any:
    if method == "GET":
        return client.get(path, headers=JSON)
    headers = {**JSON, "X-CSRF-Token": token}
    if body == "csv":
        return client.post(path, files={"file": ("c.csv", CSV, "text/csv")}, headers=headers)
    if body == "docx":
        files = {"file": ("a.docx", docx_bytes("Zebra telemetry"), "application/octet-stream")}
        return client.post(path, files=files, headers=headers)
    if path.startswith("/api/"):
        return client.request(method, path, json=body, headers=headers)
    return client.post(path, data={**(body or {}), "csrf_token": token}, headers=JSON)


def catalogue_state(engine: Engine) -> tuple[int, ...]:
    """What a write of the portal changes: how many items, attachments, lists and list
    entries, the portal's entries in the audit (but visits: reading a page records one),
    and the catalogue's revision."""
    tables = (KnowledgeItem, KnowledgeAttachment, KnowledgeList, KnowledgeListEntry)
    with engine.connect() as connection:
        counts = [
            int(connection.execute(select(func.count()).select_from(table)).scalar() or 0)
            for table in tables
        ]
        audited = connection.execute(
            select(func.count()).where(
                AuditEntry.action.like("knowledge.%"), AuditEntry.action != "knowledge.visit"
            )
        ).scalar()
    return (*counts, int(audited or 0), index.revision(engine))


class Shared(NamedTuple):
    engine: Engine
    client: TestClient


@pytest.fixture(scope="module")
def shared(
    templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Shared]]:
    """One store per backend for the requests that write nothing (reads, refused writes),
    its client signed out before each use."""
    made: dict[str, tuple[Shared, str]] = {}

    def get(backend: str) -> Shared:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"knowledge-{backend}")
            url = templates.copy(backend, "knowledge-world", build_knowledge_world, folder)
            engine = open_store(url)
            app = create_app(engine=engine, settings=WebSettings(secret_key="test-secret"))
            client = TestClient(app)
            client.__enter__()
            made[backend] = (Shared(engine, client), url)
        found = made[backend][0]
        found.client.cookies.clear()
        return found

    yield get
    for found, url in made.values():
        found.client.__exit__(None, None, None)
        found.engine.dispose()
        templates.drop(url)


def _check(answer: Any, method: str, path: str, expected: int, who: str | None) -> None:
    if expected >= 400:
        problem(answer, expected)
        return
    assert answer.status_code == expected, (who, answer.text)
    if "json" in path or path.startswith("/api/") or method != "GET":
        assert answer.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r[0]} {r[1]}" for r in ROUTES])
def test_who_may_use_each_route(
    backend: str, shared: Callable[[str], Shared], route: tuple[Any, ...]
) -> None:
    """Reads and refused writes, every role, on the shared store (which they leave as it
    was); the writes that succeed are in the next test."""
    method, path, body, statuses = route
    store = shared(backend)
    before = catalogue_state(store.engine)
    for who, expected in zip(WHO, statuses, strict=True):
        if method != "GET" and expected < 400:
            continue
        client = shared(backend).client
        token = sign_in(client, who) if who else client.get("/api/v1/session").json()["csrf_token"]
        answer = call(client, method, path, body(who) if callable(body) else body, token)
        _check(answer, method, path, expected, who)
    assert catalogue_state(store.engine) == before


def test_the_writes_each_role_may_make(client: TestClient, world: Engine) -> None:
    """Every write, by every role it is allowed to, on one store of this test's own (each
    write changes the catalogue)."""
    for method, path, body, statuses in WRITES:
        for who, expected in zip(WHO, statuses, strict=True):
            if expected >= 400:
                continue
            before = catalogue_state(world)
            client.cookies.clear()
            token = sign_in(client, who)
            answer = call(client, method, path, body(who) if callable(body) else body, token)
            _check(answer, method, path, expected, who)
            assert catalogue_state(world) != before, (method, path, who)


@pytest.mark.parametrize("route", WRITES, ids=[f"{r[0]} {r[1]}" for r in WRITES])
def test_every_write_needs_the_csrf_token(
    backend: str, shared: Callable[[str], Shared], route: tuple[Any, ...]
) -> None:
    store = shared(backend)
    sign_in(store.client, "admin")
    answer = store.client.request(route[0], route[1], headers=JSON)
    problem(answer, 403)


def test_pages_show_results_facets_and_marks(backend: str, shared: Callable[[str], Shared]) -> None:
    client = shared(backend).client
    page = client.get("/knowledge?q=quantum&sg=SG13")
    assert page.status_code == 200
    assert "<mark>" in page.text and 'type="checkbox"' in page.text
    data = client.get("/knowledge.json?q=quantum").json()["search"]
    assert data["total"] == 4
    assert {f["value"] for f in data["facets"]["sg"]} == {"SG13", "SG17"}
    assert client.get("/knowledge/items/ITU-T%20Y.3172").status_code == 200
    problem(client.get("/knowledge/items/nothing.json"), 404)
    problem(client.get("/api/v1/knowledge/search?year=abc"), 422)


def test_import_errors_name_file_line_column_and_write_nothing(
    client: TestClient, world: Engine
) -> None:
    token = sign_in(client, "officer")
    bad = (
        b"item_id,title,type,status,date,languages,study_group,question\n"
        b"OK-1,Fine,guideline,in force,2020-01-01,en,SG13,Q20/13\n"
        b"BAD-1,,memo,later,2020-13-01,xx,SG99x,Q1/12\n"
    )
    answer = client.post(
        "/api/v1/knowledge/import",
        files={"file": ("cat.csv", bad, "text/csv")},
        headers={**JSON, "X-CSRF-Token": token},
    )
    errors = problem(answer, 422)["errors"]
    assert "cat.csv:3: title: a value is required" in errors
    assert any(e.startswith("cat.csv:3: type: 'memo' is not one of recommendation") for e in errors)
    assert any(e.startswith("cat.csv:3: date: '2020-13-01'") for e in errors)
    assert any(e.startswith("cat.csv:3: languages: 'xx'") for e in errors)
    assert any(e.startswith("cat.csv:3: study_group: 'SG99X'") for e in errors)
    assert not queries.item_exists(world, "OK-1")
    good = b"item_id,title,type\nOK-1,Fine,guideline\n"
    for outcome in ({"added": 1, "changed": 0, "same": 0}, {"added": 0, "changed": 0, "same": 1}):
        answer = client.post(
            "/api/v1/knowledge/import",
            files={"file": ("cat.csv", good, "text/csv")},
            headers={**JSON, "X-CSRF-Token": token},
        )
        assert answer.json() == outcome


def test_edits_are_audited(world: Engine) -> None:
    edit_item.perform(
        world, "someone", "ITU-T Y.3172", ItemInput("x", "New title", "recommendation")
    )
    with world.connect() as connection:
        row = connection.execute(
            select(AuditEntry).where(AuditEntry.action == "knowledge.edit")
        ).one()
    assert (row.who, row.target) == ("someone", "ITU-T Y.3172")
    assert row.details["rows"]["updated"] == {"knowledge_items": 1}


def test_attachments_are_read_and_searched(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    with warnings.catch_warnings():  # WeasyPrint's notice of a library it will need
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import HTML

        pdf = HTML(string="<p>Holographic telepresence benchmark</p>").write_pdf()
    for name, data in (("paper.pdf", pdf), ("notes.docx", docx_bytes("Zebra telemetry"))):
        answer = client.post(
            f"/api/v1/knowledge/items/{ITEM}/attachments",
            files={"file": (name, data, "application/octet-stream")},
            headers=headers,
        )
        assert answer.status_code == 201, answer.text
    assert search.ids(world, Query("holographic"), 10) == ["ITU-T Y.3172"]
    found = search.search(world, Query("zebra"))["results"][0]
    assert any(s["hit"] and s["text"] == "Zebra" for s in found["snippet"])
    for name, data, status in (
        ("bad.pdf", b"%PDF-1.4 nonsense", 422),
        ("bad.docx", b"not a zip", 422),
        ("virus.exe", b"MZ", 422),
    ):
        answer = client.post(
            f"/api/v1/knowledge/items/{ITEM}/attachments",
            files={"file": (name, data, "application/octet-stream")},
            headers=headers,
        )
        assert name in problem(answer, status)["detail"]


def test_new_since_the_last_visit(world: Engine) -> None:
    start = datetime.now().replace(microsecond=0)
    assert visits.visit(world, 1, "admin", start) is None  # the first visit
    assert visits.visit(world, 1, "admin", start + timedelta(minutes=5)) is None  # same visit
    later = start + timedelta(hours=2)
    assert visits.visit(world, 1, "admin", later) == start
