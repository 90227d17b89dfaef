"""The rule a request's cells are published by (see :mod:`stdgap.indicators.disclosure`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """How a request's cells are published: the minimum cell size (None: the store's public
    minimum), and whether figures are exact (for those allowed to see small cells)."""

    min_cell: int | None = None
    exact: bool = False


PUBLIC = Rule()
