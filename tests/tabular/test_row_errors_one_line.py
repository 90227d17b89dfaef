"""Errors naming a value over several lines are shown on one line."""

from __future__ import annotations

import pytest

from stdgap.tabular.errors import OPEN_QUOTE_HINT, ImportFailed, RowError


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("unknown country 'a\rb'", "unknown country 'a\\rb'"),
        ("unknown country 'a\r\nb'", "unknown country 'a\\r\\nb'"),
        ("unknown country 'a\nb'", "unknown country 'a\\nb'"),
        ("unknown country 'a\nb,c'", f"unknown country 'a\\nb,c' {OPEN_QUOTE_HINT}"),
        ("unknown country 'a,b'", "unknown country 'a,b'"),
    ],
)
def test_a_value_over_several_lines_is_shown_on_one(message: str, shown: str) -> None:
    [error] = ImportFailed([RowError("f.csv", 2, "country", message)]).errors
    assert error.message == shown
