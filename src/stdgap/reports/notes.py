"""Sections every report ends with: method notes (from the indicator catalogue) and data quality."""

from __future__ import annotations

from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.request import IndicatorRequest
from stdgap.reports.document import Section
from stdgap.reports.tables import Source

QUALITY_INDICATORS = ("participants", "gender_unknown_share", "birth_year_unknown_share")


def method_section() -> Section:
    paragraphs = [
        "Every figure in this report is computed by the stdgap indicator engine from the "
        "store; the definitions below are generated from its catalogue."
    ]
    for indicator in CATALOGUE.values():
        paragraphs.append(
            f"{indicator.title} ({indicator.id}, {indicator.unit}; {indicator.clause}): "
            f"{indicator.definition}"
        )
    return Section("Method notes", paragraphs)


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
