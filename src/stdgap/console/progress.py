"""Progress of long work over tables of rows: a Rich bar on a terminal, a line per 100,000
rows in a log."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

LOG_EVERY = 100_000


def count_data_lines(path: Path) -> int | None:
    """Lines after the header of a CSV file (an upper bound of its rows); None for others."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(lines - 1, 0)


class ImportProgress:
    """A bar per label (a file, a table); ``verb`` says what is done to rows in a log."""

    def __init__(
        self,
        console: Console,
        labels: list[str],
        totals: dict[str, int] | None = None,
        verb: str = "checked",
    ):
        self.console = console
        self.verb = verb
        self.interactive = console.is_terminal
        self.totals = totals or {}
        for label in labels:
            if label not in self.totals:
                total = count_data_lines(Path(label))
                if total is not None:
                    self.totals[label] = total
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.tasks: dict[str, TaskID] = {}
        self.logged: dict[str, int] = {}

    def __enter__(self) -> ImportProgress:
        if self.interactive:
            self.bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.interactive:
            self.bar.stop()

    def advance(self, label: str, done: int) -> None:
        if self.interactive:
            if label not in self.tasks:
                self.tasks[label] = self.bar.add_task(label, total=self.totals.get(label))
            self.bar.update(self.tasks[label], completed=done)
            return
        if done // LOG_EVERY > self.logged.get(label, 0):
            self.logged[label] = done // LOG_EVERY
            self.console.print(f"{label}: {done:,} rows {self.verb}", highlight=False)
