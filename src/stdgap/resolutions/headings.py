"""Headings and enacting formulas in the six languages, and the place-and-year inside them.

``RESOLUTION 123 (REV. DUBAI, 2018)``, ``Resolution 2 (Rev. Bucharest, 2022)``, ``DECISION 5``,
``RESOLUTION ITU-R 1-8``, ``RÉSOLUTION 44 (Rév. Genève, 2022)``, ``РЕЗОЛЮЦИЯ 44 (Пересм. Женева,
2022 г.)``, ``القرار 44 (المراجَع في جنيف، 2022)``, ``第44号决议（2022年，日内瓦，修订版）``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdgap.resolutions.vocab import LANGUAGES, Language, fold

# Places of ITU conferences as they are spelled in mixed case (a heading in capitals gives them
# back this way; others are title-cased).
PLACES = {
    p.upper(): p
    for p in (
        "Sharm el-Sheikh",
        "Florianópolis",
        "Buenos Aires",
        "New Delhi",
        "Hammamet",
        "Marrakesh",
        "Minneapolis",
        "Guadalajara",
        "Johannesburg",
        "Antalya",
        "Bucharest",
        "Geneva",
        "Dubai",
        "Busan",
        "Kigali",
        "Kyoto",
        "Hyderabad",
        "Istanbul",
        "Doha",
        "Montreal",
        "Nice",
        "Helsinki",
        "Valletta",
        "Berlin",
        "Beijing",
        "Mar del Plata",
        "Nairobi",
        "Malta",
        "Cancún",
        "Tunis",
        "Accra",
    )
}

_KIND_NAMES = {
    "resolution": "Resolution",
    "decision": "Decision",
    "recommendation": "Recommendation",
}


@dataclass(frozen=True)
class Heading:
    kind: str  # resolution | decision | recommendation
    number: int
    designation: str  # "Resolution 123", "Resolution ITU-R 1-8"
    revised: bool
    place_year: str | None
    rest: str  # what follows the parentheses (a title on the same line, rare)


def _kind_words(lang: Language) -> str:
    return "|".join(re.escape(w) for w in sorted(lang.kinds, key=len, reverse=True))


_LATIN_HEADING = {
    code: re.compile(
        r"^(?P<kind>" + _kind_words(lang) + r")\s+(?P<series>(?:ITU|UIT|МСЭ)-[RTD]\s+)?"
        r"(?P<num>\d{1,4})(?:-(?P<ed>\d{1,2}))?(?!\d)(?P<marks>[\d,*\s]{0,6}?)"
        r"\s*(?P<rest>(?:[(（].*)?)$",
        re.I,
    )
    for code, lang in LANGUAGES.items()
    if code != "zh"
}
_ZH_HEADING = re.compile(
    r"^(?P<series>ITU-[RTD]\s*)?第\s*(?P<num>\d{1,4})(?:-(?P<ed>\d{1,2}))?\s*号"
    r"(?P<kind>决议|决定|建议)\s*(?P<rest>.*)$"
)
_MARKS_ONLY = re.compile(r"^[\d,*\s]{1,8}$")  # footnote marks after the parentheses
_PARENS = re.compile(r"^[(（]([^()（）]*)[)）]\s*(.*)$")
_YEAR = re.compile(r"(\d{4})")
_TRIM = " ,;:.،，；：()（）"


def _caps_place(place: str) -> str:
    if not place.isupper():
        return place
    known = PLACES.get(place)
    if known:
        return known
    words = place.split()
    return " ".join(
        w.capitalize() if k == 0 or len(w) > 2 else w.lower() for k, w in enumerate(words)
    )


def place_year(text: str) -> str | None:
    """``DUBAI, 2018`` → ``Dubai, 2018``; ``Женева, 2022 г.`` → ``Женева, 2022``;
    ``2022年，日内瓦`` → ``日内瓦, 2022``; ``Hammamet 2016`` → ``Hammamet, 2016``."""
    text = re.sub(r"\s+", " ", text).strip(_TRIM)
    years = _YEAR.findall(text)
    if not years:
        return text or None
    year = str(years[-1])
    place = _YEAR.sub("", text, count=0) if len(years) == 1 else text[: text.rfind(year)]
    place = re.sub(r"(?:\bг\.?|年)", " ", place)
    place = re.sub(r"\s+", " ", place).strip(_TRIM + " ")
    place = re.sub(r"^(?:في|à|en|in)\s+", "", place)
    if not place:
        return year
    return f"{_caps_place(place)}, {year}"


def strip_revision(inside: str, lang: Language) -> tuple[bool, str]:
    folded = fold(inside)
    for mark in (*lang.revision, "rev.", "rev ", "修订版", "修订"):
        at = folded.find(mark)
        if at >= 0 and (at == 0 or mark in ("修订版", "修订") or lang.code == "ar"):
            cut = inside[:at] + inside[at + len(mark) :]
            if lang.code == "ar":
                cut = folded[:at] + folded[at + len(mark) :]
            return True, cut
    return False, inside


def parse_heading(text: str, lang: Language) -> Heading | None:
    """A heading line, or None. A mixed-case heading must end with its parentheses (so that a
    sentence starting with ``Resolution 44 (…) of …`` is not one)."""
    match = _ZH_HEADING.match(text) if lang.glued else None
    series = edition = None
    if match is not None:
        series, edition = match.group("series"), match.group("ed")
    else:
        pattern = _LATIN_HEADING.get(lang.code) or _LATIN_HEADING["en"]
        match = pattern.match(text)
        if match is None and lang.code != "en":
            match = _LATIN_HEADING["en"].match(text)
        if match is None:
            return None
        series, edition = match.group("series"), match.group("ed")
    kind_word = match.group("kind")
    kind = next(
        (k for lang_ in LANGUAGES.values() for w, k in lang_.kinds.items() if fold(kind_word) == w),
        "resolution",
    )
    rest = match.group("rest").strip()
    inside: str | None = None
    after = ""
    if rest:
        parens = _PARENS.match(rest)
        if parens is None:
            return None
        inside, after = parens.group(1), parens.group(2).strip()
        if _MARKS_ONLY.match(after):
            after = ""
    capitals = kind_word.isupper() or lang.glued or lang.code == "ar"
    if not capitals and (after or (inside is not None and not _YEAR.search(inside))):
        return None
    revised, remainder = strip_revision(inside or "", lang)
    number = int(match.group("num"))
    label = f"ITU-{series.strip()[-1]} " if series else ""  # UIT-R, МСЭ-R: ITU-R
    label += f"{number}-{edition}" if edition else str(number)
    return Heading(
        kind=kind,
        number=number,
        designation=f"{_KIND_NAMES[kind]} {label}",
        revised=revised,
        place_year=place_year(remainder) if inside is not None else None,
        rest=after,
    )


def _formula_pattern(lang: Language) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(lang.assemblies, key=len, reverse=True))
    return re.compile(
        r"^(?:the |la |le |l'|el |إن |ان )?(?P<name>(?:itu |uit |мсэ |国际电信联盟|国际电联)?"
        r"(?:" + names + r")[^()（）]{0,90}?)"
        r"\s*(?:[(（](?P<where>[^()（）]*)[)）])?\s*[,，،:]?$"
    )


_FORMULAS = {code: _formula_pattern(lang) for code, lang in LANGUAGES.items()}


@dataclass(frozen=True)
class Formula:
    assembly: str | None
    place_year: str | None


def parse_formula(text: str, lang: Language) -> Formula | None:
    """``The World … Assembly (Geneva, 2022),`` / ``The ITU Radiocommunication Assembly,``."""
    if len(text) > 220:
        return None
    folded = fold(text)
    for code in dict.fromkeys((lang.code, "en")):
        match = _FORMULAS[code].match(folded)
        if match is None:
            continue
        name = match.group("name")
        where = match.group("where")
        if where is not None and len(folded) == len(text):  # the place as written, not folded
            where = text[match.start("where") : match.end("where")]
        if where is None and not text.rstrip().endswith((",", "，", "،", ":")):
            continue
        if code in ("en", "fr", "es") and not text.lstrip()[:1].isupper():
            continue
        return Formula(assembly_code(name), place_year(where) if where else None)
    return None


def assembly_code(name: str) -> str | None:
    folded = fold(name)
    for lang in LANGUAGES.values():
        for full, code in sorted(lang.assemblies.items(), key=lambda kv: -len(kv[0])):
            if full in folded:
                return code
    return None
