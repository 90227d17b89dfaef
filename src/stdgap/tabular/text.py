"""Text a person typed or a file held: control characters (NUL and the like; a tab, a newline or
a carriage return are text) are refused before they reach the store, the same way on SQLite
(which would keep them) and on PostgreSQL (whose ``text`` refuses a NUL)."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(text: str | None) -> str | None:
    """The first control character of ``text`` as ``U+0000``, or None when there is none."""
    found = _CONTROL.search(text or "")
    return f"U+{ord(found.group()):04X}" if found else None
