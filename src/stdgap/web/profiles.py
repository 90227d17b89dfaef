"""Country profiles and group pages: what the pages and the API both answer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from stdgap.indicators import IndicatorError
from stdgap.reference.queries import country_profile
from stdgap.web import explorer, queries
from stdgap.web.problems import Problem

COUNTRY_INDICATORS = (
    "participants",
    "attendances",
    "women_share",
    "remote_share",
    "contributions",
    "leadership_positions",
)
GROUP_INDICATORS = (
    "participants",
    "developing_participant_share",
    "women_share",
    "young_share",
    "newcomer_share",
    "contributions",
)


def _over_years(
    engine: Engine, indicators: tuple[str, ...], where: dict[str, str], min_cell: int
) -> list[dict[str, Any]]:
    query = explorer.IndicatorQuery(indicators, ("year",), where, None, None, min_cell)
    try:
        return explorer.records(engine, query)
    except Problem:  # no member of that country / no meeting of that group: nothing to count
        return []
    except IndicatorError:
        return []


def country(engine: Engine, code: str, min_cell: int) -> dict[str, Any]:
    found = country_profile(engine, code.upper())
    if found is None:
        raise Problem(404, f"no country with the ISO 3166-1 alpha-3 code {code!r}", "not-found")
    c = found.country
    return {
        "code": c.alpha3,
        "name": c.name,
        "un_name": c.un_name,
        "alpha2": c.alpha2,
        "m49": c.m49,
        "m49_region": c.m49_region,
        "m49_subregion": c.m49_subregion,
        "itu_member": c.itu_member,
        "classifications": [
            {
                "attribute": k.attribute,
                "value": k.value,
                "valid_from": k.valid_from.isoformat() if k.valid_from else None,
                "valid_to": k.valid_to.isoformat() if k.valid_to else None,
                "source": k.source,
            }
            for k in found.classifications
        ],
        "participation": _over_years(engine, COUNTRY_INDICATORS, {"country": c.alpha3}, min_cell),
        "members": queries.country_members(engine, c.alpha3),
        "roles": queries.country_roles(engine, c.alpha3),
        "min_cell": min_cell,
    }


def group(engine: Engine, code: str, min_cell: int) -> dict[str, Any]:
    found = queries.group(engine, code)
    if found is None:
        raise Problem(404, f"no group with the code {code!r}", "not-found")
    found["participation"] = _over_years(engine, GROUP_INDICATORS, {"group": code}, min_cell)
    found["min_cell"] = min_cell
    return found
