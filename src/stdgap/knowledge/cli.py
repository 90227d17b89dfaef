"""``stdgap knowledge …``: the catalogue (import, add, edit, withdraw, attach, show), search
with facets, reading lists, and making the search terms again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from stdgap.console.common import (
    DbOption,
    actor,
    console,
    data_table,
    err_console,
    fail,
    fail_rows,
    store,
)
from stdgap.knowledge import index, items, lists, queries
from stdgap.knowledge import search as searching
from stdgap.knowledge.attachments import attach as attach_file
from stdgap.knowledge.errors import KnowledgeError
from stdgap.knowledge.index import Query
from stdgap.knowledge.items import ItemInput
from stdgap.knowledge.lists import ListInput
from stdgap.tabular.errors import ImportFailed, InputError

app = typer.Typer(
    add_completion=False,
    help="The knowledge portal: catalogue, search, reading lists (C12).",
    no_args_is_help=True,
)
lists_app = typer.Typer(add_completion=False, help="Reading lists.", no_args_is_help=True)
app.add_typer(lists_app, name="lists")
ItemArg = Annotated[str, typer.Argument(help="The item's id, e.g. 'ITU-T Y.3172'.")]
FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]
#: The former spelling of ``--format json`` (kept, not shown).
JsonOption = Annotated[bool, typer.Option("--json", hidden=True, help="Print JSON.")]


def _wants_json(output_format: str, as_json: bool) -> bool:
    if output_format not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")
    return as_json or output_format == "json"


@contextmanager
def knowledge_errors() -> Iterator[None]:
    """Refusals as one line and exit status 2 (a file's errors one a line)."""
    try:
        yield
    except ImportFailed as failure:
        fail_rows(failure)
    except KnowledgeError as error:
        fail(str(error.message))
    except InputError as error:
        fail(str(error))


def _dump(data: Any) -> None:
    console.print_json(json.dumps(data, default=str, ensure_ascii=False))


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A catalogue file (.csv or .xlsx).")],
    db: DbOption = None,
) -> None:
    """Import a catalogue: columns item_id, number, title, summary, type, study_group,
    question, status, date, languages, keywords, url_ar, url_zh, url_en, url_fr, url_ru,
    url_es (at most 20,000 rows). All rows or none; the same
    file again changes nothing."""
    engine = store(ctx, db)
    with knowledge_errors():
        counts = items.import_file(engine, actor(), file)
    console.print(
        f"{file}: {counts['added']} added, {counts['changed']} changed, {counts['same']} unchanged"
    )


