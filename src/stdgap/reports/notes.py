"""Sections every report ends with: method notes (from the indicator catalogue) and data quality."""

from __future__ import annotations

from stdgap.documents.document import Section
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.request import IndicatorRequest
from stdgap.reports.tables import Source

QUALITY_INDICATORS = ("participants", "gender_unknown_share", "birth_year_unknown_share")


def method_section(source: Source) -> Section:
    paragraphs = [
        "Every figure in this report is computed by the stdgap indicator engine from the "
        "store; the definitions below are generated from its catalogue.",
        "Leadership: leadership_held and its shares count the chair and vice-chair positions "
        "held on the reference date of each year (31 December unless the store says "
        "otherwise), as lists of office-holders are read; they are the key figures and the "
        "trends. leadership_positions counts every position active on at least one day of the "
        "year, so in an assembly year it counts the outgoing and the incoming office-holders "
        "together; it is kept for comparison with earlier reports.",
        "Edges of the data: in the first year of the data everyone is new, so the newcomer "
        "share and retention of that year are withheld; retention of the last year waits for "
        "the next year's data; figures of a year that is not over are provisional, marked (p).",
        _disclosure(source),
    ]
    for indicator in CATALOGUE.values():
        paragraphs.append(
            f"{indicator.title} ({indicator.id}, {indicator.unit}; {indicator.clause}): "
            f"{indicator.definition}"
        )
    return Section("Method notes", paragraphs)


def _disclosure(source: Source) -> str:
    if source.rule.exact:
        return (
            f"Disclosure control: {source.method_note()}. This report is for those allowed to "
            "see small cells, not for publication."
        )
    return (
        "Disclosure control: what is public record (which member attended which meeting, "
        "submitted which contribution, holds which position) is published exactly; figures "
        "about persons (gender, age, newcomers, fellowships, and anything split by gender) "
        "carry a small fixed noise (the cell-key method of national statistical offices), so "
        "that no subtraction between tables reveals a small group, and are suppressed when "
        f"fewer than {source.min_cell} before the noise (a published figure may then read 3 or "
        "4). Perturbed tables need not add up exactly."
    )


def data_quality_section(source: Source, year: int) -> Section:
    table = source.table(
        f"Completeness of personal data, {year}",
        IndicatorRequest.of(QUALITY_INDICATORS, ("year",), {"year": str(year)}),
    )
    return Section(
        "Annex: data quality",
        [
            "Shares of participants whose gender or birth year is not known; the women, "
            "young-expert and women-in-leadership shares are computed over the known values only. "
            "Country names that do not resolve are rejected at import, so no figure rests on an "
            "unresolved name."
        ],
        [table],
    )
