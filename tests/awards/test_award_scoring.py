"""The ranking of a call by hand: a juror in conflict of interest with a nominee (found from
the data: the same member) and another who declared one are left out of those nominees' means,
which are over the jurors who may score them, not counted as zeros; each criterion's mean on its
own scale, its mark (0 at the scale's lowest score, 1 at its highest) and its weighted part."""

from __future__ import annotations

import pytest
from award_world import EXTRA, N_FJI, N_KEN, N_NPL, SCORING
from sqlalchemy import Engine

from factories import ACTOR
from stdgap.awards import jury, queries
from stdgap.awards.errors import ConflictOfInterest
from stdgap.awards.scoring import Criterion, Juror, Nominee, conflicts, rank

#: (juror, nomination) → (impact on 0-10 with weight 2, novelty on 1-5 with weight 1).
SCORES = {
    ("juror2", N_KEN): (8, 4),
    ("juror3", N_KEN): (6, 5),
    ("applicant", N_NPL): (7, 3),
    ("juror2", N_NPL): (9, 5),
    ("juror3", N_NPL): (5, 2),
    ("juror2", N_FJI): (4, 2),
    ("juror3", N_FJI): (10, 4),
}


def _score(world: Engine) -> None:
    # the applicant juror is of MS-KEN, as Wanjiru Kamau (N_KEN): a conflict found, not declared
    with pytest.raises(ConflictOfInterest, match="same member"):
        jury.score_nomination.perform(
            world, ACTOR, SCORING, "applicant", N_KEN, {"impact": 10, "novelty": 5}
        )
    jury.declare.perform(world, ACTOR, SCORING, "applicant", N_FJI, "relation", "my niece")
    for (juror, nomination), (impact, novelty) in SCORES.items():
        scores = {"impact": float(impact), "novelty": float(novelty)}
        jury.score_nomination.perform(world, ACTOR, SCORING, juror, nomination, scores)


def test_the_weighted_means_by_hand_leave_out_the_conflicted_juror(world: Engine) -> None:
    assert set(EXTRA) == {"juror2", "juror3"}
    _score(world)
    rows = {r["nomination_id"]: r for r in queries.results(world, SCORING)["results"]}
    ken, npl, fji = rows[N_KEN], rows[N_NPL], rows[N_FJI]
    # Wanjiru Kamau: juror2 and juror3 only (the applicant may not score her)
    #   impact (8 + 6) / 2 = 7 of 0-10: mark 0.7; novelty (4 + 5) / 2 = 4.5 of 1-5: mark
    #   ((4-1)/4 + (5-1)/4) / 2 = 0.875; total (2 × 0.7 + 1 × 0.875) / 3 = 2.275 / 3
    assert (ken["scorers"], ken["may_score"]) == (2, 2)
    assert ken["criteria"]["impact"] == {"mean": 7.0, "mark": 0.7, "weighted": 0.4667}
    assert ken["criteria"]["novelty"] == {"mean": 4.5, "mark": 0.875, "weighted": 0.2917}
    assert ken["total"] == pytest.approx(2.275 / 3, abs=1e-4)
    # Asha Rai: the three jurors; impact (7 + 9 + 5) / 3 = 7: mark 0.7; novelty
    #   (3 + 5 + 2) / 3 = 3.3333: mark (0.5 + 1 + 0.25) / 3 = 0.5833; total (1.4 + 0.5833) / 3
    assert (npl["scorers"], npl["may_score"]) == (3, 3)
    assert npl["criteria"]["impact"]["mean"] == 7.0
    assert npl["criteria"]["novelty"] == {"mean": 3.3333, "mark": 0.5833, "weighted": 0.1944}
    assert npl["total"] == pytest.approx((1.4 + 0.5833) / 3, abs=1e-4)
    # Losana Tuilagi: the applicant declared a conflict; impact (4 + 10) / 2 = 7: mark 0.7;
    #   novelty (2 + 4) / 2 = 3: mark (0.25 + 0.75) / 2 = 0.5; total (1.4 + 0.5) / 3
    assert (fji["scorers"], fji["may_score"]) == (2, 2)
    assert fji["criteria"]["novelty"] == {"mean": 3.0, "mark": 0.5, "weighted": 0.1667}
    assert fji["total"] == pytest.approx(1.9 / 3, abs=1e-4)
    # Had the conflicted juror counted as a zero, Wanjiru Kamau's impact would be 14 / 3.
    assert [
        (r["rank"], r["name"], r["country_name"])
        for r in queries.results(world, SCORING)["results"]
    ] == [(1, "Wanjiru Kamau", "Kenya"), (2, "Asha Rai", "Nepal"), (3, "Losana Tuilagi", "Fiji")]


def test_a_conflicted_juror_s_scores_are_ignored_even_when_present() -> None:
    """The pure ranking: a conflicted pair's scores (e.g. entered before the conflict was known
    and not voided) count for nothing; the mean is over the others."""
    criteria = [Criterion("impact", 2.0, 10), Criterion("novelty", 1.0, 5, 1)]
    nominees = [Nominee("A", "p1", "MS-KEN", None, country="KEN"), Nominee("B", "p2", None, None)]
    jurors = [Juror("J1", None, "q1", "KEN"), Juror("J2", None), Juror("J3", None)]
    found = conflicts(jurors, nominees, {("J3", "B"): "personal relation"}, same_country=True)
    assert found == {("J1", "A"): "same country (KEN)", ("J3", "B"): "personal relation"}
    scores = {
        ("J1", "A", "impact"): 0.0,  # would pull A down if counted
        ("J1", "A", "novelty"): 1.0,
        ("J2", "A", "impact"): 8.0,
        ("J2", "A", "novelty"): 3.0,
        ("J3", "A", "impact"): 6.0,
        ("J3", "A", "novelty"): 5.0,
        ("J1", "B", "impact"): 5.0,
        ("J1", "B", "novelty"): 3.0,
        ("J2", "B", "impact"): 7.0,
        ("J2", "B", "novelty"): 5.0,
        ("J3", "B", "impact"): 10.0,  # would lift B if counted
        ("J3", "B", "novelty"): 5.0,
    }
    ranked = {r.nomination: r for r in rank(nominees, jurors, criteria, scores, found)}
    # A: impact (0.8 + 0.6) / 2 = 0.7; novelty ((3-1)/4 + (5-1)/4) / 2 = 0.75
    assert ranked["A"].marks == {"impact": 0.7, "novelty": 0.75}
    assert ranked["A"].means == {"impact": 7.0, "novelty": 4.0}
    # B: impact (0.5 + 0.7) / 2 = 0.6; novelty (0.5 + 1) / 2 = 0.75
    assert ranked["B"].marks == {"impact": 0.6, "novelty": 0.75}
    assert ranked["A"].total == pytest.approx((2 * 0.7 + 0.75) / 3, abs=1e-4)
    assert ranked["B"].total == pytest.approx((2 * 0.6 + 0.75) / 3, abs=1e-4)
    assert ranked["A"].weighted == {"impact": 0.4667, "novelty": 0.25}
    assert (ranked["A"].rank, ranked["B"].rank) == (1, 2)
    assert ranked["A"].may_score == ranked["B"].may_score == 2
