"""``stdgap fund …``: the BSG fund's donors and earmarks, pledges, receipts, reservations,
spending, reversals and approvals, balances, the ledger, the statement and the rules."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from stdgap.console.common import DbOption, actor, console, print_rows, store
from stdgap.fund import ledger, queries, statement
from stdgap.fund.rules import BOOK, RULE_SET
from stdgap.programmes.cli import programme_errors

app = typer.Typer(
    add_completion=False,
    help="The BSG fund: donors, pledges, receipts, spending, statements (C14).",
    no_args_is_help=True,
)
rules_app = typer.Typer(
    add_completion=False, help="The fund's rules: currency, approval, principles."
)
app.add_typer(rules_app, name="rules")

EarmarkArg = Annotated[str, typer.Argument(help="The earmark's key, e.g. fellowships-africa.")]
DonorArg = Annotated[str, typer.Argument(help="The donor's name.")]
AmountArg = Annotated[str, typer.Argument(help="The amount, a decimal (e.g. 12500.50).")]
CurrencyOption = Annotated[str | None, typer.Option(help="ISO 4217 code (default: the fund's).")]
RateOption = Annotated[
    str | None, typer.Option(help="Units of the fund's currency per unit of --currency.")
]
DayOption = Annotated[str | None, typer.Option(help="The value date, YYYY-MM-DD (default today).")]
NoteOption = Annotated[str | None, typer.Option(help="A note kept with the transaction.")]
FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _json(value: Any) -> None:
    typer.echo(json.dumps(value, default=str, ensure_ascii=False, indent=1))


@app.command("donors")
def donors(
    ctx: typer.Context,
    add: Annotated[str | None, typer.Option(help="Add a donor of this name.")] = None,
    kind: Annotated[str, typer.Option(help="member_state, sector_member or other.")] = "other",
    member: Annotated[str | None, typer.Option(help="The registry member it is (its id).")] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List the donors with what they pledged and gave (or add one: --add NAME)."""
    engine = store(ctx, db)
    if add:
        with programme_errors():
            ledger.add_donor.perform(engine, actor(), add, kind, member)
        console.print(f"donor {add} added")
        return
    found = queries.donor_reports(engine)
    if fmt == "json":
        _json([asdict(d) for d in found])
        return
    print_rows(
        "Donors",
        ["donor", "kind", "member", "pledged", "received", "share spent"],
        [
            [d.name, d.kind, d.member or "", str(d.pledged), str(d.received), str(d.share_spent)]
            for d in found
        ],
    )


@app.command("earmark")
def earmark(
    ctx: typer.Context,
    key: EarmarkArg,
    programme: Annotated[
        str, typer.Option(help="fellowships, events, interpretation, mentorship or general.")
    ],
    region: Annotated[str | None, typer.Option(help="An ITU region, e.g. Africa.")] = None,
    title: Annotated[str | None, typer.Option(help="A title to show.")] = None,
    db: DbOption = None,
) -> None:
    """Add an earmark: money given for a programme and/or an ITU region."""
    with programme_errors():
        ledger.add_earmark.perform(store(ctx, db), actor(), key, programme, region, title)
    console.print(f"earmark {key} added")


