"""The knowledge portal's answers to the outsider and security reviews: an import's row limit
and its batched write, a query's caps on words and corrections, edits on a stale version
refused (409), unreadable attachments refused (422), two first visits at once, strict dates,
corrections shown as words, transpositions corrected, snippets of the attachment that matched,
study groups of the registry, what is new above the results, withdrawing, paging past the
end, languages by name, the command line's ``--format``."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from datetime import datetime

import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.knowledge import attachments, index, items, queries, search, visits
from stdgap.knowledge.attachments import attach, extract
from stdgap.knowledge.errors import Conflict, KnowledgeError
from stdgap.knowledge.index import Query
from stdgap.knowledge.items import ItemInput, add_item, check, edit_item, import_file
from stdgap.knowledge.models import KnowledgeVisit
from stdgap.store.audit import AuditEntry
from stdgap.store.models import Group
from stdgap.tabular.errors import ImportFailed, InputError
from web_testing import problem, sign_in

JSON = {"Accept": "application/json"}
ITEM = "ITU-T%20Y.3172"


def _csv(tmp_path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. an import's row limit, its write in batches ---------------------------------------
def test_an_import_past_the_row_limit_is_refused_naming_file_and_limit(
    world: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(items, "MAX_IMPORT_ROWS", 3)
    rows = "".join(f"BIG-{i},Title {i},guideline\n" for i in range(5))
    path = _csv(tmp_path, "big.csv", "item_id,title,type\n" + rows)
    before = index.revision(world)
    with pytest.raises(InputError, match=r"big\.csv: more than 3 rows.*at most 3"):
        import_file(world, "officer", path)
    assert index.revision(world) == before
    assert not queries.item_exists(world, "BIG-0")


def test_an_import_adds_changes_and_keeps_in_batches(
    world: Engine, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(items, "BATCH", 2)  # several batches of inserts and of updates
    attach.perform(world, "officer", "ITU-T Y.3172", "notes.docx", _docx("Zebra telemetry"))
    rows = "".join(f"B-{i},Batch item {i},guideline,2021-0{1 + i % 9}-01\n" for i in range(5))
    header = "item_id,title,type,date\n"
    first = _csv(tmp_path, "a.csv", header + rows)
    assert import_file(world, "officer", first) == {"added": 5, "changed": 0, "same": 0}
    assert import_file(world, "officer", first) == {"added": 0, "changed": 0, "same": 5}
    again = rows.replace("Batch item 3", "Renamed item") + (
        "ITU-T Y.3172,Renamed with its attachment,recommendation,\n"
    )
    counts = import_file(world, "officer", _csv(tmp_path, "b.csv", header + again))
    assert counts == {"added": 0, "changed": 2, "same": 4}
    assert queries.item(world, "B-3")["title"] == "Renamed item"
    assert queries.item(world, "B-3")["date"].isoformat() == "2021-04-01"
    assert set(search.ids(world, Query("renamed"))) == {"B-3", "ITU-T Y.3172"}
    # the changed item's attached text is still searched
    assert search.ids(world, Query("zebra")) == ["ITU-T Y.3172"]
    with world.connect() as connection:
        audited = connection.execute(
            select(AuditEntry.details).where(AuditEntry.action == "knowledge.import")
        ).all()
    assert [a.details["changed"] for a in audited][-1] == 2


# -- 2. a query's caps -------------------------------------------------------------------
def test_a_query_searches_32_words_and_corrects_five(world: Engine) -> None:
    many = " ".join(f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(40))
    found = search.search(world, Query(many))
    assert len(found["ignored"]) == 8 and found["max_words"] == 32
    typos = "quantom netwroks sekurity machnie lerning archtecture framewrok"
    found = search.search(world, Query(typos))
    assert len(found["corrections"]) <= 5
    assert found["uncorrected"] == ["archtecture", "framewrok"]


# -- 3. optimistic concurrency -------------------------------------------------------------
def test_an_edit_on_a_stale_version_is_refused(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    version = queries.item(world, "ITU-T Y.3172")["version"]
    body = {"item_id": "x", "title": "First edit", "type": "recommendation", "version": version}
    answer = client.put(f"/api/v1/knowledge/items/{ITEM}", json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] > version
    stale = {**body, "title": "Second edit"}
    found = problem(client.put(f"/api/v1/knowledge/items/{ITEM}", json=stale, headers=headers), 409)
    assert "changed by someone else" in found["detail"]
    assert queries.item(world, "ITU-T Y.3172")["title"] == "First edit"
    # the form: 409, the user's values kept, the current ones shown, the version brought up
    form = {"title": "Form edit", "type": "recommendation", "version": str(version)}
    page = client.post(f"/knowledge/items/{ITEM}", data={**form, "csrf_token": token})
    assert page.status_code == 409
    assert 'value="Form edit"' in page.text and "First edit" in page.text
    current = queries.item(world, "ITU-T Y.3172")["version"]
    assert f'name="version" value="{current}"' in page.text
    problem(
        client.post(f"/knowledge/items/{ITEM}", data={**form, "csrf_token": token}, headers=JSON),
        409,
    )
    form["version"] = str(current)
    page = client.post(
        f"/knowledge/items/{ITEM}", data={**form, "csrf_token": token}, follow_redirects=False
    )
    assert page.status_code == 303
    assert queries.item(world, "ITU-T Y.3172")["title"] == "Form edit"
    with pytest.raises(Conflict):
        edit_item.perform(world, "x", "ITU-T Y.3172", ItemInput("x", "T", "guideline"), version)


# -- 4. unreadable attachments -------------------------------------------------------------
def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _with_document_xml(xml: bytes) -> bytes:
    """A real DOCX whose word/document.xml is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(_docx("x")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = xml if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def test_unreadable_attachments_are_refused_and_nothing_written(
    client: TestClient, world: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    before = queries.item(world, "ITU-T Y.3172")
    big = _with_document_xml(
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>' + b"<w:p/>" * 2000 + b"</w:body></w:document>"
    )
    monkeypatch.setattr(attachments, "MAX_DOCUMENT_XML", 5000)
    cases = [
        ("laughs.docx", _with_document_xml(LAUGHS), "not a readable DOCX"),
        ("broken.docx", _with_document_xml(b"<w:document><unclosed"), "not a readable DOCX"),
        ("big.docx", big, "unpacks too large"),
        ("trunc.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>", "not a readable"),
    ]
    for name, data, reason in cases:
        answer = client.post(
            f"/api/v1/knowledge/items/{ITEM}/attachments",
            files={"file": (name, data, "application/octet-stream")},
            headers=headers,
        )
        found = problem(answer, 422)
        assert name in found["detail"] and reason in found["detail"], found
    assert queries.item(world, "ITU-T Y.3172") == before


def test_a_pdf_past_pypdf_s_limits_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf.errors import LimitReachedError

    def bomb(*args: object, **kwargs: object) -> None:
        raise LimitReachedError("limit reached: decompressed too large")

    monkeypatch.setattr("pypdf.PdfReader.__init__", bomb)
    with pytest.raises(KnowledgeError, match="not a readable PDF"):
        extract("bomb.pdf", b"%PDF-1.4 whatever")


# -- 5. two first visits at once -----------------------------------------------------------
def test_two_first_visits_at_once_both_answer(world: Engine) -> None:
    start = datetime.now().replace(microsecond=0)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def first_visit() -> None:
        try:
            barrier.wait()
            visits.record_visit.perform(world, "admin", 1, start)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=first_visit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with world.connect() as connection:
        rows = connection.execute(select(KnowledgeVisit).where(KnowledgeVisit.user_id == 1)).all()
    assert len(rows) == 1


# -- 6. dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("day", ["2024-01-01junk", "2024-01-01T99:99", "20240101", "2024-1-1"])
def test_only_a_plain_date_is_a_date(day: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _, problems = check({"item_id": "A", "title": "T", "type": "guideline", "date": day})
    assert [c for c, _ in problems] == ["date"]
    path = _csv(tmp_path, "d.csv", f"item_id,title,type,date\nA,T,guideline,{day}\n")
    _, errors = items.read_items(path, "d.csv")
    assert [str(e) for e in errors] == [f"d.csv:2: date: '{day}' is not a date (YYYY-MM-DD)"]
    row, problems = check({"item_id": "A", "title": "T", "type": "guideline", "date": "2024-02-29"})
    assert problems == [] and row["published"].isoformat() == "2024-02-29"


# -- 7. corrections as words, transpositions, the snippet of the text that matched ----------
def test_corrections_are_words_transpositions_corrected_snippets_from_the_match(
    world: Engine,
) -> None:
    add_item.perform(
        world,
        "officer",
        ItemInput("ORN-1", "Ornithopter flight", "guideline", summary="Flapping wings."),
    )
    add_item.perform(world, "officer", ItemInput("THG-1", "Internet of things", "guideline"))
    found = search.search(world, Query("ornitopter"))
    assert found["corrections"] == {"ornitopter": ["ornithopter"]}
    found = search.search(world, Query("thigns"))
    assert "THG-1" in [r["item_id"] for r in found["results"]]
    assert found["corrections"]["thigns"] == ["things"]
    attach.perform(world, "officer", "ORN-1", "a.docx", _docx("Alpha bravo charlie."))
    attach.perform(world, "officer", "ORN-1", "b.docx", _docx("Quetzalcoatlus wingspan."))
    result = search.search(world, Query("quetzalcoatlus"))["results"][0]
    assert any(s["hit"] and s["text"] == "Quetzalcoatlus" for s in result["snippet"])


# -- 8. study groups of the registry ---------------------------------------------------------
def test_a_study_group_must_be_of_the_registry(client: TestClient, world: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with world.begin() as connection:
        connection.execute(insert(Group), [{"code": c, "kind": "sg"} for c in ("SG13", "SG17")])
    with pytest.raises(KnowledgeError, match="SG99"):
        add_item.perform(world, "o", ItemInput("G-1", "T", "guideline", study_group="SG99"))
    with pytest.raises(KnowledgeError, match="SG12"):
        add_item.perform(world, "o", ItemInput("G-1", "T", "guideline", question="Q1/12"))
    add_item.perform(world, "o", ItemInput("G-1", "T", "guideline", study_group="SG17"))
    token = sign_in(client, "officer")
    headers = {**JSON, "X-CSRF-Token": token}
    body = {"item_id": "G-2", "title": "T", "type": "guideline", "study_group": "SG99"}
    assert (
        "SG99"
        in problem(client.post("/api/v1/knowledge/items", json=body, headers=headers), 422)[
            "detail"
        ]
    )
    form = {**body, "csrf_token": token}
    page = client.post("/knowledge/items", data=form)
    assert page.status_code == 422 and "SG99" in page.text
    path = _csv(tmp_path, "g.csv", "item_id,title,type,study_group\nG-3,T,guideline,SG99\n")
    with pytest.raises(ImportFailed) as failure:
        import_file(world, "o", path)
    assert str(failure.value.errors[0]).startswith(f"{path}:2: study_group: 'SG99'")
    assert not queries.item_exists(world, "G-2") and not queries.item_exists(world, "G-3")


# -- 9-12. the pages -------------------------------------------------------------------------
def test_what_is_new_sits_above_the_results_with_a_link_to_all(
    client: TestClient, world: Engine
) -> None:
    sign_in(client, "officer")
    with world.begin() as connection:  # a visit two hours ago
        connection.execute(
            insert(KnowledgeVisit).values(
                user_id=_user_id(world, "officer"),
                seen_at=datetime(2000, 1, 1),
                last_at=datetime(2000, 1, 1),
            )
        )
    page = client.get("/knowledge").text
    assert page.index("New since your last visit") < page.index('class="results"')
    assert 'href="/knowledge/recent"' in page
    recent = client.get("/knowledge/recent.json").json()
    assert recent["new"]["total"] == len(recent["new"]["items"]) > 5


def _user_id(world: Engine, name: str) -> int:
    from stdgap.accounts.models import User

    with world.connect() as connection:
        return int(connection.execute(select(User.id).where(User.name == name)).scalar_one())


def test_withdraw_asks_takes_a_reason_and_redirects(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "officer")
    page = client.get(f"/knowledge/items/{ITEM}").text
    assert "data-confirm=" in page and 'name="reason"' in page
    answer = client.post(
        f"/knowledge/items/{ITEM}/withdraw",
        data={"csrf_token": token, "reason": "Superseded by Y.3172bis"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/knowledge/items/ITU-T%20Y.3172"
    assert queries.item(world, "ITU-T Y.3172")["status"] == "withdrawn"
    with world.connect() as connection:
        details = connection.execute(
            select(AuditEntry.details).where(AuditEntry.action == "knowledge.withdraw")
        ).scalar_one()
    assert details["reason"] == "Superseded by Y.3172bis"


def test_paging_past_the_end_and_the_result_line(client: TestClient) -> None:
    problem(client.get("/knowledge.json?page=999"), 404)
    assert client.get("/knowledge?page=999").status_code == 404
    page = client.get("/knowledge?q=quantum").text
    assert "<bdi>ITU-T" in page or "<bdi>Y." in page
    assert "English" in page and " · en</p>" not in page


# -- 13. the command line ------------------------------------------------------------------
def test_the_command_line_search(cli: CliRunner, world: Engine) -> None:
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["knowledge", "search", "--format", "json", "--db", url])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] > 0
    result = cli.invoke(app, ["knowledge", "search", "quantum", "--json", "--db", url])
    assert result.exit_code == 0 and json.loads(result.stdout)["total"] == 4
    assert "--json" not in cli.invoke(app, ["knowledge", "search", "--help"]).stdout
    helped = cli.invoke(app, ["knowledge", "import", "--help"]).stdout
    helped = " ".join(helped.replace("│", " ").split())
    assert "url_ar, url_zh, url_en, url_fr, url_ru, url_es" in helped
