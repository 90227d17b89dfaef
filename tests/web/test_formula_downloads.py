"""The explorer's CSV and SDMX-CSV downloads neutralise a code a spreadsheet would run
(issue 12), and agree with the command line's."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from factories import ACTOR, make_meeting, make_person
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source

EVIL = "@SUM(1+1)*CMD|' /C CALC'!A0"


@pytest.mark.parametrize(("fmt", "column"), [("csv", "group"), ("sdmx-csv", "GROUP")])
def test_downloads_neutralise_formulas(
    client: TestClient, loaded: Engine, fmt: str, column: str
) -> None:
    make_meeting(loaded, "EVIL-1", group=EVIL, start="2024-03-04")
    rows = []
    for index in range(6):
        make_person(loaded, f"EVIL-P{index}", "MS-KEN")
        rows.append({"meeting_id": "EVIL-1", "person_id": f"EVIL-P{index}", "member_id": "MS-KEN"})
    header = ["meeting_id", "person_id", "member_id"]
    run_import.perform(loaded, ACTOR, [Source.from_rows("a", "attendance", header, rows)])
    params = {"format": fmt, "by": "group", "indicator": "participants"}
    response = client.get("/indicators/download", params=params)
    assert response.status_code == 200
    groups = [row[column] for row in csv.DictReader(io.StringIO(response.text))]
    assert "'" + EVIL.upper() in groups
    assert all(not group.startswith(("=", "+", "-", "@")) for group in groups)
