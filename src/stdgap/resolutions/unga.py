"""Resolutions of the United Nations General Assembly (the ``A/RES/78/123`` layout).

The layout differs from ITU's: after ``The General Assembly,`` each preambular paragraph opens
with its own capitalised participle (``Recalling its resolution …,``) and each operative paragraph
is numbered and opens with its verb (``1. Decides to …;``, ``2. Requests the Secretary-General to
…;``), its sub-paragraphs lettered ``(a)``. The parse keeps the contract's shape:

- ``kind`` resolution, ``assembly`` ``UNGA``, ``designation`` the symbol (``A/RES/78/123``),
  ``number`` the part after the session (123), ``place_year`` the year of adoption;
- one preamble section per paragraph (its verb, one unnumbered item);
- one operative section per numbered paragraph: the verb, the addressee of a request or
  invitation (``the Secretary-General``), one clause numbered as written, sub-items ``a``, ``b``.

The document's head (``Distr.: General``, the session, the agenda item), the closing ``48th
plenary meeting`` and page furniture (``2/5``, the job number ``23-12345 (E)``) are dropped. An
``Annex`` becomes one annex: its first line the title, its paragraphs the items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stdgap.resolutions import references
from stdgap.resolutions.cleanup import squash
from stdgap.resolutions.document import all_texts
from stdgap.resolutions.lines import is_roman
from stdgap.resolutions.parsed import (
    Annex,
    Footnote,
    Item,
    OperativeSection,
    Part,
    PreambleSection,
    Resolution,
)
from stdgap.resolutions.vocab import ENGLISH, Language, canonical, fold

_FORMULA = re.compile(
    r"^(?:The General Assembly|L[’']Assemblée générale|La Asamblea General"
    r"|Генеральная Ассамблея|إن الجمعية العامة|大会)\s*[,，،]?\s*$"
)
_SYMBOL = re.compile(r"\bA/RES/(?P<session>\d{1,3})/(?P<num>\d{1,4})\b")
_TITLE = re.compile(r"^(?P<session>\d{1,3})/(?P<num>\d{1,4})\.\s+(?P<title>\S.*)$")
_ADOPTED = re.compile(r"\b(?:on|le|el)\s+\d{1,2}\s+\w+\s+(?P<year>\d{4})\b")
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<text>\S.*)$")
_ITEM = re.compile(r"^\((?P<num>[a-z]{1,5})\)\s+(?P<text>\S.*)$")
_FURNITURE = re.compile(
    r"^(?:\d{1,3}/\d{1,3}|\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{7,}\*|A/RES/\d+/\d+"
    r"|\d{1,3}(?:st|nd|rd|th)? plenary meeting|\d{1,3}(?:e|re) séance plénière"
    r"|\d{1,3}[ªa.]? sesión plenaria|\d{1,3}-е пленарное заседание|\d{1,2}(?:er)? \w+ \d{4})$",
    re.I,
)
_ENDS = ("", " ", ",")
_ANNEX = re.compile(
    r"^(?:Annex|ANNEX|Annexe|ANNEXE|Anexo|ANEXO|Приложение|ПРИЛОЖЕНИЕ|المرفق|附件)(?:\s+[IVX\d]{1,4})?$"
)
_TERMINAL = (",", ";", ".", ":", "，", "；", "。", "،", "؛")

# Openings of UN preambular paragraphs (longest first); others: the first word.
_PREAMBLE = (
    "taking note with appreciation",
    "taking note",
    "noting with concern",
    "noting with appreciation",
    "noting with satisfaction",
    "notant avec préoccupation",
    "notant avec satisfaction",
    "prenant note avec satisfaction",
    "observando con preocupación",
    "tomando nota con satisfacción",
    "expressing concern",
    "expressing its appreciation",
    "deeply concerned",
    "gravely concerned",
    "bearing in mind",
    "taking into account",
    "guided by",
    "having considered",
)
_MODIFIERS = ("also", "further", "again", "once again", "moreover", "furthermore")
# Operative verbs after which a noun phrase and "to …" name an addressee.
_ADDRESSED = {
    "requests",
    "invites",
    "encourages",
    "calls upon",
    "calls on",
    "urges",
    "instructs",
    "authorizes",
    "appeals to",
    "demands",
}
_EN_OPERATIVE = (
    "takes note with appreciation",
    "takes note",
    "notes with appreciation",
    "notes with concern",
    "expresses its appreciation",
    "calls upon",
    "calls on",
    "appeals to",
)


def is_unga(text: str) -> bool:
    """True when the text has the General Assembly's enacting formula or symbol."""
    lines = [squash(x) for x in text.split("\n")[:80]]
    return any(_FORMULA.match(x) for x in lines) and (
        any(_SYMBOL.search(x) or _TITLE.match(x) for x in lines)
        or any("General Assembly" in x for x in lines)
        or any(_NUMBERED.match(x) for x in text.split("\n"))
    )


