"""Reads of the fund: balances by earmark and programme, the ledger, donors and the donor
report, the annual statement's figures and the principles of spending. Sums are made in Python
with Decimal (the same on both stores)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, select

from stdgap.fund.ledger import Balance, account_sums, balance_of
from stdgap.fund.models import Donor, Earmark, FundEntry, FundTransaction
from stdgap.fund.money import ZERO, rounded
from stdgap.fund.rules import FundRules
from stdgap.reference.classification import ClassificationReader
from stdgap.store.models import Member


@dataclass(frozen=True)
class EarmarkRow:
    key: str
    programme: str
    region: str | None
    title: str
    balance: Balance


@dataclass(frozen=True)
class Balances:
    currency: str
    earmarks: list[EarmarkRow]
    programmes: dict[str, Balance]
    total: Balance


def _add(a: Balance, b: Balance) -> Balance:
    return Balance(
        a.pledged + b.pledged,
        a.received + b.received,
        a.reserved + b.reserved,
        a.spent + b.spent,
        a.available + b.available,
    )


def earmarks(connection: Connection) -> list[Any]:
    """Every earmark's row (key, programme, region, title)."""
    return list(connection.execute(select(Earmark).order_by(Earmark.key)))


def donors(engine: Engine) -> list[tuple[str, str, str | None]]:
    """Every donor: name, kind, the registry member it is (its id)."""
    with engine.connect() as connection:
        query = (
            select(Donor.name, Donor.kind, Member.member_id)
            .outerjoin(Member, Member.id == Donor.member_id)
            .order_by(Donor.name)
        )
        return [(name, kind, member) for name, kind, member in connection.execute(query)]


def balances(engine: Engine) -> Balances:
    """Every earmark's pledged, received, reserved, spent and available, and their totals by
    programme and overall."""
    with engine.connect() as connection:
        return balances_of(connection)


def _tidy(balance: Balance, currency: str) -> Balance:
    """The figures at the currency's minor unit (they are multiples of it: exact)."""
    return Balance(*(rounded(getattr(balance, f), currency) for f in BALANCE_FIELDS))


BALANCE_FIELDS = ("pledged", "received", "reserved", "spent", "available")


def balances_of(connection: Connection) -> Balances:
    sums = account_sums(connection)
    currency = FundRules.load(connection).currency
    rows = [
        EarmarkRow(
            mark.key,
            mark.programme,
            mark.region,
            mark.title,
            _tidy(balance_of(sums.get(mark.id, {})), currency),
        )
        for mark in connection.execute(select(Earmark).order_by(Earmark.key))
    ]
    programmes: dict[str, Balance] = {}
    total = Balance()
    for row in rows:
        programmes[row.programme] = _add(programmes.get(row.programme, Balance()), row.balance)
        total = _add(total, row.balance)
    return Balances(currency, rows, dict(sorted(programmes.items())), total)


@dataclass(frozen=True)
class LedgerRow:
    number: int
    kind: str
    state: str
    day: date
    earmark: str
    donor: str | None
    amount: Decimal
    currency: str | None
    original: Decimal | None
    rate: str | None
    reference_kind: str | None
    reference: str | None
    country: str | None
    reverses: int | None
    reversed_by: int | None
    reservation: int | None
    note: str | None
    recorded_by: str
    approved_by: str | None
    entries: list[tuple[str, Decimal]] = field(default_factory=list)


def ledger(engine: Engine, limit: int = 500, state: str | None = None) -> list[LedgerRow]:
    """The latest transactions first, each with its entries."""
    with engine.connect() as connection:
        return ledger_of(connection, limit, state)


def ledger_of(
    connection: Connection, limit: int = 500, state: str | None = None
) -> list[LedgerRow]:
    t = FundTransaction
    query = (
        select(t, Earmark.key.label("earmark_key"), Donor.name.label("donor_name"))
        .join(Earmark, Earmark.id == t.earmark_id)
        .outerjoin(Donor, Donor.id == t.donor_id)
        .order_by(t.id.desc())
        .limit(limit)
    )
    if state:
        query = query.where(t.state == state)
    found = connection.execute(query).all()
    currency = FundRules.load(connection).currency
    numbers = [row.id for row in found]
    entries: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    reversed_by: dict[int, int] = {}
    if numbers:
        for number, account, amount in connection.execute(
            select(FundEntry.transaction_id, FundEntry.account, FundEntry.amount)
            .where(FundEntry.transaction_id.in_(numbers))
            .order_by(FundEntry.id)
        ):
            entries[number].append((account, rounded(amount, currency)))
        for number, target in connection.execute(
            select(t.id, t.reverses_id).where(t.reverses_id.in_(numbers), t.state == "posted")
        ):
            if target is not None:
                reversed_by[target] = number
    return [
        LedgerRow(
            row.id,
            row.kind,
            row.state,
            row.day,
            row.earmark_key,
            row.donor_name,
            rounded(row.amount, currency),
            row.currency,
            row.original,
            row.rate,
            row.reference_kind,
            row.reference,
            row.country,
            row.reverses_id,
            reversed_by.get(row.id),
            row.reservation_id,
            row.note,
            row.recorded_by,
            row.approved_by,
            entries.get(row.id, []),
        )
        for row in found
    ]


