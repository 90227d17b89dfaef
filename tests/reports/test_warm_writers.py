"""A server's worker loads the report writers' libraries ahead of its first report: WeasyPrint,
the collation table and vl-convert's engine (in a fresh interpreter, where none is loaded)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from stdgap.documents import warm

PROBE = """
import sys
from stdgap.i18n import collation
from stdgap.documents.warm import warm_writers_in_background
assert "weasyprint" not in sys.modules
assert not collation._made
warm_writers_in_background().join(120)
assert "weasyprint" in sys.modules
assert len(collation._made) == 1
assert "vl_convert" in sys.modules
"""


def test_the_writers_are_loaded_ahead_in_a_fresh_process() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr


def test_a_failure_to_load_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:

    def broken() -> None:
        raise RuntimeError("no engine")

    monkeypatch.setattr(warm, "warm_renderer", broken)
    warm.warm_writers()
    assert "could not load the report writers ahead" in caplog.text
