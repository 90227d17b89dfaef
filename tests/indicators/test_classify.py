"""Classifications resolved on a date: intervals [valid_from, valid_to), open bounds, defaults."""

from __future__ import annotations

from datetime import date

import polars as pl
from test_properties import CLASSIFICATIONS  # type: ignore[import-not-found]

from stdgap.indicators.catalogue import REGIONS
from stdgap.indicators.classify import classify


def _resolve(country: str, day: date, transition_counts: bool = True) -> dict[str, object]:
    pairs = pl.DataFrame({"country": [country], "date": [day]})
    row = classify(pairs, CLASSIFICATIONS, transition_counts).row(0, named=True)
    row["region"] = REGIONS[row["region"]]
    return row


def test_bhutan_graduates_on_its_date() -> None:
    assert _resolve("BTN", date(2023, 12, 12))["ldc"] is True
    assert _resolve("BTN", date(2023, 12, 13))["ldc"] is False
    assert _resolve("BTN", date(2023, 12, 13))["lldc"] is True


def test_transition_economies_follow_the_setting() -> None:
    assert _resolve("RUS", date(2024, 1, 1))["dev"] is True
    assert _resolve("RUS", date(2024, 1, 1), transition_counts=False)["dev"] is False
    assert _resolve("RUS", date(2024, 1, 1))["region"] == "CIS"


def test_missing_region_is_unknown_and_unknown_country_is_not_developing() -> None:
    assert _resolve("ABW", date(2024, 1, 1))["region"] == "unknown"
    assert _resolve("ABW", date(2024, 1, 1))["sids"] is True
    nowhere = _resolve("ZZZ", date(2024, 1, 1))
    assert (nowhere["region"], nowhere["dev"], nowhere["ldc"]) == ("unknown", False, False)