def _opening(text: str, phrases: Sequence[str], lang: Language) -> tuple[str, str]:
    """(verb as written, lower case; rest) of a paragraph."""
    folded = fold(text)
    vocab = sorted(
        (*phrases, *lang.preamble, *lang.operative) if lang.code != "en" else phrases,
        key=len,
        reverse=True,
    )
    verb = next(
        (
            p
            for p in vocab
            if folded.startswith(p) and folded[len(p) : len(p) + 1] in ("", " ", ",")
        ),
        None,
    )
    if verb is None:
        verb = folded.split(" ", 1)[0].rstrip(",;:")
        for modifier in _MODIFIERS:
            if folded.startswith(f"{modifier} "):  # "Also decides", "Further requests"
                verb = f"{modifier} " + folded[len(modifier) + 1 :].split(" ", 1)[0]
                break
        for modifier in _MODIFIERS:  # "Recalling also", "Decides further"
            if folded[len(verb) :].startswith(f" {modifier} "):
                verb = f"{verb} {modifier}"
                break
    rest = text[len(verb) :].lstrip(" ,")
    return verb.rstrip(",;:"), rest


# What joins the addressee to the rest: "Requests the Secretary-General to …", "Prie le
# Secrétaire général de …", "Invita a los Estados Miembros a …" / "Pide al Secretario General que".
_JOINS = {
    "en": r",?\s+to\s+(?=[a-z])",
    "fr": r",?\s+(?:de\s+|d['’]|à\s+)(?=[a-zàâéèêîôû])",
    "es": r",?\s+(?:a\s+|que\s+)(?=[a-záéíóú])",
}


def _addressee(verb: str, rest: str, lang: Language) -> tuple[str | None, str]:
    base = re.sub(r"^(?:also|further|again|once again) ", "", canonical(verb))
    base = re.sub(r" (?:also|further|again)$", "", base)
    join = _JOINS.get(lang.code)
    if base not in _ADDRESSED or join is None:
        return None, rest
    match = re.search(join, rest)
    if match is None or match.start() == 0 or match.start() > 160:
        return None, rest
    who = rest[: match.start()]
    if re.match(r"(?:to|that|in|de|que|a|à|en)\s", who, re.I):
        return None, rest
    who = who.split(",", 1)[0].strip()  # "all States, in accordance with …, to …"
    return who, rest[match.start() :].lstrip(" ,")


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Lines joined into paragraphs: a line continues the previous one unless that one ended a
    paragraph (``,`` ``;`` ``.`` ``:``) or it opens a numbered or lettered paragraph."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        opens = bool(_NUMBERED.match(line) or _ITEM.match(line))
        if out and not opens and not out[-1].endswith(_TERMINAL):
            joined = out[-1][:-1] + line if out[-1].endswith("-") else f"{out[-1]} {line}"
            out[-1] = joined
        else:
            out.append(line)
    return out


_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _nests(previous: Item | None, num: str) -> bool:
    """``(i)`` after ``(h)`` is a letter; after another letter it opens roman sub-items, which
    go on while each is the next roman number."""
    if previous is None or not is_roman(num):
        return False
    if previous.items:
        last = previous.items[-1].num or ""
        return last in _ROMANS and num in _ROMANS and _ROMANS.index(num) == _ROMANS.index(last) + 1
    return num == "i" and previous.num != "h"


def parse_unga(
    text: str, footnotes: Sequence[tuple[int, Footnote]] = (), lang: Language = ENGLISH
) -> Resolution:
    resolution = Resolution(language=lang.code, assembly="UNGA")
    lines = [squash(x) for x in text.split("\n")]
    start = next(k for k, x in enumerate(lines) if _FORMULA.match(x))
    for line in lines[:start]:
        symbol, titled = _SYMBOL.search(line), _TITLE.match(line)
        if symbol and resolution.number is None:
            resolution.number = int(symbol.group("num"))
            resolution.designation = symbol.group(0)
        if titled:
            resolution.number = int(titled.group("num"))
            resolution.title = titled.group("title").strip()
            resolution.designation = resolution.designation or (
                f"A/RES/{titled.group('session')}/{titled.group('num')}"
            )
        adopted = _ADOPTED.search(line)
        if adopted and resolution.place_year is None:
            resolution.place_year = adopted.group("year")
    annex_at = next((k for k in range(start + 1, len(lines)) if _ANNEX.match(lines[k])), len(lines))
    body = [x for x in lines[start + 1 : annex_at] if not _FURNITURE.match(x)]
    if annex_at < len(lines):
        annex_lines = [x for x in lines[annex_at + 1 :] if x and not _FURNITURE.match(x)]
        paragraphs = _paragraphs(annex_lines[1:])
        items = [Item(None, x) for x in paragraphs]
        parts = [Part(None, "", items)] if items else []
        resolution.annexes = [Annex(annex_lines[0] if annex_lines else "", parts)]
    for paragraph in _paragraphs(body):
        numbered, item = _NUMBERED.match(paragraph), _ITEM.match(paragraph)
        if numbered:
            verb, rest = _opening(numbered.group("text"), _EN_OPERATIVE, lang)
            addressee, rest = _addressee(verb, rest, lang)
            clause = Item(numbered.group("num"), rest)
            resolution.operative.append(OperativeSection(verb, addressee, clauses=[clause]))
        elif item and resolution.operative:
            parent = resolution.operative[-1].clauses[-1]
            last = parent.items[-1] if parent.items else None
            entry = Item(item.group("num"), item.group("text"))
            target = (
                last.items if last is not None and _nests(last, entry.num or "") else parent.items
            )
            target.append(entry)
        elif not resolution.operative:
            verb, rest = _opening(paragraph, _PREAMBLE, lang)
            resolution.preamble.append(PreambleSection(verb, [Item(None, rest)]))
        else:
            resolution.warnings.append(f"not placed: {paragraph[:80]}")
    resolution.footnotes = [note for _, note in footnotes]
    resolution.references = references.find(all_texts(resolution), "UNGA")
    return resolution
