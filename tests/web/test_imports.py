"""Uploads of import files: the same validation as ``stdgap import``, every bad row listed by
line, nothing written on error, an audit row for what was written."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from stdgap.http.settings import WebSettings
from stdgap.indicators.load import state
from stdgap.store.audit import AuditEntry
from stdgap.store.models import Meeting, Member
from stdgap.web.app import create_app
from stdgap_testing import DATA
from web_testing import problem, sign_in
from workbooks import deflate_bomb, far_cell, workbook

BAD_MEMBERS = (
    b"member_id,name,type,country\n"
    b"SM-OK,Fine Co,sector_member,KEN\n"
    b"SM-BAD,Bad Co,emperor,KEN\n"
    b"SM-NOWHERE,Lost Co,sector_member,Atlantis\n"
)


def _counts(engine: Engine) -> tuple[int, int, int, object]:
    with engine.connect() as connection:
        members = connection.execute(select(func.count()).select_from(Member)).scalar_one()
        meetings = connection.execute(select(func.count()).select_from(Meeting)).scalar_one()
        audit = connection.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return members, meetings, audit, state(engine)


def test_a_bad_upload_lists_its_errors_and_writes_nothing(
    client: TestClient, loaded: Engine
) -> None:
    token = sign_in(client, "analyst")
    before = _counts(loaded)
    files = [
        ("files", ("members.csv", BAD_MEMBERS, "text/csv")),
        ("files", ("meetings.csv", (DATA / "small" / "meetings.csv").read_bytes(), "text/csv")),
    ]
    response = client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token})
    body = problem(response, 422)
    assert body["type"].endswith("import-failed")
    errors = body["errors"]
    assert len(errors) == 2
    assert errors[0].startswith("members.csv:3: type:")
    assert errors[1].startswith("members.csv:4: country:")
    assert _counts(loaded) == before

    page = client.post("/imports", data={"csrf_token": token}, files=files)
    assert page.status_code == 422
    assert "members.csv:3: type:" in page.text and "members.csv:4: country:" in page.text
    assert _counts(loaded) == before


def test_a_good_upload_is_imported_and_audited(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "analyst")
    members, meetings, audit, version = _counts(loaded)
    files = [
        ("files", (name, (DATA / "small" / name).read_bytes(), "text/csv"))
        for name in ("members.csv", "meetings.csv")
    ]
    page = client.post("/imports", data={"csrf_token": token}, files=files)
    assert page.status_code == 200 and "Imported" in page.text
    after = _counts(loaded)
    assert after[0] > members and after[1] > meetings and after[2] == audit + 1
    assert after[3] != version
    sign_in(client, "admin")
    last = client.get("/api/v1/audit", params={"limit": 2}).json()["items"][1]  # [0]: sign-in
    assert last["action"] == "import" and last["who"] == "analyst"
    assert (
        last["details"]["rows_read"]["members"]
        == len((DATA / "small" / "members.csv").read_text().splitlines()) - 1
    )


def test_upload_needs_a_kind_it_can_tell(client: TestClient, tmp_path: Path) -> None:
    token = sign_in(client, "analyst")
    files = [("files", ("export.csv", b"a,b\n1,2\n", "text/csv"))]
    body = problem(
        client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token}), 422
    )
    assert "kind" in body["detail"]
    files = [("files", ("notes.txt", b"hello", "text/plain"))]
    problem(client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token}), 422)


def test_the_upload_form_carries_the_csrf_token(client: TestClient) -> None:
    sign_in(client, "analyst")
    page = client.get("/imports")
    assert re.search(
        r'<form method="post" action="/imports"[^>]*>\s*<input type="hidden" '
        r'name="csrf_token"',
        page.text,
    )


def test_uploads_past_the_limit_are_refused(loaded: Engine) -> None:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="s", max_upload=64))
    with TestClient(app) as client:
        token = sign_in(client, "analyst")
        before = _counts(loaded)
        files = [("files", ("members.csv", BAD_MEMBERS, "text/csv"))]
        response = client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token})
        assert problem(response, 413)["type"].endswith("too-large")
        assert _counts(loaded) == before


def test_a_broken_upload_is_named_as_uploaded(client: TestClient) -> None:
    token = sign_in(client, "analyst")
    files = [("files", ("members.csv", b"", "text/csv"))]
    body = problem(
        client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token}), 422
    )
    assert body["detail"].startswith("members.csv: ") and "stdgap-upload-" not in body["detail"]


def test_an_xlsx_bomb_upload_is_refused_and_writes_nothing(
    client: TestClient, loaded: Engine, tmp_path: Path
) -> None:
    token = sign_in(client, "analyst")
    before = _counts(loaded)
    bomb = far_cell(tmp_path / "bomb.xlsx").read_bytes()
    files = [("files", ("2024-attendance.xlsx", bomb, "application/octet-stream"))]
    response = client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token})
    body = problem(response, 422)
    assert body["errors"] == [
        "2024-attendance.xlsx[attendance]:1048576: XFD: a value in column XFD (the 16,384th), "
        "beyond the 256 columns allowed (STDGAP_XLSX_MAX_COLUMNS); refused"
    ]
    bomb = deflate_bomb(tmp_path / "deflate.xlsx", 64).read_bytes()
    files = [("files", ("attendance.xlsx", bomb, "application/octet-stream"))]
    page = client.post("/imports", data={"csrf_token": token}, files=files)
    assert page.status_code == 422 and "attendance.xlsx: the part xl/worksheets" in page.text
    assert _counts(loaded) == before


def test_a_workbook_upload_imports_every_sheet_or_names_the_bad_one(
    client: TestClient, loaded: Engine, tmp_path: Path
) -> None:
    token = sign_in(client, "analyst")
    members = [
        ["member_id", "name", "type", "country"],
        ["SM-NEW", "New Co", "sector_member", "KEN"],
    ]
    meetings = [["Meeting ID", "Group", "Start"], ["SG5-NEW", "SG5", "2024-05-06"]]
    book = workbook(
        tmp_path / "b.xlsx", {"members": members, "Meetings": meetings, "Notes": [["x"]]}
    )
    files = [("files", ("book.xlsx", book.read_bytes(), "application/octet-stream"))]
    response = client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token})
    body = problem(response, 422)
    assert "'Notes' hold data but their names are not kinds" in body["detail"]
    before = _counts(loaded)
    book = workbook(tmp_path / "c.xlsx", {"members": members, "Meetings": meetings})
    files = [("files", ("book.xlsx", book.read_bytes(), "application/octet-stream"))]
    response = client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token})
    assert response.status_code == 201, response.text
    assert response.json()["files"] == [
        {"name": "book.xlsx[members]", "kind": "members"},
        {"name": "book.xlsx[Meetings]", "kind": "meetings"},
    ]
    after = _counts(loaded)
    assert (after[0], after[1]) == (before[0] + 1, before[1] + 1)


def test_an_upload_with_errors_counts_errors_and_rows(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "analyst")
    bad = b"member_id,name,type,country\nSM-X,X Co,emperor,Atlantis\n"
    files = [("files", ("members.csv", bad, "text/csv"))]
    body = problem(
        client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token}), 422
    )
    assert body["detail"] == "2 errors in 1 row; nothing was written"
    assert body["errors"] == [
        "members.csv:2: country: unknown country 'Atlantis'",
        "members.csv:2: type: 'emperor' is not one of 'member_state', 'sector_member', "
        "'associate' or 'academia'",
    ]


def test_a_latin1_upload_names_the_byte_as_uploaded(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "analyst")
    before = _counts(loaded)
    latin = "member_id,Name,Type,Country\nSM-CI,Société,sector_member,KEN\n".encode("cp1252")
    files = [("files", ("members.csv", latin, "text/csv"))]
    body = problem(
        client.post("/api/v1/imports", files=files, headers={"X-CSRF-Token": token}), 422
    )
    assert body["errors"] == [
        "members.csv:2: name: byte 0xE9 is not UTF-8: the file seems to be Latin-1/Windows-1252 "
        "(where this cell reads 'Société'); save it as UTF-8"
    ]
    assert body["detail"] == "1 error in 1 row; nothing was written"
    assert _counts(loaded) == before
