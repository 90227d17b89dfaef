"""``stdgap meetings …``, ``stdgap members …``, ``stdgap people …``: the lists, with filters, a
page at a time, as a table, JSON or CSV; and one item with everything the store knows of it.

The command line reads the store directly, as its owner: ``people`` shows persons (with
``--personal``, their gender and birth year too), which the web application shows only to the
roles that may see them.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, console, data_table, fail, store
from stdgap.console.records import (
    FormatOption,
    ShowFormatOption,
    check_format,
    emit_fields,
    emit_rows,
    print_json,
    text_of,
)
from stdgap.registry.filters import MEETING_KINDS, MEMBER_TYPES, FilterError, Filters

meetings_app = typer.Typer(
    add_completion=False, help="Meetings: list them, show one.", no_args_is_help=True
)
members_app = typer.Typer(
    add_completion=False, help="Members: list them, show one.", no_args_is_help=True
)
people_app = typer.Typer(
    add_completion=False, help="People (persons): list them, show one.", no_args_is_help=True
)


def _opt(help: str) -> Any:
    return typer.Option(help=help, show_default=False)


Year = Annotated[str | None, _opt("Held that year (meetings); attended a meeting that year")]
Group = Annotated[str | None, _opt("Of that group, e.g. SG5 (meetings); attended one of its")]
Country = Annotated[
    str | None, _opt("ISO alpha-3: host (meetings), country (members), nationality")
]
Kind = Annotated[str | None, _opt(f"Meeting kind: {', '.join(MEETING_KINDS)}")]
MemberType = Annotated[
    str | None, _opt(f"Member type (people: of the affiliation): {', '.join(MEMBER_TYPES)}")
]
MemberOf = Annotated[str | None, _opt("A member's id: meetings it attended; people affiliated")]
Search = Annotated[str | None, _opt("A piece of the id, name (members) or city (meetings)")]
Limit = Annotated[int, typer.Option(min=1, max=1_000_000, help="Items to show")]
Offset = Annotated[int, typer.Option(min=0, help="Items to skip")]
Personal = Annotated[
    bool, typer.Option("--personal", help="Gender and birth year as well (personal data)")
]


def _filters(**given: str | None) -> Filters:
    try:
        return Filters.of(**given)
    except FilterError as error:
        fail(str(error))


def _show(title: str, found: dict[str, Any] | None, chosen: str, what: str) -> None:
    if found is None:
        fail(f"no {what}")
    if chosen == "json":
        print_json(found)
        return
    fields = {k: v for k, v in found.items() if not isinstance(v, list)}
    emit_fields(title, fields)
    for name, rows in found.items():
        if isinstance(rows, list) and rows and isinstance(rows[0], dict):
            table = data_table(*rows[0], title=name.replace("_", " "))
            for row in rows:
                table.add_row(*(text_of(value) for value in row.values()))
            console.print(table)


@meetings_app.command("list")
def meetings_list(
    ctx: typer.Context,
    year: Year = None,
    group: Group = None,
    country: Country = None,
    kind: Kind = None,
    member: MemberOf = None,
    search: Search = None,
    limit: Limit = 100,
    offset: Offset = 0,
    output_format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Meetings, the latest first: group, dates, place, format, participants, members present,
    contributions (public record)."""
    from stdgap.registry.meetings import list_meetings

    check_format(output_format)
    filters = _filters(
        year=year, group=group, country=country, kind=kind, member=member, search=search
    )
    total, rows = list_meetings(store(ctx, db), filters, limit, offset)
    columns = ["meeting_id", "group", "start", "end", "kind", "city", "host_country", "format"]
    columns += ["participants", "members", "contributions"]
    emit_rows(rows, columns, output_format, "Meetings", total, offset)


@meetings_app.command("show")
def meetings_show(
    ctx: typer.Context,
    meeting_id: Annotated[str, typer.Argument(help="The meeting's id")],
    output_format: ShowFormatOption = "table",
    db: DbOption = None,
) -> None:
    """A meeting: its facts, the members present, its contributions and who attended."""
    from stdgap.registry.meetings import meeting

    check_format(output_format, ("table", "json"))
    found = meeting(store(ctx, db), meeting_id, persons=True)
    _show(meeting_id, found, output_format, f"meeting {meeting_id!r}")


@members_app.command("list")
def members_list(
    ctx: typer.Context,
    year: Year = None,
    group: Group = None,
    country: Country = None,
    member_type: MemberType = None,
    search: Search = None,
    limit: Limit = 100,
    offset: Offset = 0,
    output_format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Members by country and name: type, SME, parent, meetings attended, participants,
    contributions (public record)."""
    from stdgap.registry.members import list_members

    check_format(output_format)
    filters = _filters(
        year=year, group=group, country=country, member_type=member_type, search=search
    )
    total, rows = list_members(store(ctx, db), filters, limit, offset)
    columns = ["member_id", "name", "type", "country", "sme", "parent"]
    columns += ["meetings", "participants", "contributions"]
    emit_rows(rows, columns, output_format, "Members", total, offset)


@members_app.command("show")
def members_show(
    ctx: typer.Context,
    member_id: Annotated[str, typer.Argument(help="The member's id")],
    output_format: ShowFormatOption = "table",
    db: DbOption = None,
) -> None:
    """A member: its facts, activity by year, meetings, contributions, positions, people."""
    from stdgap.registry.members import member

    check_format(output_format, ("table", "json"))
    found = member(store(ctx, db), member_id, persons=True)
    _show(member_id, found, output_format, f"member {member_id!r}")


@people_app.command("list")
def people_list(
    ctx: typer.Context,
    year: Year = None,
    group: Group = None,
    country: Country = None,
    member_type: MemberType = None,
    member: MemberOf = None,
    search: Search = None,
    personal: Personal = False,
    limit: Limit = 100,
    offset: Offset = 0,
    output_format: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """People by id: nationality, affiliation, meetings attended, positions held."""
    from stdgap.registry.people import list_people

    check_format(output_format)
    filters = _filters(
        year=year,
        group=group,
        country=country,
        member_type=member_type,
        member=member,
        search=search,
    )
    total, rows = list_people(store(ctx, db), filters, limit, offset, personal)
    columns = ["person_id", "country", "member_id", "member_name"]
    columns += ["gender", "birth_year"] if personal else []
    columns += ["meetings", "roles"]
    emit_rows(rows, columns, output_format, "People", total, offset)


@people_app.command("show")
def people_show(
    ctx: typer.Context,
    person_id: Annotated[str, typer.Argument(help="The person's id")],
    personal: Personal = False,
    output_format: ShowFormatOption = "table",
    db: DbOption = None,
) -> None:
    """A person: nationality, affiliation, meetings attended, their delegations'
    contributions there, positions held."""
    from stdgap.registry.people import person

    check_format(output_format, ("table", "json"))
    found = person(store(ctx, db), person_id, personal)
    _show(person_id, found, output_format, f"person {person_id!r}")
