"""The results of one survey, by question and by country group, through the indicator engine:
its facts (the fact source ``survey_answers``, cached per store state) and its disclosure
control.

Every figure is a count of responses (a protected cell of ``survey_responses``, keyed by the
responses it counts): for the public and officers it is perturbed, and suppressed under the
store's public minimum cell size; those allowed (analysts, admins) see it exactly. A share is
the (perturbed) count of a choice over the (perturbed) count of those who answered the question.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from sqlalchemy import Engine

from stdgap.indicators.cache import facts_for
from stdgap.indicators.catalogue import REGIONS
from stdgap.indicators.cells import Cell
from stdgap.indicators.disclosure import EXACT, protect
from stdgap.indicators.load import state
from stdgap.indicators.request import IndicatorRequest
from stdgap.surveys.facts import SOURCE
from stdgap.surveys.models import MULTIPLE, SCALE, SINGLE, TEXT
from stdgap.surveys.stored import StoredSurvey

#: The country groups results are split by: the engine's dimension and its fact column.
BREAKDOWNS = {"status": "dev", "region": "region", "member_type": "member_type"}
_ALL = "all"
INDICATOR = "survey_responses"


@dataclass(frozen=True)
class Figure:
    """A published count (None: suppressed) and how it was published."""

    count: int | None
    protection: str


@dataclass(frozen=True)
class ChoiceResult:
    value: str
    figure: Figure
    share: float | None


@dataclass(frozen=True)
class GroupResult:
    group: str
    answered: Figure
    choices: tuple[ChoiceResult, ...]


@dataclass(frozen=True)
class QuestionResult:
    key: str
    text: str
    type: str
    groups: tuple[GroupResult, ...]
    #: Free-text answers (only for those who may see them; empty otherwise).
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyResults:
    survey_id: str
    by: str | None
    exact: bool
    respondents: tuple[tuple[str, Figure], ...]
    questions: tuple[QuestionResult, ...] = field(default_factory=tuple)

    def record(self) -> dict[str, Any]:
        def figure(found: Figure) -> dict[str, Any]:
            return {"count": found.count, "protection": found.protection}

        return {
            "survey_id": self.survey_id,
            "by": self.by,
            "exact": self.exact,
            "respondents": [{"group": g, **figure(f)} for g, f in self.respondents],
            "questions": [
                {
                    "key": q.key,
                    "text": q.text,
                    "type": q.type,
                    "groups": [
                        {
                            "group": g.group,
                            "answered": figure(g.answered),
                            "choices": [
                                {"value": c.value, **figure(c.figure), "share": c.share}
                                for c in g.choices
                            ],
                        }
                        for g in q.groups
                    ],
                    **({"texts": list(q.texts)} if q.type == TEXT and self.exact else {}),
                }
                for q in self.questions
            ],
        }


def _decoder(by: str | None, member_types: list[str]) -> Any:
    if by == "status":
        return lambda code: "developing" if code else "developed"
    if by == "region":
        return lambda code: REGIONS[code] if code is not None else "unknown"
    if by == "member_type":
        return lambda code: member_types[code] if code is not None else "unknown"
    return lambda code: _ALL


def _counts(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Responses by ``keys``: their number and the sum of their keys (a response once)."""
    if frame.is_empty():
        return pl.DataFrame(
            schema={**{k: frame.schema[k] for k in keys}, "n": pl.UInt32, "k": pl.Int64}
        )
    return (
        frame.group_by([*keys, "response"])
        .agg(pl.col("rk").first())
        .group_by(keys)
        .agg(pl.len().alias("n"), pl.col("rk").sum().alias("k"))
    )


