"""The registry's test world: the small hand-checked data set (three meetings, eight members,
six people), a meeting whose city is a formula, and users of every role."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.ingest.pipeline import run_import
from stdgap.ingest.sources import Source, guess_kind
from stdgap_testing import DATA
from web_testing import make_users

FORMULA_CITY = '=HYPERLINK("http://evil.example","Geneva")'


def build_registry_world(engine: Engine) -> None:
    paths = sorted((DATA / "small").glob("*.csv"))
    sources = [Source.from_path(path, kind) for path in paths if (kind := guess_kind(path))]
    row = {"meeting_id": "FG-2024-09", "group": "FG-AI4H", "start": "2024-09-02"}
    row |= {"kind": "workshop", "city": FORMULA_CITY}
    sources.append(Source.from_rows("test:meetings", "meetings", list(row), [row]))
    run_import.perform(engine, "test", sources)
    make_users(engine)
