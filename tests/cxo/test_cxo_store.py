"""CxO meetings in the store, on SQLite and PostgreSQL: the conclusions' lifecycle (a topic
raised again is linked, invalid transitions refused), participants written as attendance, the
indicators of ``cxo_participation`` against figures counted here by hand, and the documents
(the DOCX opens in python-docx, the PDF's text holds the conclusions)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from cxo_world import FIRST, PEOPLE_A, PEOPLE_B, SECOND, TOPIC
from docx import Document
from sqlalchemy import Engine, func, select

from factories import ACTOR
from stdgap.cxo import conclusions, documents, participants, queries
from stdgap.cxo.errors import CxoError, Unknown, WrongState
from stdgap.cxo.models import CxoConclusion, CxoParticipant
from stdgap.store.audit import AuditEntry
from stdgap.store.models import Attendance
from stdgap.tabular.errors import ImportFailed
from stdgap_testing import compute


def _count(engine: Engine, column: object) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count(column))).scalar_one())


def test_a_topic_raised_again_is_linked_not_duplicated(world: Engine) -> None:
    again = conclusions.raise_conclusion.perform(
        world, ACTOR, SECOND, "  ai FOR health-data ", "Formats agreed?"
    )
    assert again.revisited and again.conclusion_id == 1
    assert _count(world, CxoConclusion.id) == 1
    found = queries.conclusion_detail(world, 1)
    assert [(m["meeting_id"], m["role"]) for m in found["meetings"]] == [
        (FIRST, "raised"),
        (SECOND, "revisited"),
    ]
    with pytest.raises(WrongState, match="already on the record"):
        conclusions.revisit.perform(world, ACTOR, 1, SECOND)
    with pytest.raises(WrongState, match="resembles open conclusion"):
        conclusions.raise_conclusion.perform(world, ACTOR, SECOND, "AI for health datas", "x")
    other = conclusions.raise_conclusion.perform(
        world, ACTOR, SECOND, "AI for health datas", "x", distinct=True
    )
    assert not other.revisited and other.conclusion_id == 2
    with pytest.raises(CxoError, match="was held before conclusion 2 was raised"):
        conclusions.revisit.perform(world, ACTOR, 2, FIRST)  # an earlier meeting
    assert len(queries.conclusion_detail(world, 2)["meetings"]) == 1


def test_the_lifecycle_and_its_refusals(world: Engine) -> None:
    with pytest.raises(WrongState, match="cannot become closed"):
        conclusions.advance.perform(world, ACTOR, 1, "closed")
    with pytest.raises(CxoError, match="study_group"):
        conclusions.advance.perform(world, ACTOR, 1, "under_study", "Group 5", "Q1/5")
    with pytest.raises(CxoError, match="'done' is not one of"):
        conclusions.advance.perform(world, ACTOR, 1, "done")
    with pytest.raises(Unknown):
        conclusions.advance.perform(world, ACTOR, 42, "dropped")
    audited = _count(world, AuditEntry.id)
    conclusions.advance.perform(world, ACTOR, 1, "under_study", "sg20", "Q4/20", "taken up")
    conclusions.advance.perform(world, ACTOR, 1, "addressed", meeting_id=SECOND)
    conclusions.advance.perform(world, ACTOR, 1, "closed")
    assert _count(world, AuditEntry.id) == audited + 3  # one audit row per write
    with pytest.raises(WrongState, match="nothing, it is final"):
        conclusions.advance.perform(world, ACTOR, 1, "under_study", "SG20", "Q4/20")
    found = queries.conclusion_detail(world, 1)
    assert (found["state"], found["study_group"], found["question"]) == ("closed", "SG20", "Q4/20")
    steps = [(h["from_state"], h["to_state"]) for h in found["history"] if h["action"] == "state"]
    assert steps == [
        ("raised", "under_study"),
        ("under_study", "addressed"),
        ("addressed", "closed"),
    ]
    # a closed topic raised again is a new conclusion
    new = conclusions.raise_conclusion.perform(world, ACTOR, SECOND, TOPIC, "Again")
    assert not new.revisited and new.conclusion_id == 2


def test_registry_participants_count_as_attendance(world: Engine) -> None:
    # one person of the registry at each of the two meetings (KEN-1 for SM-KEN)
    assert _count(world, Attendance.person_id) == 2
    cells = compute(world, ["participants"], ["group"], min_cell=1)
    assert {c.dims["group"]: c.value for c in cells}["CTO"] == 1


@pytest.mark.parametrize(
    ("content", "errors"),
    [
        (
            "name,organisation,level\nA,B,cto\n,B,boss\n",
            [
                "list.csv:3: level: 'boss' is not one of cto, cxo, alternate, other",
                "list.csv:3: name: a value is required",
            ],
        ),
        (
            "name,level\nA,cto\n",
            ["list.csv:1: organisation: required column 'organisation' is missing from the header"],
        ),
        (
            "name,organisation,level,person_id\nA,B,cto,KEN-1\nC,D,cto,NOBODY\n",
            [
                "list.csv:2: member_id: a person of the store attends for a member: give member_id",
                "list.csv:3: person_id: 'NOBODY' is not a person of the store",
            ],
        ),
        (
            "name,organisation,level\nA,B,cto\nA,B,cxo\n",
            ["list.csv:3: name: 'A' of 'B' is on line 2 already"],
        ),
    ],
)
def test_a_bad_participant_list_writes_nothing(
    world: Engine, tmp_path: Path, content: str, errors: list[str]
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(content, encoding="utf-8")
    before = _count(world, CxoParticipant.id)
    with pytest.raises(ImportFailed) as failure:
        participants.import_participants.perform(world, ACTOR, SECOND, path, "list.csv")
    assert sorted(str(e) for e in failure.value.errors) == sorted(errors)
    assert _count(world, CxoParticipant.id) == before


def test_an_xlsx_list_is_imported(world: Engine, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "organisation", "level", "size", "country", "mode"])
    sheet.append(["Awa Diop", "Sonatel", "CTO", "large", "Senegal", "remote"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    counts = participants.import_participants.perform(world, ACTOR, SECOND, path, "people.xlsx")
    assert counts == {"inserted": 1, "updated": 0, "attendance": 0}
    again = participants.import_participants.perform(world, ACTOR, SECOND, path, "people.xlsx")
    assert again["updated"] == 1 and again["inserted"] == 0


def _expected(rows: list[tuple[str, ...]]) -> dict[str, object]:
    developing = {"KEN", "NPL"}
    sized = [r for r in rows if r[3]]
    return {
        "n": len(rows),
        "dev": sum(r[4] in developing for r in rows),
        "small": sum(r[3] in ("micro", "sme") for r in sized),
        "sized": len(sized),
        "orgs": len({r[1].lower() for r in rows}),
        "regions": len(
            {{"KEN": "Africa", "NPL": "Asia-Pacific", "CHE": "Europe"}[r[4]] for r in rows}
        ),
    }


def test_indicators_of_participation(world: Engine) -> None:
    names = [
        "cxo_participants",
        "cxo_developing_share",
        "cxo_sme_share",
        "cxo_organisations",
        "cxo_regions",
        "cxo_regular_organisations",
        "cxo_regular_share",
    ]
    both = PEOPLE_A + PEOPLE_B
    want = _expected(both)
    cells = {c.indicator: c for c in compute(world, names, [], min_cell=1)}
    assert cells["cxo_participants"].value == want["n"] == 7
    assert (cells["cxo_developing_share"].numerator, cells["cxo_developing_share"].denominator) == (
        want["dev"],
        want["n"],
    )
    assert (cells["cxo_sme_share"].numerator, cells["cxo_sme_share"].denominator) == (
        want["small"],
        want["sized"],
    )
    assert cells["cxo_organisations"].value == want["orgs"] == 3
    assert cells["cxo_regions"].value == want["regions"] == 3
    # regular at SECOND: an organisation that came as an executive or alternate to FIRST and
    # to SECOND: Safaricom (cto, then alternate) and Swiss Micro (alternate, then cto); Himal
    # Tech came to SECOND only as "other"
    executives = ("cto", "cxo", "alternate")
    first = {r[1] for r in PEOPLE_A if r[2] in executives}
    second = {r[1] for r in PEOPLE_B if r[2] in executives}
    assert cells["cxo_regular_organisations"].value == len(first & second) == 2
    assert cells["cxo_regular_share"].value == pytest.approx(2 / 3)
    by_region = {
        c.dims["region"]: c.value
        for c in compute(world, ["cxo_participants"], ["region"], min_cell=1)
    }
    assert by_region == {"Africa": 3, "Asia-Pacific": 2, "Europe": 2}
    # the public: counts of persons protected (perturbed or suppressed), organisations exact
    public = {c.indicator: c for c in compute(world, names, [])}
    assert public["cxo_participants"].protection in ("perturbed", "suppressed")
    assert public["cxo_organisations"].protection == "exact"
    assert public["cxo_organisations"].value == 3


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_documents_open_and_hold_the_conclusions(world: Engine) -> None:
    conclusions.raise_conclusion.perform(world, ACTOR, SECOND, TOPIC, "Revisited in Geneva.")
    conclusions.add_link.perform(world, ACTOR, 1, "question", "Q4/20", "https://www.itu.int/q4")
    for report, subject in (
        (documents.communique(world, FIRST), "Communiqué"),
        (documents.tsag_report(world), "Report to TSAG"),
        (documents.wtsa_report(world, "2025-2028"), "Report to WTSA"),
    ):
        word = Document(io.BytesIO(documents.render(report, "docx", subject)))
        text = "\n".join(p.text for p in word.paragraphs)
        assert TOPIC in text and word.core_properties.title == report.title
        assert word.core_properties.subject == subject and word.core_properties.author
        assert round(word.sections[0].page_width.mm) == 210
        assert TOPIC in _pdf_text(documents.render(report, "pdf", subject))
        assert TOPIC in documents.render(report, "html", subject).decode()
    tsag = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(documents.render(documents.tsag_report(world), "docx", "s"))
        ).paragraphs
    )
    assert "revisited at meeting CTO-B" in tsag and "Q4/20" in tsag
    with pytest.raises(CxoError, match="period"):
        documents.wtsa_report(world, "2028-2025")