@app.command("search")
def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to look for (none: the newest items).")] = "",
    sg: Annotated[
        list[str] | None, typer.Option("--sg", help="A study group (repeatable).")
    ] = None,
    type: Annotated[list[str] | None, typer.Option("--type", help="A type (repeatable).")] = None,
    status: Annotated[list[str] | None, typer.Option("--status", help="A status.")] = None,
    year: Annotated[list[int] | None, typer.Option("--year", help="A year (repeatable).")] = None,
    language: Annotated[
        list[str] | None, typer.Option("--language", help="ar, zh, en, fr, ru or es.")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many results.", min=1, max=100)] = 10,
    output_format: FormatOption = "table",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Search the catalogue (stemming in English and French, typo tolerance, facets)."""
    engine = store(ctx, db)
    wanted = Query(
        query,
        tuple(sg or ()),
        tuple(type or ()),
        tuple(status or ()),
        tuple(year or ()),
        tuple(language or ()),
    )
    found = searching.search(engine, wanted, 0, limit)
    if _wants_json(output_format, as_json):
        _dump(found)
        return
    for word, near in found["corrections"].items():
        console.print(f"'{word}': also looked for {', '.join(near)}", highlight=False)
    table = data_table("item", "title", "type", "SG", "status", "date", "score")
    for r in found["results"]:
        table.add_row(
            r["item_id"],
            r["title"],
            r["type"],
            r["study_group"] or "",
            r["status"],
            str(r["date"] or ""),
            f"{r['score']:.3f}",
        )
    console.print(table)
    facets = "; ".join(
        f"{facet}: " + ", ".join(f"{v['value']} ({v['count']})" for v in values)
        for facet, values in found["facets"].items()
        if values
    )
    console.print(f"{found['total']} found. {facets}", highlight=False)


@app.command("show")
def show_command(
    ctx: typer.Context,
    item_id: ItemArg,
    output_format: FormatOption = "table",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """An item with its attachments and the reading lists it is on."""
    engine = store(ctx, db)
    with knowledge_errors():
        found = queries.item(engine, item_id)
    if _wants_json(output_format, as_json):
        _dump(found)
        return
    table = data_table("field", "value", title=found["item_id"])
    for key in (
        "number",
        "title",
        "type",
        "study_group",
        "question",
        "status",
        "date",
        "languages",
        "keywords",
        "links",
        "summary",
    ):
        value = found[key]
        if isinstance(value, list):
            value = ", ".join(value)
        elif isinstance(value, dict):
            value = "\n".join(f"{k}: {v}" for k, v in value.items())
        table.add_row(key, "" if value is None else str(value))
    for attachment in found["attachments"]:
        table.add_row(
            "attachment", f"{attachment['filename']} ({attachment['characters']} characters)"
        )
    for entry in found["lists"]:
        table.add_row("reading list", f"{entry['list_id']}: {entry['title']}")
    console.print(table)


def _input(
    item_id: str,
    title: str,
    type: str,
    number: str,
    summary: str,
    sg: str,
    question: str,
    status: str,
    date: str,
    languages: str,
    keywords: str,
    url: list[str] | None,
) -> ItemInput:
    links = {}
    for text in url or []:
        code, sep, address = text.partition("=")
        if not sep:
            fail(f"--url: {text!r} is not LANG=URL")
        links[code.strip().lower()] = address.strip()
    return ItemInput(
        item_id,
        title,
        type,
        number,
        summary,
        sg,
        question,
        status,
        date,
        languages,
        keywords,
        links,
    )


TitleOpt = Annotated[str, typer.Option("--title", help="The title.")]
TypeOpt = Annotated[
    str, typer.Option("--type", help="recommendation, supplement, technical_paper, …")
]
NumberOpt = Annotated[str, typer.Option("--number", help="The number, e.g. Y.3172.")]
SummaryOpt = Annotated[str, typer.Option("--summary", help="What it is about.")]
SgOpt = Annotated[str, typer.Option("--sg", help="The study group, e.g. SG13.")]
QuestionOpt = Annotated[str, typer.Option("--question", help="The Question, e.g. Q20/13.")]
StatusOpt = Annotated[str, typer.Option("--status", help="in_force, superseded, withdrawn, draft.")]
DateOpt = Annotated[str, typer.Option("--date", help="YYYY-MM-DD.")]
LanguagesOpt = Annotated[str, typer.Option("--languages", help="e.g. 'en, fr'.")]
KeywordsOpt = Annotated[str, typer.Option("--keywords", help="e.g. 'machine learning; 5G'.")]
UrlOpt = Annotated[list[str] | None, typer.Option("--url", help="LANG=URL (repeatable).")]


@app.command("add")
def add_command(
    ctx: typer.Context,
    item_id: ItemArg,
    title: TitleOpt,
    type: TypeOpt,
    number: NumberOpt = "",
    summary: SummaryOpt = "",
    sg: SgOpt = "",
    question: QuestionOpt = "",
    status: StatusOpt = "in_force",
    date: DateOpt = "",
    languages: LanguagesOpt = "en",
    keywords: KeywordsOpt = "",
    url: UrlOpt = None,
    db: DbOption = None,
) -> None:
    """Add an item to the catalogue."""
    engine = store(ctx, db)
    entry = _input(
        item_id, title, type, number, summary, sg, question, status, date, languages, keywords, url
    )
    with knowledge_errors():
        items.add_item.perform(engine, actor(), entry)
    console.print(f"{item_id}: added")


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    item_id: ItemArg,
    title: Annotated[str | None, typer.Option("--title", help="The new title.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="The new type.")] = None,
    number: Annotated[str | None, typer.Option("--number", help="The new number.")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="The new summary.")] = None,
    sg: Annotated[str | None, typer.Option("--sg", help="The new study group.")] = None,
    question: Annotated[str | None, typer.Option("--question", help="The new Question.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="The new status.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="The new date (YYYY-MM-DD).")] = None,
    languages: Annotated[
        str | None, typer.Option("--languages", help="The new languages, e.g. 'en, fr'.")
    ] = None,
    keywords: Annotated[
        str | None, typer.Option("--keywords", help="The new keywords, e.g. 'a; b'.")
    ] = None,
    url: UrlOpt = None,
    db: DbOption = None,
) -> None:
    """Change some of an item's values (the others stay)."""
    engine = store(ctx, db)
    with knowledge_errors():
        now = queries.item(engine, item_id)
        links = dict(now["links"])
        links.update(_input(item_id, "", "", "", "", "", "", "", "", "", "", url).links)
        entry = ItemInput(
            item_id,
            title if title is not None else now["title"],
            type if type is not None else now["type"],
            number if number is not None else now["number"] or "",
            summary if summary is not None else now["summary"] or "",
            sg if sg is not None else now["study_group"] or "",
            question if question is not None else now["question"] or "",
            status if status is not None else now["status"],
            date if date is not None else str(now["date"] or ""),
            languages if languages is not None else now["languages"],
            keywords if keywords is not None else now["keywords"],
            links,
        )
        outcome = items.edit_item.perform(engine, actor(), item_id, entry)
    console.print(f"{item_id}: {outcome}")


@app.command("withdraw")
def withdraw_command(
    ctx: typer.Context,
    item_id: ItemArg,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit).")] = "",
    db: DbOption = None,
) -> None:
    """Mark an item withdrawn (it stays in the catalogue)."""
    engine = store(ctx, db)
    with knowledge_errors():
        items.withdraw_item.perform(engine, actor(), item_id, reason)
    console.print(f"{item_id}: withdrawn")


