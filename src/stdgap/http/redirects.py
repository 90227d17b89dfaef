"""Where a form may send its user back to: a path of this site only."""

from __future__ import annotations


def local_target(target: str, default: str = "/") -> str:
    """``target`` when it is a path of this site (``/…``, never ``//host`` or a backslash,
    which browsers read as another site), else ``default``."""
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if local else default
