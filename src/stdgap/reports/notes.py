"""Sections every report ends with: method notes (from the indicator catalogue) and data quality."""

from __future__ import annotations

from stdgap.documents.document import Section
from stdgap.documents.labels import humanise
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.clause_labels import clause_label
from stdgap.indicators.request import IndicatorRequest
from stdgap.reports.tables import Source

QUALITY_INDICATORS = ("participants", "gender_unknown_share", "birth_year_unknown_share")


def method_section(source: Source) -> Section:
    paragraphs = [
        _(
            "Every figure in this report is computed by the stdgap indicator engine from the "
            "store; the definitions below are generated from its catalogue."
        ),
        _(
            "Leadership: the chair and vice-chair positions and their shares count the positions "
            "held on the reference date of each year (31 December unless the store says "
            "otherwise), as lists of office-holders are read; they are the key figures and the "
            "trends. “Chair and vice-chair positions” (without a reference date) counts every "
            "position active on at least one day of the year, so in an assembly year it counts the "
            "outgoing and the incoming office-holders together; it is kept for comparison with "
            "earlier reports."
        ),
        _(
            "Edges of the data: in the first year of the data everyone is new, so the newcomer "
            "share and retention of that year are withheld; retention of the last year waits for "
            "the next year's data; figures of a year that is not over are provisional, marked "
            "(p)."
        ),
        _disclosure(source),
    ]
    for indicator in CATALOGUE.values():
        paragraphs.append(
            _(
                "%(title)s (%(unit)s; %(clause)s): %(definition)s",
                title=_(indicator.title),
                unit=_("share") if indicator.is_share else _("count"),
                clause=clause_label(indicator.clause),
                definition=humanise(_(indicator.definition)),
            )
        )
    return Section(_("Method notes"), paragraphs)


def _disclosure(source: Source) -> str:
    if source.rule.exact:
        return _(
            "Disclosure control: %(method)s. This report is for those allowed to see small "
            "cells, not for publication.",
            method=source.method_note(),
        )
    return _(
        "Disclosure control: what is public record (which member attended which meeting, "
        "submitted which contribution, holds which position) is published exactly; figures "
        "about persons (gender, age, newcomers, fellowships, and anything split by gender) "
        "carry a small fixed noise (the cell-key method of national statistical offices), so "
        "that no subtraction between tables reveals a small group, and are suppressed when "
        "fewer than %(min_cell)s before the noise (a published figure may then read 3 or 4). "
        "Perturbed tables need not add up exactly.",
        min_cell=source.min_cell,
    )


def data_quality_section(source: Source, year: int) -> Section:
    table = source.table(
        _("Completeness of personal data, %(year)s", year=year),
        IndicatorRequest.of(QUALITY_INDICATORS, ("year",), {"year": str(year)}),
    )
    return Section(
        _("Annex: data quality"),
        [
            _(
                "Shares of participants whose gender or birth year is not known; the women, "
                "young-expert and women-in-leadership shares are computed over the known values "
                "only. Country names that do not resolve are rejected at import, so no figure "
                "rests on an unresolved name."
            )
        ],
        [table],
    )
