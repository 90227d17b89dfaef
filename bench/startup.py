"""Start-up of the command line: wall time of fresh processes, against a minimal Typer app.

    python bench/startup.py [--runs 15] [--warmup 2]

Runs ``stdgap --help``, ``stdgap indicators --list``, and the ``--help`` and one command of a
minimal two-command Typer app (written to a temporary file, run by the same Python in the same
environment), each as a new process, in turns so that a busy moment of the machine falls on all
alike. Prints the median and p90 wall time of each and its ratio to the minimal app's ``--help``
(running a command costs more than ``--help`` in any Typer app); then which ``stdgap``
modules and which heavy third-party packages each stdgap command imports (``python -X
importtime``: the milliseconds are the packages' own import time, inflated by the measuring).
Target: ``stdgap --help`` within 1.5× of the minimal app and under 0.4 s on a quiet machine (the
exit status is 2 when it is missed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HELP = "stdgap --help"
FLOOR = "minimal --help"
RATIO_TARGET = 1.5
SECONDS_TARGET = 0.4
HEAVY = (
    "sqlalchemy",
    "polars",
    "pydantic",
    "fastapi",
    "pyarrow",
    "numpy",
    "openpyxl",
    "jinja2",
    "vl_convert",
)
MINIMAL_APP = '''"""A minimal two-command Typer app: the floor of a Typer CLI's start-up."""

import typer

app = typer.Typer(help="A minimal app.")


@app.command()
def hello(name: str, loud: bool = False) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}" + ("!" if loud else "."))


@app.command()
def goodbye(name: str) -> None:
    """Say goodbye."""
    typer.echo(f"Goodbye {name}.")


if __name__ == "__main__":
    app()
'''


def stdgap_command() -> list[str]:
    """The ``stdgap`` console script next to this Python, else ``python -m stdgap``."""
    script = Path(sys.executable).parent / "stdgap"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "stdgap"]


def run_once(argv: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - started


def p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


@dataclass
class Imports:
    """What a process imported, from ``-X importtime``: each module's own microseconds."""

    own_us: dict[str, int] = field(default_factory=dict)

    def package_ms(self, package: str) -> float | None:
        times = [us for name, us in self.own_us.items() if name.split(".")[0] == package]
        return sum(times) / 1000 if times else None

    def modules_of(self, package: str) -> list[str]:
        return sorted(name for name in self.own_us if name.split(".")[0] == package)


def imports_of(argv: Sequence[str], env: dict[str, str]) -> Imports:
    python, *rest = argv
    if Path(python).resolve() != Path(sys.executable).resolve():  # the console script
        rest = [python, *rest]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *rest],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=True,
    )
    found = Imports()
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _cumulative, name = line.removeprefix("import time:").split("|")
        found.own_us[name.strip()] = int(own)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each command")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs before them")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    stdgap = stdgap_command()
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        commands = {
            HELP: [*stdgap, "--help"],
            "stdgap indicators --list": [*stdgap, "indicators", "--list"],
            FLOOR: [sys.executable, str(minimal), "--help"],
            "minimal hello World": [sys.executable, str(minimal), "hello", "World"],
        }
        for _ in range(args.warmup):
            for argv in commands.values():
                run_once(argv, env)
        times: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(args.runs):
            for label, argv in commands.items():
                times[label].append(run_once(argv, env))
        imports = {label: imports_of(argv, env) for label, argv in commands.items()}

    print(f"{sys.executable} (Python {sys.version.split()[0]}), {os.cpu_count()} CPUs")
    print(f"{args.runs} runs of each after {args.warmup} warm-up round(s), taken in turns\n")
    floor = statistics.median(times[FLOOR])
    print(f"{'command':<26} {'median':>8} {'p90':>8} {'× minimal --help':>17}")
    for label, values in times.items():
        median = statistics.median(values)
        print(
            f"{label:<26} {median * 1000:6.0f} ms {p90(values) * 1000:5.0f} ms "
            f"{median / floor:16.2f}×"
        )

    print("\nheavy packages imported (own import time under -X importtime; -: not imported)")
    labels = list(commands)
    print(f"{'package':<12}" + "".join(f" {label:>24}" for label in labels))
    for package in HEAVY:
        cells = []
        for label in labels:
            ms = imports[label].package_ms(package)
            cells.append("-" if ms is None else f"{ms:.0f} ms")
        print(f"{package:<12}" + "".join(f" {cell:>24}" for cell in cells))
    for label in labels[:2]:
        modules = imports[label].modules_of("stdgap")
        print(f"\nstdgap modules imported by `{label}` ({len(modules)}):")
        print("  " + ", ".join(modules))

    help_median = statistics.median(times[HELP])
    ratio = help_median / floor
    met = ratio <= RATIO_TARGET and help_median < SECONDS_TARGET
    print(
        f"\nstdgap --help: {help_median:.3f} s, {ratio:.2f}× the minimal app "
        f"(target ≤ {RATIO_TARGET}× and < {SECONDS_TARGET} s): {'met' if met else 'MISSED'}"
    )
    return 0 if met else 2


if __name__ == "__main__":
    raise SystemExit(main())
