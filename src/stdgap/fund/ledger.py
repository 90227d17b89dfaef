"""The fund's writes, each an operation of the write door (one transaction, one audit row).

Every movement is a transaction whose entries balance (debits = credits, checked before they are
inserted); entries are never changed or deleted (a correction is a reversal, approved by a second
person). Reservations and spending lock their earmark's row (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's write lock serialises writes) before reading its balance, so two processes
cannot both spend its last francs.

Accounts of an earmark, debits positive: a pledge debits ``pledges_receivable`` and credits
``pledged``; a receipt debits ``cash`` and credits ``received``; a reservation moves ``cash`` to
``reserved``; a spending debits ``spent`` and credits ``cash`` (or ``reserved``, when it draws on a
reservation). An earmark's available balance is its ``cash``: received − reserved − spent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, select, update

from stdgap.fund.errors import Conflict, FundError, NotFound
from stdgap.fund.models import Donor, Earmark, FundEntry, FundTransaction
from stdgap.fund.money import (
    FOREIGN_DECIMALS,
    LIMIT,
    ZERO,
    check_currency,
    decimals,
    minor_unit,
    parse_amount,
    parse_rate,
    rounded,
)
from stdgap.fund.rules import BOOK, RULE_SET, FundRules
from stdgap.fund.vocabulary import DONOR_KINDS, PROGRAMMES, REFERENCE_KINDS
from stdgap.i18n.translate import _l
from stdgap.reference.vocabulary import ITU_REGIONS
from stdgap.store.models import Country, Member
from stdgap.store.unit import Unit, operation

KEY_MAX = 60


@dataclass(frozen=True)
class Balance:
    """An earmark's figures in the fund's currency."""

    pledged: Decimal = ZERO
    received: Decimal = ZERO
    reserved: Decimal = ZERO
    spent: Decimal = ZERO
    available: Decimal = ZERO

    @property
    def held(self) -> Decimal:
        """Received and not spent (available + reserved)."""
        return self.received - self.spent


def balance_of(sums: dict[str, Decimal]) -> Balance:
    return Balance(
        pledged=-sums.get("pledged", ZERO),
        received=-sums.get("received", ZERO),
        reserved=sums.get("reserved", ZERO),
        spent=sums.get("spent", ZERO),
        available=sums.get("cash", ZERO),
    )


def account_sums(
    connection: Connection, earmark_id: int | None = None
) -> dict[int, dict[str, Decimal]]:
    """The balance of every account, by earmark (summed in Python, exactly)."""
    query = select(FundEntry.earmark_id, FundEntry.account, FundEntry.amount)
    if earmark_id is not None:
        query = query.where(FundEntry.earmark_id == earmark_id)
    sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for earmark, account, amount in connection.execute(query):
        sums[earmark][account] += amount
    return sums


def earmark_balance(connection: Connection, earmark_id: int) -> Balance:
    return balance_of(account_sums(connection, earmark_id).get(earmark_id, {}))


#: The first value date the fund takes; the last is :data:`AHEAD` days after today.
FIRST_DAY = date(2000, 1, 1)
AHEAD = 366


def value_date(day: date | None) -> date:
    """``day`` (default today), refused outside :data:`FIRST_DAY` … today + :data:`AHEAD` days
    (a receipt dated 2150 or 1900 is a typing error, and would escape every statement)."""
    today = date.today()
    found = day or today
    last = today + timedelta(days=AHEAD)
    if not FIRST_DAY <= found <= last:
        raise FundError(
            _l(
                "day: %(value)s is not from %(first)s to %(last)s",
                value=found.isoformat(),
                first=FIRST_DAY.isoformat(),
                last=last.isoformat(),
            )
        )
    return found


def available_from(connection: Connection, earmark_id: int, day: date) -> Decimal:
    """What an earmark can give from ``day`` on without its available balance (``cash``) going
    below zero on any day: the least of its balance at the end of ``day`` and at the end of
    every later day with a movement. A spending or reservation dated ``day`` takes its amount
    from every one of them, so a back-dated spending cannot use a later receipt."""
    query = (
        select(FundTransaction.day, FundEntry.amount)
        .join(FundTransaction, FundTransaction.id == FundEntry.transaction_id)
        .where(FundEntry.earmark_id == earmark_id, FundEntry.account == "cash")
    )
    by_day: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for moved, amount in connection.execute(query):
        by_day[moved] += amount
    running = sum((a for d, a in by_day.items() if d <= day), ZERO)
    least = running
    for moved in sorted(d for d in by_day if d > day):
        running += by_day[moved]
        least = min(least, running)
    return least


def _earmark(connection: Connection, key: str, lock: bool = False) -> Any:
    """The earmark's row (its columns), locked when ``lock``."""
    query = select(Earmark).where(Earmark.key == key.strip())
    if lock:
        query = query.with_for_update()
    found = connection.execute(query).first()
    if found is None:
        raise NotFound(_l("unknown earmark %(key)r", key=key))
    return found


