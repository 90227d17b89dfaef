"""Choosing a request's locale: ``?lang=``, then the cookie, then ``Accept-Language``, else
English; values naming no supported locale are ignored."""

from __future__ import annotations

import pytest

from stdgap.i18n.locales import LANGUAGES, PSEUDO, SOURCE, listed, supported
from stdgap.i18n.negotiate import accepted_tags, choose, from_header


def test_the_six_languages_of_the_united_nations_and_a_pseudo_locale() -> None:
    assert [found.code for found in listed()] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert [found.code for found in LANGUAGES if not found.listed] == [PSEUDO]
    assert {found.code: found.direction for found in LANGUAGES} == {
        "ar": "rtl",
        "zh": "ltr",
        "en": "ltr",
        "fr": "ltr",
        "ru": "ltr",
        "es": "ltr",
        PSEUDO: "ltr",
    }


def test_accept_language_is_read_in_order_of_preference() -> None:
    header = "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5, ru;q=0"
    assert accepted_tags(header) == ["fr-CH", "fr", "en", "de", "*"]
    assert accepted_tags("es;q=0.2, ar") == ["ar", "es"]
    assert accepted_tags("zh;q=high, fr") == ["fr"]  # a weight that is no number: not wanted
    assert accepted_tags("") == accepted_tags(None) == []


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("fr-CH, en;q=0.5", "fr"),
        ("zh-Hans-CN", "zh"),
        ("ar-EG,ar;q=0.9", "ar"),
        ("de, es;q=0.1", "es"),
        ("de, *", None),
        ("en-XA", PSEUDO),  # the pseudo-locale by its exact tag only…
        ("en-XB, en-GB", "en"),  # …never as a variant of English
        ("x-klingon", None),
    ],
)
def test_a_browser_gets_its_first_supported_language(header: str, code: str | None) -> None:
    found = from_header(header)
    assert (found.code if found else None) == code


def test_the_query_then_the_cookie_then_the_browser_then_english() -> None:
    assert choose("ar", "fr", "es") == choose("ar", None, None)
    assert choose("ar", "fr", "es").language.code == "ar"
    assert choose("ar", "fr", "es").from_query
    assert choose(None, "fr", "es").language.code == "fr"
    assert not choose(None, "fr", "es").from_query
    assert choose(None, None, "es").language.code == "es"
    assert choose(None, None, None).language.code == SOURCE
    # an unknown value is ignored: the next source decides, English when none does
    assert choose("tlh", "fr", "es").language.code == "fr"
    assert not choose("tlh", "fr", "es").from_query
    assert choose("tlh", "tlh", "es").language.code == "es"
    assert choose("tlh", "xx", "yy").language.code == SOURCE
    # exact codes, in any case, with - or _
    assert choose("EN_xa", None, None).language.code == PSEUDO
    assert choose("fr-CH", None, None).language.code == SOURCE


def test_supported_names_a_locale_exactly() -> None:
    assert supported(" Fr ") is not None and supported("fr-FR") is None
