"""Award calls, criteria, jurors, nominations, conflicts, scores and results.

Writes refuse a score from a juror in conflict with the nomination (declared or found), and a
conflict declared after scoring voids the juror's scores of that nomination. Score files have
the columns ``call_id, juror_id, nomination_id, criterion, score``; any bad row (a conflict
included) and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import Field
from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.orm import Session

from stdgap.awards import scoring
from stdgap.awards.models import (
    AwardCall,
    AwardConflict,
    AwardCriterion,
    AwardJuror,
    AwardNomination,
    AwardScore,
)
from stdgap.programmes.errors import ProgrammeError
from stdgap.reference.resolver import CountryResolver
from stdgap.store.unit import Unit, operation
from stdgap.tabular.columns import Column, Text
from stdgap.tabular.errors import ImportFailed
from stdgap.tabular.typed import read_typed

SCORE_COLUMNS: dict[str, Column] = {
    "call_id": Column(Text, required=True),
    "juror_id": Column(Text, required=True),
    "nomination_id": Column(Text, required=True),
    "criterion": Column(Text, required=True),
    "score": Column(Annotated[float, Field(ge=0)], required=True),
}


@operation("awards.call")
def add_call(
    unit: Unit,
    call_id: str,
    name: str,
    closes: date,
    max_age: int | None = 35,
    normalise: str = "mean",
) -> None:
    if normalise not in ("mean", "zscore"):
        raise ProgrammeError("normalise must be mean or zscore")
    connection = unit.connection
    if _call(connection, call_id, must=False) is not None:
        raise ProgrammeError(f"award call '{call_id}' already exists")
    connection.execute(
        insert(AwardCall).values(
            call_id=call_id, name=name, closes=closes, max_age=max_age, normalise=normalise
        )
    )


def _call(connection: Connection, call_id: str, must: bool = True) -> int | None:
    found = connection.execute(
        select(AwardCall.id).where(AwardCall.call_id == call_id)
    ).scalar_one_or_none()
    if found is None and must:
        raise ProgrammeError(f"unknown award call '{call_id}'")
    return found


def _in_call(call_id: str, key: str, *args: object, **kwargs: object) -> str:
    return f"{call_id}/{key}"


@operation("awards.criterion", target=_in_call)
def add_criterion(
    unit: Unit, call_id: str, key: str, name: str, weight: float, max_score: int = 10
) -> None:
    if weight <= 0 or max_score <= 0:
        raise ProgrammeError("a criterion's weight and maximum score must be positive")
    connection = unit.connection
    call = _call(connection, call_id)
    connection.execute(
        insert(AwardCriterion).values(
            call_id=call, key=key, name=name, weight=weight, max_score=max_score
        )
    )


@operation("awards.juror", target=_in_call)
def add_juror(unit: Unit, call_id: str, juror: str, member: str | None = None) -> None:
    connection = unit.connection
    call = _call(connection, call_id)
    connection.execute(insert(AwardJuror).values(call_id=call, juror_ref=juror, member_ref=member))


@operation("awards.nominate", target=_in_call)
def nominate(
    unit: Unit,
    call_id: str,
    nomination_id: str,
    nominee: str,
    member: str | None = None,
    country: str | None = None,
    gender: str | None = None,
    birth_year: int | None = None,
    nominated_by: str | None = None,
    statement: str | None = None,
) -> None:
    connection = unit.connection
    call = _call(connection, call_id)
    alpha3 = None
    if country:
        alpha3 = CountryResolver.from_connection(connection).resolve(country)
        if alpha3 is None:
            raise ProgrammeError(f"'{country}' is not a known country")
    connection.execute(
        insert(AwardNomination).values(
            nomination_id=nomination_id,
            call_id=call,
            nominee_ref=nominee,
            member_ref=member,
            country=alpha3,
            gender=gender,
            birth_year=birth_year,
            nominated_by=nominated_by,
            statement=statement,
        )
    )


@dataclass
class _CallData:
    pk: int
    call: AwardCall
    jurors: dict[str, AwardJuror]
    nominations: dict[str, AwardNomination]
    criteria: dict[str, AwardCriterion]
    conflicts: dict[tuple[str, str], str]

    @classmethod
    def load(cls, connection: Connection, call_id: str) -> _CallData:
        pk = _call(connection, call_id)
        if pk is None:  # pragma: no cover - _call raised already
            raise ProgrammeError(f"unknown award call '{call_id}'")
        with Session(bind=connection) as session:
            call = session.get_one(AwardCall, pk)
            jurors = {
                j.juror_ref: j
                for j in session.scalars(select(AwardJuror).where(AwardJuror.call_id == pk))
            }
            noms = {
                n.nomination_id: n
                for n in session.scalars(
                    select(AwardNomination).where(AwardNomination.call_id == pk)
                )
            }
            criteria = {
                c.key: c
                for c in session.scalars(
                    select(AwardCriterion)
                    .where(AwardCriterion.call_id == pk)
                    .order_by(AwardCriterion.id)
                )
            }
        juror_by_pk = {j.id: j.juror_ref for j in jurors.values()}
        nom_by_pk = {n.id: n.nomination_id for n in noms.values()}
        declared = {
            (juror_by_pk[j], nom_by_pk[n]): reason
            for j, n, reason in connection.execute(
                select(
                    AwardConflict.juror_id, AwardConflict.nomination_id, AwardConflict.reason
                ).where(AwardConflict.juror_id.in_(list(juror_by_pk)))
            )
        }
        found = scoring.conflicts(
            [scoring.Juror(j.juror_ref, j.member_ref) for j in jurors.values()],
            [cls.nominee(n, call) for n in noms.values()],
            declared,
        )
        return cls(pk, call, jurors, noms, criteria, found)

    @staticmethod
    def nominee(n: AwardNomination, call: AwardCall) -> scoring.Nominee:
        eligible, why = True, ""
        if call.max_age and n.birth_year is not None:
            age = call.closes.year - n.birth_year
            if age >= call.max_age:
                eligible, why = False, f"{age} in {call.closes.year}, not under {call.max_age}"
        return scoring.Nominee(
            n.nomination_id, n.nominee_ref, n.member_ref, n.nominated_by, eligible, why
        )

    def problems(self, juror: str, nomination: str, criterion: str, score: float) -> list[str]:
        found: list[str] = []
        if juror not in self.jurors:
            found.append(f"'{juror}' is not a juror of {self.call.call_id}")
        if nomination not in self.nominations:
            found.append(f"unknown nomination '{nomination}'")
        if criterion not in self.criteria:
            found.append(f"unknown criterion '{criterion}'")
        elif not 0 <= score <= self.criteria[criterion].max_score:
            found.append(f"{score:g} is outside 0-{self.criteria[criterion].max_score}")
        reason = self.conflicts.get((juror, nomination))
        if reason:
            found.append(f"conflict of interest: {juror} may not score {nomination} ({reason})")
        return found

    def write_score(
        self, connection: Connection, juror: str, nomination: str, criterion: str, score: float
    ) -> None:
        key = {
            "juror_id": self.jurors[juror].id,
            "nomination_id": self.nominations[nomination].id,
            "criterion_id": self.criteria[criterion].id,
        }
        connection.execute(
            delete(AwardScore).where(*(getattr(AwardScore, k) == v for k, v in key.items()))
        )
        connection.execute(insert(AwardScore).values(**key, score=score))


def _juror_nomination(call_id: str, juror: str, nomination: str, *args: object) -> str:
    return f"{call_id}/{juror}/{nomination}"


@operation("awards.conflict", target=_juror_nomination)
def declare_conflict(unit: Unit, call_id: str, juror: str, nomination: str, reason: str) -> int:
    """Record a conflict; the juror's scores of that nomination are voided (count returned)."""
    connection = unit.connection
    data = _CallData.load(connection, call_id)
    if juror not in data.jurors or nomination not in data.nominations:
        raise ProgrammeError(f"unknown juror '{juror}' or nomination '{nomination}'")
    pair = {
        "juror_id": data.jurors[juror].id,
        "nomination_id": data.nominations[nomination].id,
    }
    connection.execute(
        delete(AwardConflict).where(
            AwardConflict.juror_id == pair["juror_id"],
            AwardConflict.nomination_id == pair["nomination_id"],
        )
    )
    connection.execute(insert(AwardConflict).values(**pair, reason=reason))
    voided = connection.execute(
        delete(AwardScore).where(
            AwardScore.juror_id == pair["juror_id"],
            AwardScore.nomination_id == pair["nomination_id"],
        )
    )
    return int(voided.rowcount or 0)


