"""An indicator's clause (``Res. 44 programme 1``, ``Res. 74 instructs 2, Res. 68 resolves 2``)
in the reader's language: each reference's verb and numbers through a message of its own."""

from __future__ import annotations

import re

from stdgap.i18n.translate import N_, gettext

#: The part of a resolution a reference names, by its English word.
PATTERNS: dict[str, str] = {
    "programme": N_("Res. %(number)s programme %(items)s"),
    "resolves": N_("Res. %(number)s resolves %(items)s"),
    "instructs": N_("Res. %(number)s instructs %(items)s"),
    "invites": N_("Res. %(number)s invites %(items)s"),
    "recognizing": N_("Res. %(number)s recognizing"),
}
_REFERENCE = re.compile(r"^Res\. (\d+) (programme|resolves|instructs|invites|recognizing)\s*(.*)$")


def clause_label(clause: str) -> str:
    """The clause in the current language; a reference of another form as it is."""
    # references and what separates them (", " or "; "), each reference translated
    pieces = re.split(r"([,;]\s*)(?=Res\. )", clause.strip())
    out: list[str] = []
    for index, piece in enumerate(pieces):
        found = _REFERENCE.match(piece) if index % 2 == 0 else None
        if found is None:
            out.append(piece)
            continue
        number, verb, items = found.groups()
        out.append(gettext(PATTERNS[verb], number=number, items=items))
    return "".join(out)
