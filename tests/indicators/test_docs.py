"""docs/indicators.md is the catalogue's text; regenerate with
``python -m stdgap.indicators.docs > docs/indicators.md``."""

from __future__ import annotations

from pathlib import Path

from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.docs import render_markdown

DOC = Path(__file__).parents[2] / "docs" / "indicators.md"


def test_docs_match_the_catalogue() -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/indicators.md is stale: python -m stdgap.indicators.docs > docs/indicators.md"
    )


def test_every_indicator_is_documented() -> None:
    text = render_markdown()
    for indicator in CATALOGUE.values():
        assert f"### `{indicator.id}`" in text
        assert indicator.definition and indicator.clause.startswith("Res. ")
