"""Errors of the programmes' operations, shown to users as they are."""

from __future__ import annotations


class ProgrammeError(ValueError):
    """A request that cannot be carried out (unknown call, conflict of interest …)."""
