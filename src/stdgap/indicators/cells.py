"""A cell of an indicator, and the error of a request the engine cannot answer."""

from __future__ import annotations

from dataclasses import dataclass

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
    has ``value``, ``numerator`` and ``denominator`` None.
    """

    indicator: str
    dims: dict[str, DimValue]
    value: Number | None
    numerator: Number | None = None
    denominator: Number | None = None
    suppressed: bool = False

    @property
    def is_share(self) -> bool:
        return CATALOGUE[self.indicator].is_share
