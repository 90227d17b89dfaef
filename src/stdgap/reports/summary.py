"""The executive summary of the annual report: a few sentences computed from the figures its
tables already show (a suppressed cell is never used, nothing is computed that a table does not
disclose): the year's headline figures and shares with their change on the year before, the
leadership held, and which regions and groups lead and lag."""

from __future__ import annotations

from stdgap.documents.document import Table, format_value
from stdgap.i18n import formatting
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.cells import Cell
from stdgap.reports.tables import Source

#: A group is compared with the others when it had at least this many attendances.
MIN_GROUP_ATTENDANCES = 20


def _shown(cell: Cell | None) -> float | None:
    """A cell's value when the report discloses it (not suppressed, not withheld)."""
    if cell is None or cell.suppressed or cell.value is None:
        return None
    return float(cell.value)


def change(current: Cell | None, previous: Cell | None, year: int) -> str:
    """How a share moved since the year before, in percentage points."""
    now, before = _shown(current), _shown(previous)
    if now is None or before is None:
        return _("no figure for %(year)s to compare with", year=year)
    points = round(round(now * 100, 1) - round(before * 100, 1), 1)  # as the table shows them
    if points > 0:
        return _(
            "up %(points)s percentage points on %(year)s",
            points=formatting.number(points, digits=1),
            year=year,
        )
    if points < 0:
        return _(
            "down %(points)s percentage points on %(year)s",
            points=formatting.number(-points, digits=1),
            year=year,
        )
    return _("unchanged on %(year)s", year=year)


def _extremes(
    table: Table, indicator: str, skip: set[str]
) -> tuple[tuple[str, Cell], tuple[str, Cell]] | None:
    """The rows (label, cell) with the highest and the lowest disclosed value."""
    found = [
        (table.label(0, dims[0]), cell)
        for dims, cells in table.rows
        if dims[0] not in skip
        and (cell := cells[table.query.chosen.index(indicator)]) is not None
        and _shown(cell) is not None
    ]
    if len(found) < 2:
        return None
    found.sort(key=lambda item: _shown(item[1]) or 0.0)
    return found[-1], found[0]


def annual_summary(
    source: Source, year: int, key: Table, regions: Table, groups: Table
) -> list[str]:
    """The executive summary's paragraphs, from the key figures (by year), each region's share
    of all (by region) and the groups' table."""
    this, last = (str(year),), (str(year - 1),)

    def now(indicator: str) -> Cell | None:
        return key.value(this, indicator)

    def before(indicator: str) -> Cell | None:
        return key.value(last, indicator)

    paragraphs = [
        _(
            "In %(year)s, %(participants)s people took part in ITU-T meetings, with "
            "%(attendances)s meeting attendances and %(contributions)s contributions.",
            year=year,
            participants=format_value(now("participants")),
            attendances=format_value(now("attendances")),
            contributions=format_value(now("contributions")),
        )
    ]
    shares = [
        _(
            "Delegations of developing countries made %(share)s of attendances (%(change)s) "
            "and %(contributions)s of contributions (%(contributions_change)s).",
            share=format_value(now("developing_attendance_share")),
            change=change(
                now("developing_attendance_share"), before("developing_attendance_share"), year - 1
            ),
            contributions=format_value(now("developing_contribution_share")),
            contributions_change=change(
                now("developing_contribution_share"),
                before("developing_contribution_share"),
                year - 1,
            ),
        ),
        _(
            "On %(date)s, people nominated by developing countries held %(share)s of the "
            "%(positions)s chair and vice-chair positions (%(change)s); women held %(women)s.",
            date=source.reference_date(year),
            share=format_value(now("developing_leadership_held_share")),
            positions=format_value(now("leadership_held")),
            change=change(
                now("developing_leadership_held_share"),
                before("developing_leadership_held_share"),
                year - 1,
            ),
            women=format_value(now("women_leadership_held_share")),
        ),
        _(
            "Women were %(women)s of participants (%(change)s); %(remote)s of attendances "
            "were remote.",
            women=format_value(now("women_share")),
            change=change(now("women_share"), before("women_share"), year - 1),
            remote=format_value(now("remote_share")),
        ),
    ]
    paragraphs.append(" ".join(shares))
    leaders = []
    by_region = _extremes(regions, "attendances_share_of_total", {"unknown"})
    if by_region is not None:
        (high, high_cell), (low, low_cell) = by_region
        leaders.append(
            _(
                "Among the ITU regions, %(high)s made the largest share of all attendances "
                "(%(high_share)s) and %(low)s the smallest (%(low_share)s).",
                high=high,
                high_share=format_value(high_cell),
                low=low,
                low_share=format_value(low_cell),
            )
        )
    busy = {
        dims[0]
        for dims, cells in groups.rows
        if (_shown(cells[groups.query.chosen.index("attendances")]) or 0) < MIN_GROUP_ATTENDANCES
    }
    by_group = _extremes(groups, "developing_attendance_share", busy)
    if by_group is not None:
        (high, high_cell), (low, low_cell) = by_group
        leaders.append(
            _(
                "Among groups with at least %(minimum)s attendances, developing countries "
                "made the largest share of attendances in %(high)s (%(high_share)s) and the "
                "smallest in %(low)s (%(low_share)s).",
                minimum=MIN_GROUP_ATTENDANCES,
                high=high,
                high_share=format_value(high_cell),
                low=low,
                low_share=format_value(low_cell),
            )
        )
    if leaders:
        paragraphs.append(" ".join(leaders))
    paragraphs.append(
        _(
            "The sections below give every figure with its definition; figures about persons "
            "follow the disclosure rules described in the method notes."
        )
    )
    return paragraphs
