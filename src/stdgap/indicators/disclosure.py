"""Disclosure control of every published figure.

What is public record in a standards body (who attended for which member, who contributed, who
chairs what) is published exactly. Figures about persons (an indicator of the ``protected``
class in the catalogue, or any cell split or filtered by a protected dimension such as gender)
are protected across every output the public can get, with the cell-key method of the ABS
TableBuilder and the ONS flexible census tables:

- every record (a person, a member, an attendance row, a role) has a fixed pseudo-random key
  (:func:`stdgap.indicators.context.record_keys`, seeded by the store's secret);
- a cell's key is the sum of its records' keys; the noise added to its count is read from a
  fixed table by that key, so the same cell always gets the same noise, however and however
  often it is asked for: repeating, reordering or differencing queries reveals nothing;
- a share's numerator and denominator are perturbed so, each with its own key, and the share
  is their ratio: no protected numerator or denominator is published exactly; a share of the
  total's numerator is its count's published figure (so the two are suppressed together), its
  denominator the total as published (exact when the total is public record, as for persons
  of a group and year split by gender), never under the numerator;
- a protected cell is suppressed when its size (:attr:`Cell.size`: a count, a share's
  denominator, a share of the total's own count), exact or perturbed, is below the minimum cell
  size (the store setting ``public_min_cell``): a published size is never under the minimum, so
  a small published figure does not pin the exact one (a published 3 would otherwise mean
  exactly 5). The minimum is the store's: a ``min_cell`` asked for by the public is ignored,
  since a threshold the asker moves, compared with the exact size, would reveal it by bisection.

Those allowed to see small cells (analysts and admins on the web; the command line with
``--min-cell``) may ask for exact figures: then every cell is exact, and cells below their
``min_cell`` are suppressed as before (:mod:`.suppress`).
"""

from __future__ import annotations

from dataclasses import replace

from stdgap.indicators.catalogue import CATALOGUE, PROTECTED_DIMENSIONS
from stdgap.indicators.cells import Cell, Number
from stdgap.indicators.context import KEY_RANGE
from stdgap.indicators.flags import WITHHELD
from stdgap.indicators.request import IndicatorRequest
from stdgap.indicators.rule import PUBLIC, Rule
from stdgap.indicators.suppress import is_small

EXACT, SUPPRESSED, PERTURBED = "exact", "suppressed", "perturbed"
#: The perturbation table: a cell key in [0, 256) falls in one band; its noise is the band's.
#: Noise −3 … +3 with probabilities 13, 25, 52, 76, 52, 25, 13 in 256 (about 0.05, 0.1, 0.2, 0.3,
#: 0.2, 0.1, 0.05: mean 0, variance 2.1). The rare ±3 makes an extreme noise on two
#: complementary cells (which with an exact total pins both) rare: 0.5 % of pairs, against 2 %
#: with ±2 at 0.1 each.
_BANDS: tuple[tuple[int, int], ...] = (
    (13, -3),
    (38, -2),
    (90, -1),
    (166, 0),
    (218, 1),
    (243, 2),
    (256, 3),
)
_CELL_KEYS = 256


def allowed_rule(requested: int | None, may_see_small_cells: bool, public: int) -> Rule:
    """The rule for an asker who asks for ``min_cell`` ``requested`` (None: nothing asked): the
    public rules (whatever ``min_cell`` the public asks for); exact figures for those who may see
    small cells and ask for them."""
    if requested is None:
        return PUBLIC
    if may_see_small_cells:
        return Rule(max(1, requested), exact=True)
    return Rule(public)  # the store's minimum, whatever was asked


#: The noise of each of the 256 cell keys, read off the bands once.
_NOISE: tuple[int, ...] = tuple(
    next(delta for bound, delta in _BANDS if cell_key < bound) for cell_key in range(_CELL_KEYS)
)


def noise(key_sum: int | None) -> int:
    """The noise of a cell whose records' keys sum to ``key_sum``."""
    return _NOISE[((key_sum or 0) % KEY_RANGE) % _CELL_KEYS]


def perturb(count: Number, key_sum: int | None) -> int:
    """``count`` with its cell's noise, never below 0."""
    return max(0, int(count) + noise(key_sum))


def is_protected(indicator: str, request: IndicatorRequest) -> bool:
    touched = any(dim in PROTECTED_DIMENSIONS for dim in (*request.by, *request.filters))
    return touched or CATALOGUE[indicator].protected


def total_is_public(indicator: str, request: IndicatorRequest) -> bool:
    """Whether the total a share of the total divides by is public record: its count is not
    of the protected class, and neither the dimensions above the last nor the filters (the one
    on the last dimension aside: the total runs over all its values) touch a protected one. It
    is then published exactly (the same request without the last dimension gives it)."""
    if not request.by or CATALOGUE[indicator].protected:
        return False
    over = request.by[-1]
    kept = (*request.by[:-1], *(dim for dim in request.filters if dim != over))
    return not any(dim in PROTECTED_DIMENSIONS for dim in kept)


def _withheld(cell: Cell) -> Cell:
    return replace(cell, value=None, numerator=None, denominator=None)


def _suppressed(cell: Cell) -> Cell:
    return replace(
        cell, value=None, numerator=None, denominator=None, suppressed=True, protection=SUPPRESSED
    )


def _perturbed(cell: Cell, exact_total: bool = False) -> Cell:
    """``cell`` perturbed; a share of the total's denominator left exact when ``exact_total``
    (the total is public record, :func:`total_is_public`)."""
    if not cell.is_share:
        return replace(cell, value=perturb(cell.value or 0, cell.keys[0]), protection=PERTURBED)
    numerator = perturb(cell.numerator or 0, cell.keys[0])
    if exact_total:
        denominator = int(cell.denominator or 0)
    else:
        denominator = perturb(cell.denominator or 0, cell.keys[1])
    if CATALOGUE[cell.indicator].of_total:
        # The numerator is the cell's own count, published as that count is; a total below it
        # (perturbed lower, or exact under a count perturbed higher) is raised to it, from
        # published figures only.
        denominator = max(denominator, numerator)
    else:
        numerator = min(numerator, denominator)
    value = numerator / denominator if denominator else None
    return replace(
        cell, value=value, numerator=numerator, denominator=denominator, protection=PERTURBED
    )


def protect(cells: list[Cell], request: IndicatorRequest, public_min_cell: int) -> list[Cell]:
    """``cells`` as published for ``request`` (see the module's documentation)."""
    published: list[Cell] = []
    protected: dict[str, bool] = {}  # by indicator: the same for every cell of the request
    exact_total: dict[str, bool] = {}
    for cell in cells:
        if cell.indicator not in protected:
            protected[cell.indicator] = is_protected(cell.indicator, request)
            exact_total[cell.indicator] = CATALOGUE[cell.indicator].of_total and (
                total_is_public(cell.indicator, request)
            )
        if request.exact:
            shown = _suppressed(cell) if is_small(cell, request.min_cell or 1) else cell
            published.append(_withheld(shown) if cell.flag in WITHHELD else shown)
        elif not protected[cell.indicator]:
            published.append(_withheld(cell) if cell.flag in WITHHELD else cell)
        elif cell.flag in WITHHELD or cell.size is None or cell.size < public_min_cell:
            published.append(_suppressed(cell))
        else:
            perturbed = _perturbed(cell, exact_total[cell.indicator])
            small = perturbed.size is None or perturbed.size < public_min_cell
            published.append(_suppressed(cell) if small else perturbed)
    return published
