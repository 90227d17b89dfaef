"""The one function every CSV/XLSX writer passes its cells through (OWASP "CSV Injection")."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from stdgap.tabular.safe_cells import csv_text, neutralise, safe_cell


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","y")',
        "+1+2",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "-",
        "=",
        "+cmd|",
        " =x",
        "\u00a0=1+1",
        "\n=1",
        "\uff1dSUM(A1)",
        "  @x",
    ],
)
def test_a_text_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-0.5, -3, 0, 2.5, Decimal("-1.25"), "-0.5", "+3", "-1e5", " -2", "SG5", "a=b", ""]
)
def test_numbers_and_plain_texts_are_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_csv_text_keeps_numbers_numbers() -> None:
    text = csv_text([["group", "value"], ["=HYPERLINK(1)", -0.5], [None, True], ["-", 3]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["group", "value"],
        ["'=HYPERLINK(1)", "-0.5"],
        ["", "true"],
        ["'-", "3"],
    ]
