"""Helpers the tests share (a module of its own: every folder's conftest is named conftest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.indicators.cells import Cell
from stdgap.indicators.compute import compute as compute_cells
from stdgap.indicators.request import IndicatorRequest

PG_URL = os.environ.get("STDGAP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
#: Short resolution texts of our own, in the layout of ITU's (numbers 44, 68, 74 and 107).
RESOLUTION_TEXTS = sorted((DATA / "resolutions").glob("res*.txt"))
NO_SEEDS = "the seed texts are not here (../shared/seeds beside the checkout)"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run ``stdgap ARGS`` in-process; (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def seeds() -> Path:
    """The folder of seed texts; the test is skipped, saying why, when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(NO_SEEDS)
    return SEEDS


def compute(
    engine: Engine,
    indicators: list[str] | None = None,
    by: list[str] | None = None,
    where: dict[str, str] | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    min_cell: int | None = None,
) -> list[Cell]:
    """The engine's cells for a request made of these values (the tests' shorthand)."""
    exact = min_cell is not None
    request = IndicatorRequest.of(indicators, by or [], where, from_year, to_year, min_cell, exact)
    return compute_cells(engine, request)
