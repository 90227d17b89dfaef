"""Who may see which cells: the public gets the store's public minimum cell size (the setting
``public_min_cell``) or more; those allowed to see small cells (analysts, admins; the command
line, which reads the store directly) may ask for less."""

from __future__ import annotations


def allowed_min_cell(requested: int | None, may_see_small_cells: bool, public: int) -> int | None:
    """The minimum cell size to apply to a request that asks for ``requested`` (None: the
    public minimum, which is what None means to the engine)."""
    if requested is None:
        return None
    if may_see_small_cells:
        return max(1, requested)
    return max(public, requested)
