"""Award calls, criteria, jurors, nominations, conflicts, scores and results.

Writes refuse a score from a juror in conflict with the nomination (declared or found), and a
conflict declared after scoring voids the juror's scores of that nomination. Score files have
the columns ``call_id, juror_id, nomination_id, criterion, score``; any bad row (a conflict
included) and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import Field
from sqlalchemy import Engine, delete, insert, select

from stdgap.awards import checks, people, scoring
from stdgap.awards.calldata import CallData, call_pk
from stdgap.awards.errors import WrongState
from stdgap.awards.models import (
    CONFLICT_KINDS,
    NOMINATING,
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

#: A call's id: it is part of the pages' addresses.
CALL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}")
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
    description: str | None = None,
    country_conflicts: bool = False,
) -> None:
    """Open a call for nominations until ``closes``; ``country_conflicts``: a juror from a
    nominee's country is in conflict with them."""
    if normalise not in ("mean", "zscore"):
        raise ProgrammeError("normalise must be mean or zscore")
    if not CALL_ID.fullmatch(call_id):
        raise ProgrammeError(
            f"'{call_id}' is not a call id: letters, digits, '.', '_' and '-', up to 100"
        )
    if not name.strip() or len(name) > 300:
        raise ProgrammeError("an award's name is 1 to 300 characters")
    if max_age is not None and not 0 < max_age <= 120:
        raise ProgrammeError(f"{max_age} is not an age limit (1 to 120, or none)")
    connection = unit.connection
    if call_pk(connection, call_id, must=False) is not None:
        raise ProgrammeError(f"award call '{call_id}' already exists")
    connection.execute(
        insert(AwardCall).values(
            call_id=call_id,
            name=name.strip(),
            closes=closes,
            max_age=max_age,
            normalise=normalise,
            description=(description or "").strip() or None,
            status=NOMINATING,
            country_conflicts=country_conflicts,
        )
    )


@dataclass(frozen=True)
class CriterionInput:
    key: str
    name: str
    weight: float
    max_score: int = 10
    min_score: int = 0


@operation("awards.create_call")
def create_call(
    unit: Unit,
    call_id: str,
    name: str,
    closes: date,
    criteria: list[CriterionInput],
    max_age: int | None = 35,
    normalise: str = "mean",
    description: str | None = None,
    country_conflicts: bool = False,
) -> None:
    """Open a call with its criteria, in one write (nothing written if one is wrong)."""
    add_call(unit, call_id, name, closes, max_age, normalise, description, country_conflicts)
    for c in criteria:
        add_criterion(unit, call_id, c.key, c.name, c.weight, c.max_score, c.min_score)


def _in_call(call_id: str, key: str, *args: object, **kwargs: object) -> str:
    return f"{call_id}/{key}"


@operation("awards.criterion", target=_in_call)
def add_criterion(
    unit: Unit,
    call_id: str,
    key: str,
    name: str,
    weight: float,
    max_score: int = 10,
    min_score: int = 0,
) -> None:
    checks.scale(weight, min_score, max_score)
    if not KEY.fullmatch(key):
        raise ProgrammeError(
            f"'{key}' is not a criterion's key: letters, digits, '.', '_' and '-', up to 60"
        )
    if not name.strip() or len(name) > 300:
        raise ProgrammeError("a criterion's name is 1 to 300 characters")
    connection = unit.connection
    call = call_pk(connection, call_id)
    status, known = connection.execute(
        select(AwardCall.status, AwardCriterion.id)
        .outerjoin(
            AwardCriterion, (AwardCriterion.call_id == AwardCall.id) & (AwardCriterion.key == key)
        )
        .where(AwardCall.id == call)
    ).one()
    if status != NOMINATING:
        raise WrongState(f"the criteria of {call_id} are fixed once scoring opens")
    if known is not None:
        raise ProgrammeError(f"{call_id} already has a criterion '{key}'")
    connection.execute(
        insert(AwardCriterion).values(
            call_id=call,
            key=key,
            name=name,
            weight=weight,
            max_score=max_score,
            min_score=min_score,
        )
    )


@operation("awards.juror", target=_in_call)
def add_juror(unit: Unit, call_id: str, juror: str, member: str | None = None) -> None:
    connection = unit.connection
    call = call_pk(connection, call_id)
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
    """Record a nomination received otherwise (not held to the deadline). A nominee of the
    store is named as the store names them, and their year of birth is the store's (one given
    must agree with it)."""
    connection = unit.connection
    call = call_pk(connection, call_id)
    found = people.find(connection, nominee)
    if found is None:
        birth_year = checks.birth_year(birth_year)
    else:
        birth_year = checks.stored_birth_year(birth_year, found.birth_year, nominee)
    name = found.name if found is not None and found.name != nominee else None
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
            nominee_name=name,
            member_ref=member,
            country=alpha3,
            gender=gender,
            birth_year=birth_year,
            nominated_by=nominated_by,
            statement=statement,
        )
    )


def _juror_nomination(call_id: str, juror: str, nomination: str, *args: object) -> str:
    return f"{call_id}/{juror}/{nomination}"


@operation("awards.conflict", target=_juror_nomination)
def declare_conflict(
    unit: Unit, call_id: str, juror: str, nomination: str, reason: str, kind: str = "other"
) -> int:
    """Record a conflict; the juror's scores of that nomination are voided (count returned)."""
    if kind not in CONFLICT_KINDS:
        raise ProgrammeError(f"a conflict's kind is one of {', '.join(CONFLICT_KINDS)}")
    connection = unit.connection
    data = CallData.load(connection, call_id)
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
    connection.execute(insert(AwardConflict).values(**pair, reason=reason, kind=kind))
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
    data = CallData.load(connection, call_id)
    problems = data.problems(juror, nomination, criterion, value)
    if problems:
        raise ProgrammeError("; ".join(problems))
    data.write_score(connection, juror, nomination, criterion, value)


@operation("awards.import", target=lambda paths: ", ".join(str(path) for path in paths))
def import_scores(unit: Unit, paths: list[Path]) -> int:
    """Import score files in one transaction (every row checked, conflicts refused)."""
    count = 0
    connection = unit.connection
    calls: dict[str, CallData | None] = {}
    ready: list[tuple[CallData, str, str, str, float]] = []
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
                    calls[call_id] = CallData.load(connection, call_id)
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
                    "call_id"
                    if "published" in message
                    else "juror_id"
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
        return CallData.load(connection, call_id).rank(connection)
