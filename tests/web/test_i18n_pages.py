"""Every page in every language: in the pseudo-locale every text a reader sees is a translated
message (``[[…]]``) or data, so nothing bypasses gettext; in Arabic every page is marked
``lang="ar" dir="rtl"``; the language comes from ``?lang=``, then the cookie, then
``Accept-Language``.

These tests do not depend on the database: they run on SQLite only.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from babel import Locale
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from visible_text import data_values, untranslated, visible

from stdgap.demo.programmes import generate_programmes
from stdgap.i18n.locales import PSEUDO
from stdgap.i18n.negotiate import COOKIE
from stdgap.indicators.catalogue import DIMENSIONS, DOMAINS
from stdgap.ingest.kinds import KINDS
from stdgap.notifications.models import STATUSES as OUTBOX_STATUSES
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.registry.filters import MEETING_KINDS, MEMBER_TYPES
from stdgap.reports.web import FORMATS
from stdgap.resolutions.models import STATUSES
from web_testing import ROLES, sign_in

PUBLIC = [
    "/",
    "/indicators",
    "/indicators?by=year,region&indicator=participants,remote_share",
    "/countries",
    "/countries/KEN",
    "/groups",
    "/groups/SG5",
    "/groups/SG3RG-AFR",
    "/resolutions",
    "/resolutions?verb=instructs",
    "/resolutions/44",
    "/resolutions/actions",
    "/reports",
    "/fellowships",
    "/meetings?year=2023",
    "/meetings/MEETING",
    "/members?country=KEN",
    "/members/MS-KEN",
    "/login",
    "/countries/XYZ",  # the error page
    "/indicators?by=colour",  # the explorer with its error
]
SIGNED_IN = [
    "/imports",
    "/audit",
    "/users",
    "/users/analyst",
    "/account",
    "/fellowships/CALL",
    "/meetings/MEETING",
    "/people?year=2023",
    "/people/PERSON",
    "/notifications",
    "/fellowships/CALL/apply",
    "/fellowships/new",
    "/fellowships/mine",
    "/fellowships/followup",
    "/resolutions/44",
    "/login",
    "/",
]
ERRORS = {"/countries/XYZ": 404, "/indicators?by=colour": 422}
JSON = {"Accept": "application/json"}
#: Names that are never translated, shown by every page.
NAMES = {"stdgap"}


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def programmes(loaded: Engine) -> None:
    """Fellowship calls with their applications and decisions (the demo's programmes)."""
    generate_programmes(loaded, 7, "test")


def _call(client: TestClient) -> str:
    call_id: str = client.get("/api/v1/fellowships/calls").json()["items"][0]["call_id"]
    return call_id


def _ids(page: str, client: TestClient) -> str:
    """``page`` with a meeting and a person of the store for MEETING and PERSON."""
    if "MEETING" in page:
        meetings = client.get("/api/v1/meetings", params={"limit": 1}).json()["items"]
        page = page.replace("MEETING", meetings[0]["meeting_id"])
    if "PERSON" in page:
        people = client.get("/api/v1/people", params={"limit": 1}).json()["items"]
        page = page.replace("PERSON", people[0]["person_id"])
    return page


def _vocabulary(client: TestClient) -> set[str]:
    """Data every page may show besides its own: codes of dimensions, their values, the
    statuses, kinds of file, report formats, roles, group codes, verbs and addressees."""
    clauses = client.get("/api/v1/clauses", params={"limit": 100_000}).json()["items"]
    groups = client.get("/api/v1/groups", params={"limit": 100_000}).json()["items"]
    codes: list[Any] = [DIMENSIONS, list(DOMAINS.values()), STATUSES, KINDS, list(FORMATS)]
    codes += [ITU_REGIONS, ROLES, [g["code"] for g in groups], NAMES]
    codes += [MEETING_KINDS, MEMBER_TYPES, OUTBOX_STATUSES]
    codes += [[c["verb"], c["addressee"], c["addressee_codes"]] for c in clauses]
    codes += [list(Locale.parse("en").territories.values())]  # country names are data
    return data_values(codes)


def _with_lang(page: str, lang: str) -> str:
    return page + ("&" if "?" in page else "?") + f"lang={lang}"


def _check(client: TestClient, page: str, vocabulary: set[str]) -> list[str]:
    """What ``page`` shows in the pseudo-locale that is neither a message nor data."""
    html = client.get(_with_lang(page, PSEUDO))
    assert html.status_code == ERRORS.get(page, 200), page
    assert html.headers["content-type"].startswith("text/html"), page
    assert visible(html.text).html_lang == PSEUDO
    data = client.get(_with_lang(page, PSEUDO), headers=JSON).json()
    return untranslated(html.text, data_values(data) | vocabulary)


@pytest.mark.usefixtures("programmes")
@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "admin"])
def test_every_text_of_every_page_goes_through_gettext(client: TestClient, signed_in: bool) -> None:
    vocabulary = _vocabulary(client)
    pages = PUBLIC
    if signed_in:
        sign_in(client, "admin")
        pages = [page.replace("CALL", _call(client)) for page in SIGNED_IN]
    pages = [_ids(page, client) for page in pages]
    found = {page: _check(client, page, vocabulary) for page in pages}
    assert {page: left for page, left in found.items() if left} == {}


