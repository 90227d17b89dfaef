"""Helpers of the programme tests: a small world of members, people and meetings, the CLI.

A helper module rather than a conftest (test modules import what they use by name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from stdgap.cli.main import app
from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source

MEMBERS = [
    ("MS-KEN", "Kenya", "KEN"),
    ("MS-BTN", "Bhutan", "BTN"),
    ("MS-NPL", "Nepal", "NPL"),
    ("MS-BOL", "Bolivia", "BOL"),
    ("MS-CHE", "Switzerland", "CHE"),
    ("MS-FJI", "Fiji", "FJI"),
]
PEOPLE = [
    ("KEN-1", "F", "1995", "KEN", "MS-KEN"),
    ("KEN-2", "M", "1970", "KEN", "MS-KEN"),
    ("BTN-1", "M", "1970", "BTN", "MS-BTN"),
    ("NPL-1", "M", "1970", "NPL", "MS-NPL"),
    ("BOL-1", "F", "1980", "BOL", "MS-BOL"),
    ("CHE-1", "M", "1970", "CHE", "MS-CHE"),
    ("FJI-1", "M", "1990", "FJI", "MS-FJI"),
]
MEETINGS = [
    ("SG5-2023-06", "SG5", "2023-06-05"),
    ("SG5-2024-06", "SG5", "2024-06-03"),
    ("SG5-2025-01", "SG5", "2025-01-20"),
    ("SG17-2025-03", "SG17", "2025-03-10"),
    ("SG13-2023-07", "SG13", "2023-07-03"),
]


def load_world(engine: Engine) -> None:
    def rows(header: list[str], data: list[tuple[str, ...]]) -> list[dict[str, str]]:
        return [dict(zip(header, row, strict=True)) for row in data]

    members_h = ["member_id", "name", "type", "country"]
    people_h = ["person_id", "gender", "birth_year", "country", "member_id"]
    meetings_h = ["meeting_id", "group", "start"]
    run_import.perform(
        engine,
        "test",
        [
            Source.from_rows(
                "members",
                "members",
                members_h,
                rows(members_h, [(m, n, "member_state", c) for m, n, c in MEMBERS]),
            ),
            Source.from_rows("people", "people", people_h, rows(people_h, PEOPLE)),
            Source.from_rows("meetings", "meetings", meetings_h, rows(meetings_h, MEETINGS)),
        ],
    )


@pytest.fixture(name="world")
def world_fixture(engine: Engine) -> Engine:
    """A store with six Member States, seven people and five meetings (2023-2025)."""
    load_world(engine)
    return engine


def write(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run ``stdgap ARGS`` in-process; (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr
