"""``stdgap meetings|members|people list|show``: the same lists as the pages, as a table, JSON
or CSV (a formula from an imported file written as text); a bad filter or an unknown id exits
with status 2 and says which value."""

from __future__ import annotations

import csv
import io
import json

from registry_world import FORMULA_CITY
from typer.testing import CliRunner

from stdgap_testing import invoke


def test_meetings_list_as_csv_json_and_table(cli: CliRunner, world_url: str) -> None:
    code, out, _ = invoke(cli, "meetings", "list", "--db", world_url, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["meeting_id"] for row in rows] == [
        "FG-2024-09",
        "TSAG-2024-01",
        "SG3RG-AFR-2023",
        "SG5-2023-05",
    ]
    assert rows[0]["city"] == "'" + FORMULA_CITY  # text in a spreadsheet, not a formula
    assert rows[3]["participants"] == "3" and rows[3]["contributions"] == "2"
    code, out, _ = invoke(cli, "meetings", "list", "--db", world_url, "--year", "2023")
    assert code == 0 and "Meetings (1–2 of 2)" in out
    code, out, _ = invoke(
        cli, "meetings", "list", "--db", world_url, "--format", "json", "--limit", "1"
    )
    body = json.loads(out)
    assert body["total"] == 4 and [m["meeting_id"] for m in body["items"]] == ["FG-2024-09"]


def test_members_and_people_with_their_filters(cli: CliRunner, world_url: str) -> None:
    code, out, _ = invoke(
        cli, "members", "list", "--db", world_url, "--country", "KEN", "--format", "json"
    )
    assert code == 0
    assert [m["member_id"] for m in json.loads(out)["items"]] == ["SM-ACME-KE", "MS-KEN", "AC-UON"]
    code, out, _ = invoke(cli, "people", "list", "--db", world_url, "--format", "csv")
    assert (
        code == 0
        and out.splitlines()[0] == "person_id,country,member_id,member_name,meetings,roles"
    )
    code, out, _ = invoke(
        cli, "people", "list", "--db", world_url, "--year", "2024", "--personal", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["person_id"], r["gender"], r["birth_year"]) for r in rows] == [
        ("P1", "F", "1990"),
        ("P4", "X", ""),
        ("P6", "M", "1960"),
    ]


def test_show_one_item(cli: CliRunner, world_url: str) -> None:
    code, out, _ = invoke(cli, "members", "show", "MS-KEN", "--db", world_url, "--format", "json")
    member = json.loads(out)
    assert code == 0 and member["people"] == [{"person_id": "P1", "country": "KEN"}]
    assert [d["doc_id"] for d in member["documents"]] == ["TSAG-C-010", "SG5-C-001"]
    code, out, _ = invoke(cli, "meetings", "show", "SG5-2023-05", "--db", world_url)
    assert code == 0 and "members present" in out and "SG5-C-002" in out and "P3" in out
    code, out, _ = invoke(cli, "people", "show", "P1", "--db", world_url, "--format", "json")
    person = json.loads(out)
    assert "gender" not in person and [a["meeting_id"] for a in person["attendance"]] == [
        "TSAG-2024-01",
        "SG3RG-AFR-2023",
        "SG5-2023-05",
    ]


def test_bad_input_exits_2_naming_the_value(cli: CliRunner, world_url: str) -> None:
    for args, named in (
        (["meetings", "list", "--year", "soon"], "'soon'"),
        (["members", "list", "--member-type", "club"], "'club'"),
        (["people", "list", "--country", "Kenya"], "'Kenya'"),
        (["meetings", "list", "--format", "xml"], "'xml'"),
        (["meetings", "show", "SG99-2031"], "'SG99-2031'"),
        (["people", "show", "P1", "--format", "csv"], "'csv'"),
    ):
        code, _out, err = invoke(cli, *args, "--db", world_url)
        assert code == 2 and named in err, (args, err)


def test_a_csv_of_part_of_the_list_says_so_on_stderr(cli: CliRunner, world_url: str) -> None:
    """The file holds the page asked for (100 rows unless --limit says otherwise); a page that
    is not the whole list is told on stderr, beside the file, not silently."""
    code, out, err = invoke(
        cli, "meetings", "list", "--db", world_url, "--format", "csv", "--limit", "2"
    )
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 2
    assert "rows 1–2 of 4 written" in err and "--limit and --offset" in err
    code, out, err = invoke(cli, "meetings", "list", "--db", world_url, "--format", "csv")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 4
    assert "written" not in err