@dataclass(frozen=True)
class DonorLine:
    earmark: str
    pledged: Decimal
    received: Decimal
    #: The earmark's spending, and the donor's share of it (by what they gave of its receipts).
    earmark_spent: Decimal
    share_spent: Decimal


@dataclass(frozen=True)
class DonorReport:
    name: str
    kind: str
    member: str | None
    pledged: Decimal
    received: Decimal
    share_spent: Decimal
    lines: list[DonorLine]


def _net_by(
    connection: Connection, accounts: tuple[str, ...]
) -> dict[tuple[int | None, int, str], Decimal]:
    """Sum of entries by (donor of the transaction, or of the reversed one), earmark, account."""
    t = FundTransaction
    sums: dict[tuple[int | None, int, str], Decimal] = defaultdict(lambda: ZERO)
    for donor, earmark, account, amount in connection.execute(
        select(t.donor_id, FundEntry.earmark_id, FundEntry.account, FundEntry.amount)
        .join(t, t.id == FundEntry.transaction_id)
        .where(FundEntry.account.in_(accounts))
    ):
        sums[(donor, earmark, account)] += amount
    return sums


def donor_reports(engine: Engine) -> list[DonorReport]:
    """Per donor: pledged, received, and their share of the spending of the earmarks they
    gave to."""
    with engine.connect() as connection:
        sums = _net_by(connection, ("pledged", "received"))
        earmark_totals = account_sums(connection)
        keys = {mark.id: mark.key for mark in connection.execute(select(Earmark))}
        received_by_earmark: dict[int, Decimal] = {
            mark: -accounts.get("received", ZERO) for mark, accounts in earmark_totals.items()
        }
        reports = []
        for donor in connection.execute(
            select(Donor, Member.member_id.label("member_ref"))
            .outerjoin(Member, Member.id == Donor.member_id)
            .order_by(Donor.name)
        ):
            lines = []
            for mark_id, key in sorted(keys.items(), key=lambda item: item[1]):
                pledged = -sums.get((donor.id, mark_id, "pledged"), ZERO)
                received = -sums.get((donor.id, mark_id, "received"), ZERO)
                if not pledged and not received:
                    continue
                spent = earmark_totals.get(mark_id, {}).get("spent", ZERO)
                whole = received_by_earmark.get(mark_id, ZERO)
                share = (spent * received / whole).quantize(Decimal("0.01")) if whole > 0 else ZERO
                lines.append(DonorLine(key, pledged, received, spent, share))
            reports.append(
                DonorReport(
                    donor.name,
                    donor.kind,
                    donor.member_ref,
                    sum((line.pledged for line in lines), ZERO),
                    sum((line.received for line in lines), ZERO),
                    sum((line.share_spent for line in lines), ZERO),
                    lines,
                )
            )
        return reports


