"""What a cell's note says about its figure (a flag of the data's edges, or perturbation), in the
language of the request: for the explorer's and the profiles' tables, the charts, the reports and
the command line's table."""

from __future__ import annotations

from collections.abc import Iterable

from stdgap.i18n.translate import N_
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.disclosure import PERTURBED
from stdgap.indicators.flags import FIRST_YEAR, NO_NEXT_YEAR, PROVISIONAL, WITHHELD

#: A cell's note, by its flag or its protection.
NOTES: dict[str, str] = {
    FIRST_YEAR: N_("withheld: in the first year of the data everyone is new"),
    NO_NEXT_YEAR: N_("withheld: the next year is not in the data yet"),
    PROVISIONAL: N_("provisional: the year is not over"),
    PERTURBED: N_("perturbed: a figure about persons, with a little noise added"),
}
#: A cell's note in a narrow table (the command line's).
SHORT_NOTES: dict[str, str] = {
    FIRST_YEAR: N_("withheld: first year"),
    NO_NEXT_YEAR: N_("withheld: no next year"),
    PROVISIONAL: N_("provisional"),
    PERTURBED: N_("perturbed"),
}
#: The few words a table cell of a report or a profile carries beside its figure.
MARKS: dict[str, str] = {
    FIRST_YEAR: N_("first year of the data"),
    NO_NEXT_YEAR: N_("next year not in the data"),
    PROVISIONAL: N_("p"),  # for provisional: a report explains it in its method notes
}


def cell_notes(flag: str | None, protection: str, short: bool = False) -> list[str]:
    """The notes of a cell with ``flag`` published as ``protection``, translated (a withheld
    figure says only why it is withheld); ``short`` ones for narrow tables."""
    keys = (flag,) if flag in WITHHELD else (flag, protection)
    notes = SHORT_NOTES if short else NOTES
    return [_(notes[key]) for key in keys if key in notes]


def mark(flag: str | None) -> str | None:
    """The few words beside a flagged figure (None for an ordinary one), translated."""
    return _(MARKS[flag]) if flag in MARKS else None


def chart_note(flagged: Iterable[tuple[object, str | None]]) -> str | None:
    """The line under a chart's title naming its flagged years (``flagged``: year and flag of
    every value drawn or left out), or None when there is none."""
    by_flag: dict[str, set[str]] = {}
    for year, flag in flagged:
        if flag in MARKS and year is not None:
            by_flag.setdefault(flag, set()).add(str(year))
    if not by_flag:
        return None
    return "; ".join(
        f"{', '.join(sorted(years))}: {_(NOTES[flag])}" for flag, years in sorted(by_flag.items())
    )
