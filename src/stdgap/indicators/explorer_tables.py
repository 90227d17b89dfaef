"""The explorer's tables: one per indicator, each group of rows followed by its total (the
same indicator without the last dimension: "all regions" under the regions of a year), so a
view by year and region also answers for all regions together."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.request import IndicatorRequest


def totals_request(asked: IndicatorRequest) -> IndicatorRequest | None:
    """The request of the totals of ``asked``: its indicators without its last dimension
    (not the shares of a total, whose total is 100 %), or None when there is none to ask."""
    if not asked.by or asked.by[-1] == "year":
        return None
    indicators = tuple(i for i in asked.chosen if not CATALOGUE[i].of_total)
    if not indicators:
        return None
    return replace(asked, indicators=indicators, by=asked.by[:-1])


def tables(
    rows: list[dict[str, Any]], totals: list[dict[str, Any]], by: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Each indicator's table rows in the order of ``rows``, each group (the same values of
    every dimension but the last) followed by its total row (marked ``total``)."""
    group_of = by[:-1]
    pending: dict[tuple[Any, ...], dict[str, Any]] = {
        (t["indicator"], *(t.get(d) for d in group_of)): {**t, "total": True} for t in totals
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for index, row in enumerate(rows):
        out.setdefault(row["indicator"], []).append(row)
        key = (row["indicator"], *(row.get(d) for d in group_of))
        following = rows[index + 1] if index + 1 < len(rows) else None
        ends = following is None or key != (
            following["indicator"],
            *(following.get(d) for d in group_of),
        )
        if ends and key in pending:
            out[row["indicator"]].append(pending.pop(key))
    for key, total in pending.items():  # groups without a row of their own
        out.setdefault(key[0], []).append(total)
    return out
