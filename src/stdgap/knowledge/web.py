"""The knowledge portal in the browser (every page also JSON, every form also answers JSON):
the search page with facets (links and a form of checkboxes: no JavaScript needed), an item's
page, reading lists, and the editors' forms (a new item, editing, withdrawing, attaching a
document, importing a catalogue, saving a reading list). The API is :mod:`stdgap.knowledge.api`."""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.pages import page
from stdgap.http.problems import Problem
from stdgap.http.render import respond
from stdgap.i18n.translate import _l
from stdgap.knowledge import items as catalogue
from stdgap.knowledge import lists as reading
from stdgap.knowledge import queries, search, visits
from stdgap.knowledge.api import api
from stdgap.knowledge.attachments import attach
from stdgap.knowledge.errors import KnowledgeError
from stdgap.knowledge.index import FACETS, Query
from stdgap.knowledge.items import ItemInput
from stdgap.knowledge.lists import ListInput
from stdgap.knowledge.web_common import (
    CHOICES,
    PAGE_SIZE,
    answer,
    attempt,
    editor,
    may_edit,
    page_of,
    query_of,
    read_upload,
    with_upload,
)
from stdgap.permissions import Account

__all__ = ["api", "router"]

router = APIRouter()
Short = Annotated[str, Form(max_length=500)]
Long = Annotated[str, Form(max_length=20_000)]


def _href(query: Query, facet: str | None = None, value: Any = None, page: int = 1) -> str:
    """The search page's address for ``query`` with ``value`` of ``facet`` chosen or not."""
    fields: list[tuple[str, Any]] = [("q", query.text)] if query.text else []
    for name in FACETS:
        chosen = list(query.chosen(name))
        if name == facet:
            chosen = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
        fields.extend((name, v) for v in chosen)
    if page > 1:
        fields.append(("page", page))
    return "/knowledge" + ("?" + urlencode(fields) if fields else "")


def search_data(request: Request) -> dict[str, Any]:
    query = query_of(request)
    number = page_of(request)
    found = search.search(engine_of(request), query, (number - 1) * PAGE_SIZE, PAGE_SIZE)
    for facet, values in found["facets"].items():
        chosen = query.chosen(facet)
        for entry in values:
            value = int(entry["value"]) if facet == "year" else entry["value"]
            entry["chosen"] = value in chosen
            entry["href"] = _href(query, facet, value)
    pages = max(1, math.ceil(found["total"] / PAGE_SIZE))
    if number > pages:
        raise Problem(
            404,
            _l("page %(page)s: the search has %(pages)s page(s)", page=number, pages=pages),
            "not-found",
        )
    found["page"] = number
    found["pages"] = pages
    found["previous"] = _href(query, page=number - 1) if number > 1 else None
    found["next"] = _href(query, page=number + 1) if number < pages else None
    return found


@page(router, "/knowledge")
def knowledge_page(request: Request) -> Response:
    engine = engine_of(request)
    data: dict[str, Any] = {"search": search_data(request)}
    account = current_user(request)
    if account is not None:
        since = visits.visit(engine, account.id, account.name)
        data["new"] = queries.changed_since(engine, since, NEW_SHOWN) if since else None
    data["lists"] = queries.lists(engine)
    return respond(request, "knowledge.html", data, choices=CHOICES, may_edit=may_edit(request))


#: Items shown in the search page's box of what is new (the rest on /knowledge/recent).
NEW_SHOWN = 5
#: Items listed on the page of what is new.
NEW_LISTED = 500


@page(router, "/knowledge/recent")
def recent_page(request: Request) -> Response:
    """What is new since the signed-in user's last visit (all of it, up to NEW_LISTED), or
    the latest items for a visitor not signed in (or on a first visit)."""
    engine = engine_of(request)
    account = current_user(request)
    since = visits.visit(engine, account.id, account.name) if account is not None else None
    found = queries.changed_since(engine, since, NEW_LISTED)
    return respond(request, "knowledge_recent.html", {"since": since, "new": found})


def _item_page(request: Request, item_id: str, code: int = 200, **extra: Any) -> Response:
    found = attempt(lambda: queries.item(engine_of(request), item_id))
    extra.setdefault("entry", {})
    return respond(
        request,
        "knowledge_item.html",
        {"item": found},
        code,
        choices=CHOICES,
        may_edit=may_edit(request),
        **extra,
    )