def earmark_exists(connection: Connection, key: str) -> bool:
    return (
        connection.execute(select(Earmark.id).where(Earmark.key == key.strip())).first() is not None
    )


def reserve_for_call(
    unit: Unit, earmark: str, amount: int, currency: str, call_id: str
) -> int | None:
    """Reserve the granted cost of a fellowship call from its earmark, in the allocation's own
    unit (one transaction); refused when the earmark is short or the call's currency is not the
    fund's. Nothing when nothing was granted."""
    if amount <= 0:
        return None
    home = fund_currency(unit.connection)
    if currency.upper() != home:
        raise FundError(
            _l(
                "the call %(call)s is in %(currency)s, the fund in %(home)s: its cost cannot be "
                "reserved from the earmark %(key)s",
                call=call_id,
                currency=currency,
                home=home,
                key=earmark,
            )
        )
    try:
        return reserve(unit, earmark, Decimal(amount), "fellowship", call_id)
    except FundError as error:
        raise FundError(
            _l(
                "the allocation of %(call)s is refused: %(reason)s",
                call=call_id,
                reason=str(error),
            )
        ) from None


def _lock(connection: Connection, earmark_id: int) -> None:
    """Hold the earmark's row until the transaction ends (PostgreSQL; SQLite's writes are
    serialised by its write lock already)."""
    connection.execute(select(Earmark.id).where(Earmark.id == earmark_id).with_for_update())


def _donor(connection: Connection, name: str) -> int:
    found = connection.execute(
        select(Donor.id).where(Donor.name == name.strip())
    ).scalar_one_or_none()
    if found is None:
        raise NotFound(_l("unknown donor %(name)r", name=name))
    return int(found)


def _transaction(connection: Connection, number: int) -> Any:
    """The transaction's row (its columns)."""
    found = connection.execute(select(FundTransaction).where(FundTransaction.id == number)).first()
    if found is None:
        raise NotFound(_l("unknown transaction %(number)s", number=number))
    return found


def fund_currency(connection: Connection) -> str:
    return FundRules.load(connection).currency


def _post(unit: Unit, number: int, earmark_id: int, lines: list[tuple[str, Decimal]]) -> None:
    """Insert the entries of transaction ``number``, checked to balance first."""
    if not lines or sum((amount for _a, amount in lines), ZERO) != ZERO:
        raise FundError(_l("the entries of a transaction must balance: debits = credits"))
    unit.connection.execute(
        insert(FundEntry),
        [
            {
                "transaction_id": number,
                "earmark_id": earmark_id,
                "account": account,
                "amount": amount,
            }
            for account, amount in lines
        ],
    )


def _new(
    unit: Unit,
    kind: str,
    earmark: Any,
    amount: Decimal,
    state: str,
    day: date | None,
    **values: object,
) -> int:
    now = datetime.now().replace(microsecond=0)
    number = unit.connection.execute(
        insert(FundTransaction)
        .values(
            kind=kind,
            state=state,
            day=value_date(day),
            earmark_id=earmark.id,
            amount=amount,
            recorded_by=unit.actor[:100],
            recorded_at=now,
            **values,
        )
        .returning(FundTransaction.id)
    ).scalar_one()
    unit.details.update(transaction=number, kind=kind, amount=str(amount), earmark=earmark.key)
    return int(number)


