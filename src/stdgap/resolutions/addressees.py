"""Addressees normalised to a code list (the raw text is always kept beside the codes)."""

from __future__ import annotations

import re

CODES = (
    "director_tsb",
    "director_bdt",
    "director_br",
    "secretary_general",
    "council",
    "tsag",
    "study_groups",
    "member_states",
    "sector_members",
    "associates",
    "academia",
    "regional_offices",
    "regions",
    "regional_organizations",
)
ALIASES = {
    "tsb": "director_tsb",
    "bdt": "director_bdt",
    "br": "director_br",
    "sg": "secretary_general",
    "secretary-general": "secretary_general",
    "sgs": "study_groups",
    "study-groups": "study_groups",
    "ms": "member_states",
    "member-states": "member_states",
    "sector-members": "sector_members",
    "regional-offices": "regional_offices",
}
SHORT = {
    "director_tsb": "tsb",
    "director_bdt": "bdt",
    "director_br": "br",
    "secretary_general": "secretary-general",
}

_TSB = re.compile(
    r"Telecommunication Standardization Bureau|\bTSB\b|Bureau de la normalisation des t"
    r"|Oficina de Normalización de las Telecomunicaciones|Бюро стандартизации электросвязи"
    r"|مكتب تقييس الاتصالات|电信标准化局",
    re.I,
)
_BDT = re.compile(
    r"Telecommunications? Development(?: Bureau| and)|\bBDT\b|Bureau de développement des t"
    r"|Oficina de Desarrollo de las Telecomunicaciones|Бюро развития электросвязи"
    r"|مكتب تنمية الاتصالات|电信发展局",
    re.I,
)
_BR = re.compile(
    r"Radiocommunication(?: Bureau|\s+Bureaux)|\bBR\b|Bureau des radiocommunications"
    r"|Oficina de Radiocomunicaciones|Бюро радиосвязи|مكتب الاتصالات الراديوية|无线电通信局",
    re.I,
)
_DIRECTOR = re.compile(r"Director|Directeur|Директор|مدير|主任")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "secretary_general",
        re.compile(
            r"Secretary-General|Secrétaire général|Secretario General|Генеральн\w+ секретар"
            r"|الأمين العام|秘书长",
            re.I,
        ),
    ),
    (
        "tsag",
        re.compile(
            r"Telecommunication Standardization Advisory Group|\bTSAG\b|\bGCNT\b|\bGANT\b"
            r"|\bКГСЭ\b|Groupe consultatif de la normalisation|Grupo Asesor de Normalización"
            r"|الفريق الاستشاري لتقييس الاتصالات|电信标准化顾问组"
        ),
    ),
    ("council", re.compile(r"\bCouncil\b(?! of Arab)|\bConseil\b|\bConsejo\b|\bСовет\w*|理事会")),
    (
        "study_groups",
        re.compile(
            r"\bstudy groups?\b|\bStudy Groups? \d+|commissions d'études|Comisiones de Estudio"
            r"|исследовательск\w+ комисси\w+|لجان الدراسات|研究组",
            re.I,
        ),
    ),
    (
        "member_states",
        re.compile(
            r"\bMembers? States\b|États Membres|Estados Miembros|Государств\w*[- ]Член\w*"
            r"|الدول الأعضاء|成员国",
            re.I,
        ),
    ),
    (
        "sector_members",
        re.compile(
            r"\bSector Members\b|Membres de Secteur|Miembros de Sector|Член\w+ Сектор\w*"
            r"|أعضاء القطاع|部门成员",
            re.I,
        ),
    ),
    ("associates", re.compile(r"\bAssociates\b|\bAssociés\b|\bAsociados\b|Ассоциированн")),
    (
        "academia",
        re.compile(
            r"\bAcademia\b|établissements universitaires|instituciones académicas"
            r"|академическ\w+ организаци\w+|الهيئات الأكاديمية|学术成员",
            re.I,
        ),
    ),
    (
        "regional_offices",
        re.compile(
            r"\bregional offices\b|bureaux régionaux|oficinas regionales"
            r"|региональн\w+ отделени\w+|المكاتب الإقليمية|区域代表处",
            re.I,
        ),
    ),
    ("regions", re.compile(r"^(?:the )?regions\b", re.I)),
    ("regional_organizations", re.compile(r"regional telecommunication organizations", re.I)),
)


def directors(text: str) -> list[str]:
    if not _DIRECTOR.search(text):
        return []
    found: list[str] = []
    if re.search(r"\b(three|all) Bureaux|\bDirectors of the Bureaux", text):
        return ["director_tsb", "director_bdt", "director_br"]
    if re.search(r"other (two )?Bureaux", text):
        found += ["director_bdt", "director_br"]
    for code, pattern in (("director_tsb", _TSB), ("director_bdt", _BDT), ("director_br", _BR)):
        if pattern.search(text) and code not in found:
            found.append(code)
    return found


def normalise(text: str | None) -> list[str]:
    """The codes named in an addressee (or collaborator) phrase, in a fixed order."""
    if not text:
        return []
    found = set(directors(text))
    if "Director" in text:
        # "study groups" etc. after a Director are the object, not a second addressee.
        text = re.split(r"\bto\b", text, maxsplit=1)[0]
    for code, pattern in _PATTERNS:
        if pattern.search(text):
            found.add(code)
    return [code for code in CODES if code in found]


def resolve_code(name: str) -> str:
    """A code from what a user typed (``bdt``, ``director_bdt``, ``Member States``)."""
    key = name.strip().lower().replace(" ", "_")
    if key in CODES:
        return key
    if key.replace("_", "-") in ALIASES:
        return ALIASES[key.replace("_", "-")]
    codes = normalise(name)
    return codes[0] if codes else key


def short(code: str) -> str:
    return SHORT.get(code, code.replace("_", "-"))
