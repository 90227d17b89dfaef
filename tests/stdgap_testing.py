"""Helpers the tests share (a module of its own: every folder's conftest is named conftest)."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from stdgap.cli.main import app

PG_URL = os.environ.get("STDGAP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run ``stdgap ARGS`` in-process; (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
