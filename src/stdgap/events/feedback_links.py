"""Where an event's page sends each reader about its feedback survey: the attendees invited to
answer it (while it is open and their answer can still be given), the results for those the
surveys let read them (officers, analysts, admins; everyone once it is closed)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine

from stdgap.permissions import Account
from stdgap.surveys import queries as survey_queries
from stdgap.surveys.models import CLOSED, OPEN


def feedback_links(
    engine: Engine, survey_id: str | None, account: Account | None
) -> dict[str, Any] | None:
    """The feedback survey's status and the links ``account`` (None: the public) may follow."""
    if not survey_id:
        return None
    address = f"/surveys/{quote(survey_id)}"
    found = survey_queries.summary(engine, survey_id)
    if found is None:
        return {"survey_id": survey_id, "status": None, "survey_url": address,
                "respond_url": None, "results_url": None, "answered": None}  # fmt: skip
    mine = (
        [x for x in survey_queries.invited_to(engine, account.id) if x["survey_id"] == survey_id]
        if account is not None
        else []
    )
    answered = any(x["answered"] for x in mine)
    open_now = found.status == OPEN and date.today() <= found.deadline
    may_answer = bool(mine) and open_now and not (answered and found.anonymous)
    reads = found.status == CLOSED or (
        account is not None and (account.can("surveys.manage") or account.can("surveys.results"))
    )
    return {
        "survey_id": survey_id,
        "status": found.status,
        "survey_url": address,
        "respond_url": f"{address}/respond" if may_answer else None,
        "results_url": f"{address}/results" if reads else None,
        "answered": answered if mine else None,
        "invited": found.invited,
        "responses": found.responses,
    }