def _converted(
    connection: Connection,
    amount: str | Decimal | int,
    currency: str | None,
    rate: str | Decimal | None,
) -> tuple[Decimal, dict[str, object]]:
    """The amount in the fund's currency, and what to keep of the original (exactly as given).

    In the fund's currency an amount has at most the currency's decimals; in another, at most
    :data:`FOREIGN_DECIMALS`, at least its currency's minor unit, and it is converted at the
    rate and rounded half-up to the fund's minor unit, which must be more than 0 and at most
    :data:`LIMIT` (the rate cannot carry an amount past the cap)."""
    home = fund_currency(connection)
    code = check_currency(currency) if currency else home
    if code == home:
        if rate is not None and parse_rate(rate) != 1:
            raise FundError(
                _l("a rate is for an amount in another currency than %(home)s", home=home)
            )
        value = _fund_amount(connection, amount)
        return value, {"currency": code, "original": value, "rate": "1"}
    if rate is None:
        raise FundError(
            _l("an amount in %(code)s needs its rate to %(home)s", code=code, home=home)
        )
    original = parse_amount(amount, places=FOREIGN_DECIMALS)
    if rounded(original, code) <= 0:
        raise FundError(
            _l(
                "amount: %(value)s %(code)s is less than the smallest amount of %(code)s",
                value=str(amount),
                code=code,
            )
        )
    exact = parse_rate(rate)
    converted = rounded(original * exact, home)
    if converted <= 0:
        raise FundError(_l("the amount is 0 in %(home)s at that rate", home=home))
    if converted > LIMIT:
        raise FundError(
            _l(
                "the amount is %(value)s %(home)s at that rate: more than %(limit)s",
                value=f"{converted:,}",
                home=home,
                limit=f"{LIMIT:,}",
            )
        )
    return converted, {"currency": code, "original": original, "rate": str(exact)}


def _fund_amount(connection: Connection, amount: str | Decimal | int) -> Decimal:
    """An amount in the fund's currency: at most its decimals (0.004 CHF is refused, not
    booked as 0.00)."""
    home = fund_currency(connection)
    return parse_amount(amount, places=decimals(minor_unit(home)))


def _reference(kind: str | None, reference: str | None) -> dict[str, object]:
    if kind is None and not reference:
        return {}
    if kind not in REFERENCE_KINDS:
        raise FundError(
            _l(
                "what it paid for: %(kind)r is not one of %(kinds)s",
                kind=kind,
                kinds=", ".join(REFERENCE_KINDS),
            )
        )
    text = (reference or "").strip()
    if len(text) > 100:
        raise FundError(_l("a reference has at most 100 characters"))
    return {"reference_kind": kind, "reference": text or None}


@operation("fund.donor", target=lambda name, *a, **k: name)
def add_donor(unit: Unit, name: str, kind: str, member: str | None = None) -> int:
    """Add a donor: a Member State or Sector Member (its registry id ``member``), or another."""
    name = " ".join(name.split())
    if not name or len(name) > 300:
        raise FundError(_l("a donor's name has 1 to 300 characters"))
    if kind not in DONOR_KINDS:
        raise FundError(
            _l(
                "donor kind %(kind)r is not one of %(kinds)s",
                kind=kind,
                kinds=", ".join(DONOR_KINDS),
            )
        )
    connection = unit.connection
    member_pk = None
    if member:
        found = connection.execute(
            select(Member.id, Member.type).where(Member.member_id == member)
        ).first()
        if found is None:
            raise NotFound(_l("unknown member %(member)r", member=member))
        member_pk = found.id
    elif kind != "other":
        raise FundError(
            _l("a Member State or Sector Member donor names its member of the registry")
        )
    if connection.execute(select(Donor.id).where(Donor.name == name)).first() is not None:
        raise Conflict(_l("donor %(name)r already exists", name=name))
    number = connection.execute(
        insert(Donor)
        .values(
            name=name,
            kind=kind,
            member_id=member_pk,
            created_at=datetime.now().replace(microsecond=0),
        )
        .returning(Donor.id)
    ).scalar_one()
    return int(number)


@operation("fund.earmark", target=lambda key, *a, **k: key)
def add_earmark(
    unit: Unit, key: str, programme: str, region: str | None = None, title: str | None = None
) -> int:
    """Add an earmark: money given for a programme and/or an ITU region (``key`` names it)."""
    key = key.strip()
    if not key or len(key) > KEY_MAX or not all(c.isalnum() or c in "-_." for c in key):
        raise FundError(_l("an earmark's key has 1 to 60 letters, digits, '-', '_' or '.'"))
    if programme not in PROGRAMMES:
        raise FundError(
            _l(
                "programme %(value)r is not one of %(known)s",
                value=programme,
                known=", ".join(PROGRAMMES),
            )
        )
    if region and region not in ITU_REGIONS:
        raise FundError(
            _l(
                "region %(value)r is not one of %(known)s",
                value=region,
                known=", ".join(ITU_REGIONS),
            )
        )
    connection = unit.connection
    if connection.execute(select(Earmark.id).where(Earmark.key == key)).first() is not None:
        raise Conflict(_l("earmark %(key)r already exists", key=key))
    text = " ".join((title or "").split()) or key
    number = connection.execute(
        insert(Earmark)
        .values(
            key=key,
            programme=programme,
            region=region or None,
            title=text[:200],
            created_at=datetime.now().replace(microsecond=0),
        )
        .returning(Earmark.id)
    ).scalar_one()
    return int(number)


