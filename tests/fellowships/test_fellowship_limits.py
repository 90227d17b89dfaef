"""The limits of fellowship terms and applications, alike from the command line, the forms, the
API and the file import (on SQLite and PostgreSQL): amounts that fit the store's 32-bit columns,
caps, years and deadlines; unique application ids; rules that are numbers; unknown calls; the
applicant's form kept on an error; decisions listed by rank and explained."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fellowship_factories import CALL, make_application, make_call
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from factories import make_meeting, make_member
from stdgap.accounts.operations import add_user
from stdgap.cli.main import app
from stdgap.fellowships.applications import Submission, application_id, submit
from stdgap.fellowships.limits import CALL_ID_MAX
from stdgap.fellowships.models import FellowshipApplication, FellowshipCall
from stdgap.programmes.errors import ProgrammeError
from web_testing import problem, sign_in

BIG = 3_000_000_000
NEXT_YEAR = date.today().year + 1
COMING = f"SG17-{NEXT_YEAR}-03"


def _cli(engine: Engine, *args: str) -> tuple[int, str]:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, [*args, "--db", url], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def _count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def _budget(engine: Engine, call: str = CALL) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(FellowshipCall.budget).where(FellowshipCall.call_id == call)
        ).scalar_one()


def _coming(engine: Engine) -> None:
    make_meeting(engine, COMING, group="SG17", start=f"{NEXT_YEAR}-03-10")


# 1. application ids


def test_application_ids_are_never_cut_short(world: Engine) -> None:
    call = "C" * CALL_ID_MAX
    assert application_id(call, "ann", 7) == f"{call}/ann"
    assert application_id(call, "a" * 50, 7) == f"{call}/#7"
    assert application_id(call, "b" * 50, 8) == f"{call}/#8"
    with pytest.raises(ProgrammeError, match="too long to apply"):
        application_id("D" * 99, "ann", 7)
    with pytest.raises(ProgrammeError, match="at most 60"):
        make_call(world, "E" * (CALL_ID_MAX + 1), "SG5-2025-01")


def test_two_applicants_to_a_call_with_a_long_id_keep_their_own(world: Engine) -> None:
    call = make_call(world, "L" * CALL_ID_MAX, "SG5-2025-01")
    names = ["x" * 45 + "-one", "x" * 45 + "-two"]
    users = [
        add_user.perform(world, "test", name, "applicant", "pass-word-long-9") for name in names
    ]
    made = [
        submit.perform(
            world,
            user.name,
            call,
            user.id,
            user.name,
            Submission("MS-NPL" if n else "MS-KEN", "KEN", motivation=f"mine {n}"),
        )
        for n, user in enumerate(users)
    ]
    assert len(set(made)) == 2 and all(len(made_id) <= 100 for made_id in made)
    with world.connect() as connection:
        rows = connection.execute(
            select(
                FellowshipApplication.application_id,
                FellowshipApplication.person_ref,
                FellowshipApplication.user_id,
                FellowshipApplication.motivation,
            ).where(FellowshipApplication.application_id.in_(made))
        ).all()
    assert {(r.person_ref, r.user_id, r.motivation) for r in rows} == {
        (names[0], users[0].id, "mine 0"),
        (names[1], users[1].id, "mine 1"),
    }


def test_an_application_of_another_is_refused_never_overwritten(world: Engine) -> None:
    user = add_user.perform(world, "test", "zed", "applicant", "pass-word-long-9")
    make_application(world, f"{CALL}/zed", CALL, "SOMEONE-1", "MS-KEN", "KEN")
    with pytest.raises(ProgrammeError, match="belongs to someone else"):
        submit.perform(world, "zed", CALL, user.id, "zed", Submission("MS-NPL", "NPL"))
    with world.connect() as connection:
        person = connection.execute(
            select(FellowshipApplication.person_ref).where(
                FellowshipApplication.application_id == f"{CALL}/zed"
            )
        ).scalar_one()
    assert person == "SOMEONE-1"


# 2. large numbers and plausible terms


@pytest.mark.parametrize("amount", [BIG, 10**30])
def test_amounts_too_large_for_the_store_are_refused_by_the_api(
    client: TestClient, world: Engine, amount: int
) -> None:
    _coming(world)
    token = sign_in(client, "officer")
    headers = {"X-CSRF-Token": token}
    body = {"meeting": COMING, "budget": amount, "full_cost": 4000, "partial_cost": 2000}
    made = client.post("/api/v1/fellowships/calls", json=body, headers=headers)
    detail = problem(made, 422)["detail"]
    assert f"budget: {amount} is not a whole number from 0 to 2,147,483,647" in detail
    assert "32-bit" in detail
    changed = client.patch(
        f"/api/v1/fellowships/calls/{CALL}", json={"full_cost": amount}, headers=headers
    )
    assert "full_cost" in problem(changed, 422)["detail"]
    assert _count(world, FellowshipCall) == 1 and _budget(world) == 6_000


def test_the_officers_forms_refuse_large_numbers_and_implausible_terms(
    client: TestClient, world: Engine
) -> None:
    _coming(world)
    token = sign_in(client, "officer")
    form = {"meeting": COMING, "budget": str(BIG), "full_cost": "4000", "partial_cost": "2000"}
    refused = client.post("/fellowships", data={**form, "csrf_token": token})
    assert refused.status_code == 422 and "32-bit" in refused.text
    terms = client.post(
        f"/fellowships/{CALL}/terms", data={"budget": str(BIG), "csrf_token": token}
    )
    assert terms.status_code == 422 and "32-bit" in terms.text
    headers = {"X-CSRF-Token": token}
    good = {"meeting": COMING, "budget": 5000, "full_cost": 4000, "partial_cost": 2000}
    for change, words in (
        ({"partial_cost": 5000}, "more than the full cost"),
        ({"closes": "1999-12-31"}, "not a plausible deadline"),
        ({"closes": f"{NEXT_YEAR}-03-11"}, "not a plausible deadline"),
        ({"currency": "XYZ"}, "ISO 4217"),
        ({"country_units": 1001}, "country_units: 1001"),
        ({"meeting": "SG5-2025-01"}, "was held"),
    ):
        made = client.post("/api/v1/fellowships/calls", json={**good, **change}, headers=headers)
        assert words in problem(made, 422)["detail"], change
    assert _count(world, FellowshipCall) == 1
    made = client.post("/api/v1/fellowships/calls", json=good, headers=headers)
    assert made.status_code == 201


def test_the_command_line_refuses_large_numbers_without_a_traceback(
    world: Engine, tmp_path: Path
) -> None:
    _coming(world)
    huge = "99999999999999999999"
    code, out = _cli(
        world, "fellowships", "call", "F-X", "--meeting", COMING, "--budget", huge,
        "--full-cost", "4000", "--partial-cost", "2000",
    )  # fmt: skip
    assert code == 2 and "budget: 99999999999999999999 is not a whole number" in out
    assert "Traceback" not in out
    code, out = _cli(world, "fellowships", "adjust", CALL, "--budget", huge)
    assert code == 2 and "32-bit" in out
    code, out = _cli(world, "fellowships", "adjust", CALL, "--person-units", huge)
    assert code == 2 and "person_units: 99999999999999999999 is not a whole number of units" in out
    code, out = _cli(world, "fellowships", "calls", "--year", "99999999999")
    assert code == 2 and "--year: 99999999999 is not a year from 1900 to 2200" in out
    rows = "application_id,call_id,person_id,member_id,country,cost_full\n"
    path = tmp_path / "apps.csv"
    path.write_text(rows + f"B1,{CALL},KEN-9,MS-KEN,KEN,99999999999999999999999\n")
    code, out = _cli(world, "fellowships", "import", str(path))
    assert code == 2 and f"{path}:2: cost_full: '99999999999999999999999'" in out
    assert "32-bit" in out and "Traceback" not in out
    assert _count(world, FellowshipCall) == 1 and _budget(world) == 6_000
    assert _count(world, FellowshipApplication) == 3


# 3. rules are finite numbers


@pytest.mark.parametrize(("rule", "value"), [("base_value", "nan"), ("weight_ldc", "inf")])
def test_rules_that_are_not_finite_numbers_are_refused(
    world: Engine, rule: str, value: str
) -> None:
    code, out = _cli(world, "fellowships", "rules", "set", rule, value)
    assert code == 2 and "is not a finite number" in out
    code, out = _cli(world, "fellowships", "allocate", CALL, "--dry-run")
    assert code == 0, out


# 4. refusals of the command line


def test_unknown_calls_and_negative_budgets_are_errors(world: Engine) -> None:
    code, out = _cli(world, "fellowships", "allocate", CALL, "--total-budget", "-1", "--dry-run")
    assert code == 2 and "total_budget: -1" in out
    code, out = _cli(world, "fellowships", "decisions", "NOPE")
    assert code == 2 and "unknown call(s): NOPE" in out


# 7. the applicant's form


FORM = {
    "member_id": "Nowhere",
    "country": "NPL",
    "request": "partial",
    "contributions": "2",
    "plans": "A contribution on rural broadband",
    "motivation": "My first study group meeting",
}


def test_a_refused_application_form_keeps_what_was_given(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "applicant")
    sent = client.post(f"/fellowships/{CALL}/apply", data={**FORM, "csrf_token": token})
    assert sent.status_code == 422
    assert "The member you attend for: unknown member 'Nowhere'" in html.unescape(sent.text)
    assert "member_id:" not in sent.text
    assert 'value="Nowhere"' in sent.text and '<option value="NPL" selected>' in sent.text
    assert '<option value="partial" selected>' in sent.text
    assert "A contribution on rural broadband</textarea>" in sent.text
    assert "My first study group meeting</textarea>" in sent.text
    assert _count(world, FellowshipApplication) == 3


def test_a_member_may_be_typed_as_its_name(client: TestClient, world: Engine) -> None:
    make_member(world, "MS-NPL2", country="NPL", name="Ruritania")
    make_member(world, "SM-NPL3", country="NPL", name="Ruritania")
    make_member(world, "MS-KEN2", country="KEN", name="Republic of Kenya")
    token = sign_in(client, "applicant")
    named = {**FORM, "member_id": "republic of  kenya", "csrf_token": token}
    sent = client.post(f"/fellowships/{CALL}/apply", data=named, follow_redirects=False)
    assert sent.status_code == 303
    [own] = client.get("/fellowships/mine.json").json()["applications"]
    assert own["application"]["member"] == "MS-KEN2"
    twice = client.post(
        f"/fellowships/{CALL}/apply", data={**FORM, "member_id": "Ruritania", "csrf_token": token}
    )
    assert twice.status_code == 422 and "MS-NPL2, SM-NPL3" in twice.text


# 8. decisions by rank, explained


def test_decisions_are_listed_by_rank_and_say_what_the_score_is(
    client: TestClient, world: Engine
) -> None:
    make_member(world, "MS-BOL", country="BOL")
    make_application(world, "A-BOL", CALL, "BOL-1", "MS-BOL", "BOL", request="partial")
    token = sign_in(client, "officer")
    run = client.post(
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        json={"dry_run": True},
        headers={"X-CSRF-Token": token},
    ).json()
    order = {"full": 0, "partial": 0, "not_granted": 1, "ineligible": 2}
    ranks = [(order[d["decision"]], -(d["value"] or 0)) for d in run["decisions"]]
    assert ranks == sorted(ranks) and run["decisions"][-1]["decision"] == "ineligible"
    reasons = " ".join(d["reason"] for d in run["decisions"])
    assert "(this application: " not in reasons and "(it is: -)" not in reasons
    [partial] = [d for d in run["decisions"] if d["application_id"] == "A-BOL"]
    assert partial["decision"] == "not_granted", partial
    assert "as a partial fellowship: 0.5" in partial["reason"]
    client.post(
        f"/api/v1/fellowships/calls/{CALL}/allocation",
        json={"dry_run": False, "close_now": True},
        headers={"X-CSRF-Token": token},
    )
    stored = client.get(f"/api/v1/fellowships/calls/{CALL}").json()["applications_list"]
    assert [d["application_id"] for d in stored] == [d["application_id"] for d in run["decisions"]]
