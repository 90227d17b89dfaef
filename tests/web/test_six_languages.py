"""Every page type in each of the six languages: answered (no template error: a translation
with a wrong placeholder would raise), ``<html lang dir>`` right (Arabic right to left), and,
once a language has its catalogue, no English message of the catalogue left in the text a
reader sees where the catalogue translates it.

The pages are those of ``test_i18n_pages`` (which renders each in the pseudo-locale) and the
first page of every capability; one store, one client per role (anonymous, admin)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from test_i18n_pages import ERRORS, PUBLIC, SIGNED_IN, _call, _ids, _with_lang
from visible_text import data_values, visible

from stdgap.demo.programmes import generate_programmes
from stdgap.http.render import NAV
from stdgap.http.settings import WebSettings
from stdgap.i18n.catalogues import po_path, read_catalogue
from stdgap.i18n.locales import language, listed
from stdgap.web.app import create_app
from web_testing import sign_in

JSON = {"Accept": "application/json"}
PLACEHOLDER_OR_TAG = re.compile(r"%\(|<")


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def admin(loaded: Engine) -> Iterator[TestClient]:
    app = create_app(engine=loaded, settings=WebSettings(secret_key="test-secret"))
    with TestClient(app) as test_client:
        sign_in(test_client, "admin")
        yield test_client


def translated_sources(code: str) -> dict[str, str]:
    """The plain messages (no placeholder, no markup) that ``code``'s catalogue translates
    into something else: English source → translation (empty without a catalogue). A source
    that is also the translation of another message (French "note" for "score") is left out:
    shown, it may be the language's own word."""
    path = po_path(language(code))
    if code == "en" or not path.is_file():
        return {}
    found: dict[str, str] = {}
    words: set[str] = set()
    for message in read_catalogue(path, language(code).babel):
        if not message.id or message.fuzzy or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        words |= {" ".join(str(text).split()) for text in strings}
        if not isinstance(message.id, str) or PLACEHOLDER_OR_TAG.search(message.id):
            continue
        if message.string != message.id and re.search(r"[^\W\d_]{3}", message.id):
            found[" ".join(message.id.split())] = str(message.string)
    return {source: text for source, text in found.items() if source not in words}


def english_left(html: str, sources: dict[str, str], data: set[str]) -> list[str]:
    """The texts of a page (a whole text node, or a shown attribute) that are an English
    source message the catalogue translates, and not the page's own data."""
    shown = visible(html)
    pieces = [" ".join(line.split()) for line in shown.text.split("\n")]
    pieces += [" ".join(a.split()) for a in shown.attributes]
    return sorted({p for p in pieces if p in sources and p not in data})


def test_english_left_finds_a_message_shown_in_english() -> None:
    html = (
        '<html lang="fr" dir="ltr"><body><h1>Countries</h1><p>Pays</p><td>Kenya</td>'
        '<input aria-label="Search"><a lang="en">English</a><td>Audit</td></body></html>'
    )
    sources = {"Countries": "Pays", "Search": "Chercher", "English": "anglais", "Audit": "Audit2"}
    assert english_left(html, sources, {"Audit"}) == ["Countries", "Search"]


def _pages(client: TestClient, admin: TestClient) -> list[tuple[TestClient, str]]:
    public = [*PUBLIC, *(n.path for n in NAV if n.permission is None)]
    signed = [p.replace("CALL", _call(admin)) for p in SIGNED_IN]
    signed += [n.path for n in NAV if n.permission is not None]
    pages = [(client, _ids(p, client)) for p in dict.fromkeys(public)]
    return pages + [(admin, _ids(p, admin)) for p in dict.fromkeys(signed)]


def test_every_page_type_in_the_six_languages(
    loaded: Engine, client: TestClient, admin: TestClient
) -> None:
    generate_programmes(loaded, 7, "test")
    pages = _pages(client, admin)
    data = {
        (id(who), page): data_values(who.get(page, headers=JSON).json())
        for who, page in pages
        if "/login" not in page
    }
    groups = client.get("/api/v1/groups", params={"limit": 100_000}).json()["items"]
    codes = {g["code"] for g in groups}  # TSAG, SG5: codes, shown as they are
    wrong: dict[str, list[str]] = {}
    for found in listed():
        sources = translated_sources(found.code)
        for who, page in pages:
            response = who.get(_with_lang(page, found.code))
            key = f"{found.code} {page}"
            if response.status_code != ERRORS.get(page, 200):
                wrong[key] = [f"status {response.status_code}"]
                continue
            shown = visible(response.text)
            if (shown.html_lang, shown.html_dir) != (found.code, found.direction):
                wrong[key] = [f"<html lang={shown.html_lang} dir={shown.html_dir}>"]
            left = english_left(response.text, sources, data.get((id(who), page), set()) | codes)
            if left:
                wrong.setdefault(key, []).extend(left)
    assert not wrong, "\n".join(f"{key}: {found}" for key, found in wrong.items())
    assert language("ar").direction == "rtl" and len(listed()) == 6
