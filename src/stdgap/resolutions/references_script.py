"""Citations written in Arabic and Chinese, whose word order differs from the Latin ones.

Arabic: ``القرار 123 (المراجَع في بوخارست، 2022) لمؤتمر المندوبين المفوضين`` → PP 123,
``القراران 44 و54 (المراجَع في جنيف، 2022) لهذه الجمعية`` → two of this assembly, ``المقرر 482
للمجلس`` → Council decision 482, ``القرار ITU-R 1-8`` → RA 1 edition 8.

Chinese: the body comes first, the number between 第 and 号: ``全权代表大会第123号决议（2022年，
布加勒斯特，修订版）`` → PP 123 ``Rev. 布加勒斯特, 2022``; ``本全会第44和54号决议`` → this
assembly's 44 and 54; ``理事会第482号决定`` → Council decision 482; ``ITU-R 第1-8号决议`` → RA.

Matching is done on the text with Arabic diacritics and tatweel removed; positions are mapped
back to the original text, so ``ref`` elements land on the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdgap.resolutions.headings import place_year
from stdgap.resolutions.parsed import Reference

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_SERIES = r"(?:(?P<series>(?:ITU|UIT)-[RTD])\s*)?"
_NUM = r"\d{1,4}(?:-\d{1,2})?"

_AR = re.compile(
    r"(?<![\u0621-\u064a])[وف]?(?:بال|لل|ال|ب|ل)?(?P<word>قرار|مقرر)(?:ان|ين|ات)?\s+"
    + _SERIES
    + r"(?P<entries>"
    + _NUM
    + r"(?:\s*(?:[،,]\s*(?:و\s*)?|و\s*)"
    + _NUM
    + r")*)(?![\d-])"
    + r"(?:\s*\((?P<inside>[^()]{0,60})\))?"
)
_AR_OF = re.compile(
    r"^\s*[،,]?\s*(?:(?:الصادر|الصادرة|المعتمد|المعتمدة)\s+(?:عن|من|في)\s+|الذي اعتمده\s+"
    r"|التي اعتمدتها\s+)?(?P<body>[\u0621-\u064a][\u0621-\u064a ]{2,70})"
)
_AR_BODIES = {
    "مؤتمر مندوبين مفوضين": "PP",
    "مؤتمر عالمي لتنمية اتصالات": "WTDC",
    "جمعية عالمية لتقييس اتصالات": "WTSA",
    "جمعية اتصالات راديوية": "RA",
    "مؤتمر عالمي لاتصالات راديوية": "WRC",
    "مجلس": "Council",
}
_AR_THIS = re.compile(r"^(?:ل)?(?:هذه|هذا)\s+(?:ال)?(?P<what>جمعية|مؤتمر)")
_AR_REVISED = re.compile(r"^(?:ال)?مراجع[ةه]?\s*(?:في\s+)?")

_ZH_BODIES = {
    "全权代表大会": "PP",
    "世界电信发展大会": "WTDC",
    "世界电信标准化全会": "WTSA",
    "无线电通信全会": "RA",
    "世界无线电通信大会": "WRC",
    "理事会": "Council",
    "WTSA": "WTSA",
    "WTDC": "WTDC",
    "PP": "PP",
    "RA": "RA",
    "WRC": "WRC",
}
_ZH_THIS = ("本全会", "本次全会", "本届全会", "本大会", "本次大会", "本届大会")
_ZH = re.compile(
    r"(?P<body>"
    + "|".join(re.escape(b) for b in sorted((*_ZH_BODIES, *_ZH_THIS), key=len, reverse=True))
    + r")?(?:-\d{2})?\s*(?:关于[^，。；：、（）()第\d]{1,60}?)?(?:的\s*)?"
    + _SERIES
    + r"(?P<entries>第?\s*"
    + _NUM
    + r"(?:\s*号?\s*(?:、|和|及|以及|与|，|,)\s*第?\s*"
    + _NUM
    + r")*)\s*号\s*(?P<word>决议|决定)(?:\s*[（(](?P<inside>[^（）()]{0,60})[）)])?"
)
_ZH_AND = ("和", "、", "及", "以及", "与", "，", ",")
_WRC = re.compile(r"((?:WRC|RRC|WARC|CMR|ВКР)-\d{2})")


def _folded(text: str) -> tuple[str, list[int]]:
    """The text without Arabic marks, and for each of its characters the original position."""
    out: list[str] = []
    where: list[int] = []
    for k, char in enumerate(text):
        if not _MARKS.match(char):
            out.append(char)
            where.append(k)
    where.append(len(text))
    return "".join(out), where


def _article_free(text: str) -> str:
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split())


def _ar_body(after: str, own: str | None) -> tuple[str | None, int]:
    """(body, characters used) of what follows an Arabic citation."""
    match = _AR_OF.match(after)
    if match is None:
        return None, 0
    phrase = match.group("body").strip()
    this = _AR_THIS.match(phrase)
    if this:
        return (own or "WTSA") if this.group("what") == "جمعية" else own, match.end()
    if phrase.startswith("لل"):
        phrase = "ال" + phrase[2:]
    elif phrase.startswith("ل") and not phrase.startswith("لجنة"):
        phrase = phrase[1:]
    words = _article_free(phrase)
    for name, code in _AR_BODIES.items():
        if words.startswith(name):
            used = match.start("body") + len(phrase) - len(phrase.lstrip())
            return code, used + _extent(match.group("body"), len(name.split()))
    return None, 0


def _extent(phrase: str, words: int) -> int:
    """The length of the first ``words`` words of ``phrase``."""
    found = list(re.finditer(r"\S+", phrase))
    return found[min(words, len(found)) - 1].end() if found else 0


def _revision(inside: str | None) -> tuple[str | None, str | None]:
    if not inside:
        return None, None
    inside = inside.strip()
    wrc = _WRC.search(inside)
    if wrc:
        revised = bool(re.search(r"修订|مراجع|R[ée]v|Пересм", inside))
        return ("Rev. " if revised else "") + wrc.group(1), "WRC"
    if not re.search(r"\d{4}", inside):
        return None, None
    revised = False
    if "修订" in inside:
        revised = True
        inside = re.sub(r"修订版?", "", inside)
    ar = _AR_REVISED.match(inside)
    if ar:
        revised = True
        inside = inside[ar.end() :]
    inside = re.sub(r"^(?:Rev\.?|Rév\.?)\s*", "", inside)
    place = place_year(inside) or inside
    return (f"Rev. {place}" if revised else place), None


def _entries(entries: str) -> list[tuple[int, int | None]]:
    return [
        (int(m.group(1)), int(m.group(2)) if m.group(2) else None)
        for m in re.finditer(r"(\d{1,4})(?:-(\d{1,2}))?", entries)
    ]


def _series_body(series: str | None) -> str | None:
    return {"R": "RA", "T": "WTSA", "D": "WTDC"}[series[-1]] if series else None


def script_citations(
    text: str, own: str | None
) -> Iterator[tuple[int, int, tuple[Reference, ...]]]:
    """(start, end, references) of every Arabic or Chinese citation in ``text``."""
    if re.search("[\u0621-\u064a]", text):
        folded, where = _folded(text)
        for match in _AR.finditer(folded):
            kind = "decision" if match.group("word") == "مقرر" else "resolution"
            revision, implied = _revision(match.group("inside"))
            body, used = _ar_body(folded[match.end() :], own)
            body = _series_body(match.group("series")) or body or implied
            refs = tuple(
                Reference(body, number, revision, kind, edition)
                for number, edition in _entries(match.group("entries"))
            )
            yield where[match.start()], where[match.end() + used], refs
    if re.search("[\u4e00-\u9fff]", text):
        last_end, last_body = -1, None
        for match in _ZH.finditer(text):
            kind = "decision" if match.group("word") == "决定" else "resolution"
            revision, implied = _revision(match.group("inside"))
            named = match.group("body")
            body = _series_body(match.group("series")) or (
                (own or "WTSA") if named in _ZH_THIS else _ZH_BODIES.get(named or "")
            )
            if body is None and text[last_end : match.start()].strip() in _ZH_AND:
                body = last_body  # "…全会第44号决议（…）和第54号决议": the same body
            refs = tuple(
                Reference(body or implied, number, revision, kind, edition)
                for number, edition in _entries(match.group("entries"))
            )
            last_end, last_body = match.end(), body
            yield match.start(), match.end(), refs
