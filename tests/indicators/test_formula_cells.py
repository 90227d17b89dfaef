"""An imported code that a spreadsheet would run (``=HYPERLINK(…)``) comes out neutralised in
every CSV the indicators are written as, from the command line (issue 12); the stored value
is unchanged and numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from factories import ACTOR, make_meeting, make_member, make_person
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from stdgap.store.models import Group
from stdgap_testing import invoke

EVIL = '=HYPERLINK("HTTP://EVIL.EXAMPLE","CLICK")'


def hostile_store(engine: Engine) -> None:
    """Five people attending a meeting of a group whose code is a formula."""
    make_member(engine, "MS-KEN", country="KEN")
    make_meeting(engine, "EVIL-1", group=EVIL, start="2024-03-04")
    rows = []
    for index in range(5):
        make_person(engine, f"P{index}", "MS-KEN")
        rows.append({"meeting_id": "EVIL-1", "person_id": f"P{index}", "member_id": "MS-KEN"})
    header = ["meeting_id", "person_id", "member_id"]
    run_import.perform(engine, ACTOR, [Source.from_rows("a", "attendance", header, rows)])


@pytest.mark.parametrize(
    ("output", "group_column", "value_column"),
    [("csv", "group", "value"), ("sdmx-csv", "GROUP", "OBS_VALUE")],
)
def test_cli_csv_outputs_neutralise_formulas(
    cli: CliRunner,
    engine: Engine,
    store_url: str,
    output: str,
    group_column: str,
    value_column: str,
) -> None:
    hostile_store(engine)
    args = ["indicators", "--db", store_url, "--by", "group", "--indicator", "participants"]
    code, out, err = invoke(cli, *args, "--format", output)
    assert code == 0, err
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row[group_column] == "'" + EVIL
    assert float(row[value_column]) == 5 and not row[value_column].startswith("'")
    with engine.connect() as connection:
        assert connection.execute(select(Group.code)).scalar_one() == EVIL
