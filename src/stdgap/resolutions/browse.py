"""The resolution browser's reads, shaped for the pages and the API alike."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine

from stdgap.http.problems import Problem
from stdgap.i18n.translate import _l
from stdgap.resolutions import queries
from stdgap.resolutions.models import STATUSES


def resolutions(engine: Engine) -> list[dict[str, Any]]:
    return [asdict(r) for r in queries.list_resolutions(engine)]


def clauses(
    engine: Engine,
    number: int | None = None,
    body: str = "WTSA",
    verb: str | None = None,
    addressee: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """Clauses of the newest versions, by verb and addressee (and status of their last action)."""
    try:
        found = queries.clauses(engine, number, body.upper(), verb or None, addressee or None)
    except queries.TrackingError as error:
        raise Problem(404, str(error), "not-found") from None
    rows = [asdict(c) for c in found]
    if status:
        rows = [r for r in rows if r["status"] == status]
    return rows


def resolution(engine: Engine, number: int, body: str = "WTSA") -> dict[str, Any]:
    wanted = body.upper()
    for row in resolutions(engine):
        if row["number"] == number and row["body"] == wanted:
            return row
    raise Problem(
        404,
        _l("no resolution %(body)s %(number)s in the store", body=wanted, number=number),
        "not-found",
    )


def actions(
    engine: Engine, number: int | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    if status and status not in STATUSES:
        raise Problem(422, _l("status must be one of %(statuses)s", statuses=", ".join(STATUSES)))
    return [{"clause": key, **a} for key, a in queries.actions(engine, number, status or None)]


def verbs(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({r["verb"] for r in rows})


def addressees(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({code for r in rows for code in r["addressee_codes"]})
