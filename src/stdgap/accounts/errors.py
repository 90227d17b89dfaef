"""The error of requests about accounts that cannot be honoured."""

from __future__ import annotations


class AccountError(ValueError):
    """A request about accounts that cannot be honoured (unknown role, taken name, weak
    password …); its message (text, or translated when shown) says why."""
