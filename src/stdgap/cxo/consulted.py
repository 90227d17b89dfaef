"""Reading a CxO meeting's consultation (its survey, through the surveys' queries): what everyone
sees (the survey, how many were invited and answered, the public results once it is closed),
and its answers by question for those who set the agenda, published as the surveys' rules say
(exact with the free texts for ``surveys.results``: analysts and admins; otherwise counts with
the disclosure control's noise and suppression)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine

from stdgap.cxo.consultation import survey_id_of
from stdgap.surveys import queries as survey_queries
from stdgap.surveys import results
from stdgap.surveys.models import CLOSED, MULTIPLE, SINGLE, TEXT


def summary(engine: Engine, meeting_id: str) -> dict[str, Any] | None:
    """The meeting's consultation as everyone sees it, or None when it has none."""
    found = survey_queries.summary(engine, survey_id_of(meeting_id))
    if found is None:
        return None
    address = f"/surveys/{quote(found.survey_id)}"
    closed = found.status == CLOSED
    return {
        "survey_id": found.survey_id,
        "title": found.title,
        "status": found.status,
        "deadline": found.deadline,
        "anonymous": found.anonymous,
        "invited": found.invited,
        "answered": found.answered,
        "survey_url": address,
        "results_public": closed,
        "results_url": f"{address}/results" if closed else None,
    }


def answers(engine: Engine, meeting_id: str, exact: bool) -> list[dict[str, Any]] | None:
    """The consultation's answers by question: each choice (or scale value) with its count as
    published (``count`` None: suppressed), and the free texts when ``exact``; None when the
    meeting has no consultation."""
    survey_id = survey_id_of(meeting_id)
    if survey_queries.summary(engine, survey_id) is None:
        return None
    survey = survey_queries.stored(engine, survey_id)
    texts = survey_queries.free_texts(engine, survey_id) if exact else None
    record = results.survey_results(engine, survey, None, exact, texts).record()
    found = []
    for question in record["questions"]:
        group = question["groups"][0] if question["groups"] else None
        found.append(
            {
                "key": question["key"],
                "text": question["text"],
                "type": question["type"],
                "choice": question["type"] in (SINGLE, MULTIPLE),
                "answered": group["answered"] if group else None,
                "choices": [
                    {"value": c["value"], "count": c["count"], "protection": c["protection"]}
                    for c in (group["choices"] if group else [])
                ],
                "texts": question.get("texts", []) if question["type"] == TEXT else [],
            }
        )
    return found
