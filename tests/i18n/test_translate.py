"""gettext for the current locale: English outside a request, the pseudo-locale's wrapped
messages, lazy messages translated when shown, catalogues compiled in memory from ``.po``."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from stdgap.i18n import catalogues
from stdgap.i18n.locales import PSEUDO, language
from stdgap.i18n.translate import N_, LazyText, _l, current, gettext, lazy_ngettext, ngettext, use


def test_english_outside_a_request() -> None:
    assert current().code == "en"
    assert gettext("Countries") == "Countries"
    assert (
        gettext("no group with the code %(code)r", code="SG99") == "no group with the code 'SG99'"
    )


def test_the_pseudo_locale_wraps_every_message_of_the_catalogue() -> None:
    with use(PSEUDO):
        assert gettext("Countries") == "[[Countries]]"
        assert (
            gettext("no group with the code %(code)r", code="X") == "[[no group with the code 'X']]"
        )
        assert gettext("a text that is in no catalogue") == "a text that is in no catalogue"
        assert (
            ngettext("%(total)s country.", "%(total)s countries.", 1, total=1) == "[[1 country.]]"
        )
        assert (
            ngettext("%(total)s country.", "%(total)s countries.", 7, total=7) == "[[7 countries.]]"
        )
    assert current().code == "en"


def test_a_lazy_message_is_translated_each_time_it_is_shown() -> None:
    message = _l("no group with the code %(code)r", code="SG99")
    assert isinstance(message, LazyText)
    with use(PSEUDO):
        assert str(message) == "[[no group with the code 'SG99']]"
        assert f"{message}" == "[[no group with the code 'SG99']]"
    assert str(message) == "no group with the code 'SG99'"
    plural = lazy_ngettext("%(total)s country.", "%(total)s countries.", 2, total=2)
    assert str(plural) == "2 countries."
    error = ValueError(message)
    with use(PSEUDO):
        assert str(error) == "[[no group with the code 'SG99']]"


def test_the_marker_is_the_text_itself() -> None:
    assert N_("Audit") == "Audit"


def test_a_language_with_a_po_file_is_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    french = Catalog(locale="fr", domain="messages")
    french.add("Countries", "Pays")
    forms = ("%(total)s pays.", "%(total)s de pays.", "%(total)s pays.")  # CLDR: one, many, other
    french.add(("%(total)s country.", "%(total)s countries."), forms)
    french.add("Groups", "Groupes", flags=["fuzzy"])  # not yet checked: not used
    path = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as stream:
        write_po(stream, french)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    catalogues.translations.cache_clear()
    try:
        assert catalogues.po_path(language("fr")) == path
        with use("fr"):
            assert gettext("Countries") == "Pays"
            assert gettext("Groups") == "Groups"
            assert ngettext("%(total)s country.", "%(total)s countries.", 2, total=2) == "2 pays."
            million = ngettext("%(total)s country.", "%(total)s countries.", 10**6, total="1 M")
            assert million == "1 M de pays."
        with use("es"):  # no catalogue: the English source
            assert gettext("Countries") == "Countries"
    finally:
        catalogues.translations.cache_clear()
