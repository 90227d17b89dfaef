"""The explorer's common questions: each one click away, each a permalink to a prepared view
(the explorer's own query string, so the answer can be changed from there)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from stdgap.i18n.translate import N_
from stdgap.indicators.request import IndicatorRequest


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # English, marked with N_: the page translates it
    request: IndicatorRequest

    @property
    def href(self) -> str:
        return "/indicators?" + self.request.query_string()


def _ask(indicators: tuple[str, ...], by: tuple[str, ...], **where: str) -> IndicatorRequest:
    return IndicatorRequest.of(indicators, by, where)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "chairs",
        N_("Share of chairs from developing countries and from each region, by year"),
        _ask(
            ("developing_leadership_held_share", "leadership_held_share_of_total"),
            ("year", "region"),
            role="chair",
        ),
    ),
    Question(
        "leadership-developing",
        N_("Share of chairs and vice-chairs from developing countries, by year"),
        _ask(("developing_leadership_held_share",), ("year",)),
    ),
    Question(
        "participants-developing",
        N_("Share of participants from developing countries, by year"),
        _ask(("developing_participant_share",), ("year",)),
    ),
    Question(
        "attendance-status",
        N_("Attendances by country group (developing, developed), by year"),
        _ask(("attendances", "attendances_share_of_total"), ("year", "status")),
    ),
    Question(
        "attendance-region",
        N_("Attendances by region, by year"),
        _ask(("attendances", "attendances_share_of_total"), ("year", "region")),
    ),
    Question(
        "contributions-developing",
        N_("Share of contributions from developing countries, by year"),
        _ask(("developing_contribution_share",), ("year",)),
    ),
    Question(
        "women",
        N_("Share of women among participants and in leadership, by year"),
        _ask(("women_share", "women_leadership_held_share"), ("year",)),
    ),
    Question(
        "remote",
        N_("Share of remote attendances, by year"),
        _ask(("remote_share",), ("year",)),
    ),
)


def asked_question(query: IndicatorRequest) -> Question | None:
    """The common question ``query`` is (its rule aside), if any."""
    plain = replace(query, min_cell=None, exact=False).query_string()
    return next((q for q in QUESTIONS if q.request.query_string() == plain), None)
