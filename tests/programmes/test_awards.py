"""Awards: conflicts of interest enforced, scores normalised over the jurors who may score."""

from __future__ import annotations

from pathlib import Path

import pytest
from programme_world import (
    invoke,
    world_fixture,  # noqa: F401 - the fixture 'world'
    write,
)
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.awards import operations
from stdgap.awards.scoring import Criterion, Juror, Nominee, conflicts, rank
from stdgap.programmes.errors import ProgrammeError

CRITERIA = [Criterion("impact", 2.0, 10), Criterion("novelty", 1.0, 5)]


def test_a_conflicted_juror_neither_helps_nor_hurts() -> None:
    nominees = [Nominee("N1", "p1", "MS-KEN", None), Nominee("N2", "p2", "MS-NPL", None)]
    jurors = [Juror("J1", "MS-KEN"), Juror("J2", None), Juror("J3", None)]
    found = conflicts(jurors, nominees, {("J3", "N2"): "former supervisor"})
    assert found == {("J1", "N1"): "same member (MS-KEN)", ("J3", "N2"): "former supervisor"}
    scores = {
        # J1 may not score N1: its 10s are ignored even if present
        ("J1", "N1", "impact"): 10.0,
        ("J1", "N1", "novelty"): 5.0,
        ("J2", "N1", "impact"): 6.0,
        ("J2", "N1", "novelty"): 3.0,
        ("J3", "N1", "impact"): 8.0,
        ("J3", "N1", "novelty"): 4.0,
        ("J1", "N2", "impact"): 7.0,
        ("J1", "N2", "novelty"): 4.0,
        ("J2", "N2", "impact"): 7.0,
        ("J2", "N2", "novelty"): 4.0,
    }
    ranked = {r.nomination: r for r in rank(nominees, jurors, CRITERIA, scores, found)}
    assert ranked["N1"].marks == {"impact": 0.7, "novelty": 0.7}  # mean of J2 and J3 only
    assert ranked["N1"].may_score == 2 and ranked["N1"].scorers == 2
    assert ranked["N2"].marks == {"impact": 0.7, "novelty": 0.8}
    assert ranked["N2"].rank == 1 and ranked["N1"].rank == 2
    assert ranked["N2"].total == pytest.approx((2 * 0.7 + 0.8) / 3, abs=1e-4)


def test_found_conflicts_and_zscores() -> None:
    nominees = [Nominee("N1", "J1", None, None), Nominee("N2", "p2", None, "J2")]
    jurors = [Juror("J1", None), Juror("J2", None)]
    found = conflicts(jurors, nominees, {})
    assert found[("J1", "N1")] == "the juror is the nominee"
    assert found[("J2", "N2")] == "the juror nominated them"
    # a severe and a lenient juror: z-scores put both nominees level
    nominees = [Nominee("A", "a", None, None), Nominee("B", "b", None, None)]
    scores = {
        ("J1", "A", "impact"): 2.0,
        ("J1", "B", "impact"): 4.0,
        ("J2", "A", "impact"): 10.0,
        ("J2", "B", "impact"): 8.0,
    }
    one = [Criterion("impact", 1.0, 10)]
    by_z = {r.nomination: r for r in rank(nominees, jurors, one, scores, {}, "zscore")}
    assert by_z["A"].total == by_z["B"].total == 0.0 and by_z["A"].rank == by_z["B"].rank == 1


def _setup(engine: Engine) -> None:
    # under 36: FJI-1, born 1990 (as the store has it), is 35 in 2025
    operations.add_call.perform(
        engine,
        "test",
        "YA-2025",
        "Young achiever",
        __import__("datetime").date(2025, 6, 30),
        max_age=36,
    )
    operations.add_criterion.perform(engine, "test", "YA-2025", "impact", "Impact", 2.0, 10)
    operations.add_criterion.perform(engine, "test", "YA-2025", "novelty", "Novelty", 1.0, 5)
    for juror, member in (("CHE-1", "MS-CHE"), ("KEN-2", "MS-KEN"), ("BOL-1", None)):
        operations.add_juror.perform(engine, "test", "YA-2025", juror, member)
    operations.nominate.perform(
        engine, "test", "YA-2025", "N-KEN", "KEN-1", "MS-KEN", "KEN", "F", 1995
    )
    operations.nominate.perform(
        engine, "test", "YA-2025", "N-FJI", "FJI-1", "MS-FJI", "FJI", "M", 1990
    )
    operations.nominate.perform(
        engine, "test", "YA-2025", "N-OLD", "NPL-1", "MS-NPL", "NPL", "M", 1970
    )