@pytest.mark.usefixtures("programmes")
def test_the_texts_of_forms_go_through_gettext(client: TestClient) -> None:
    """What the forms answer: a failed sign-in, a failed import, an allocation's dry run."""
    vocabulary = _vocabulary(client)
    client.get(f"/?lang={PSEUDO}")  # the cookie keeps the language for the posts
    anonymous = client.get("/api/v1/session").json()["csrf_token"]
    failed = {"csrf_token": anonymous, "name": "admin", "password": "wrong"}
    page = client.post("/login", data=failed)
    assert page.status_code == 401 and untranslated(page.text, vocabulary) == []
    token = sign_in(client, "admin")
    bad = [("files", ("members.csv", b"member_id,name,type,country\nX,Y,emperor,KEN\n"))]
    page = client.post("/imports", data={"csrf_token": token}, files=bad)
    data = client.post("/imports", data={"csrf_token": token}, files=bad, headers=JSON).json()
    assert page.status_code == 422
    assert untranslated(page.text, vocabulary | data_values(data)) == []
    call = _call(client)
    page = client.post(f"/fellowships/{call}/allocation", data={"csrf_token": token})
    data = client.post(
        f"/fellowships/{call}/allocation", data={"csrf_token": token}, headers=JSON
    ).json()
    shown = client.get(f"/fellowships/{call}.json").json()
    assert page.status_code == 200 and "[[Dry run: nothing stored]]" in page.text
    assert untranslated(page.text, vocabulary | data_values([data, shown])) == []


def test_the_pseudo_locale_check_finds_text_that_bypasses_gettext() -> None:
    page = (
        '<html lang="en-XA"><body><h1>[[Countries]]</h1><p>Not marked</p>'
        '<td title="plain tooltip">Kenya</td><a lang="fr">Français</a>'
        "<p>[[Versions: [[WTSA-24]].]] 44</p></body></html>"
    )
    assert untranslated(page, {"Kenya"}) == ["Not marked", "(attribute) plain tooltip"]


@pytest.mark.parametrize("page", [*PUBLIC, "/imports", "/audit"])
def test_every_page_is_right_to_left_in_arabic(client: TestClient, page: str) -> None:
    if page in ("/imports", "/audit"):
        sign_in(client, "admin")
    page = _ids(page, client)
    response = client.get(_with_lang(page, "ar"))
    shown = visible(response.text)
    assert (shown.html_lang, shown.html_dir) == ("ar", "rtl"), page
    assert response.headers["content-language"] == "ar"
    english = client.get(_with_lang(page, "en"))
    assert (visible(english.text).html_lang, visible(english.text).html_dir) == ("en", "ltr")


