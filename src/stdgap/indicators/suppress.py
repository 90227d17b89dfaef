"""Suppression of small cells in exact figures (for those allowed to see small cells, and the
command line's ``--min-cell``; public figures go through :mod:`stdgap.indicators.disclosure`).

A count below the minimum cell size, or a share whose denominator is below it, is suppressed:
its value, numerator and denominator are all withheld, so the small population cannot be read
off the share's parts. A minimum of 1 or less disables suppression. Within one output a
suppressed figure cannot be recovered from its own cells; across outputs it can, which is why
the public gets perturbed figures about persons instead.
"""

from __future__ import annotations

from dataclasses import replace

from stdgap.indicators.cells import Cell

# Shares whose complement (denominator − numerator) is the denominator of another share of the
# same cell: women_share is over persons of known gender, young_share over known birth years.
COMPLEMENT_IS_A_DENOMINATOR = frozenset({"gender_unknown_share", "birth_year_unknown_share"})


def is_small(cell: Cell, min_cell: int) -> bool:
    """Whether ``cell`` (unsuppressed) falls below the minimum cell size."""
    if min_cell <= 1:
        return False
    size = cell.size
    if size is None or size < min_cell:
        return True
    if cell.indicator in COMPLEMENT_IS_A_DENOMINATOR and cell.numerator is not None:
        return size - cell.numerator < min_cell  # else it would give away a suppressed figure
    return False


def suppress(cells: list[Cell], min_cell: int) -> list[Cell]:
    """``cells`` with every small cell withheld (``suppressed`` true, numbers None)."""
    return [
        replace(
            cell,
            value=None,
            numerator=None,
            denominator=None,
            suppressed=True,
            protection="suppressed",
        )
        if is_small(cell, min_cell)
        else cell
        for cell in cells
    ]