@dataclass(frozen=True)
class StatementLine:
    """One earmark in a year: what it held at the start (received less spent), its receipts
    and spending in the year (net of reversals), what it held at the end."""

    key: str
    programme: str
    region: str | None
    opening: Decimal
    receipts: Decimal
    spending: Decimal
    closing: Decimal
    reserved: Decimal
    #: What the ledger's own asset accounts (``cash`` + ``reserved``) hold at the end of
    #: 31 December: summed from other entries than ``closing``, so the two differ when an entry
    #: does not balance or was changed outside the ledger's operations.
    ledger_closing: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        """The computed closing balance less the ledger's own (0 when they reconcile)."""
        return self.closing - self.ledger_closing

    @property
    def reconciles(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class Principle:
    key: str
    rule: str  # min or max
    limit: float
    share: float | None  # None: no spending to judge
    met: bool | None


@dataclass(frozen=True)
class Statement:
    year: int
    currency: str
    lines: list[StatementLine]
    programmes: dict[str, StatementLine]
    total: StatementLine
    principles: list[Principle]


def _line(
    key: str, programme: str, region: str | None, lines: list[StatementLine]
) -> StatementLine:
    return StatementLine(
        key,
        programme,
        region,
        sum((x.opening for x in lines), ZERO),
        sum((x.receipts for x in lines), ZERO),
        sum((x.spending for x in lines), ZERO),
        sum((x.closing for x in lines), ZERO),
        sum((x.reserved for x in lines), ZERO),
        sum((x.ledger_closing for x in lines), ZERO),
    )


def statement(engine: Engine, year: int) -> Statement:
    with engine.connect() as connection:
        return statement_of(connection, year)


def statement_of(connection: Connection, year: int) -> Statement:
    """The annual statement: per earmark, opening + receipts − spending = closing, compared
    with the ledger's own balance (``cash`` + ``reserved``) at the end of the year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    currency = FundRules.load(connection).currency
    t = FundTransaction
    before: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    during: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for earmark, account, amount, day in connection.execute(
        select(FundEntry.earmark_id, FundEntry.account, FundEntry.amount, t.day)
        .join(t, t.id == FundEntry.transaction_id)
        .where(FundEntry.account.in_(("received", "spent", "reserved", "cash")), t.day <= end)
    ):
        (before if day < start else during)[(earmark, account)] += amount
    lines = []
    for mark in connection.execute(select(Earmark).order_by(Earmark.key)):
        opening = -before[(mark.id, "received")] - before[(mark.id, "spent")]
        receipts = -during[(mark.id, "received")]
        spending = during[(mark.id, "spent")]
        reserved = before[(mark.id, "reserved")] + during[(mark.id, "reserved")]
        held = reserved + before[(mark.id, "cash")] + during[(mark.id, "cash")]
        opening, receipts, spending, reserved, held = (
            rounded(v, currency) for v in (opening, receipts, spending, reserved, held)
        )
        closing = opening + receipts - spending
        lines.append(
            StatementLine(
                mark.key,
                mark.programme,
                mark.region,
                opening,
                receipts,
                spending,
                closing,
                reserved,
                held,
            )
        )
    by_programme: dict[str, list[StatementLine]] = defaultdict(list)
    for line in lines:
        by_programme[line.programme].append(line)
    programmes = {
        name: _line(name, name, None, found) for name, found in sorted(by_programme.items())
    }
    return Statement(
        year,
        currency,
        lines,
        programmes,
        _line("total", "", None, lines),
        principles_of(connection, year),
    )


def spending_rows(
    connection: Connection, year: int | None = None
) -> list[tuple[date, str, str | None, str | None, str | None, Decimal]]:
    """Posted spending net of reversals: (day, programme, region, reference kind, country,
    amount); a reversal counts negative on its own day."""
    t = FundTransaction
    original = select(t.id, t.reference_kind, t.country).where(t.kind == "spending").subquery()
    rows = []
    query = (
        select(
            t.day,
            Earmark.programme,
            Earmark.region,
            t.kind,
            t.reference_kind,
            t.country,
            original.c.reference_kind,
            original.c.country,
            FundEntry.amount,
        )
        .join(FundEntry, FundEntry.transaction_id == t.id)
        .join(Earmark, Earmark.id == t.earmark_id)
        .outerjoin(original, original.c.id == t.reverses_id)
        .where(FundEntry.account == "spent", t.state == "posted")
    )
    if year is not None:
        query = query.where(t.day >= date(year, 1, 1), t.day <= date(year, 12, 31))
    for (
        day,
        programme,
        region,
        kind,
        ref_kind,
        country,
        orig_kind,
        orig_country,
        amount,
    ) in connection.execute(query):
        if kind == "reversal":
            ref_kind, country = orig_kind, orig_country
        rows.append((day, programme, region, ref_kind, country, amount))
    return rows


def principles_of(connection: Connection, year: int) -> list[Principle]:
    """The principles of spending over the year's spending (net of reversals)."""
    rules = FundRules.load(connection)
    rows = spending_rows(connection, year)
    total = sum((row[5] for row in rows), ZERO)
    with_country = [row for row in rows if row[4]]
    statuses = ClassificationReader(
        connection, {row[4] for row in with_country if row[4]}
    ).statuses((row[4], row[0]) for row in with_country if row[4])
    ldc = sum(
        (row[5] for row in with_country if row[4] and statuses[(row[4], row[0])].has("ldc")), ZERO
    )
    developing = sum(
        (row[5] for row in with_country if row[4] and statuses[(row[4], row[0])].has("developing")),
        ZERO,
    )
    countried = sum((row[5] for row in with_country), ZERO)
    admin = sum((row[5] for row in rows if row[3] == "administration"), ZERO)

    def share(part: Decimal, whole: Decimal) -> float | None:
        return float(part / whole) if whole > 0 else None

    found = []
    for key, rule, limit, value in (
        ("min_ldc_share", "min", rules.min_ldc_share, share(ldc, total)),
        ("max_admin_share", "max", rules.max_admin_share, share(admin, total)),
        ("min_developing_share", "min", rules.min_developing_share, share(developing, countried)),
    ):
        met = None if value is None else (value >= limit if rule == "min" else value <= limit)
        found.append(Principle(key, rule, limit, value, met))
    return found