def survey_results(
    engine: Engine,
    survey: StoredSurvey,
    by: str | None = None,
    exact: bool = False,
    texts: dict[str, list[str]] | None = None,
) -> SurveyResults:
    """The results of ``survey`` split by ``by`` (``status``, ``region``, ``member_type`` or
    None), published exactly when ``exact`` (see the module); ``texts``: the free-text answers
    to show, by question key."""
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(by)
    current = state(engine)
    facts = facts_for(engine, current)
    frame = facts.frames[SOURCE].filter(pl.col("survey") == survey.pk)
    column = BREAKDOWNS[by] if by else None
    frame = frame.with_columns((pl.col(column) if column else pl.lit(0, pl.UInt8)).alias("_group"))
    decode = _decoder(by, facts.member_types)
    # An anonymous survey's answers by country group are suppressed under the public minimum
    # cell size even for those who see exact counts: anonymity is promised to the respondents,
    # and a small group (a Member State is alone of its type in its country) would name them.
    hidden = exact and survey.anonymous and by is not None
    min_cell = current.public_min_cell if hidden else 1
    request = IndicatorRequest.of(
        [INDICATOR], by=(by,) if by else (), min_cell=min_cell if exact else None, exact=exact
    )
    cells: list[Cell] = []
    index: dict[tuple[Any, ...], int] = {}

    def add(name: tuple[Any, ...], n: int, k: int | None) -> None:
        if exact and not hidden and n == 0:
            return  # exactly nothing (the public's empty cells are suppressed, as small ones)
        index[name] = len(cells)
        cells.append(Cell(INDICATOR, {by or "all": decode(name[-1])}, n, keys=(k, None)))

    counted: dict[tuple[Any, ...], tuple[int, int | None]] = {}
    responses = _counts(frame.filter(pl.col("question").is_null()), ["_group"])
    for row in responses.iter_rows(named=True):
        counted[("all", row["_group"])] = (row["n"], row["k"])
    answered = frame.filter(pl.col("question").is_not_null())
    for row in _counts(answered, ["question", "_group"]).iter_rows(named=True):
        counted[("q", row["question"], row["_group"])] = (row["n"], row["k"])
    for row in _counts(answered, ["question", "choice", "_group"]).iter_rows(named=True):
        counted[("c", row["question"], row["choice"], row["_group"])] = (row["n"], row["k"])
    groups = sorted({name[1] for name in counted if name[0] == "all"}, key=lambda g: (g is None, g))
    # Every cell of the table, empty ones included: an empty cell is published (suppressed)
    # as a small one is, so that the two cannot be told apart.
    for group in groups:
        add(("all", group), *counted[("all", group)])
        for stored in survey.questions:
            question = stored.question
            add(("q", stored.pk, group), *counted.get(("q", stored.pk, group), (0, 0)))
            for code, _label in _values(
                question.type, question.options, question.scale_min, question.scale_max
            ):
                name = ("c", stored.pk, code, group)
                add(name, *counted.get(name, (0, 0)))
    published = protect(cells, request, current.public_min_cell)

    def figure(name: tuple[Any, ...]) -> Figure:
        if name not in index:
            return Figure(0, EXACT)
        cell = published[index[name]]
        return Figure(None if cell.value is None else int(cell.value), cell.protection)

    respondents = tuple((decode(g), figure(("all", g))) for g in groups)
    questions = []
    for stored in survey.questions:
        question = stored.question
        values = _values(question.type, question.options, question.scale_min, question.scale_max)
        found = []
        for group in groups:
            total = figure(("q", stored.pk, group))
            choices = []
            for code, label in values:
                count = figure(("c", stored.pk, code, group))
                share = (
                    count.count / total.count if count.count is not None and total.count else None
                )
                choices.append(ChoiceResult(label, count, share))
            found.append(GroupResult(decode(group), total, tuple(choices)))
        shown = tuple((texts or {}).get(stored.key, ())) if question.type == TEXT else ()
        questions.append(
            QuestionResult(stored.key, question.text, question.type, tuple(found), shown)
        )
    return SurveyResults(survey.survey_id, by, exact, respondents, tuple(questions))


def anonymous_groups(engine: Engine, survey: StoredSurvey) -> dict[int, tuple[str, str]]:
    """The country groups an anonymous survey's export shows of each response (by its primary
    key): whether its country was developing on the day (``yes``/``no``) and its ITU region,
    each only where it cannot single out a respondent. Rows of a (developing, region) pair of
    fewer than the public minimum cell size responses show only whether developing, if the
    rows so left of that kind are enough, else neither (blank)."""
    current = state(engine)
    facts = facts_for(engine, current)
    frame = facts.frames[SOURCE].filter(
        (pl.col("survey") == survey.pk) & pl.col("question").is_null()
    )
    pairs = {
        int(row["response"]): (
            "yes" if row["dev"] else "no",
            REGIONS[row["region"]] if row["region"] is not None else "unknown",
        )
        for row in frame.iter_rows(named=True)
    }
    least = current.public_min_cell
    by_pair = Counter(pairs.values())
    shown = {r: pair for r, pair in pairs.items() if by_pair[pair] >= least}
    left = {r: pair[0] for r, pair in pairs.items() if r not in shown}
    by_status = Counter(left.values())
    for response, status in left.items():
        shown[response] = (status, "") if by_status[status] >= least else ("", "")
    return shown


def _values(
    kind: str, options: tuple[str, ...], low: int | None, high: int | None
) -> list[tuple[int, str]]:
    if kind in (SINGLE, MULTIPLE):
        return list(enumerate(options))
    if kind == SCALE and low is not None and high is not None:
        return [(value, str(value)) for value in range(low, high + 1)]
    return []
