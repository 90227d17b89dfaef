"""The awards' checks: a year of birth agrees with the store's and is a sane year everywhere;
publishing is refused while an eligible nominee has no score (unless the officer publishes
anyway), and opening the scoring warns of nominees no juror may score; one results e-mail per
recipient, with the nominee's name; a nominator's nominations per call are limited and the
nominee's e-mail quotes the name the nominator gave; a criterion's scale has the same bounds
everywhere."""

from __future__ import annotations

from datetime import date

from award_world import FAR, OPEN, READY, SCORING, outbox, sign_in_juror
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from factories import ACTOR
from stdgap.awards import jury, nominations, operations, queries
from stdgap.awards.models import AwardNomination
from stdgap.cli.main import app
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source
from web_testing import problem, sign_in

LAST = date.today().year


def _cli(cli: CliRunner, world: Engine, *args: str) -> tuple[int, str, str]:
    url = world.url.render_as_string(hide_password=False)
    result = cli.invoke(app, ["awards", *args, "--db", url], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _nominate(client: TestClient, token: str, call: str, **body: object) -> object:
    return client.post(
        f"/api/v1/awards/calls/{call}/nominations",
        json={"statement": "Good work.", **body},
        headers={"X-CSRF-Token": token},
    )


def _birth_year(world: Engine, nomination: str) -> int | None:
    with world.connect() as connection:
        return connection.execute(
            select(AwardNomination.birth_year).where(AwardNomination.nomination_id == nomination)
        ).scalar_one()


def test_a_year_of_birth_agrees_with_the_store(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "applicant")
    wrong = _nominate(client, token, OPEN, person="KEN-1", birth_year=1990)
    detail = problem(wrong, 422)["detail"]
    assert "year of birth" in detail and "1990" in detail and "1996" in detail, detail
    page = client.post(
        f"/awards/{OPEN}/nominations",
        data={"person": "KEN-1", "statement": "x", "birth_year": "1990", "csrf_token": token},
    )
    assert page.status_code == 422 and "1996" in page.text
    agreed = _nominate(client, token, OPEN, person="KEN-1", birth_year=1996)
    assert agreed.status_code == 201, agreed.text
    assert _birth_year(world, agreed.json()["nomination_id"]) == 1996


def test_a_year_of_birth_is_a_sane_year_everywhere(
    client: TestClient, world: Engine, cli: CliRunner
) -> None:
    token = sign_in(client, "applicant")
    for year in (1850, LAST + 1, 30000):
        answer = _nominate(client, token, OPEN, name="Ann Lee", country="KEN", birth_year=year)
        assert f"{year} is not a year of birth (1900 to {LAST})" in problem(answer, 422)["detail"]
    page = client.post(
        f"/awards/{OPEN}/nominations",
        data={
            "name": "Ann Lee",
            "country": "KEN",
            "statement": "x",
            "birth_year": "1850",
            "csrf_token": token,
        },
    )
    assert page.status_code == 422 and "1850 is not a year of birth" in page.text
    code, _out, err = _cli(
        cli, world, "nominate", OPEN, "N-X", "--nominee", "Z", "--birth-year", "1850"
    )
    assert code == 2 and "1850 is not a year of birth" in err
    code, _out, err = _cli(
        cli, world, "nominate", OPEN, "N-Y", "--nominee", "KEN-1", "--birth-year", "1990"
    )
    assert code == 2 and "1990" in err and "1996" in err
    code, _out, err = _cli(cli, world, "nominate", OPEN, "N-Z", "--nominee", "KEN-1")
    assert code == 0, err
    assert _birth_year(world, "N-Z") == 1996  # the store's
    listed = queries.nominations(world, OPEN)["nominations"]
    assert [n["name"] for n in listed if n["nomination_id"] == "N-Z"] == ["Wanjiru Kamau"]


def test_publishing_waits_for_every_eligible_nominee_s_score(
    client: TestClient, world: Engine, cli: CliRunner
) -> None:
    officer = sign_in(client, "officer")
    opened = client.post(f"/api/v1/awards/calls/{READY}/scoring", headers={"X-CSRF-Token": officer})
    assert opened.status_code == 200 and opened.json()["unscorable"] == []
    refused = client.post(
        f"/api/v1/awards/calls/{READY}/publish", headers={"X-CSRF-Token": officer}
    )
    detail = problem(refused, 409)["detail"]
    assert "Sita Gurung" in detail and "no juror has scored yet" in detail, detail
    code, _out, err = _cli(cli, world, "publish", READY)
    assert code == 2 and "no juror has scored yet" in err
    assert queries.call_detail(world, READY)["status"] == "scoring"
    anyway = client.post(
        f"/api/v1/awards/calls/{READY}/publish",
        params={"allow_unscored": "true"},
        headers={"X-CSRF-Token": officer},
    )
    assert anyway.status_code == 200, anyway.text
    assert queries.call_detail(world, READY)["status"] == "published"


def test_opening_the_scoring_warns_of_a_nominee_no_juror_may_score(
    client: TestClient, world: Engine, cli: CliRunner
) -> None:
    call = "CONF-2026"
    operations.create_call.perform(
        world,
        ACTOR,
        call,
        "Conflicted award",
        FAR,
        [operations.CriterionInput("m", "M", 1.0)],
        None,
    )
    jury.appoint_juror.perform(world, ACTOR, call, "juror3", None, "MS-NPL")
    entry = nominations.NominationInput("Mentored ten newcomers.", person="NPL-2")
    nominations.submit_nomination.perform(world, ACTOR, call, "officer", entry)
    officer = sign_in(client, "officer")
    page = client.post(f"/awards/{call}/scoring", data={"csrf_token": officer})
    assert page.status_code == 200 and "Scoring is open" in page.text
    assert "Sita Gurung" in page.text and "no juror may score" in page.text
    refused = client.post(f"/awards/{call}/publish", data={"csrf_token": officer})
    assert refused.status_code == 409 and "no juror may score" in refused.text
    assert 'name="allow_unscored"' in refused.text
    code, _out, err = _cli(cli, world, "publish", call)
    assert code == 2 and "no juror may score" in err
    code, out, err = _cli(cli, world, "publish", call, "--allow-unscored")
    assert code == 0 and "published" in out, err


def test_the_scoring_json_names_the_nominees_no_juror_may_score(
    client: TestClient, world: Engine
) -> None:
    call = "CONF-2027"
    operations.create_call.perform(
        world,
        ACTOR,
        call,
        "Conflicted award",
        FAR,
        [operations.CriterionInput("m", "M", 1.0)],
        None,
    )
    jury.appoint_juror.perform(world, ACTOR, call, "juror3", None, "MS-NPL")
    entry = nominations.NominationInput("Mentored ten newcomers.", person="NPL-2")
    nominations.submit_nomination.perform(world, ACTOR, call, "officer", entry)
    officer = sign_in(client, "officer")
    opened = client.post(f"/api/v1/awards/calls/{call}/scoring", headers={"X-CSRF-Token": officer})
    assert opened.status_code == 200, opened.text
    [warning] = opened.json()["unscorable"]
    assert warning["nomination_id"] == f"{call}-N001" and warning["name"] == "Sita Gurung"
    assert "no juror may score" in warning["reason"]


def test_one_results_e_mail_per_recipient_with_the_nominee_s_name(
    client: TestClient, world: Engine
) -> None:
    header = ["person_id", "country", "birth_year"]
    row = dict(zip(header, ("P000497", "KEN", "1998"), strict=True))
    run_import.perform(world, ACTOR, [Source.from_rows("test:p", "people", header, [row])])
    token = sign_in(client, "applicant")
    unnamed = _nominate(client, token, OPEN, person="P000497", email="p497@example.org")
    assert "P000497" in problem(unnamed, 422)["detail"]
    named = _nominate(
        client, token, OPEN, person="P000497", name="Jane Wambui", email="p497@example.org"
    )
    assert named.status_code == 201, named.text
    mine = _nominate(client, token, OPEN, person="FJI-1", email="applicant@example.org")
    assert mine.status_code == 201, mine.text
    officer = sign_in(client, "officer")
    jury.appoint_juror.perform(world, ACTOR, OPEN, "juror2")
    client.post(f"/api/v1/awards/calls/{OPEN}/scoring", headers={"X-CSRF-Token": officer})
    token = sign_in_juror(client, "juror2")
    for nomination in (named.json()["nomination_id"], mine.json()["nomination_id"]):
        client.put(
            f"/api/v1/awards/calls/{OPEN}/nominations/{nomination}/scores",
            json={"scores": {"merit": 6}},
            headers={"X-CSRF-Token": token},
        )
    officer = sign_in(client, "officer")
    done = client.post(f"/api/v1/awards/calls/{OPEN}/publish", headers={"X-CSRF-Token": officer})
    assert done.status_code == 200, done.text
    results = [(to, body) for kind, to, _s, body in outbox(world) if kind.startswith("awards.res")]
    assert sorted(to for to, _b in results) == ["applicant@example.org", "p497@example.org"]
    to_nominee = dict(results)["p497@example.org"]
    assert to_nominee.startswith("Dear Jane Wambui,") and "P000497" not in to_nominee
    to_applicant = dict(results)["applicant@example.org"]
    assert "Jane Wambui" in to_applicant and "Losana Tuilagi" in to_applicant


def test_the_officer_who_nominated_three_gets_one_results_e_mail(
    client: TestClient, world: Engine
) -> None:
    for juror in ("juror2", "juror3"):
        token = sign_in_juror(client, juror)
        for nomination in (f"{SCORING}-N00{n}" for n in (1, 2, 3)):
            client.put(
                f"/api/v1/awards/calls/{SCORING}/nominations/{nomination}/scores",
                json={"scores": {"impact": 5, "novelty": 3}},
                headers={"X-CSRF-Token": token},
            )
    jury.publish_results.perform(world, ACTOR, SCORING)
    results = [to for kind, to, _s, _b in outbox(world) if kind == "awards.results_published"]
    assert sorted(results) == ["asha@example.org", "officer@example.org"]


def test_a_nominator_s_nominations_are_limited(client: TestClient, world: Engine) -> None:
    token = sign_in(client, "applicant")
    for n in range(nominations.NOMINATIONS_PER_NOMINATOR):
        made = _nominate(
            client, token, OPEN, name=f"Person {n}", country="KEN", email=f"p{n}@example.org"
        )
        assert made.status_code == 201, made.text
    more = _nominate(client, token, OPEN, name="Person X", country="KEN", email="x@example.org")
    assert more.status_code == 429
    assert f"at most {nominations.NOMINATIONS_PER_NOMINATOR} nominations" in more.json()["detail"]
    officer = sign_in(client, "officer")  # who manages the calls enters nominations received
    for n in range(nominations.NOMINATIONS_PER_NOMINATOR + 1):
        made = _nominate(client, officer, OPEN, name=f"Officer's {n}", country="FJI")
        assert made.status_code == 201, made.text


def test_the_nominee_s_e_mail_quotes_the_name_the_nominator_gave(
    client: TestClient, world: Engine
) -> None:
    token = sign_in(client, "applicant")
    trick = "Your account is locked. Visit evil.example to unlock it"
    made = _nominate(client, token, OPEN, name=trick, country="KEN", email="victim@example.org")
    assert made.status_code == 201, made.text
    [body] = [b for kind, to, _s, b in outbox(world) if to == "victim@example.org"]
    assert f"“{trick}”" in body and not body.startswith(f"Dear {trick}")


def test_a_criterion_s_scale_has_the_same_bounds_everywhere(
    client: TestClient, world: Engine, cli: CliRunner
) -> None:
    code, _out, err = _cli(
        cli, world, "criterion", OPEN, "big", "--weight", "1", "--max-score", "99999999999"
    )
    assert code == 2 and "1 to 1000" in err, err
    officer = sign_in(client, "officer")
    answer = client.post(
        f"/api/v1/awards/calls/{OPEN}/criteria",
        json={"key": "big", "name": "Big", "weight": 1, "max_score": 99999999999},
        headers={"X-CSRF-Token": officer},
    )
    assert "1 to 1000" in problem(answer, 422)["detail"]
    page = client.post(
        f"/awards/{OPEN}/criteria",
        data={
            "key": "big",
            "name": "Big",
            "weight": "1",
            "max_score": "5000",
            "csrf_token": officer,
        },
    )
    assert page.status_code == 422 and "1 to 1000" in page.text
    code, _out, err = _cli(cli, world, "criterion", OPEN, "heavy", "--weight", "1e9")
    assert code == 2 and "weight" in err
    code, _out, err = _cli(
        cli, world, "criterion", OPEN, "fine", "--weight", "2", "--max-score", "1000"
    )
    assert code == 0, err
