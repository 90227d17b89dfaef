"""The fund's rules (``stdgap fund rules``), stored as programme rules of the programme ``fund``
(rule set ``default``): the fund's currency, the threshold above which a spending waits for a
second person's approval, and the principles of spending checked in the statement."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection

from stdgap.programmes.rules import RuleBook, RuleSpec

RULE_SET = "default"
BOOK = RuleBook(
    "fund",
    [
        RuleSpec(
            "currency",
            "text",
            "CHF",
            "The fund's currency (ISO 4217): every amount of the ledger is in it; fixed once the "
            "ledger has a transaction.",
        ),
        RuleSpec(
            "approval_threshold",
            "int",
            "10000",
            "A spending above this amount (in the fund's currency) waits for the approval of "
            "someone other than who recorded it (fund.approve); 0: every spending.",
            minimum=0,
            maximum=10**11,
        ),
        RuleSpec(
            "min_ldc_share",
            "float",
            "0.3",
            "Principle: at least this share of a year's spending goes to beneficiaries in Least "
            "Developed Countries (on the spending's date).",
            minimum=0,
            maximum=1,
        ),
        RuleSpec(
            "max_admin_share",
            "float",
            "0.1",
            "Principle: at most this share of a year's spending goes to administration.",
            minimum=0,
            maximum=1,
        ),
        RuleSpec(
            "min_developing_share",
            "float",
            "0.8",
            "Principle: at least this share of a year's spending with a beneficiary country "
            "goes to developing countries.",
            minimum=0,
            maximum=1,
        ),
    ],
)


@dataclass(frozen=True)
class FundRules:
    currency: str
    approval_threshold: Decimal
    min_ldc_share: float
    max_admin_share: float
    min_developing_share: float

    @classmethod
    def load(cls, connection: Connection) -> FundRules:
        values = BOOK.values(connection, RULE_SET)
        return cls(
            str(values["currency"]).upper(),
            Decimal(int(values["approval_threshold"])),  # type: ignore[arg-type]
            float(values["min_ldc_share"]),  # type: ignore[arg-type]
            float(values["max_admin_share"]),  # type: ignore[arg-type]
            float(values["min_developing_share"]),  # type: ignore[arg-type]
        )