@operation("awards.score", target=_juror_nomination)
def score(
    unit: Unit, call_id: str, juror: str, nomination: str, criterion: str, value: float
) -> None:
    """Record one score; refused for a juror in conflict with the nomination."""
    connection = unit.connection
    data = _CallData.load(connection, call_id)
    problems = data.problems(juror, nomination, criterion, value)
    if problems:
        raise ProgrammeError("; ".join(problems))
    data.write_score(connection, juror, nomination, criterion, value)


@operation("awards.import", target=lambda paths: ", ".join(str(path) for path in paths))
def import_scores(unit: Unit, paths: list[Path]) -> int:
    """Import score files in one transaction (every row checked, conflicts refused)."""
    count = 0
    connection = unit.connection
    calls: dict[str, _CallData | None] = {}
    ready: list[tuple[_CallData, str, str, str, float]] = []
    errors = []
    for path in paths:
        table = read_typed(path, SCORE_COLUMNS)
        bad = {error.line for error in table.errors}
        for line, values in table.rows:
            if line in bad:
                continue
            call_id = values["call_id"]
            if call_id not in calls:
                try:
                    calls[call_id] = _CallData.load(connection, call_id)
                except ProgrammeError:
                    calls[call_id] = None
            data = calls[call_id]
            if data is None:
                table.error(line, "call_id", f"unknown award call '{call_id}'")
                continue
            row = (
                values["juror_id"],
                values["nomination_id"],
                values["criterion"],
                values["score"],
            )
            for message in data.problems(*row):
                column = (
                    "juror_id"
                    if "conflict" in message or "juror" in message
                    else (
                        "score"
                        if "outside" in message
                        else "nomination_id"
                        if "nomination" in message
                        else "criterion"
                    )
                )
                table.error(line, column, message)
            if not data.problems(*row):
                ready.append((data, *row))
        errors.extend(table.errors)
    if errors:
        raise ImportFailed(errors)
    for data, juror, nomination, criterion, value in ready:
        data.write_score(connection, juror, nomination, criterion, value)
        count += 1
    return count


def results(engine: Engine, call_id: str) -> list[scoring.Ranked]:
    """The ranking of a call's nominations (ties share a rank)."""
    with engine.connect() as connection:
        data = _CallData.load(connection, call_id)
        jurors = {j.id: key for key, j in data.jurors.items()}
        noms = {n.id: key for key, n in data.nominations.items()}
        crits = {c.id: key for key, c in data.criteria.items()}
        scores = {
            (jurors[j], noms[n], crits[c]): value
            for j, n, c, value in connection.execute(
                select(
                    AwardScore.juror_id,
                    AwardScore.nomination_id,
                    AwardScore.criterion_id,
                    AwardScore.score,
                ).where(AwardScore.juror_id.in_(list(jurors)))
            )
        }
    return scoring.rank(
        [_CallData.nominee(n, data.call) for n in data.nominations.values()],
        [scoring.Juror(j.juror_ref, j.member_ref) for j in data.jurors.values()],
        [scoring.Criterion(c.key, c.weight, c.max_score) for c in data.criteria.values()],
        scores,
        data.conflicts,
        "zscore" if data.call.normalise == "zscore" else "mean",
    )
