"""Errors of the fund's operations, shown to users as they are."""

from __future__ import annotations

from stdgap.programmes.errors import ProgrammeError


class FundError(ProgrammeError):
    """A request the fund refuses (an overspend, an unknown earmark, a second reversal …); a
    :class:`ProgrammeError`, so that a fellowship allocation refused by the fund is shown as
    the allocation's own refusals are."""


class NotFound(FundError):
    """An unknown donor, earmark or transaction (404 on the web)."""


class Conflict(FundError):
    """A request that conflicts with the ledger's state (409 on the web): a transaction already
    reversed or approved, an approver who recorded it."""
