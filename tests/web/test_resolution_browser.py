"""The resolution browser: versions and a diff between any two, preamble, references linked when
the cited text is tracked, footnotes, JSON and Akoma Ntoso downloads, evidence as a link or an
uploaded file (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.evidence import MAX_BYTES
from stdgap.resolutions.models import ClauseAction, EvidenceFile
from stdgap.resolutions.tracking import import_files
from stdgap.store.audit import AuditEntry
from stdgap_testing import RESOLUTION_TEXTS
from web_testing import problem, sign_in

RES44 = next(path for path in RESOLUTION_TEXTS if path.name == "res44.txt")
PDF = b"%PDF-1.4\n% minutes of the workshop\n%%EOF\n"


def revised_text(folder: Path) -> Path:
    """Our Res. 44 revised at a later assembly: one clause reworded, a reference to a tracked
    resolution added, a footnote printed at the end."""
    text = RES44.read_text(encoding="utf-8")
    for old, new in (
        ("RESOLUTION 44 (Rev. Testville, 2024)", "RESOLUTION 44 (Rev. Othertown, 2026)"),
        ("Testville, 2024)\n", "Testville, 2024; Othertown, 2026)\n"),
        ("Assembly (Testville, 2024),", "Assembly (Othertown, 2026),"),
        (
            "on the digital divide,\n",
            "on the digital divide;\nc)\tResolution 74 (Rev. Testville, 2024) of the World "
            "Telecommunication Standardization Assembly,\n",
        ),
        (
            "to give fellowships to delegates of eligible countries;",
            "to give more fellowships to delegates of all eligible countries;",
        ),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "res44-2026.txt"
    path.write_text(text.rstrip() + "\n______________\n1\tA note kept by the secretariat.\n")
    return path


def test_versions_compared_with_preamble_references_footnotes_and_downloads(
    client: TestClient, loaded: Engine, tmp_path: Path
) -> None:
    import_files.perform(loaded, "test", [revised_text(tmp_path)])
    page = client.get("/resolutions/44.json").json()
    assert [(v["label"], v["basis"]) for v in page["versions"]] == [
        ("Testville, 2024", False),
        ("Othertown, 2026", True),
    ]
    assert page["resolution"]["basis"] == "Othertown, 2026"
    assert [s["verb"] for s in page["preamble"]] == ["recalling", "considering"]
    links = {ref["label"]: ref["href"] for ref in page["references"]}
    assert links["Resolution 74 (Rev. Testville, 2024) of WTSA"] == "/resolutions/74"
    assert links["Resolution 123 (Rev. Bucharest, 2022) of PP"] is None  # not in the store
    assert page["footnotes"] == [{"num": "1", "text": "A note kept by the secretariat."}]
    html = client.get("/resolutions/44").text
    assert '<a href="/resolutions/74">Resolution 74 (Rev. Testville, 2024) of WTSA</a>' in html
    assert "A note kept by the secretariat." in html and 'action="/resolutions/44/diff"' in html

    # any two versions compared, the changed words marked
    query = {"from": "Testville, 2024", "to": "Othertown, 2026"}
    diff = client.get("/resolutions/44/diff.json", params=query).json()
    assert (diff["from"], diff["to"]) == ("Testville, 2024", "Othertown, 2026")
    changed = {row["path"]: row for row in diff["rows"]}
    assert set(changed) == {"resolves/2"} and diff["counts"]["changed"] == 1
    inserted = [s["text"] for s in changed["resolves/2"]["segments"] if s["kind"] == "inserted"]
    assert inserted == ["more", "all"]
    shown = client.get("/resolutions/44/diff", params=query).text
    assert "<ins>more</ins>" in shown
    api = client.get("/api/v1/resolutions/44/diff", params=query).json()
    assert api["counts"] == diff["counts"] and len(api["rows"]) == sum(diff["counts"].values())
    backwards = client.get("/api/v1/resolutions/44/diff", params={**query, "from": query["to"]})
    assert backwards.status_code == 200  # the other way round: the same clause changed back
    problem(client.get("/resolutions/44/diff.json", params={"from": "Nowhere, 1999"}), 422)
    page_error = client.get("/resolutions/44/diff", params={"from": "Nowhere, 1999"})
    assert page_error.status_code == 422 and "Nowhere, 1999" in page_error.text

    # downloads: the stored JSON as parsed, and Akoma Ntoso valid against the schema
    got = client.get("/resolutions/44/download", params={"format": "json"})
    assert got.status_code == 200 and got.headers["content-type"] == "application/json"
    assert 'filename="WTSA-44-Othertown-2026.json"' in got.headers["content-disposition"]
    assert json.loads(got.content)["place_year"] == "Othertown, 2026"
    older = client.get(
        "/resolutions/44/download", params={"format": "akn", "version": "Testville, 2024"}
    )
    assert older.headers["content-type"].startswith("application/akn+xml")
    assert "WTSA-44-Testville-2024.akn.xml" in older.headers["content-disposition"]
    assert errors(older.content) == [] and b"Testville" in older.content
    versions = client.get("/api/v1/resolutions/44/versions").json()["items"]
    assert [v["tracked"] for v in versions] == [False, True]
    missing = client.get(
        "/resolutions/44/download",
        params={"version": "Nowhere, 1999"},
        headers={"Accept": "application/json"},
    )
    problem(missing, 404)
    assert client.get("/resolutions/44/download", params={"format": "exe"}).status_code == 422


def _actions(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        actions = session.scalar(select(func.count()).select_from(ClauseAction)) or 0
        files = session.scalar(select(func.count()).select_from(EvidenceFile)) or 0
        return actions, files


def test_evidence_uploaded_as_a_file_is_kept_and_served_as_an_attachment(
    client: TestClient, loaded: Engine
) -> None:
    token = sign_in(client, "officer")
    before = _actions(loaded)
    response = client.post(
        "/resolutions/actions",
        data={
            "csrf_token": token,
            "clause": "44/resolves/1",
            "who": "TSB",
            "what": "Workshop",
            "back": "/resolutions/44",
        },
        files={"evidence_file": ("../../Minutes Bamako.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert re.search(r"/resolutions/44#action-\d+$", response.headers["location"])
    assert _actions(loaded) == (before[0] + 1, before[1] + 1)
    listed = client.get("/api/v1/actions", params={"resolution": 44}).json()["items"]
    kept = listed[-1]["evidence_file"]
    assert kept["filename"] == "Minutes Bamako.pdf" and kept["size"] == len(PDF)
    assert listed[-1]["evidence"] == f"/resolutions/evidence/{kept['id']}"
    served = client.get(f"/resolutions/evidence/{kept['id']}")
    assert served.content == PDF and served.headers["content-type"] == "application/pdf"
    assert served.headers["content-disposition"].startswith("attachment;")
    assert served.headers["x-content-type-options"] == "nosniff"
    page = client.get("/resolutions/44").text
    assert f'href="/resolutions/evidence/{kept["id"]}"' in page and "Minutes Bamako.pdf" in page
    with Session(loaded) as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "action.add").order_by(AuditEntry.id)
        ).all()[-1]
    assert audit.who == "officer" and audit.details is not None
    assert audit.details["evidence_file"]["filename"] == "Minutes Bamako.pdf"

    # a link is shown as a link; text that is not a web address stays text
    link = "https://example.org/report?id=7"
    response = client.post(
        "/api/v1/actions",
        json={"clause": "44/resolves/2", "who": "TSB", "what": "Report", "evidence": link},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201 and response.json()["evidence_file"] is None
    assert f'<a href="{link}" rel="noopener noreferrer nofollow">' in (
        client.get("/resolutions/44").text.replace("&amp;", "&")
    )
    assert client.get("/resolutions/evidence/999999").status_code == 404


def test_bad_evidence_is_refused_and_changes_nothing(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "officer")
    before = _actions(loaded)
    form = {"csrf_token": token, "clause": "44/resolves/1", "who": "TSB", "what": "Workshop"}
    json_accept = {"Accept": "application/json"}
    for name, content, words in (
        ("minutes.pdf", b"MZ\x90\x00 not a pdf", "not a .pdf file"),
        ("tool.exe", b"MZ\x90\x00", "evidence files may be"),
        ("notes.txt", b"\xff\xfe\x00bad", "not UTF-8 text"),
        ("empty.pdf", b"", "is empty"),
        ("big.pdf", b"%PDF-" + b"0" * MAX_BYTES, "too large"),
    ):
        response = client.post(
            "/resolutions/actions",
            data=form,
            files={"evidence_file": (name, content, "application/octet-stream")},
            headers=json_accept,
        )
        assert words in problem(response, 422)["detail"], name
    both = client.post(
        "/resolutions/actions",
        data={**form, "evidence": "https://example.org/x"},
        files={"evidence_file": ("m.pdf", PDF, "application/pdf")},
        headers=json_accept,
    )
    assert "not both" in problem(both, 422)["detail"]
    assert _actions(loaded) == before
    viewer = sign_in(client, "viewer")
    refused = client.post(
        "/resolutions/actions",
        data={**form, "csrf_token": viewer},
        files={"evidence_file": ("m.pdf", PDF, "application/pdf")},
        headers=json_accept,
    )
    assert refused.status_code == 403 and _actions(loaded) == before


def test_withdraw_filters_and_refusals_in_the_browser(client: TestClient, loaded: Engine) -> None:
    token = sign_in(client, "officer")
    form = {"csrf_token": token, "clause": "44/resolves/1", "who": "TSB", "what": "Workshop"}
    recorded = client.post(
        "/resolutions/actions",
        data={**form, "evidence": "HTTPS://EXAMPLE.ORG/MINUTES"},
        headers={"Accept": "application/json"},
    )
    action_id = recorded.json()["id"]
    page = client.get("/resolutions/44").text
    assert '<a href="HTTPS://EXAMPLE.ORG/MINUTES" rel="noopener noreferrer nofollow">' in page
    assert f'action="/resolutions/actions/{action_id}/withdraw"' in page
    # a refused form: the reason and the way back, on a page
    refused = client.post(
        "/resolutions/actions",
        data={**form, "evidence": "javascript:alert(1)", "back": "/resolutions/44"},
    )
    assert refused.status_code == 422
    assert "only web addresses" in refused.text and 'href="/resolutions/44"' in refused.text
    # withdrawn from its row, with a reason; gone from the pages
    needs_reason = client.post(
        f"/resolutions/actions/{action_id}/withdraw",
        data={"csrf_token": token, "reason": " "},
        headers={"Accept": "application/json"},
    )
    assert "why" in problem(needs_reason, 422)["detail"]
    done = client.post(
        f"/resolutions/actions/{action_id}/withdraw",
        data={"csrf_token": token, "reason": "recorded twice", "back": "/resolutions/44"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/resolutions/44"
    assert action_id not in [a["id"] for a in client.get("/api/v1/actions").json()["items"]]
    again = client.post(
        f"/api/v1/actions/{action_id}/withdraw",
        json={"reason": "again"},
        headers={"X-CSRF-Token": token},
    )
    problem(again, 404)
    other = client.post(
        "/api/v1/actions",
        json={"clause": "44/resolves/2", "who": "TSB", "what": "Report"},
        headers={"X-CSRF-Token": sign_in(client, "analyst")},
    ).json()["id"]
    forbidden = client.post(
        f"/api/v1/actions/{other}/withdraw",
        json={"reason": "not mine"},
        headers={"X-CSRF-Token": sign_in(client, "viewer")},
    )
    assert forbidden.status_code == 403
    assert other in [a["id"] for a in client.get("/api/v1/actions").json()["items"]]
    # clauses involving BDT as a collaborator, on the page and in the API
    involved = client.get("/api/v1/resolutions/44/clauses", params={"involves": "bdt"}).json()
    assert involved["total"] > 0
    assert all("director_bdt" in c["collaborator_codes"] for c in involved["items"])
    page = client.get("/resolutions/44.json", params={"involves": "director_bdt"}).json()
    assert page["total"] == involved["total"]
    assert client.get("/resolutions/evidence/9223372036854775808").status_code == 404
