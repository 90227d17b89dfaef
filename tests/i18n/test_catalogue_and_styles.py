"""The committed catalogue template lists exactly the messages of the code and the templates
(``pybabel extract`` with the settings of pyproject.toml), the pseudo-locale covers every one,
and the style sheet uses logical properties only, so that pages mirror in Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface

from stdgap.i18n import catalogues
from stdgap.i18n.locales import PSEUDO, PSEUDO_CLOSE, PSEUDO_OPEN

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "src" / "stdgap" / "web" / "static" / "stdgap.css"


def _ids(path: Path) -> set[object]:
    return {message.id for message in catalogues.read_catalogue(path) if message.id}


def test_the_catalogue_template_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = tmp_path / "messages.pot"
    monkeypatch.chdir(ROOT)  # pybabel reads its settings from pyproject.toml
    CommandLineInterface().run(["pybabel", "extract", "--output-file", str(fresh)])
    committed = _ids(catalogues.TEMPLATE)
    extracted = _ids(fresh)
    assert extracted - committed == set(), "new messages: run scripts/messages"
    assert committed - extracted == set(), "messages no longer used: run scripts/messages"
    assert len(committed) > 250


def test_the_catalogue_holds_what_the_pages_and_the_code_mark() -> None:
    ids = _ids(catalogues.TEMPLATE)
    assert {"Sign in", "Audit", "Participants", "Not Found", "invalid request"} <= ids
    assert ("%(total)s country.", "%(total)s countries.") in ids
    assert "no country with the ISO 3166-1 alpha-3 code %(code)r" in ids


def test_the_pseudo_locale_wraps_every_message() -> None:
    template = catalogues.read_catalogue(catalogues.TEMPLATE)
    pseudo = catalogues.pseudo_catalogue(template)
    assert {m.id for m in pseudo if m.id} == {m.id for m in template if m.id}
    for message in pseudo:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            assert text.startswith(PSEUDO_OPEN) and text.endswith(PSEUDO_CLOSE)
    assert catalogues.translations(PSEUDO).gettext("Sign in") == "[[Sign in]]"


def _declarations(css: str) -> list[str]:
    """Every ``property: value`` of a style sheet, its comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [d.strip() for block in re.findall(r"\{([^{}]*)\}", css) for d in block.split(";")]


def test_the_style_sheet_has_no_physical_left_or_right() -> None:
    declarations = [d for d in _declarations(STYLES.read_text(encoding="utf-8")) if d]
    assert len(declarations) > 100
    physical = [
        d
        for d in declarations
        if re.search(r"\b(left|right)\b", d)
        or re.match(r"(float|clear)\s*:", d)
        or re.match(r"(margin|padding|border)\s*:\s*\S+\s+\S+\s+\S+\s+\S+", d)  # 4 sides
    ]
    assert physical == []


def test_the_style_sheet_check_finds_physical_properties() -> None:
    css = ".a { margin-left: 1px; } .b { text-align: right } .c { float: left; } .d { left: 0 }"
    css += " .e { padding: 0 1px 0 2px; } /* right-to-left */ .f { margin-inline-start: 1px }"
    found = [d for d in _declarations(css) if d and "inline" not in d]
    assert len(found) == 5
