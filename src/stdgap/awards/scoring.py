"""Ranking nominations from jurors' scores, with conflicts of interest enforced.

A juror with a conflict (declared, or found: the juror is the nominee, nominated them, belongs
to the same member, or — when the call says so — comes from the same country) may not score
that nomination. A nomination's mark on a criterion is the mean over the jurors who may score
it and did — so a conflict neither helps nor hurts: the mean is over fewer jurors, not a sum
with a zero — of either the score's place on the criterion's scale (``mean``: 0 at its lowest
score, 1 at its highest) or the juror's z-score on that criterion (``zscore``: how far above the
juror's own average, in the juror's own spread, which evens out lenient and severe jurors). The
total is the weighted mean of the marks: each criterion adds ``weight / sum of weights × mark``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from statistics import fmean, pstdev
from typing import Literal

Normalise = Literal["mean", "zscore"]


@dataclass(frozen=True)
class Criterion:
    key: str
    weight: float
    max_score: int
    min_score: int = 0


@dataclass(frozen=True)
class Nominee:
    key: str
    person: str
    member: str | None
    nominated_by: str | None
    eligible: bool = True
    why_not: str = ""
    country: str | None = None


@dataclass(frozen=True)
class Juror:
    key: str
    member: str | None
    #: The person of the store the juror is (a juror named by person id is that person).
    person: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Ranked:
    nomination: str
    rank: int | None  # None: not ranked (ineligible or unscored)
    total: float | None
    marks: dict[str, float]
    scorers: int  # jurors who scored
    may_score: int  # jurors without a conflict
    note: str
    #: Each criterion's mean score on its own scale, over the jurors who may score and did.
    means: dict[str, float] = field(default_factory=dict)
    #: Each criterion's part of the total: its weight's share times its mark.
    weighted: dict[str, float] = field(default_factory=dict)


def found_conflict(juror: Juror, nominee: Nominee, same_country: bool = False) -> str | None:
    """A conflict the data shows (beyond those declared), or None. ``same_country``: a juror
    from the nominee's country is in conflict (when the call says so)."""
    if juror.key == nominee.person or (juror.person is not None and juror.person == nominee.person):
        return "the juror is the nominee"
    if nominee.nominated_by is not None and juror.key == nominee.nominated_by:
        return "the juror nominated them"
    if juror.member is not None and juror.member == nominee.member:
        return f"same member ({juror.member})"
    if same_country and juror.country is not None and juror.country == nominee.country:
        return f"same country ({juror.country})"
    return None


def conflicts(
    jurors: list[Juror],
    nominees: list[Nominee],
    declared: dict[tuple[str, str], str],
    same_country: bool = False,
) -> dict[tuple[str, str], str]:
    """Every (juror, nomination) in conflict, with the reason (a declared one first)."""
    found = dict(declared)
    for juror in jurors:
        for nominee in nominees:
            reason = found_conflict(juror, nominee, same_country)
            if reason and (juror.key, nominee.key) not in found:
                found[(juror.key, nominee.key)] = reason
    return found


def _z_scores(
    scores: dict[tuple[str, str, str], float],
) -> dict[tuple[str, str, str], float]:
    by_juror: dict[tuple[str, str], list[float]] = defaultdict(list)
    for (juror, _nomination, criterion), value in scores.items():
        by_juror[(juror, criterion)].append(value)
    stats = {key: (fmean(values), pstdev(values)) for key, values in by_juror.items()}
    result: dict[tuple[str, str, str], float] = {}
    for (juror, nomination, criterion), value in scores.items():
        mean, spread = stats[(juror, criterion)]
        result[(juror, nomination, criterion)] = (value - mean) / spread if spread else 0.0
    return result


def rank(
    nominees: list[Nominee],
    jurors: list[Juror],
    criteria: list[Criterion],
    scores: dict[tuple[str, str, str], float],  # (juror, nomination, criterion) → score
    conflicted: dict[tuple[str, str], str],
    normalise: Normalise = "mean",
) -> list[Ranked]:
    """Nominations ranked by total (ties share a rank); scores of conflicted pairs are ignored."""
    valid = {key: value for key, value in scores.items() if key[:2] not in conflicted}
    scales = {c.key: (c.min_score, (c.max_score - c.min_score) or 1) for c in criteria}
    if normalise == "zscore":
        marks_of = _z_scores(valid)
    else:
        marks_of = {
            key: (value - scales[key[2]][0]) / scales[key[2]][1] for key, value in valid.items()
        }
    weight = sum(criterion.weight for criterion in criteria) or 1.0
    rows: list[Ranked] = []
    for nominee in nominees:
        allowed = [j.key for j in jurors if (j.key, nominee.key) not in conflicted]
        scorers = {j for j in allowed if any((j, nominee.key, c.key) in valid for c in criteria)}
        marks: dict[str, float] = {}
        means: dict[str, float] = {}
        for criterion in criteria:
            given = [(j, nominee.key, criterion.key) for j in allowed]
            given = [key for key in given if key in marks_of]
            if given:
                marks[criterion.key] = round(fmean(marks_of[key] for key in given), 4)
                means[criterion.key] = round(fmean(valid[key] for key in given), 4)
        missing = [c.key for c in criteria if c.key not in marks]
        note = ""
        if len(scorers) < len(allowed):
            note = f"{len(allowed) - len(scorers)} of {len(allowed)} juror(s) have not scored"
        if not nominee.eligible:
            rows.append(
                Ranked(
                    nominee.key,
                    None,
                    None,
                    marks,
                    len(scorers),
                    len(allowed),
                    f"ineligible: {nominee.why_not}",
                    means,
                )
            )
            continue
        if missing:
            rows.append(
                Ranked(
                    nominee.key,
                    None,
                    None,
                    marks,
                    len(scorers),
                    len(allowed),
                    f"not ranked: no score on {', '.join(missing)}",
                    means,
                )
            )
            continue
        parts = {c.key: c.weight * marks[c.key] / weight for c in criteria}
        total = sum(parts.values())
        rows.append(
            Ranked(
                nominee.key,
                0,
                round(total, 4),
                marks,
                len(scorers),
                len(allowed),
                note,
                means,
                {key: round(part, 4) for key, part in parts.items()},
            )
        )
    ranked = sorted((r for r in rows if r.total is not None), key=lambda r: -(r.total or 0))
    result: list[Ranked] = []
    previous: float | None = None
    position = 0
    for index, row in enumerate(ranked, start=1):
        if row.total != previous:
            position, previous = index, row.total
        result.append(replace(row, rank=position))
    return result + [r for r in rows if r.total is None]
