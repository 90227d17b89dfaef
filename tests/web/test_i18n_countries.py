"""Pages name countries in the reader's language (CLDR) and sort them by those names."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from stdgap.i18n.collation import sort_key
from stdgap.i18n.locales import language


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _names(html: str) -> list[str]:
    return re.findall(r'</a></td><td><a href="/countries/[A-Z]{3}">([^<]+)</a></td>', html)


def test_countries_are_named_and_sorted_in_the_language_of_the_page(client: TestClient) -> None:
    codes = re.findall(r'<td><a href="/countries/([A-Z]{3})">\1</a>', client.get("/countries").text)
    english = _names(client.get("/countries?lang=en").text)
    french = _names(client.get("/countries?lang=fr").text)
    assert len(english) == len(french) == len(codes) > 100
    assert "Allemagne" in french and "Germany" in english
    assert french.index("Albanie") < french.index("Algérie") < french.index("Allemagne")
    assert french.index("Égypte") < french.index("Érythrée") < french.index("Espagne")
    assert codes.index("ALB") < codes.index("AGO")  # by name, not by code: Albania first
    assert english == sorted(english, key=sort_key(language("en")))
    assert "كينيا" in client.get("/countries/KEN?lang=ar").text
    assert "<h1>肯尼亚" in client.get("/countries/KEN?lang=zh").text
    assert "Afrique subsaharienne" in client.get("/countries/KEN?lang=fr").text
    assert "Кения" in client.get("/members/MS-KEN?lang=ru").text
    assert "Kenia" in client.get("/members?country=KEN&lang=es").text