@app.command("attach")
def attach_command(
    ctx: typer.Context,
    item_id: ItemArg,
    file: Annotated[Path, typer.Argument(help="A .pdf or .docx document.")],
    db: DbOption = None,
) -> None:
    """Attach a document to an item; its text is read and searched with the item."""
    engine = store(ctx, db)
    try:
        data = file.read_bytes()
    except OSError as error:
        fail(f"{file}: {error.strerror or error}")
    with knowledge_errors():
        found = attach_file.perform(engine, actor(), item_id, file.name, data)
    console.print(f"{item_id}: {found.filename} attached, {len(found.text)} characters of text")


@app.command("reindex")
def reindex_command(ctx: typer.Context, db: DbOption = None) -> None:
    """Make every item's search terms again and rebuild this process's index."""
    engine = store(ctx, db)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("search terms", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = items.reindex.perform(engine, actor(), advance)
        progress.update(task, description="index")
        built = index.build(engine)
    console.print(f"{count} items analysed; index of {built.size} items, {len(built.terms)} terms")


@lists_app.command("show")
def lists_show(
    ctx: typer.Context,
    list_id: Annotated[str | None, typer.Argument(help="A list's id (none: all lists).")] = None,
    sg: Annotated[str | None, typer.Option("--sg", help="The new study group.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only lists of this topic.")] = None,
    output_format: FormatOption = "table",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The reading lists (of a group, of a topic), or one list's items."""
    engine = store(ctx, db)
    with knowledge_errors():
        if list_id:
            found: Any = queries.reading_list(engine, list_id)
        else:
            found = queries.lists(engine, sg, topic)
    if _wants_json(output_format, as_json):
        _dump(found)
        return
    if list_id:
        table = data_table("#", "item", "title", "note", title=found["title"])
        for n, entry in enumerate(found["items"], start=1):
            table.add_row(str(n), entry["item_id"], entry["title"], entry["note"] or "")
    else:
        table = data_table("list", "title", "SG", "topic", "items")
        for entry in found:
            table.add_row(
                entry["list_id"],
                entry["title"],
                entry["study_group"] or "",
                entry["topic"] or "",
                str(entry["items"]),
            )
    console.print(table)


@lists_app.command("save")
def lists_save(
    ctx: typer.Context,
    list_id: Annotated[str, typer.Argument(help="The list's id (lower case, digits, -).")],
    title: TitleOpt,
    item: Annotated[list[str], typer.Option("--item", help="An item id, 'ID | note' (in order).")],
    sg: SgOpt = "",
    topic: Annotated[str, typer.Option("--topic", help="The topic.")] = "",
    description: Annotated[str, typer.Option("--description", help="What the list is for.")] = "",
    db: DbOption = None,
) -> None:
    """Write a reading list (its items replaced by those given, in order)."""
    engine = store(ctx, db)
    with knowledge_errors():
        lists.save_list.perform(
            engine, actor(), ListInput(list_id, title, sg, topic, description, item)
        )
    console.print(f"{list_id}: {len(item)} items")
