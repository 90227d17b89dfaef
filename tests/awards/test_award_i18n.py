"""Every text of the awards' pages goes through gettext: in the pseudo-locale, whatever a
reader sees is a translated message (``[[…]]``) or data (the page's JSON, the roles, the
countries and members a form offers). The answers of the forms too. On SQLite only: the
database does not matter here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from award_world import N_KEN, OPEN, SCORING
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from stdgap.awards.queries import form_choices
from stdgap.i18n.locales import PSEUDO
from web_testing import ROLES, sign_in

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))
from visible_text import data_values, untranslated

JSON = {"Accept": "application/json"}


@pytest.fixture
def backend() -> str:
    return "sqlite"


def _vocabulary(world: Engine) -> set[str]:
    choices = form_choices(world)
    names: list[Any] = [ROLES, ["stdgap", "juror2", "juror3"]]
    names += [[name for _code, name in pairs] for pairs in choices.values()]
    names += [[code for code, _name in pairs] for pairs in choices.values()]
    return data_values(names)


def _left(client: TestClient, path: str, vocabulary: set[str], status: int = 200) -> list[str]:
    page = client.get(path, params={"lang": PSEUDO})
    assert page.status_code == status, path
    data = client.get(path, params={"lang": PSEUDO}, headers=JSON).json()
    return untranslated(page.text, vocabulary | data_values(data))


def test_every_text_of_the_award_pages_goes_through_gettext(
    client: TestClient, world: Engine
) -> None:
    vocabulary = _vocabulary(world)
    found: dict[str, list[str]] = {}
    for path in ("/awards", f"/awards/{SCORING}", f"/awards/{OPEN}"):
        found[path] = _left(client, path, vocabulary)
    sign_in(client, "applicant")
    for path in ("/awards/jury", f"/awards/{SCORING}/jury", f"/awards/{OPEN}/nominate?q=ken"):
        found["applicant " + path] = _left(client, path, vocabulary)
    sign_in(client, "officer")
    for path in (
        "/awards",
        f"/awards/{SCORING}",
        f"/awards/{OPEN}",
        f"/awards/{SCORING}/nominations",
        f"/awards/{SCORING}/results",
    ):
        found["officer " + path] = _left(client, path, vocabulary)
    assert {path: left for path, left in found.items() if left} == {}


def test_the_answers_of_the_forms_go_through_gettext(client: TestClient, world: Engine) -> None:
    vocabulary = _vocabulary(world)
    client.get(f"/awards?lang={PSEUDO}")  # the cookie keeps the language for the posts
    token = sign_in(client, "applicant")
    refused = client.post(
        f"/awards/{SCORING}/nominations/{N_KEN}/scores",
        data={"criterion": ["impact", "novelty"], "value": ["7", "3"], "csrf_token": token},
    )
    assert refused.status_code == 403 and "[[conflict of interest:" in refused.text
    data = client.get(f"/awards/{SCORING}/jury.json").json()
    assert untranslated(refused.text, vocabulary | data_values(data)) == []
    sent = client.post(
        f"/awards/{OPEN}/nominations",
        data={"person": "NPL-2", "statement": "Chairs a group.", "csrf_token": token},
    )
    assert sent.status_code == 200 and "[[Your nomination is received" in sent.text
    data = client.get(f"/awards/{OPEN}/nominate.json").json()
    assert untranslated(sent.text, vocabulary | data_values(data)) == []
