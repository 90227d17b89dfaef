"""Property test of the ledger (hypothesis): random sequences of pledges, receipts,
reservations, spending (on the balance or a reservation, some above the approval threshold) and
reversals, against a model of the fund. After every step: each transaction's entries and all
entries sum to zero, no earmark's available balance is negative, every balance is the model's,
refusals happen exactly when the model says, and the statement reconciles (opening + receipts −
spending = closing). Many examples on SQLite, a few on PostgreSQL."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from stdgap.fund import ledger, queries
from stdgap.fund.errors import FundError
from stdgap.fund.models import FundEntry

RECORDER, APPROVER = "recorder", "approver"
THRESHOLD = Decimal("600")
_examples = itertools.count()

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("pledge"), st.integers(0, 1), amounts),
        st.tuples(st.just("receive"), st.integers(0, 1), amounts),
        st.tuples(st.just("reserve"), st.integers(0, 1), amounts),
        st.tuples(st.just("spend"), st.integers(0, 1), amounts, st.none() | st.integers(0, 20)),
        st.tuples(st.just("reverse"), st.integers(0, 30)),
    ),
    min_size=1,
    max_size=14,
)


@dataclass
class Txn:
    number: int
    kind: str
    earmark: int
    amount: Decimal
    reservation: int | None = None  # for a spending, the model index of its reservation
    reversed: bool = False


@dataclass
class Model:
    keys: list[str]
    cash: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    reserved: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    spent: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    received: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    pledged: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    txns: list[Txn] = field(default_factory=list)

    def left(self, index: int) -> Decimal:
        held = self.txns[index]
        drawn = sum(
            (t.amount for t in self.txns if t.reservation == index and not t.reversed), Decimal()
        )
        return held.amount - drawn

    def apply(self, txn: Txn, sign: int) -> None:
        e, a = txn.earmark, txn.amount * sign
        if txn.kind == "pledge":
            self.pledged[e] += a
        elif txn.kind == "receipt":
            self.received[e] += a
            self.cash[e] += a
        elif txn.kind == "reservation":
            self.reserved[e] += a
            self.cash[e] -= a
        elif txn.reservation is None:
            self.spent[e] += a
            self.cash[e] -= a
        else:
            self.spent[e] += a
            self.reserved[e] -= a


def _refused(call: object) -> bool:
    try:
        call()  # type: ignore[operator]
    except FundError:
        return True
    return False


def _step(engine: Engine, model: Model, step: tuple[object, ...]) -> None:
    kind = step[0]
    if kind == "reverse":
        if not model.txns:
            return
        index = int(step[1]) % len(model.txns)  # type: ignore[call-overload]
        txn = model.txns[index]
        cash_change = {"receipt": -txn.amount, "reservation": txn.amount, "pledge": Decimal()}.get(
            txn.kind, txn.amount if txn.reservation is None else Decimal()
        )
        expect_refusal = (
            txn.reversed
            or (txn.kind == "reservation" and model.left(index) != txn.amount)
            or model.cash[txn.earmark] + cash_change < 0
        )

        def run() -> None:
            number = ledger.reverse.perform(engine, RECORDER, txn.number, "property test")
            ledger.approve.perform(engine, APPROVER, number)

        assert _refused(run) == expect_refusal, (step, txn)
        if not expect_refusal:
            txn.reversed = True
            model.apply(txn, -1)
        return
    earmark, amount = int(step[1]), step[2]  # type: ignore[call-overload]
    assert isinstance(amount, Decimal)
    key = model.keys[earmark]
    if kind in ("pledge", "receive"):
        call = ledger.pledge if kind == "pledge" else ledger.receive
        number = call.perform(engine, RECORDER, "Donor", key, amount)
        model.txns.append(Txn(number, "pledge" if kind == "pledge" else "receipt", earmark, amount))
        model.apply(model.txns[-1], 1)
        return
    if kind == "reserve":
        expect_refusal = amount > model.cash[earmark]
        numbers: list[int] = []
        assert (
            _refused(
                lambda: numbers.append(
                    ledger.reserve.perform(engine, RECORDER, key, amount, "event", "E")
                )
            )
            == expect_refusal
        )
        if not expect_refusal:
            model.txns.append(Txn(numbers[0], "reservation", earmark, amount))
            model.apply(model.txns[-1], 1)
        return
    choice = step[3]
    reservation = None
    if choice is not None:
        held = [
            i for i, t in enumerate(model.txns) if t.kind == "reservation" and t.earmark == earmark
        ]
        reservation = held[int(choice) % len(held)] if held else None  # type: ignore[call-overload]
    if reservation is None:
        expect_refusal = amount > model.cash[earmark]
    else:
        expect_refusal = model.txns[reservation].reversed or amount > model.left(reservation)
    recorded: list[ledger.Recorded] = []

    def spend() -> None:
        found = ledger.spend.perform(
            engine,
            RECORDER,
            key,
            amount,
            "fellowship",
            "F",
            "NPL",
            reservation_id=model.txns[reservation].number if reservation is not None else None,
        )
        if found.state == "pending":
            assert amount > THRESHOLD
            ledger.approve.perform(engine, APPROVER, found.number)
        recorded.append(found)

    assert _refused(spend) == expect_refusal, (step, reservation)
    if not expect_refusal:
        model.txns.append(Txn(recorded[0].number, "spending", earmark, amount, reservation))
        model.apply(model.txns[-1], 1)


def _check(engine: Engine, model: Model) -> None:
    with engine.connect() as connection:
        entries = connection.execute(select(FundEntry.transaction_id, FundEntry.amount)).all()
    by_txn: dict[int, Decimal] = defaultdict(Decimal)
    for number, amount in entries:
        by_txn[number] += amount
    assert all(total == 0 for total in by_txn.values())
    assert sum(by_txn.values(), Decimal()) == 0
    found = {row.key: row.balance for row in queries.balances(engine).earmarks}
    for index, key in enumerate(model.keys):
        balance = found[key]
        assert balance.available >= 0
        assert balance.available == model.cash[index]
        assert balance.reserved == model.reserved[index]
        assert balance.spent == model.spent[index]
        assert balance.received == model.received[index]
        assert balance.pledged == model.pledged[index]
        assert balance.available == balance.received - balance.reserved - balance.spent
    statement = queries.statement(engine, date.today().year)
    for line in statement.lines:
        assert line.reconciles
        if line.key in model.keys:
            index = model.keys.index(line.key)
            assert line.closing == model.received[index] - model.spent[index]
            assert line.opening == 0
    assert statement.total.opening + statement.total.receipts - statement.total.spending == (
        statement.total.closing
    )


def _run(engine: Engine, plan: list[tuple[object, ...]]) -> None:
    n = next(_examples)
    keys = [f"e{n}-a", f"e{n}-b"]
    for key in keys:
        ledger.add_earmark.perform(engine, RECORDER, key, "general")
    model = Model(keys)
    for step in plan:
        _step(engine, model, step)
        _check(engine, model)


@pytest.fixture
def fund(engine: Engine) -> Engine:
    ledger.add_donor.perform(engine, RECORDER, "Donor", "other")
    ledger.set_rules.perform(engine, RECORDER, {"approval_threshold": str(THRESHOLD)})
    return engine


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps)
def test_random_sequences_keep_the_ledger_sound(
    fund: Engine, plan: list[tuple[object, ...]]
) -> None:
    _run(fund, plan)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=steps)
def test_random_sequences_on_postgresql(fund: Engine, plan: list[tuple[object, ...]]) -> None:
    _run(fund, plan)