def test_conflicts_are_enforced_in_the_store(world: Engine) -> None:
    _setup(world)
    with pytest.raises(ProgrammeError, match=r"conflict of interest: KEN-2 may not score N-KEN"):
        operations.score.perform(world, "test", "YA-2025", "KEN-2", "N-KEN", "impact", 9)
    operations.score.perform(world, "test", "YA-2025", "BOL-1", "N-FJI", "impact", 9)
    assert (
        operations.declare_conflict.perform(world, "test", "YA-2025", "BOL-1", "N-FJI", "co-author")
        == 1
    )
    with pytest.raises(ProgrammeError, match="conflict of interest"):
        operations.score.perform(world, "test", "YA-2025", "BOL-1", "N-FJI", "impact", 9)
    with pytest.raises(ProgrammeError, match="outside 0-5"):
        operations.score.perform(world, "test", "YA-2025", "CHE-1", "N-FJI", "novelty", 6)


def test_awards_round_trip(world: Engine, store_url: str, cli: CliRunner, tmp_path: Path) -> None:
    db = ["--db", store_url]
    code, _o, err = invoke(
        cli,
        "awards",
        "call",
        "YA",
        "--name",
        "Young achiever",
        "--closes",
        "2025-06-30",
        "--max-age",
        "36",  # FJI-1, born 1990 (as the store has it), is 35 in 2025
        *db,
    )
    assert code == 0, err
    for key, weight, top in (("impact", "2", "10"), ("novelty", "1", "5")):
        code, _o, err = invoke(
            cli, "awards", "criterion", "YA", key, "--weight", weight, "--max-score", top, *db
        )
        assert code == 0, err
    for juror, member in (("CHE-1", "MS-CHE"), ("KEN-2", "MS-KEN"), ("BOL-1", "MS-BOL")):
        code, _o, err = invoke(cli, "awards", "juror", "YA", juror, "--member", member, *db)
        assert code == 0, err
    for nomination, person, member, year in (
        ("N-KEN", "KEN-1", "MS-KEN", "1995"),
        ("N-FJI", "FJI-1", "MS-FJI", "1990"),
        ("N-OLD", "NPL-1", "MS-NPL", "1970"),
    ):
        code, _o, err = invoke(
            cli,
            "awards",
            "nominate",
            "YA",
            nomination,
            "--nominee",
            person,
            "--member",
            member,
            "--birth-year",
            year,
            *db,
        )
        assert code == 0, err
    code, _o, err = invoke(
        cli, "awards", "conflict", "YA", "CHE-1", "N-FJI", "--reason", "supervisor", *db
    )
    assert code == 0, err
    bad = write(
        tmp_path / "bad.csv",
        "call_id,juror_id,nomination_id,criterion,score\n"
        "YA,KEN-2,N-KEN,impact,9\nYA,CHE-1,N-FJI,impact,8\nYA,BOL-1,N-KEN,impact,11",
    )
    code, _o, err = invoke(cli, "awards", "import-scores", str(bad), *db)
    assert code == 2
    assert f"{bad}:2: juror_id: conflict of interest: KEN-2 may not score N-KEN" in err
    assert f"{bad}:3: juror_id: conflict of interest: CHE-1" in err
    assert f"{bad}:4: score: 11 is outside 0-10" in err
    good_rows = ["call_id,juror_id,nomination_id,criterion,score"]
    for juror, nomination, impact, novelty in (
        ("CHE-1", "N-KEN", 8, 4),
        ("BOL-1", "N-KEN", 6, 3),
        ("KEN-2", "N-FJI", 7, 5),
        ("BOL-1", "N-FJI", 7, 5),
        ("CHE-1", "N-OLD", 10, 5),
    ):
        good_rows += [
            f"YA,{juror},{nomination},impact,{impact}",
            f"YA,{juror},{nomination},novelty,{novelty}",
        ]
    good = write(tmp_path / "good.csv", "\n".join(good_rows))
    code, out, err = invoke(cli, "awards", "import-scores", str(good), *db)
    assert code == 0 and "10 score(s)" in out, err
    ranked = {r.nomination: r for r in operations.results(world, "YA")}
    assert ranked["N-FJI"].rank == 1 and ranked["N-KEN"].rank == 2
    assert ranked["N-FJI"].note == "" and ranked["N-KEN"].may_score == 2
    assert ranked["N-OLD"].rank is None and "ineligible" in ranked["N-OLD"].note
    code, out, err = invoke(cli, "awards", "results", "YA", *db)
    assert code == 0 and "N-FJI" in out, err