@operation("fund.pledge", target=lambda donor, earmark, *a, **k: f"{donor} → {earmark}")
def pledge(
    unit: Unit,
    donor: str,
    earmark: str,
    amount: str | Decimal | int,
    currency: str | None = None,
    rate: str | Decimal | None = None,
    day: date | None = None,
    note: str | None = None,
) -> int:
    """Record a donor's pledge to an earmark (in any currency, at the rate given)."""
    connection = unit.connection
    donor_id = _donor(connection, donor)
    mark = _earmark(connection, earmark)
    value, original = _converted(connection, amount, currency, rate)
    number = _new(
        unit, "pledge", mark, value, "posted", day, donor_id=donor_id, note=note, **original
    )
    _post(unit, number, mark.id, [("pledges_receivable", value), ("pledged", -value)])
    return number


@operation("fund.receive", target=lambda donor, earmark, *a, **k: f"{donor} → {earmark}")
def receive(
    unit: Unit,
    donor: str,
    earmark: str,
    amount: str | Decimal | int,
    currency: str | None = None,
    rate: str | Decimal | None = None,
    day: date | None = None,
    pledge_id: int | None = None,
    note: str | None = None,
) -> int:
    """Record money received from a donor for an earmark, at the receipt's rate (optionally
    paying one of the donor's pledges)."""
    connection = unit.connection
    donor_id = _donor(connection, donor)
    mark = _earmark(connection, earmark)
    if pledge_id is not None:
        found = _transaction(connection, pledge_id)
        if found.kind != "pledge" or found.donor_id != donor_id or found.earmark_id != mark.id:
            raise FundError(
                _l(
                    "transaction %(number)s is not a pledge of this donor to this earmark",
                    number=pledge_id,
                )
            )
    value, original = _converted(connection, amount, currency, rate)
    number = _new(
        unit,
        "receipt",
        mark,
        value,
        "posted",
        day,
        donor_id=donor_id,
        pledge_id=pledge_id,
        note=note,
        **original,
    )
    _post(unit, number, mark.id, [("cash", value), ("received", -value)])
    return number


def _short(mark: Any, available: Decimal, amount: Decimal, home: str, day: date) -> FundError:
    return FundError(
        _l(
            "the earmark %(key)s has %(available)s %(currency)s available from %(day)s on, "
            "less than %(amount)s",
            key=mark.key,
            available=str(rounded(available, home)),
            currency=home,
            day=day.isoformat(),
            amount=str(rounded(amount, home)),
        )
    )


@operation("fund.reserve", target=lambda earmark, *a, **k: earmark)
def reserve(
    unit: Unit,
    earmark: str,
    amount: str | Decimal | int,
    reference_kind: str | None = None,
    reference: str | None = None,
    day: date | None = None,
    note: str | None = None,
) -> int:
    """Reserve an amount of an earmark for what it will pay (a fellowship call …); refused when
    the earmark's available balance is short."""
    connection = unit.connection
    mark = _earmark(connection, earmark, lock=True)
    value = _fund_amount(connection, amount)
    refs = _reference(reference_kind, reference)
    when = value_date(day)
    available = available_from(connection, mark.id, when)
    if value > available:
        raise _short(mark, available, value, fund_currency(connection), when)
    number = _new(unit, "reservation", mark, value, "posted", when, note=note, **refs)
    _post(unit, number, mark.id, [("reserved", value), ("cash", -value)])
    return number


def reservation_left(connection: Connection, reservation: Any) -> Decimal:
    """What a reservation still holds: its amount less the spending drawn on it (not reversed)."""
    reversed_ids = select(FundTransaction.reverses_id).where(
        FundTransaction.kind == "reversal",
        FundTransaction.state == "posted",
        FundTransaction.reverses_id.is_not(None),
    )
    drawn = connection.execute(
        select(FundTransaction.amount).where(
            FundTransaction.reservation_id == reservation.id,
            FundTransaction.state == "posted",
            FundTransaction.id.not_in(reversed_ids),
        )
    ).scalars()
    left: Decimal = reservation.amount - sum(drawn, ZERO)
    return left


