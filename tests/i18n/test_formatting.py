"""The one way figures are written: numbers, percentages and dates in the current locale, the
same on the pages and in the reports; English keeps the house style."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stdgap.documents.document import format_value
from stdgap.i18n import formatting
from stdgap.i18n.locales import PSEUDO, language
from stdgap.i18n.translate import use
from stdgap.indicators.cells import Cell

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("code", "count", "fraction", "share", "day"),
    [
        ("en", "1,234,567", "1,234.57", "12.3 %", "2024-05-01"),
        (PSEUDO, "1,234,567", "1,234.57", "12.3 %", "2024-05-01"),
        ("fr", f"1{NNBSP}234{NNBSP}567", f"1{NNBSP}234,57", f"12,3{NBSP}%", "1 mai 2024"),
        ("es", "1.234.567", "1.234,57", f"12,3{NBSP}%", "1 may 2024"),
        ("ru", f"1{NBSP}234{NBSP}567", f"1{NBSP}234,57", f"12,3{NBSP}%", f"1 мая 2024{NNBSP}г."),
        ("zh", "1,234,567", "1,234.57", "12.3%", "2024年5月1日"),
    ],
)
def test_figures_in_each_language(
    code: str, count: str, fraction: str, share: str, day: str
) -> None:
    with use(code):
        assert formatting.number(1234567) == count
        assert formatting.number(1234.5678) == fraction
        assert formatting.percent(0.12345) == share
        assert formatting.date(date(2024, 5, 1)) == day
        assert formatting.date("2024-05-01") == day
    assert formatting.number(1234567, language(code)) == count  # a locale may be given


def test_arabic_figures_are_written_right_to_left_with_cldr_digits() -> None:
    with use("ar"):
        assert formatting.number(1234) == formatting.number(1234, language("ar"))
        assert formatting.percent(0.5, digits=0).endswith("%")
        assert "2024" in formatting.date("2024-05-01")


def test_the_english_house_style_is_unchanged() -> None:
    assert formatting.number(2.0) == "2"
    assert formatting.number(2.5) == "2.5"
    assert formatting.number(12.345, digits=3) == "12.345"
    assert formatting.number(-1234) == "-1,234"
    assert formatting.number("WTSA") == "WTSA"
    assert formatting.count(1234.9) == "1,234"
    assert formatting.percent(0.5, digits=0) == "50 %"
    assert formatting.percent(1) == "100.0 %"
    moment = "2025-01-02T10:11:12.123456+00:00"
    assert formatting.datetime(moment) == moment
    assert formatting.datetime(datetime(2025, 1, 2, 10, 11, 12, tzinfo=UTC)) == (
        "2025-01-02T10:11:12+00:00"
    )
    for nothing in (formatting.number, formatting.percent, formatting.count):
        assert nothing(None) == "–"
    assert formatting.date(None) == formatting.date("") == ""
    assert formatting.date("soon") == "soon"


def test_other_languages_write_moments_in_their_own_way() -> None:
    with use("fr"):
        assert formatting.datetime("2025-01-02T10:11:12+00:00") == "2 janv. 2025, 10:11:12"
        assert formatting.datetime("2025-01-02") == "2 janv. 2025"


def test_reports_write_figures_as_the_pages_do() -> None:
    share = Cell("women_share", {"year": "2024"}, 0.12345, 10, 81, False)
    count = Cell("participants", {"year": "2024"}, 1234.0, None, None, False)
    assert format_value(share) == formatting.percent(0.12345) == "12.3 %"
    assert format_value(count) == formatting.number(1234) == "1,234"
    assert format_value(None) == "–"
    assert format_value(Cell("participants", {}, None, None, None, True)) == "suppressed"
    with use("fr"):
        assert format_value(share) == formatting.percent(0.12345) == f"12,3{NBSP}%"
