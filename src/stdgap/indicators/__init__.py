"""The indicator engine: the participation metrics of Res. 74 and Res. 44, fast and exact.

``compute(engine, indicators, by, where, from_year, to_year, min_cell)`` is the one entry point
the CLI, the web and the reports share; ``CATALOGUE`` holds every indicator's meaning.
"""

from stdgap.indicators.catalogue import CATALOGUE, DIMENSIONS, Indicator
from stdgap.indicators.cells import Cell, IndicatorError
from stdgap.indicators.compute import compute
from stdgap.indicators.suppress import DEFAULT_MIN_CELL

__all__ = [
    "CATALOGUE",
    "DEFAULT_MIN_CELL",
    "DIMENSIONS",
    "Cell",
    "Indicator",
    "IndicatorError",
    "compute",
]