def _is_reversed(connection: Connection, number: int) -> bool:
    return (
        connection.execute(
            select(FundTransaction.id).where(
                FundTransaction.reverses_id == number, FundTransaction.state == "posted"
            )
        ).first()
        is not None
    )


def _spending_lines(
    connection: Connection, mark: Any, value: Decimal, reservation_id: int | None, day: date
) -> list[tuple[str, Decimal]]:
    """The entries of a spending dated ``day``, checked against the earmark from that day on
    (or the reservation, which must be dated no later)."""
    home = fund_currency(connection)
    if reservation_id is None:
        available = available_from(connection, mark.id, day)
        if value > available:
            raise _short(mark, available, value, home, day)
        return [("spent", value), ("cash", -value)]
    held = _transaction(connection, reservation_id)
    if held.kind != "reservation" or held.state != "posted" or held.earmark_id != mark.id:
        raise FundError(
            _l(
                "transaction %(number)s is not a reservation of the earmark %(key)s",
                number=reservation_id,
                key=mark.key,
            )
        )
    if _is_reversed(connection, reservation_id):
        raise FundError(_l("the reservation %(number)s was reversed", number=reservation_id))
    if day < held.day:
        raise FundError(
            _l(
                "the reservation %(number)s is dated %(held)s: a spending drawn on it is not "
                "dated before (%(day)s)",
                number=reservation_id,
                held=held.day.isoformat(),
                day=day.isoformat(),
            )
        )
    left = reservation_left(connection, held)
    if value > left:
        raise FundError(
            _l(
                "the reservation %(number)s holds %(left)s %(currency)s, less than %(amount)s",
                number=reservation_id,
                left=str(rounded(left, home)),
                currency=home,
                amount=str(rounded(value, home)),
            )
        )
    return [("spent", value), ("reserved", -value)]


@dataclass(frozen=True)
class Recorded:
    number: int
    state: str  # posted, or pending (waiting for a second person's approval)


@operation("fund.spend", target=lambda earmark, *a, **k: earmark)
def spend(
    unit: Unit,
    earmark: str,
    amount: str | Decimal | int,
    reference_kind: str,
    reference: str | None = None,
    country: str | None = None,
    day: date | None = None,
    reservation_id: int | None = None,
    note: str | None = None,
) -> Recorded:
    """Record a spending of an earmark, linked to what it paid for, with the beneficiary country
    when known; drawn on a reservation or on the available balance (refused when short). Above
    the approval threshold it waits for someone else's approval (:func:`approve`)."""
    connection = unit.connection
    mark = _earmark(connection, earmark, lock=True)
    value = _fund_amount(connection, amount)
    refs = _reference(reference_kind, reference)
    if country:
        country = country.strip().upper()
        if (
            connection.execute(select(Country.alpha3).where(Country.alpha3 == country)).first()
            is None
        ):
            raise FundError(_l("unknown country %(code)r (ISO alpha-3)", code=country))
    when = value_date(day)
    lines = _spending_lines(connection, mark, value, reservation_id, when)
    threshold = FundRules.load(connection).approval_threshold
    state = "pending" if value > threshold else "posted"
    number = _new(
        unit,
        "spending",
        mark,
        value,
        state,
        when,
        reservation_id=reservation_id,
        country=country or None,
        note=note,
        **refs,
    )
    if state == "posted":
        _post(unit, number, mark.id, lines)
    return Recorded(number, state)


@operation("fund.reverse", target=lambda number, *a, **k: str(number))
def reverse(unit: Unit, number: int, note: str | None = None, day: date | None = None) -> int:
    """Ask for the reversal of a posted transaction (once only); it takes effect when someone
    other than who asked approves it (:func:`approve`)."""
    connection = unit.connection
    target = _transaction(connection, number)
    if target.kind == "reversal":
        raise Conflict(_l("a reversal is not reversed: record the movement again"))
    if target.state != "posted":
        raise Conflict(
            _l("transaction %(number)s is not posted: nothing to reverse", number=number)
        )
    if connection.execute(
        select(FundTransaction.id).where(FundTransaction.reverses_id == number)
    ).first():
        raise Conflict(
            _l(
                "transaction %(number)s is already reversed (or its reversal waits for approval)",
                number=number,
            )
        )
    mark = connection.execute(select(Earmark).where(Earmark.id == target.earmark_id)).one()
    when = value_date(day)
    if when < target.day:
        raise FundError(
            _l(
                "transaction %(number)s is dated %(target)s: its reversal is not dated before "
                "(%(day)s)",
                number=number,
                target=target.day.isoformat(),
                day=when.isoformat(),
            )
        )
    _reversal_lines(connection, target, when)
    reason = " ".join((note or "").split())
    if not reason:
        raise FundError(_l("say why the transaction is reversed"))
    return _new(
        unit,
        "reversal",
        mark,
        target.amount,
        "pending",
        when,
        reverses_id=number,
        donor_id=target.donor_id,
        note=reason[:2000],
    )


