"""The command line starts without the heavy packages it does not need (``bench/startup.py``
measures the time): ``stdgap --help`` imports no command. (``stdgap indicators --list`` used to be
light too, but then it left out the indicators the capabilities register with their fact
sources; it now loads them, and is complete: tests/indicators/test_cli.py.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = (
    "sqlalchemy",
    "polars",
    "pyarrow",
    "numpy",
    "fastapi",
    "openpyxl",
    "jinja2",
    "vl_convert",
)
# Runs the CLI as the console script does, then prints every module it imported.
PROBE = """
import sys
from stdgap.cli.main import app
status = 0
try:
    app(prog_name="stdgap", args=sys.argv[1:])
except SystemExit as exit:
    status = exit.code
print(" ".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(status)
"""


def imported(*args: str) -> set[str]:
    """The modules a fresh ``stdgap ARGS`` process imports (the command must succeed)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(done.stderr.split())


@pytest.mark.parametrize("args", [("--help",)])
def test_no_heavy_package_on_start(args: tuple[str, ...]) -> None:
    # pydantic is left out: Typer itself imports it to convert a command's parameters.
    packages = {name.split(".")[0] for name in imported(*args)}
    assert packages & set(HEAVY) == set()


def test_help_imports_no_command() -> None:
    ours = {name for name in imported("--help") if name.startswith("stdgap.")}
    assert ours <= {
        "stdgap.capabilities",
        "stdgap.cli",
        "stdgap.cli.main",
        "stdgap.console",
        "stdgap.console.common",
    }
