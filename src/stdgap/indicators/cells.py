"""A cell of an indicator, and the error of a request the engine cannot answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from stdgap.indicators.catalogue import CATALOGUE

Number = int | float
DimValue = str | int


class IndicatorError(ValueError):
    """A request the engine cannot answer: unknown indicator, dimension or value."""


@dataclass(frozen=True)
class Cell:
    """One value of one indicator for one combination of dimension values.

    ``dims`` holds the requested dimensions in the order asked (``year`` as an integer, every
    other value as a string). Counts leave ``numerator``/``denominator`` None; a suppressed cell
    has ``value``, ``numerator`` and ``denominator`` None; a perturbed one holds figures with
    noise (the same every time the same cell is asked for).
    """

    indicator: str
    dims: dict[str, DimValue]
    value: Number | None
    numerator: Number | None = None
    denominator: Number | None = None
    suppressed: bool = False
    #: How the cell is published: ``exact``, ``suppressed`` or ``perturbed``.
    protection: str = "exact"
    #: Why the figure is not what it seems, or is missing: ``first_year`` (everyone is new in
    #: the first year of the data), ``no_next_year`` (retention needs the next year's data),
    #: ``provisional`` (the year is not over).
    flag: str | None = None
    #: The key sums of the records behind the value (or numerator) and the denominator: where
    #: the noise of a perturbed figure comes from. Never published.
    keys: tuple[int | None, int | None] = field(default=(None, None), compare=False, repr=False)

    @property
    def is_share(self) -> bool:
        return CATALOGUE[self.indicator].is_share

    @property
    def size(self) -> Number | None:
        """The population the cell describes, which the minimum cell size applies to: a
        count's value, a share's denominator, a share of the total's numerator (its own
        count)."""
        meta = CATALOGUE[self.indicator]
        if not meta.is_share:
            return self.value
        return self.numerator if meta.of_total else self.denominator
