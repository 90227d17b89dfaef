"""Country names from CLDR in the reader's language, and names sorted as its readers expect."""

from __future__ import annotations

from stdgap.i18n.collation import sort_key, sorted_names
from stdgap.i18n.countries import alpha2, countries_by_name, country_name, region_name
from stdgap.i18n.locales import language
from stdgap.i18n.translate import use


def test_a_country_is_named_in_the_language_of_the_page() -> None:
    assert country_name("KEN", language=language("ar")) == "كينيا"
    assert country_name("KE", language=language("zh")) == "肯尼亚"
    assert country_name("DEU", "Germany", language("fr")) == "Allemagne"
    assert country_name("DEU", "Germany", language("ru")) == "Германия"
    assert country_name("CIV", language=language("es")) == "Côte d’Ivoire"
    with use("fr"):
        assert country_name("BOL", "Bolivia (Plurinational State of)") == "Bolivie"
    # English keeps the store's (UN) name; without one, CLDR's
    bolivia = "Bolivia (Plurinational State of)"
    assert country_name("BOL", bolivia, language("en")) == bolivia
    assert country_name("BOL", language=language("en")) == "Bolivia"
    # unknown codes and nothing
    assert country_name("XYZ", language=language("fr")) == "XYZ"
    assert country_name("XYZ", "Atlantis", language("fr")) == "Atlantis"
    assert country_name(None) == "" and country_name("") == ""
    assert alpha2("ken") == "KE" and alpha2("XYZ") is None


def test_names_sort_by_the_collation_not_by_code_points() -> None:
    french = ["Zambie", "Éthiopie", "Égypte", "Albanie", "Åland", "allemagne"]
    assert sorted_names(french, language("fr")) == [
        "Åland",
        "Albanie",
        "allemagne",
        "Égypte",
        "Éthiopie",
        "Zambie",
    ]
    assert sorted(french) != sorted_names(french, language("fr"))
    arabic = ["اليمن", "ألبانيا", "الجزائر"]
    assert sorted_names(arabic, language("ar")) == ["ألبانيا", "الجزائر", "اليمن"]
    key = sort_key(language("ru"))
    assert sorted(["Япония", "Австрия", "ёлка", "Египет"], key=key) == [
        "Австрия",
        "Египет",
        "ёлка",
        "Япония",
    ]


def test_a_list_of_countries_sorts_by_its_names_in_the_language() -> None:
    rows = [
        {"code": "AGO", "name": "Angola"},
        {"code": "ALB", "name": "Albania"},
        {"code": "DEU", "name": "Germany"},
        {"code": "DZA", "name": "Algeria"},
    ]
    with use("en"):
        assert [r["code"] for r in countries_by_name(rows)] == ["ALB", "DZA", "AGO", "DEU"]
    with use("fr"):  # Albanie, Algérie, Allemagne, Angola
        assert [r["code"] for r in countries_by_name(rows)] == ["ALB", "DZA", "DEU", "AGO"]
    pairs = [("DEU", "Germany"), ("AGO", "Angola")]
    with use("es"):  # Alemania, Angola
        assert countries_by_name(pairs) == [("DEU", "Germany"), ("AGO", "Angola")]


def test_un_regions_are_named_in_the_language_too() -> None:
    assert region_name("Sub-Saharan Africa", language("fr")) == "Afrique subsaharienne"
    assert region_name("Latin America and the Caribbean", language("es")) == "Latinoamérica"
    assert region_name("South-eastern Asia", language("ru")) == "Юго-Восточная Азия"
    assert region_name("Sub-Saharan Africa", language("en")) == "Sub-Saharan Africa"
    assert region_name("Atlantis", language("ar")) == "Atlantis"
    assert region_name(None) == ""
