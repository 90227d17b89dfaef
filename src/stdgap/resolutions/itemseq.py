"""Where a numbered entry goes among the entries before it: next in a list, or the first of a
list one level down. Word's multi-level lists (``1`` / ``a)`` / ``i)``, ``1`` / ``1.1`` / ``A)``,
``1)`` / ``(a)`` / ``(i)``) arrive as labels only; their depth is read back from the labels.
"""

from __future__ import annotations

from stdgap.resolutions.lines import is_roman
from stdgap.resolutions.parsed import Item

_ROMANS = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
]  # fmt: skip


def follows(previous: str | None, num: str) -> bool:
    """True when ``num`` comes right after ``previous`` in one list (``h`` → ``i`` included)."""
    if previous is None:
        return False
    if previous in _ROMANS and num in _ROMANS and _ROMANS.index(num) == _ROMANS.index(previous) + 1:
        return True
    if len(previous) == 1 == len(num) and previous.isalpha() and num.isalpha():
        return previous.islower() == num.islower() and ord(num) == ord(previous) + 1
    if "." in previous and "." in num:
        head, _, last = previous.rpartition(".")
        head2, _, last2 = num.rpartition(".")
        return head == head2 and last.isdigit() and last2.isdigit() and int(last2) == int(last) + 1
    return previous.isdigit() and num.isdigit() and int(num) == int(previous) + 1


def starts(num: str, parent: str | None) -> bool:
    """True when ``num`` opens a list (``a``, ``i``, ``A``, ``1``, or ``3.1`` under ``3``)."""
    if num in ("a", "i", "A", "1", "а"):
        return True
    if "." in num:
        head, _, last = num.rpartition(".")
        return last == "1" and (parent is None or head == parent or not head)
    return False


def place(items: list[Item], entry: Item, clause: str | None = None) -> None:
    """Append ``entry`` to ``items`` or to the items of one of their last entries: the deepest
    list it continues, else (when it opens a list) below the deepest last entry, else at the top.
    """
    chain: list[list[Item]] = [items]
    while chain[-1] and chain[-1][-1].items:
        chain.append(chain[-1][-1].items)
    num = entry.num
    if num is None:
        items.append(entry)
        return
    for level in reversed(chain):
        if level and follows(level[-1].num, num):
            level.append(entry)
            return
    deepest = chain[-1]
    if deepest and starts(num, deepest[-1].num) and not _same_style(deepest[-1].num, num):
        deepest[-1].items.append(entry)
        return
    if not items and starts(num, clause):
        items.append(entry)
        return
    items.append(entry)


def _style(num: str) -> str:
    if "." in num:
        return f"dotted{num.count('.')}"
    if num.isdigit():
        return "decimal"
    if num == "i" or (len(num) > 1 and is_roman(num)):
        return "roman"
    return "upper" if num.isupper() else "lower"


def _same_style(previous: str | None, num: str) -> bool:
    return previous is not None and _style(previous) == _style(num)
