"""Plausible mentorship values, alike from the API, the forms, the command line and files (on
SQLite and PostgreSQL): a cycle is a year, study groups are the store's, languages ISO 639-1
codes, the region an ITU region, a year of birth from 1900; unknown cycles are errors; the
session form keeps what was given when it is refused."""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from mentorship_world import ids, sign_in_as
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.mentorship.models import Mentee, Mentor

THIS_YEAR = date.today().year


def _cli(engine: Engine, *args: str) -> tuple[int, str]:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, [*args, "--db", url], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _profiles(engine: Engine) -> int:
    with engine.connect() as connection:
        return sum(
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Mentor, Mentee)
        )


def _register(client: TestClient, token: str, **values: Any) -> Any:
    body = {"cycle": str(THIS_YEAR), "languages": "en", **values}
    return client.post("/api/v1/mentorship/mentees", json=body, headers={"X-CSRF-Token": token})


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"cycle": '2099"><script>alert(1)</script>'}, "cycle"),
        ({"cycle": "2099"}, "cycle"),
        ({"cycle": str(THIS_YEAR - 2)}, "cycle"),
        ({"study_groups": "SG99"}, "SG99"),
        ({"languages": "xx"}, "xx"),
        ({"region": "Mars"}, "region"),
        ({"birth_year": 2100}, "birth_year"),
    ],
)
def test_registration_refuses_implausible_values(
    client: TestClient, world: Engine, values: dict[str, Any], field: str
) -> None:
    before = _profiles(world)
    token = sign_in_as(client, "applicant")
    answer = _register(client, token, **values)
    assert answer.status_code == 422, answer.text
    assert field in answer.text
    assert _profiles(world) == before
    assert client.get("/mentorship.json").json()["cycles"] == ["2025"]


def test_plausible_registration_is_taken(client: TestClient, world: Engine) -> None:
    token = sign_in_as(client, "applicant")
    made = _register(client, token, study_groups="SG17;SG5", languages="en;pt-BR", region="Africa")
    assert made.status_code == 201, made.text


def test_the_command_line_and_files_refuse_implausible_profiles(
    world: Engine, tmp_path: Path
) -> None:
    before = _profiles(world)
    code, out = _cli(
        world, "mentorship", "add", "mentee", "P-9", "--cycle", "2025", "--study-groups", "SG99",
        "--languages", "xx", "--region", "Mars",
    )  # fmt: skip
    assert code == 2, out
    assert "study_groups: unknown group(s) SG99" in out and "languages: xx" in out
    assert "'Mars' is not one of" in out
    code, out = _cli(
        world, "mentorship", "add", "mentee", "P-9", "--cycle", "2025", "--birth-year",
        "99999999999",
    )  # fmt: skip
    assert code == 2 and "birth_year: 99999999999" in out
    code, out = _cli(world, "mentorship", "add", "mentor", "P-9", "--cycle", "nope")
    assert code == 2 and "'nope' is not a cycle" in out
    path = tmp_path / "mentees.csv"
    path.write_text(
        "cycle,person_id,study_groups,languages,region,birth_year\n"
        "2025,P-1,SG99,en,Africa,1990\n"
        "25,P-2,SG5,xx,Mars,1990\n"
    )
    code, out = _cli(world, "mentorship", "import", "mentee", str(path))
    assert code == 2, out
    assert f"{path}:2: study_groups: unknown group(s) SG99" in out
    assert f"{path}:3: region: 'Mars' is not one of" in out
    assert _profiles(world) == before


def test_an_unknown_cycle_is_an_error(world: Engine) -> None:
    code, out = _cli(world, "mentorship", "followup", "--cycle", "nope")
    assert code == 2 and "unknown cycle 'nope'" in out
    code, out = _cli(world, "mentorship", "followup", "--cycle", "2025")
    assert code == 0, out


def test_a_refused_session_form_keeps_what_was_given(client: TestClient, world: Engine) -> None:
    pair = f"/mentorship/pairs/{ids(world)['pair:ben']}"
    token = sign_in_as(client, "ben")
    ahead = (date.today() + timedelta(days=3)).isoformat()
    form = {"held_on": ahead, "minutes": "45", "topics": "first steps", "notes": "read Q4/17"}
    refused = client.post(pair + "/sessions", data={**form, "csrf_token": token})
    assert refused.status_code == 422
    page = html.unescape(refused.text)
    assert "is ahead" in page
    assert 'value="first steps"' in page and "read Q4/17</textarea>" in page
    assert 'value="45"' in page


def test_ids_out_of_range_are_unknown_on_the_pages(client: TestClient) -> None:
    """A profile's or a pair's number the database cannot hold (PostgreSQL's integer stops at
    2**31 - 1) is unknown (404) on the pages and forms, as one that does not exist."""
    token = sign_in_as(client, "officer")
    json = {"Accept": "application/json"}
    for number in ("3000000000", "99999999999999999999", "0"):
        for path in (
            f"/mentorship/mentors/{number}",
            f"/mentorship/mentees/{number}",
            f"/mentorship/pairs/{number}",
        ):
            assert client.get(path, headers=json).status_code == 404, path
        for path in (f"/mentorship/pairs/{number}/exclude", f"/mentorship/mentors/{number}"):
            sent = client.post(path, data={"csrf_token": token}, headers=json)
            assert sent.status_code == 404, (path, sent.text)
