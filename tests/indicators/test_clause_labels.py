"""An indicator's clause reads in the report's language, one reference at a time."""

from __future__ import annotations

from stdgap.i18n.translate import use
from stdgap.indicators.catalogue import CATALOGUE
from stdgap.indicators.clause_labels import clause_label


def test_clauses_in_french_and_as_they_are_in_english() -> None:
    with use("en"):
        assert clause_label("Res. 44 programme 1") == "Res. 44 programme 1"
    with use("fr"):
        assert clause_label("Res. 44 programme 1") == "Rés. 44, programme 1"
        both = clause_label("Res. 74 instructs 1, Res. 68 resolves 2")
        assert both == "Rés. 74, charge 1, Rés. 68, décide 2"
        assert clause_label("Res. 44 recognizing") == "Rés. 44, reconnaissant"
        assert clause_label("WTSA-24 outcomes") == "WTSA-24 outcomes"  # another form: as is


def test_every_clause_of_the_catalogue_is_translated() -> None:
    for code in ("ar", "zh", "ru", "es"):
        with use(code):
            for indicator in CATALOGUE.values():  # one reference or several, "," or ";"
                shown = clause_label(indicator.clause)
                assert "programme" not in shown and "instructs" not in shown, (code, shown)
                assert "resolves" not in shown and "recognizing" not in shown, (code, shown)
