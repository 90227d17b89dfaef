"""Amounts of the fund: :class:`~decimal.Decimal`, never float.

An amount in a currency is rounded to the currency's minor unit (CHF 0.01, JPY 1, BHD 0.001,
from the CLDR data of Babel) half-up ("commercial" rounding: 0.005 becomes 0.01), which is the
rounding of bank statements and of the UN Financial Regulations' rate conversions.

The store keeps amounts as ``NUMERIC(18, 4)``: PostgreSQL as such; SQLite, which has no decimal
type, as a number of at most 15 significant digits read back through its shortest decimal text,
so the value is exact (amounts are below 10^11).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from stdgap.fund.errors import FundError
from stdgap.i18n.translate import _l

#: The largest amount the fund records (in any currency): 15 significant digits with the scale.
LIMIT = Decimal("99999999999")
SCALE = Decimal("0.0001")
ZERO = Decimal("0")


class _Plain(Numeric):  # type: ignore[type-arg]
    """NUMERIC(18, 4) in SQLite's DDL, with no conversion of its own (:class:`Money` converts)."""

    def bind_processor(self, dialect: Dialect) -> None:
        return None

    def result_processor(self, dialect: Dialect, coltype: object) -> None:
        return None


class Money(TypeDecorator[Decimal]):
    """``NUMERIC(18, 4)`` holding a Decimal on both stores (see the module's documentation)."""

    impl = Numeric(18, 4)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _Plain(18, 4)
        return dialect.type_descriptor(Numeric(18, 4))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return str(Decimal(value).quantize(SCALE))
        return Decimal(value).quantize(SCALE)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(SCALE)


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency`` (``Decimal('0.01')`` for CHF)."""
    from babel.numbers import get_currency_precision

    return Decimal(1).scaleb(-get_currency_precision(currency))


def rounded(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-up to the minor unit of ``currency``."""
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def parse_amount(text: str | Decimal | int, what: str = "amount") -> Decimal:
    """A positive amount from what users type (``1250``, ``1250.50``, ``1'250.50``, ``1,250.5``);
    :class:`FundError` for anything else (a float is refused: write it as text)."""
    if isinstance(text, float):
        raise FundError(_l("%(what)s: give a decimal, not a float", what=what))
    raw = str(text).strip().replace("'", "").replace("_", "").replace(" ", "")
    if raw.count(",") and raw.count("."):
        raw = raw.replace(",", "")
    elif raw.count(",") == 1 and len(raw.split(",")[1]) != 3:
        raw = raw.replace(",", ".")
    else:
        raw = raw.replace(",", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise FundError(
            _l("%(what)s: %(value)r is not a number", what=what, value=str(text))
        ) from None
    if not value.is_finite() or value <= 0 or value > LIMIT:
        raise FundError(
            _l(
                "%(what)s: %(value)s must be more than 0 and at most %(limit)s",
                what=what,
                value=str(text),
                limit=str(LIMIT),
            )
        )
    return value


def parse_rate(text: str | Decimal | int) -> Decimal:
    """An exchange rate: units of the fund's currency for one unit of the receipt's currency."""
    if isinstance(text, float):
        raise FundError(_l("rate: give a decimal, not a float"))
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise FundError(_l("rate: %(value)r is not a number", value=str(text))) from None
    if not value.is_finite() or value <= 0 or value > Decimal(100000):
        raise FundError(
            _l("rate: %(value)s must be more than 0 and at most 100000", value=str(text))
        )
    return value.quantize(Decimal("0.00000001"), rounding=ROUND_HALF_UP)


def check_currency(code: str) -> str:
    """The ISO 4217 code ``code`` in upper case; :class:`FundError` when it is not one."""
    from babel.numbers import is_currency

    upper = code.strip().upper()
    if not (len(upper) == 3 and upper.isalpha() and is_currency(upper)):
        raise FundError(_l("currency %(code)r is not an ISO 4217 code (e.g. CHF)", code=code))
    return upper
