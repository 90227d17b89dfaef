"""The knowledge portal's REST API (``/api/v1/knowledge``): search with facets, items, their
attachments, reading lists and what is new (public reads); adding, editing, withdrawing and
importing items, attaching documents and saving reading lists (``knowledge.edit``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from stdgap.http.api import OBJECT, PAGE, Limit, Offset, paginate
from stdgap.http.auth import current_user, engine_of
from stdgap.http.csrf import csrf_protect
from stdgap.http.problems import PROBLEM_RESPONSES, Problem
from stdgap.http.render import DataResponse
from stdgap.i18n.translate import _l
from stdgap.knowledge import items as catalogue
from stdgap.knowledge import lists as reading
from stdgap.knowledge import queries, search, visits
from stdgap.knowledge.attachments import attach
from stdgap.knowledge.items import ItemInput
from stdgap.knowledge.lists import ListInput
from stdgap.knowledge.web_common import attempt, editor, query_of, read_upload, with_upload
from stdgap.permissions import Account

api = APIRouter(prefix="/api/v1/knowledge", responses=PROBLEM_RESPONSES)
ItemId = Annotated[str, Path(min_length=1, max_length=100)]
ListId = Annotated[str, Path(min_length=1, max_length=100)]


@api.get(
    "/search",
    responses=OBJECT,
    summary="Search the catalogue (q, sg, type, status, year, language)",
)
def search_items(request: Request, limit: Limit = 10, offset: Offset = 0) -> Response:
    found = search.search(engine_of(request), query_of(request), offset, min(limit, 100))
    return DataResponse(found)


class ItemIn(BaseModel):
    item_id: str = Field(min_length=1, max_length=100)
    title: str = Field(min_length=1, max_length=500)
    type: str = Field(max_length=30)
    number: str = Field("", max_length=50)
    summary: str = Field("", max_length=20_000)
    study_group: str = Field("", max_length=20)
    question: str = Field("", max_length=20)
    status: str = Field("in_force", max_length=20)
    date: str = Field("", max_length=10, description="YYYY-MM-DD")
    languages: list[Annotated[str, Field(max_length=5)]] = Field(["en"], max_length=6)
    keywords: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=50)
    links: dict[str, Annotated[str, Field(max_length=1000)]] = Field({}, max_length=6)
    version: int | None = Field(
        None,
        description="On a change: the item's version as read (its 'version'); the change is "
        "refused (409) when the item was changed since",
    )

    def entry(self) -> ItemInput:
        return ItemInput(
            self.item_id,
            self.title,
            self.type,
            self.number,
            self.summary,
            self.study_group,
            self.question,
            self.status,
            self.date,
            self.languages,
            self.keywords,
            self.links,
        )


@api.get("/items", responses=PAGE, summary="Items added or changed, the latest first")
def latest(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    found = queries.changed_since(engine_of(request), None, offset + limit)
    body = {
        "total": found["total"],
        "limit": limit,
        "offset": offset,
        "items": found["items"][offset : offset + limit],
    }
    return DataResponse(body)


@api.post(
    "/items",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Add an item",
)
def add(request: Request, body: ItemIn, account: Account = Depends(editor)) -> Response:
    engine = engine_of(request)
    attempt(lambda: catalogue.add_item.perform(engine, account.name, body.entry()))
    return DataResponse(queries.item(engine, body.item_id.strip()), status_code=201)


@api.get("/items/{item_id}", responses=OBJECT, summary="An item, its attachments and lists")
def item(request: Request, item_id: ItemId) -> Response:
    return DataResponse(attempt(lambda: queries.item(engine_of(request), item_id)))


@api.put(
    "/items/{item_id}",
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Change an item (its id stays)",
)
def change(
    request: Request, item_id: ItemId, body: ItemIn, account: Account = Depends(editor)
) -> Response:
    engine = engine_of(request)
    attempt(
        lambda: catalogue.edit_item.perform(
            engine, account.name, item_id, body.entry(), body.version
        )
    )
    return DataResponse(queries.item(engine, item_id))


class WithdrawIn(BaseModel):
    reason: str = Field("", max_length=500, description="Why (kept in the audit)")


@api.post(
    "/items/{item_id}/withdraw",
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Withdraw an item",
)
def withdraw(
    request: Request,
    item_id: ItemId,
    body: WithdrawIn | None = None,
    account: Account = Depends(editor),
) -> Response:
    engine = engine_of(request)
    reason = body.reason if body is not None else ""
    attempt(lambda: catalogue.withdraw_item.perform(engine, account.name, item_id, reason))
    return DataResponse(queries.item(engine, item_id))


@api.post(
    "/items/{item_id}/attachments",
    status_code=201,
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Attach a PDF or DOCX document",
)
def upload(
    request: Request,
    item_id: ItemId,
    file: Annotated[UploadFile, File()],
    account: Account = Depends(editor),
) -> Response:
    engine = engine_of(request)

    def work() -> dict[str, Any]:
        queries.item(engine, item_id)
        found = attach.perform(
            engine, account.name, item_id, file.filename or "", read_upload(file)
        )
        return {"item_id": item_id, "filename": found.filename, "characters": len(found.text)}

    return DataResponse(attempt(work), status_code=201)


@api.get("/items/{item_id}/attachments/{filename}", summary="The text read from an attachment")
def attachment(request: Request, item_id: ItemId, filename: str) -> Response:
    text = attempt(lambda: queries.attachment_text(engine_of(request), item_id, filename))
    return DataResponse({"item_id": item_id, "filename": filename, "text": text})


@api.post(
    "/import",
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Import a catalogue file (CSV/XLSX): all rows or none",
)
def import_file(
    request: Request, file: Annotated[UploadFile, File()], account: Account = Depends(editor)
) -> Response:
    label = file.filename or "catalogue"
    found = attempt(
        lambda: with_upload(
            file,
            lambda path: catalogue.import_file(engine_of(request), account.name, path, label),
        )
    )
    return DataResponse(found)


@api.get("/new", responses=OBJECT, summary="Items new since the signed-in user's last visit")
def new(request: Request) -> Response:
    account = current_user(request)
    if account is None:
        raise Problem(401, _l("sign in first"), "unauthorized")
    engine = engine_of(request)
    since = visits.visit(engine, account.id, account.name)
    return DataResponse(queries.changed_since(engine, since, 100))


@api.get("/lists", responses=PAGE, summary="Reading lists (sg, topic)")
def lists(
    request: Request,
    sg: str | None = None,
    topic: str | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    found = queries.lists(
        engine_of(request), (sg or "").upper()[:20] or None, (topic or "")[:200] or None
    )
    return paginate(found, limit, offset)


@api.get("/lists/{list_id}", responses=OBJECT, summary="A reading list and its items")
def reading_list(request: Request, list_id: ListId) -> Response:
    return DataResponse(attempt(lambda: queries.reading_list(engine_of(request), list_id)))


class ListIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    study_group: str = Field("", max_length=20)
    topic: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)
    items: list[Annotated[str, Field(max_length=600)]] = Field([], max_length=500)


@api.put(
    "/lists/{list_id}",
    responses=OBJECT,
    dependencies=[Depends(csrf_protect)],
    summary="Write a reading list (its items in order)",
)
def save_list(
    request: Request, list_id: ListId, body: ListIn, account: Account = Depends(editor)
) -> Response:
    engine = engine_of(request)
    entry = ListInput(
        list_id, body.title, body.study_group, body.topic, body.description, body.items
    )
    attempt(lambda: reading.save_list.perform(engine, account.name, entry))
    return DataResponse(queries.reading_list(engine, list_id))