def _reversal_lines(connection: Connection, target: Any, day: date) -> list[tuple[str, Decimal]]:
    """The entries reversing ``target`` on ``day``, checked: its earmark goes below zero on no
    day from then on."""
    _lock(connection, target.earmark_id)
    lines = [
        (account, -amount)
        for account, amount in connection.execute(
            select(FundEntry.account, FundEntry.amount)
            .where(FundEntry.transaction_id == target.id)
            .order_by(FundEntry.id)
        )
    ]
    if target.kind == "reservation" and reservation_left(connection, target) != target.amount:
        raise Conflict(
            _l(
                "spending was drawn on the reservation %(number)s: reverse it first",
                number=target.id,
            )
        )
    change = sum((amount for account, amount in lines if account == "cash"), ZERO)
    available = (
        available_from(connection, target.earmark_id, day)
        if change < 0
        else earmark_balance(connection, target.earmark_id).available
    )
    if available + change < 0:
        raise FundError(
            _l(
                "reversing %(number)s would leave its earmark below zero (%(available)s available)",
                number=target.id,
                available=str(rounded(available, fund_currency(connection))),
            )
        )
    return lines


@operation("fund.approve", target=lambda number, *a, **k: str(number))
def approve(unit: Unit, number: int) -> None:
    """Approve a pending spending or reversal: its entries are posted, checked again against
    the earmark. Four eyes: who recorded it cannot approve it."""
    connection = unit.connection
    pending = _transaction(connection, number)
    if pending.state != "pending":
        raise Conflict(_l("transaction %(number)s does not wait for approval", number=number))
    if pending.recorded_by == unit.actor[:100]:
        raise Conflict(
            _l("four eyes: who recorded transaction %(number)s cannot approve it", number=number)
        )
    mark = connection.execute(
        select(Earmark).where(Earmark.id == pending.earmark_id).with_for_update()
    ).one()
    if pending.kind == "reversal":
        assert pending.reverses_id is not None
        lines = _reversal_lines(
            connection, _transaction(connection, pending.reverses_id), pending.day
        )
    else:
        lines = _spending_lines(
            connection, mark, pending.amount, pending.reservation_id, pending.day
        )
    connection.execute(
        update(FundTransaction)
        .where(FundTransaction.id == number, FundTransaction.state == "pending")
        .values(
            state="posted",
            approved_by=unit.actor[:100],
            approved_at=datetime.now().replace(microsecond=0),
        )
    )
    _post(unit, number, mark.id, lines)
    unit.details.update(transaction=number, kind=pending.kind, amount=str(pending.amount))


@operation("fund.reject", target=lambda number, *a, **k: str(number))
def reject(unit: Unit, number: int, note: str | None = None) -> None:
    """Refuse a pending spending or reversal: it stays in the ledger's list, refused, with no
    entries (and a refused reversal frees its transaction to be reversed again later)."""
    connection = unit.connection
    pending = _transaction(connection, number)
    if pending.state != "pending":
        raise Conflict(_l("transaction %(number)s does not wait for approval", number=number))
    connection.execute(
        update(FundTransaction)
        .where(FundTransaction.id == number)
        .values(
            state="refused",
            reverses_id=None,
            approved_by=unit.actor[:100],
            approved_at=datetime.now().replace(microsecond=0),
            note=" ".join(((pending.note or "") + " — " + (note or "")).split()),
        )
    )


@operation("fund.rules", target=lambda values, *a, **k: ", ".join(sorted(values)))
def set_rules(unit: Unit, values: dict[str, str]) -> None:
    """Set the fund's rules (a blank value: the default). The currency is fixed once the ledger
    has a transaction."""
    connection = unit.connection
    if "currency" in values:
        code = check_currency(values["currency"] or "CHF")
        if (
            code != fund_currency(connection)
            and connection.execute(select(FundTransaction.id).limit(1)).first()
        ):
            raise Conflict(_l("the fund's currency is fixed once the ledger has a transaction"))
        values = {**values, "currency": code}
    try:
        BOOK.set_many(connection, RULE_SET, values)
    except ValueError as error:
        raise FundError(str(error)) from None
