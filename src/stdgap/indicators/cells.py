"""A cell of an indicator, and the request that asks for cells (validated)."""

from __future__ import annotations

from dataclasses import dataclass, field

from stdgap.indicators.catalogue import CATALOGUE, DIMENSIONS, DOMAINS

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


@dataclass(frozen=True)
class Request:
    indicators: tuple[str, ...]
    by: tuple[str, ...] = ()
    where: dict[str, str] = field(default_factory=dict)
    from_year: int | None = None
    to_year: int | None = None


def make_request(
    indicators: list[str] | None = None,
    by: list[str] | None = None,
    where: dict[str, str] | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
) -> Request:
    """Check a request; indicators None means every indicator the dimensions apply to."""
    by = list(by or [])
    where = dict(where or {})
    for name in [*by, *where]:
        if name not in DIMENSIONS:
            raise IndicatorError(
                f"unknown dimension '{name}'; the dimensions are {', '.join(DIMENSIONS)}"
            )
    if len(set(by)) != len(by):
        raise IndicatorError(f"a dimension is repeated in by: {', '.join(by)}")
    for name, value in where.items():
        domain = DOMAINS[name]
        if name == "year":
            try:
                int(value)
            except ValueError:
                raise IndicatorError(f"where year={value}: the year must be an integer") from None
        elif name == "country":
            if len(value) != 3 or not value.isascii() or not value.isalpha():
                raise IndicatorError(
                    f"where country={value}: give the ISO 3166-1 alpha-3 code, e.g. KEN"
                )
            where[name] = value.upper()
        elif domain is not None and value not in domain:
            raise IndicatorError(f"where {name}={value}: the values are {', '.join(domain)}")
    if from_year is not None and to_year is not None and from_year > to_year:
        raise IndicatorError(f"from-year {from_year} is after to-year {to_year}")
    used = {*by, *where}
    if indicators is None:
        chosen = tuple(i.id for i in CATALOGUE.values() if used <= set(i.dimensions))
    else:
        for name in indicators:
            if name not in CATALOGUE:
                raise IndicatorError(
                    f"unknown indicator '{name}'; see `stdgap indicators --list` for the ids"
                )
            missing = used - set(CATALOGUE[name].dimensions)
            if missing:
                raise IndicatorError(
                    f"indicator '{name}' has no dimension {', '.join(sorted(missing))}"
                )
        chosen = tuple(dict.fromkeys(indicators))
    return Request(chosen, tuple(by), where, from_year, to_year)
