"""Row numbers (integer primary keys) as given in a path, a form or a command: only those the
database can hold are looked up (PostgreSQL's ``integer`` stops at 2**31 - 1; a larger number
is refused by the driver), so a number out of range is simply unknown."""

from __future__ import annotations

#: The largest row number of a table (PostgreSQL ``integer``; SQLite holds it too).
LARGEST = 2**31 - 1


def storable(number: int) -> bool:
    """Whether ``number`` may be a row's number (1 to :data:`LARGEST`)."""
    return 1 <= number <= LARGEST
