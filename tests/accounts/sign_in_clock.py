"""The clock the sign-in throttle reads, moved by hand in the tests."""

from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    """The throttle's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
