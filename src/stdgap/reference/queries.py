"""Reading countries and their classifications from the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stdgap.store.models import Classification, Country


@dataclass(frozen=True)
class CountryProfile:
    country: Country
    classifications: list[Classification]


def country_profile(engine: Engine, alpha3: str) -> CountryProfile | None:
    with Session(engine, expire_on_commit=False) as session:
        country = session.get(Country, alpha3)
        if country is None:
            return None
        rows = session.execute(
            select(Classification)
            .where(Classification.country == alpha3)
            .order_by(Classification.attribute, Classification.valid_from.nulls_first())
        ).scalars()
        return CountryProfile(country, list(rows))