def test_the_language_comes_from_the_query_then_the_cookie_then_the_browser(
    client: TestClient,
) -> None:
    def lang(response: Any) -> str | None:
        return visible(response.text).html_lang

    assert lang(client.get("/reports")) == "en"
    assert lang(client.get("/reports", headers={"Accept-Language": "fr-CH, en;q=0.5"})) == "fr"
    assert lang(client.get("/reports", headers={"Accept-Language": "de, xx"})) == "en"
    chosen = client.get("/reports?lang=ru", headers={"Accept-Language": "fr"})
    assert lang(chosen) == "ru" and client.cookies.get(COOKIE) == "ru"
    assert f"{COOKIE}=ru" in chosen.headers["set-cookie"]
    assert "HttpOnly" in chosen.headers["set-cookie"]
    assert lang(client.get("/reports", headers={"Accept-Language": "fr"})) == "ru"
    assert lang(client.get("/reports?lang=xx", headers={"Accept-Language": "es"})) == "ru"
    again = client.get("/reports?lang=ru")
    assert "set-cookie" not in again.headers  # already kept
    client.cookies.delete(COOKIE)
    assert lang(client.get("/reports?lang=xx", headers={"Accept-Language": "es"})) == "es"
    assert lang(client.get("/reports?lang=klingon")) == "en"
    assert COOKIE not in client.cookies
    # ?lang= is no question to the explorer: it still opens on its default one
    asked = client.get("/indicators.json?lang=fr").json()["query"]
    assert asked == client.get("/indicators.json").json()["query"]
    assert asked["indicators"] == ["participants", "developing_participant_share"]


def test_the_switch_is_on_every_page_with_the_six_languages(client: TestClient) -> None:
    """Each language named in itself (``lang=``), linking to this page and its query with
    ``lang=CODE``; the current one marked; the choice kept in the cookie."""
    for page in ("/countries?region=Africa", "/login", "/countries/XYZ"):
        html = client.get(page).text
        switch = html[html.index('<nav class="languages"') :]
        switch = switch[: switch.index("</nav>")]
        links = re.findall(r'<a href="([^"]+)" lang="([^"]+)"[^>]*>([^<]+)</a>', switch)
        path, _, query = page.partition("?")
        prefix = path + "?" + (query.replace("&", "&amp;") + "&amp;" if query else "")
        assert [(href, lang) for href, lang, _ in links] == [
            (f"{prefix}lang={code}", code) for code in ("ar", "zh", "en", "fr", "ru", "es")
        ], page
        assert [name for *_, name in links] == [
            "العربية",
            "中文",
            "English",
            "Français",
            "Русский",
            "Español",
        ]
        assert switch.count("aria-current") == 1
        assert 'lang="en" hreflang="en" dir="ltr" aria-current="true"' in switch
        assert 'hreflang="ar" dir="rtl"' in switch
    assert f"lang={PSEUDO}" not in client.get("/countries").text  # for tests, never listed
    chosen = client.get("/countries?region=Africa&lang=ar")
    assert client.cookies.get(COOKIE) == "ar"
    assert 'lang="ar" hreflang="ar" dir="rtl" aria-current="true"' in chosen.text
    again = client.get("/groups").text  # remembered
    assert visible(again).html_lang == "ar"
    assert 'href="/groups?lang=fr"' in again


def test_messages_and_figures_follow_the_language(client: TestClient) -> None:
    problem = client.get(f"/api/v1/countries/XYZ?lang={PSEUDO}").json()
    assert problem["detail"] == "[[no country with the ISO 3166-1 alpha-3 code 'XYZ']]"
    assert problem["title"] == "Not Found"  # the API's titles stay the status's phrase
    client.cookies.clear()  # ?lang= was kept in the cookie
    english = client.get("/api/v1/countries/XYZ").json()["detail"]
    assert english == "no country with the ISO 3166-1 alpha-3 code 'XYZ'"
    page = client.get(f"/countries/XYZ?lang={PSEUDO}").text
    assert "[[Not Found]]" in page
    explorer = "/indicators?indicator=participants,women_share&by=year"
    english_page = client.get(explorer + "&lang=en").text
    french_page = client.get(explorer + "&lang=fr").text
    cells = client.get("/indicators.json?indicator=women_share&by=year").json()["cells"]
    share = next(c["value"] for c in cells if c["value"] is not None)
    assert f"{100 * share:.1f} %" in english_page
    assert f"{100 * share:.1f}".replace(".", ",") + "\u00a0%" in french_page