@page(router, "/knowledge/items/{item_id}")
def item_page(request: Request, item_id: str) -> Response:
    return _item_page(request, item_id)


def _form_page(request: Request, code: int = 200, **extra: Any) -> Response:
    extra.setdefault("entry", {})
    extra.setdefault("editing", None)
    return respond(request, "knowledge_form.html", {}, code, choices=CHOICES, **extra)


@page(router, "/knowledge/new")
def new_page(request: Request, account: Account = Depends(editor)) -> Response:
    return _form_page(request)


def _entry_of(fields: dict[str, Any]) -> ItemInput:
    links = {code: fields.get(f"url_{code}", "") for code in CHOICES["languages"]}
    return ItemInput(
        fields["item_id"],
        fields["title"],
        fields["type"],
        fields["number"],
        fields["summary"],
        fields["study_group"],
        fields["question"],
        fields["status"],
        fields["date"],
        list(fields["languages"]),
        fields["keywords"],
        {k: v for k, v in links.items() if v},
    )


@router.post("/knowledge/items", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def create(
    request: Request,
    item_id: Short,
    title: Short,
    type: Short,
    number: Short = "",
    summary: Long = "",
    study_group: Short = "",
    question: Short = "",
    status: Short = "in_force",
    date: Short = "",
    languages: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI reads the default
    keywords: Long = "",
    url_ar: Short = "",
    url_zh: Short = "",
    url_en: Short = "",
    url_fr: Short = "",
    url_ru: Short = "",
    url_es: Short = "",
    account: Account = Depends(editor),
) -> Response:
    fields = dict(locals())
    entry = _entry_of(fields)

    def work() -> dict[str, Any]:
        catalogue.add_item.perform(engine_of(request), account.name, entry)
        return queries.item(engine_of(request), entry.item_id.strip())

    def again(**extra: Any) -> Response:
        kept = {k: v for k, v in fields.items() if k not in ("request", "account")}
        return _form_page(request, entry=kept, **extra)

    return answer(request, work, again, status=201, then=lambda r: r["url"])


@page(router, "/knowledge/items/{item_id}/edit")
def edit_page(request: Request, item_id: str, account: Account = Depends(editor)) -> Response:
    found = attempt(lambda: queries.item(engine_of(request), item_id))
    entry = {**found, "keywords": "; ".join(found["keywords"]), "date": found["date"] or ""}
    for code, url in found["links"].items():
        entry[f"url_{code}"] = url
    return _form_page(request, entry=entry, editing=item_id)


@router.post(
    "/knowledge/items/{item_id}", include_in_schema=False, dependencies=[Depends(csrf_protect)]
)
def edit(
    request: Request,
    item_id: str,
    title: Short,
    type: Short,
    number: Short = "",
    summary: Long = "",
    study_group: Short = "",
    question: Short = "",
    status: Short = "in_force",
    date: Short = "",
    languages: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI reads the default
    keywords: Long = "",
    url_ar: Short = "",
    url_zh: Short = "",
    url_en: Short = "",
    url_fr: Short = "",
    url_ru: Short = "",
    url_es: Short = "",
    version: Short = "",
    account: Account = Depends(editor),
) -> Response:
    fields = dict(locals())
    entry = _entry_of(fields)

    def work() -> dict[str, Any]:
        if version and not version.isdigit():
            raise KnowledgeError(_l("version: %(value)r is not a version", value=version))
        catalogue.edit_item.perform(
            engine_of(request), account.name, item_id, entry, int(version) if version else None
        )
        return queries.item(engine_of(request), item_id)

    def again(**extra: Any) -> Response:
        kept = {k: v for k, v in fields.items() if k not in ("request", "account")}
        if extra.get("code") == 409:
            # the user's values kept, the current ones shown; saving again overwrites them
            current = queries.item(engine_of(request), item_id)
            kept["version"] = current["version"]
            extra["current"] = current
        return _form_page(request, entry=kept, editing=item_id, **extra)

    return answer(request, work, again, then=lambda r: r["url"])


@router.post(
    "/knowledge/items/{item_id}/withdraw",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def withdraw(
    request: Request, item_id: str, reason: Short = "", account: Account = Depends(editor)
) -> Response:
    def work() -> dict[str, Any]:
        catalogue.withdraw_item.perform(engine_of(request), account.name, item_id, reason)
        return queries.item(engine_of(request), item_id)

    def again(**extra: Any) -> Response:
        return _item_page(request, item_id, **extra)

    # done: back to the item's page (303), so that reloading it does not withdraw again
    return answer(request, work, again, then=lambda r: r["url"])


@router.post(
    "/knowledge/items/{item_id}/attachments",
    include_in_schema=False,
    dependencies=[Depends(csrf_protect)],
)
def upload(
    request: Request,
    item_id: str,
    file: Annotated[UploadFile, File()],
    account: Account = Depends(editor),
) -> Response:
    def work() -> dict[str, Any]:
        engine = engine_of(request)
        queries.item(engine, item_id)
        found = attach.perform(
            engine, account.name, item_id, file.filename or "", read_upload(file)
        )
        return {"item_id": item_id, "filename": found.filename, "characters": len(found.text)}

    def again(**extra: Any) -> Response:
        return _item_page(request, item_id, **extra)

    return answer(
        request,
        work,
        again,
        done=lambda r: _l(
            "%(file)s attached (%(count)s characters of text).",
            file=r["filename"],
            count=r["characters"],
        ),
        status=201,
    )


def _import_page(request: Request, code: int = 200, **extra: Any) -> Response:
    return respond(request, "knowledge_import.html", {}, code, **extra)


@page(router, "/knowledge/import")
def import_page(request: Request, account: Account = Depends(editor)) -> Response:
    return _import_page(request)


@router.post("/knowledge/import", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def import_file(
    request: Request,
    file: Annotated[UploadFile, File()],
    account: Account = Depends(editor),
) -> Response:
    def work() -> dict[str, int]:
        label = file.filename or "catalogue"
        return with_upload(
            file,
            lambda path: catalogue.import_file(engine_of(request), account.name, path, label),
        )

    return answer(
        request,
        work,
        lambda **extra: _import_page(request, **extra),
        done=lambda r: _l(
            "%(added)s added, %(changed)s changed, %(same)s unchanged.",
            added=r["added"],
            changed=r["changed"],
            same=r["same"],
        ),
    )


def _lists_page(request: Request, code: int = 200, **extra: Any) -> Response:
    params = request.query_params
    group = params.get("sg", "")[:20].upper() or None
    topic = params.get("topic", "")[:200] or None
    found = queries.lists(engine_of(request), group, topic)
    extra.setdefault("entry", {})
    data = {"filters": {"sg": group, "topic": topic}, "lists": found}
    return respond(request, "knowledge_lists.html", data, code, may_edit=may_edit(request), **extra)


@page(router, "/knowledge/lists")
def lists_page(request: Request) -> Response:
    return _lists_page(request)


@page(router, "/knowledge/lists/{list_id}")
def list_page(request: Request, list_id: str) -> Response:
    found = attempt(lambda: queries.reading_list(engine_of(request), list_id))
    return respond(request, "knowledge_list.html", {"list": found})


@router.post("/knowledge/lists", include_in_schema=False, dependencies=[Depends(csrf_protect)])
def save_list(
    request: Request,
    list_id: Short,
    title: Short,
    study_group: Short = "",
    topic: Short = "",
    description: Long = "",
    items: Long = "",
    account: Account = Depends(editor),
) -> Response:
    entry = ListInput(list_id.strip(), title, study_group, topic, description, items.splitlines())

    def work() -> dict[str, Any]:
        reading.save_list.perform(engine_of(request), account.name, entry)
        return queries.reading_list(engine_of(request), entry.list_id)

    def again(**extra: Any) -> Response:
        kept = {"list_id": list_id, "title": title, "study_group": study_group, "topic": topic}
        kept |= {"description": description, "items": items}
        return _lists_page(request, entry=kept, **extra)

    return answer(
        request,
        work,
        again,
        status=201,
        then=lambda r: f"/knowledge/lists/{quote(r['list_id'])}",
    )
