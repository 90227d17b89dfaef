"""The one question the indicator engine answers, and its parsing from strings.

The CLI (``--by year,region --where region=Africa``), the pages and the API
(``?by=year&where=region:Africa``) and the reports all build an :class:`IndicatorRequest`, by
:meth:`IndicatorRequest.parse` from what users type or :meth:`IndicatorRequest.of` from Python
values; both check it the same way and raise :class:`IndicatorError` with a message that says
what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from stdgap.i18n.translate import _l
from stdgap.indicators.catalogue import CATALOGUE, DIMENSIONS, DOMAINS
from stdgap.indicators.cells import IndicatorError
from stdgap.indicators.rule import Rule
from stdgap.reference.resolver import shipped_resolver
from stdgap.reference.vocabulary import region_named

MAX_YEAR = 9999


def _load_sources() -> None:
    """Put the capabilities' indicators in the catalogue (their fact sources registered; not
    imported before a request needs them, so that listing the catalogue stays light)."""
    from stdgap.indicators.sources import registry

    registry()


@dataclass(frozen=True)
class IndicatorRequest:
    """Indicators by dimensions, restricted by filters and a year range.

    ``indicators`` is what was named (None: every indicator the dimensions apply to, see
    :attr:`chosen`); ``where`` holds (dimension, value) pairs in a fixed order; ``min_cell`` is
    the smallest cell to publish (None: the store's public minimum; 1 or less: all cells).
    """

    indicators: tuple[str, ...] | None = None
    by: tuple[str, ...] = ()
    where: tuple[tuple[str, str], ...] = ()
    from_year: int | None = None
    to_year: int | None = None
    min_cell: int | None = None
    #: Exact figures, every cell below ``min_cell`` suppressed (for those allowed to see small
    #: cells); otherwise the public rules (:mod:`stdgap.indicators.disclosure`).
    exact: bool = False

    @classmethod
    def of(
        cls,
        indicators: Iterable[str] | None = None,
        by: Iterable[str] = (),
        where: Mapping[str, str] | None = None,
        from_year: int | None = None,
        to_year: int | None = None,
        min_cell: int | None = None,
        exact: bool = False,
    ) -> IndicatorRequest:
        """A request from Python values, checked."""
        named = tuple(dict.fromkeys(indicators)) if indicators is not None else None
        filters = {name: _filter_value(name, value) for name, value in (where or {}).items()}
        request = cls(
            named or None,
            tuple(by),
            tuple(sorted(filters.items())),
            from_year,
            to_year,
            min_cell,
            exact,
        )
        request.check()
        return request

    @classmethod
    def parse(
        cls,
        indicator: Iterable[str] = (),
        by: Iterable[str] = (),
        where: Iterable[str] = (),
        from_year: str | int | None = None,
        to_year: str | int | None = None,
        min_cell: str | int | None = None,
        exact: bool = False,
    ) -> IndicatorRequest:
        """A request from what users type: lists comma-separated or repeated, filters as
        ``DIMENSION:VALUE`` or ``DIMENSION=VALUE``, numbers as text; blanks are ignored."""
        chosen = names(indicator)
        return cls.of(
            chosen or None,
            names(by),
            parse_where(where),
            _year("from_year", from_year),
            _year("to_year", to_year),
            _whole("min_cell", min_cell),
            exact,
        )

    def check(self) -> None:
        """Raise :class:`IndicatorError` unless the engine can answer this request."""
        _load_sources()  # the capabilities' indicators are in the catalogue
        for name in [*self.by, *self.filters]:
            if name not in DIMENSIONS:
                raise IndicatorError(
                    _l(
                        "unknown dimension '%(name)s'; the dimensions are %(dimensions)s",
                        name=name,
                        dimensions=", ".join(DIMENSIONS),
                    )
                )
        if len(set(self.by)) != len(self.by):
            raise IndicatorError(_l("a dimension is repeated in by: %(by)s", by=", ".join(self.by)))
        for name, value in self.where:
            domain = DOMAINS[name]
            if domain is not None and name != "country" and value not in domain:
                raise IndicatorError(
                    _l(
                        "where %(name)s=%(value)s: the values are %(values)s",
                        name=name,
                        value=value,
                        values=", ".join(domain),
                    )
                )
        start, end = self.from_year, self.to_year
        if start is not None and end is not None and start > end:
            raise IndicatorError(
                _l("from-year %(start)s is after to-year %(end)s", start=start, end=end)
            )
        from stdgap.indicators.sources import registry  # (polars: not on the start path)

        registry()  # the capabilities' indicators are in the catalogue once it is loaded
        used = {*self.by, *self.filters}
        for name in self.indicators or ():
            if name not in CATALOGUE:
                raise IndicatorError(
                    _l(
                        "unknown indicator '%(name)s'; see stdgap indicators --list for the ids",
                        name=name,
                    )
                )
            missing = used - set(CATALOGUE[name].dimensions)
            if missing:
                raise IndicatorError(
                    _l(
                        "indicator '%(name)s' has no dimension %(missing)s",
                        name=name,
                        missing=", ".join(sorted(missing)),
                    )
                )
        if self.min_cell is not None and self.min_cell < 1:
            raise IndicatorError(
                _l("min_cell %(min_cell)s: give a whole number, 1 or more", min_cell=self.min_cell)
            )

    @property
    def filters(self) -> dict[str, str]:
        return dict(self.where)

    @property
    def chosen(self) -> tuple[str, ...]:
        """The indicators to compute: those named, else every one the dimensions apply to."""
        if self.indicators is not None:
            return self.indicators
        from stdgap.indicators.sources import registry

        registry()
        used = {*self.by, *self.filters}
        return tuple(i.id for i in CATALOGUE.values() if used <= set(i.dimensions))

    def with_min_cell(self, min_cell: int | None, exact: bool | None = None) -> IndicatorRequest:
        """This request with another minimum cell size (and exactness, when given)."""
        return replace(self, min_cell=min_cell, exact=self.exact if exact is None else exact)

    def with_rule(self, rule: Rule) -> IndicatorRequest:
        """This request published by ``rule``."""
        return replace(self, min_cell=rule.min_cell, exact=rule.exact)

    def key(self) -> tuple[Any, ...]:
        """What the answer depends on (besides the store's data)."""
        return (
            self.chosen,
            self.by,
            self.where,
            self.from_year,
            self.to_year,
            self.min_cell,
            self.exact,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicators": list(self.indicators) if self.indicators is not None else None,
            "by": list(self.by),
            "where": self.filters,
            "from_year": self.from_year,
            "to_year": self.to_year,
            "min_cell": self.min_cell,
            "exact": self.exact,
        }

    def query_string(self) -> str:
        """The query string that asks this again (links, downloads, permalinks)."""
        pairs: list[tuple[str, str]] = []
        if self.indicators:
            pairs.append(("indicator", ",".join(self.indicators)))
        if self.by:
            pairs.append(("by", ",".join(self.by)))
        pairs += [("where", f"{name}:{value}") for name, value in self.where]
        pairs += [
            (name, str(value))
            for name, value in (("from_year", self.from_year), ("to_year", self.to_year))
            if value is not None
        ]
        if self.min_cell is not None:
            pairs.append(("min_cell", str(self.min_cell)))
        return urlencode(pairs)


def names(values: Iterable[str]) -> list[str]:
    """``a,b`` and repeated values alike, blanks dropped, first occurrence kept."""
    found = [name.strip() for value in values for name in value.split(",") if name.strip()]
    return list(dict.fromkeys(found))


def parse_where(values: Iterable[str]) -> dict[str, str]:
    """``region:Africa`` or ``region=Africa`` filters; blanks (an unset select) ignored."""
    where: dict[str, str] = {}
    for given in values:
        if not given.strip():
            continue
        colon, equals = given.find(":"), given.find("=")
        cut = min(i for i in (colon, equals) if i >= 0) if max(colon, equals) >= 0 else -1
        name, value = (given[:cut].strip(), given[cut + 1 :].strip()) if cut >= 0 else ("", "")
        if not name or not value:
            raise IndicatorError(
                _l(
                    "where '%(given)s': write DIMENSION:VALUE or DIMENSION=VALUE, "
                    "e.g. region:Africa",
                    given=given,
                )
            )
        if name in where and where[name] != value:
            raise IndicatorError(_l("where: dimension '%(name)s' is given twice", name=name))
        where[name] = value
    return where


def _filter_value(name: str, value: str) -> str:
    value = str(value).strip()
    if name == "year":
        if not _is_whole(value) or not 1 <= int(value) <= MAX_YEAR:
            raise IndicatorError(
                _l(
                    "where year=%(value)s: the year must be an integer from 1 to %(max)s",
                    value=value,
                    max=MAX_YEAR,
                )
            )
        return str(int(value))
    if name == "region":
        return region_named(value) or value
    if name == "country":  # as imports read it: a code, an ITU symbol or a name
        found = shipped_resolver().resolve(value)
        if found is not None:
            return found
        if len(value) == 3 and value.isascii() and value.isalpha():  # the store may hold more
            return value.upper()
        raise IndicatorError(
            _l(
                "where country=%(value)s: no country of that code or name (e.g. KEN, KE or Kenya)",
                value=value,
            )
        )
    return value


def _whole(name: str, value: str | int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    text = value.strip()
    if not text:
        return None
    if not _is_whole(text):
        raise IndicatorError(
            _l("%(name)s '%(value)s': give a whole number", name=name, value=value)
        )
    return int(text)


def _year(name: str, value: str | int | None) -> int | None:
    year = _whole(name, value)
    if year is not None and not 1 <= year <= MAX_YEAR:
        raise IndicatorError(
            _l(
                "%(name)s '%(value)s': give a year from 1 to %(max)s",
                name=name,
                value=value,
                max=MAX_YEAR,
            )
        )
    return year


def _is_whole(text: str) -> bool:
    """Whether ``text`` is a whole number written in ASCII digits (``²`` and ``١`` are not)."""
    return text.isascii() and text.isdigit()
