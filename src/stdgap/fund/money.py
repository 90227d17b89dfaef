"""Amounts of the fund: :class:`~decimal.Decimal`, never float.

An amount in a currency is rounded to the currency's minor unit (CHF 0.01, JPY 1, BHD 0.001,
from the CLDR data of Babel) half-up ("commercial" rounding: 0.005 becomes 0.01), which is the
rounding of bank statements and of the UN Financial Regulations' rate conversions.

The store keeps amounts as ``NUMERIC(18, 4)``: PostgreSQL as such; SQLite, which has no decimal
type, as a number of at most 15 significant digits read back through its shortest decimal text,
so the value is exact (amounts are below 10^11).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
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


#: What an amount or a rate may be written as: ASCII digits, either plain (``1250``) or with
#: commas between correct groups of three (``1,250``, ``12,345,678``), then optionally one ``.``
#: and decimals. Nothing else: no exponent (``1e3``), no other separators (``1'250``,
#: ``1.000,50``), no other digits (full-width, Arabic-Indic …), no sign.
_DECIMAL = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+", re.ASCII)
#: The most decimals of an amount in a currency other than the fund's, kept exactly as given
#: (the store's scale).
FOREIGN_DECIMALS = 4
#: The most decimals of a rate, and its bounds.
RATE_DECIMALS = 8
RATE_MIN = Decimal("0.00000001")
RATE_MAX = Decimal(100000)


def decimals(value: Decimal) -> int:
    """How many decimals ``value`` has once trailing zeros are dropped (``1.50``: 1)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _strict(text: str | Decimal | int, what: str) -> Decimal:
    """The decimal ``text`` is (see :data:`_DECIMAL`); a Decimal or an int as it is."""
    if isinstance(text, bool | float):
        raise FundError(_l("%(what)s: give a decimal, not a float", what=what))
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise FundError(_l("%(what)s: %(value)r is not a number", what=what, value=str(text)))
        return text
    raw = str(text).strip()
    if not _DECIMAL.fullmatch(raw):
        raise FundError(
            _l(
                "%(what)s: %(value)r is not a number written as 1250, 1250.50 or 1,250.50",
                what=what,
                value=str(text),
            )
        )
    return Decimal(raw.replace(",", ""))


def parse_amount(
    text: str | Decimal | int, what: str = "amount", places: int | None = None
) -> Decimal:
    """A positive amount from what users type (``1250``, ``1250.50``, ``1,250.50``) with at
    most ``places`` decimals (when given); :class:`FundError` naming the value for anything
    else: a float, another way of writing (``1'250``, ``1.000,50``, ``1,2,3``, ``1e3``,
    non-ASCII digits), 0, more than :data:`LIMIT`, too many decimals."""
    value = _strict(text, what)
    if value <= 0 or value > LIMIT:
        raise FundError(
            _l(
                "%(what)s: %(value)s must be more than 0 and at most %(limit)s",
                what=what,
                value=str(text),
                limit=f"{LIMIT:,}",
            )
        )
    if places is not None and decimals(value) > places:
        raise FundError(
            _l(
                "%(what)s: %(value)s has more than %(places)s decimals",
                what=what,
                value=str(text),
                places=places,
            )
        )
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def parse_rate(text: str | Decimal | int) -> Decimal:
    """An exchange rate: units of the fund's currency for one unit of the receipt's currency,
    from :data:`RATE_MIN` to :data:`RATE_MAX`, with at most :data:`RATE_DECIMALS` decimals."""
    value = _strict(text, "rate")
    if value < RATE_MIN or value > RATE_MAX or decimals(value) > RATE_DECIMALS:
        raise FundError(
            _l(
                "rate: %(value)s must be from %(low)s to %(high)s, with at most %(places)s "
                "decimals",
                value=str(text),
                low=str(RATE_MIN),
                high=str(RATE_MAX),
                places=RATE_DECIMALS,
            )
        )
    return value.quantize(Decimal("0.00000001"))


#: ISO 4217 codes that are not money a donor gives: precious metals (XAU, XAG, XPT, XPD), the
#: testing and "no currency" codes (XTS, XXX), bond-market units (XBA … XBD), the UIC franc and
#: the ADB unit of account; the IMF's SDR (XDR) is kept: some donors' contributions are in it.
NOT_MONEY = frozenset(
    {"XAU", "XAG", "XPT", "XPD", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XFU", "XUA", "XSU"}
)


def check_currency(code: str) -> str:
    """The ISO 4217 code ``code`` in upper case; :class:`FundError` when it is not one."""
    from babel.numbers import is_currency

    upper = code.strip().upper()
    if not (len(upper) == 3 and upper.isascii() and upper.isalpha() and is_currency(upper)):
        raise FundError(_l("currency %(code)r is not an ISO 4217 code (e.g. CHF)", code=code))
    if upper in NOT_MONEY:
        raise FundError(
            _l("currency %(code)r is a code of ISO 4217 but not money (e.g. CHF)", code=code)
        )
    return upper
