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


def test_every_indicator_says_how_it_is_published_and_why() -> None:
    text = render_markdown()
    assert "## Disclosure control" in text  # docs/configuration.md links #disclosure-control
    for indicator in CATALOGUE.values():
        entry = text.split(f"### `{indicator.id}`")[1].split("### ")[0]
        line = next(row for row in entry.splitlines() if row.startswith("- disclosure: "))
        if indicator.protected:
            assert indicator.protects and line.startswith("- disclosure: protected, as it tells")
        else:
            assert not indicator.protects and line.startswith("- disclosure: public record, as")
    protected = {i.id for i in CATALOGUE.values() if i.protected}
    assert {"women_share", "young_share", "newcomer_share", "fellowship_attendances"} <= protected
    assert not {"participants", "attendances", "contributions", "leadership_held"} & protected
