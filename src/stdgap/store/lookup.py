"""Rows looked up many at a time: ids in batches of :data:`IN_BATCH`, attendance rows by their
whole key (meeting, person, member)."""

from __future__ import annotations

from collections.abc import Iterable

#: Ids per ``IN (…)`` query (below SQLite's 999 bound parameters of older builds).
IN_BATCH = 900
#: Keys looked up per statement.
KEYS_PER_STATEMENT = 500


def by_attendance_keys(
    select: str, keys: Iterable[tuple[int, int, int]], per_statement: int = KEYS_PER_STATEMENT
) -> list[str]:
    """Statements selecting ``select`` (columns of ``attendance AS a``) for the stored rows of
    ``keys``: a join with the keys as a VALUES list, one primary-key lookup each (SQLite scans
    the whole table for a row-value ``IN``). The ids are written as integer literals."""
    ordered = sorted({(int(m), int(p), int(b)) for m, p, b in keys})
    statements = []
    for start in range(0, len(ordered), per_statement):
        listed = ", ".join(f"({m}, {p}, {b})" for m, p, b in ordered[start : start + per_statement])
        statements.append(
            f"SELECT {select} FROM (VALUES {listed}) AS k JOIN attendance AS a "
            "ON a.meeting_id = k.column1 AND a.person_id = k.column2 AND a.member_id = k.column3"
        )
    return statements