@app.command("pledge")
def pledge(
    ctx: typer.Context,
    donor: DonorArg,
    earmark: EarmarkArg,
    amount: AmountArg,
    currency: CurrencyOption = None,
    rate: RateOption = None,
    day: DayOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Record a donor's pledge to an earmark."""
    with programme_errors():
        number = ledger.pledge.perform(
            store(ctx, db), actor(), donor, earmark, amount, currency, rate, _day(day), note
        )
    console.print(f"pledge {number} recorded")


@app.command("receive")
def receive(
    ctx: typer.Context,
    donor: DonorArg,
    earmark: EarmarkArg,
    amount: AmountArg,
    currency: CurrencyOption = None,
    rate: RateOption = None,
    day: DayOption = None,
    pledge: Annotated[int | None, typer.Option(help="The pledge it pays (its number).")] = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Record money received (at the receipt's rate when in another currency)."""
    with programme_errors():
        number = ledger.receive.perform(
            store(ctx, db), actor(), donor, earmark, amount, currency, rate, _day(day), pledge, note
        )
    console.print(f"receipt {number} recorded")


KindOption = Annotated[
    str,
    typer.Option(
        help="What it pays: fellowship, event, workshop, interpretation, administration, other."
    ),
]
ReferenceOption = Annotated[str | None, typer.Option(help="Its id (a call, an event …).")]


@app.command("reserve")
def reserve(
    ctx: typer.Context,
    earmark: EarmarkArg,
    amount: AmountArg,
    kind: KindOption = "other",
    reference: ReferenceOption = None,
    day: DayOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Reserve an amount of an earmark (refused when its available balance is short)."""
    with programme_errors():
        number = ledger.reserve.perform(
            store(ctx, db), actor(), earmark, amount, kind, reference, _day(day), note
        )
    console.print(f"reservation {number} recorded")


@app.command("spend")
def spend(
    ctx: typer.Context,
    earmark: EarmarkArg,
    amount: AmountArg,
    kind: KindOption = "other",
    reference: ReferenceOption = None,
    country: Annotated[str | None, typer.Option(help="The beneficiary country (alpha-3).")] = None,
    reservation: Annotated[int | None, typer.Option(help="Draw on this reservation.")] = None,
    day: DayOption = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Record a spending (above the approval threshold it waits for a second person)."""
    with programme_errors():
        found = ledger.spend.perform(
            store(ctx, db),
            actor(),
            earmark,
            amount,
            kind,
            reference,
            country,
            _day(day),
            reservation,
            note,
        )
    waits = " (waits for approval: stdgap fund approve)" if found.state == "pending" else ""
    console.print(f"spending {found.number} recorded{waits}")


@app.command("reverse")
def reverse(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The transaction to reverse.")],
    reason: Annotated[str, typer.Option(help="Why it is reversed.")],
    db: DbOption = None,
) -> None:
    """Ask for a transaction's reversal (once only; someone else approves it)."""
    with programme_errors():
        found = ledger.reverse.perform(store(ctx, db), actor(), number, reason)
    console.print(f"reversal {found} of {number} waits for approval")


@app.command("approve")
def approve(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="A pending spending or reversal.")],
    reject: Annotated[str | None, typer.Option(help="Refuse it instead, with this reason.")] = None,
    db: DbOption = None,
) -> None:
    """Approve (or --reject) a pending spending or reversal recorded by someone else."""
    with programme_errors():
        if reject is not None:
            ledger.reject.perform(store(ctx, db), actor(), number, reject)
        else:
            ledger.approve.perform(store(ctx, db), actor(), number)
    console.print(f"transaction {number} {'refused' if reject is not None else 'posted'}")


@app.command("balances")
def balances(ctx: typer.Context, fmt: FormatOption = "table", db: DbOption = None) -> None:
    """Every earmark's pledged, received, reserved, spent and available; totals by programme."""
    found = queries.balances(store(ctx, db))
    if fmt == "json":
        _json(asdict(found))
        return
    columns = [
        "earmark",
        "programme",
        "region",
        "pledged",
        "received",
        "reserved",
        "spent",
        "available",
    ]
    rows = [
        [r.key, r.programme, r.region or "", *(str(getattr(r.balance, f)) for f in columns[3:])]
        for r in found.earmarks
    ]
    rows += [
        [f"({name})", name, "", *(str(getattr(b, f)) for f in columns[3:])]
        for name, b in found.programmes.items()
    ]
    rows.append(["total", "", "", *(str(getattr(found.total, f)) for f in columns[3:])])
    print_rows(f"Fund balances ({found.currency})", columns, rows)


@app.command("ledger")
def show_ledger(
    ctx: typer.Context,
    pending: Annotated[bool, typer.Option(help="Only what waits for approval.")] = False,
    limit: Annotated[int, typer.Option(help="The latest transactions shown.")] = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """The latest transactions with their entries."""
    found = queries.ledger(store(ctx, db), limit, "pending" if pending else None)
    if fmt == "json":
        _json([asdict(r) for r in found])
        return
    print_rows(
        "Fund ledger",
        ["#", "day", "kind", "state", "earmark", "amount", "donor / paid for", "entries"],
        [
            [
                str(r.number),
                r.day.isoformat(),
                r.kind + (f" of {r.reverses}" if r.reverses else ""),
                r.state,
                r.earmark,
                str(r.amount),
                r.donor or f"{r.reference_kind or ''} {r.reference or ''}".strip(),
                "; ".join(f"{a} {v:+}" for a, v in r.entries),
            ]
            for r in found
        ],
    )


@app.command("statement")
def write_statement(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option(help="The year of the statement (default: this year).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write it to a .docx, .pdf, .xlsx or .html file."),
    ] = None,
    donors_report: Annotated[
        bool, typer.Option("--donors", help="The donor report instead.")
    ] = False,
    db: DbOption = None,
) -> None:
    """The annual fund statement (or --donors, the donor report): printed, or written to a file."""
    engine = store(ctx, db)
    with programme_errors():
        report = (
            statement.donor_report(engine)
            if donors_report
            else statement.statement_report(engine, year or date.today().year)[0]
        )
        if output is not None:
            fmt = output.suffix.lower().lstrip(".")
            content = statement.render(report, fmt)
            output.write_bytes(content)
            console.print(f"{output} written")
            return
    console.print(report.title)
    for section in report.sections:
        for paragraph in section.paragraphs:
            console.print(paragraph)
        for table in section.tables:
            print_rows(table.caption, list(table.header), table.text_rows())


@rules_app.command("show")
def rules_show(ctx: typer.Context, db: DbOption = None) -> None:
    """Every rule of the fund with its value (stored or default) and meaning."""
    with store(ctx, db).connect() as connection:
        texts = BOOK.texts(connection, RULE_SET)
    print_rows(
        "Fund rules",
        ["rule", "value", "default", "meaning"],
        [[k, texts[k], s.default, s.help] for k, s in BOOK.specs.items()],
    )


@rules_app.command("set")
def rules_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The rule's name.")],
    value: Annotated[str, typer.Argument(help="The value; '' restores the default.")],
    db: DbOption = None,
) -> None:
    """Store one rule's value."""
    with programme_errors():
        ledger.set_rules.perform(store(ctx, db), actor(), {key: value})
    console.print(f"{key} = {value or '(default)'}")


@rules_app.command("load")
def rules_load(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A TOML file of key = value lines.")],
    db: DbOption = None,
) -> None:
    """Store every rule of a rules file (all checked first, nothing stored on an error)."""
    with programme_errors():
        values = BOOK.read_file(path, RULE_SET)
        ledger.set_rules.perform(store(ctx, db), actor(), values)
    console.print(f"{len(values)} rule(s) stored")
