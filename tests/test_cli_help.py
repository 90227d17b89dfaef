"""Commands' help read as prose in a terminal of any width: no line broken mid-sentence."""

from __future__ import annotations

import subprocess
import sys

import pytest

from stdgap.cli.main import _prose


def test_prose_joins_a_paragraphs_lines_and_keeps_lists_and_marked_paragraphs() -> None:
    text = """First line
    of the summary.

    A paragraph broken
    in the middle, with a list:
    - one item
    - another
    1. a numbered one

    \b
    kept   as
    it is"""
    assert _prose(text) == (
        "First line of the summary.\n\n"
        "A paragraph broken in the middle, with a list:\n- one item\n- another\n1. a numbered one"
        "\n\n\b\nkept   as\nit is"
    )


@pytest.mark.parametrize("columns", ["60", "200"])
def test_a_commands_help_is_not_broken_mid_sentence(columns: str) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "stdgap", "import", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": columns, "PATH": "/usr/bin:/bin", "TERM": "dumb"},
    ).stdout
    lines = [line.strip(" │") for line in shown.splitlines()]
    if columns == "200":  # wide enough for the paragraph: one line
        assert any(
            "attendance (meeting_id, person_id, member_id), contributions" in line for line in lines
        ), shown
    else:  # each line filled to about the width, not cut where the source's lines end
        paragraph = [line for line in lines if "meeting_id" in line or "person_id" in line]
        assert all(len(line) > 40 for line in paragraph[:-1]), shown
