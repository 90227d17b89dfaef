"""Reading countries and their classifications from the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stdgap.reference.classification import ClassificationReader
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


def country_names(engine: Engine) -> dict[str, tuple[str, str]]:
    """alpha-3 → (M49 code, English short name)."""
    with engine.connect() as connection:
        rows = connection.execute(select(Country.alpha3, Country.m49, Country.name)).all()
    return {alpha3: (m49, name) for alpha3, m49, name in rows}


def member_states_in_region(engine: Engine, region: str, on: date) -> list[tuple[str, str]]:
    """(alpha-3, name) of the ITU Member States whose ITU region on ``on`` is ``region``,
    by name."""
    with engine.connect() as connection:
        statuses = ClassificationReader(connection).countries_on(on)
        names = dict(connection.execute(select(Country.alpha3, Country.name)).all())
    chosen = [
        (code, names[code])
        for code, status in statuses.items()
        if status.itu_member and status.region == region and code in names
    ]
    return sorted(chosen, key=lambda pair: pair[1])
