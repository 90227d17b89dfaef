"""Human labels of what reports show: the dimensions (column headings) and their values (row
labels), marked for translation and translated in the report's language when written. A report
never shows a raw code (``true``, ``member_state``, ``vice_chair``)."""

from __future__ import annotations

import re

from stdgap.i18n.translate import N_
from stdgap.i18n.translate import gettext as _
from stdgap.indicators.catalogue import CATALOGUE

DIMENSION_LABELS: dict[str, str] = {
    "year": N_("Year"),
    "group": N_("Group"),
    "region": N_("ITU region"),
    "status": N_("Development status"),
    "ldc": N_("Least developed countries"),
    "lldc": N_("Landlocked developing countries"),
    "sids": N_("Small island developing States"),
    "member_type": N_("Member type"),
    "gender": N_("Gender"),
    "country": N_("Country"),
    "role": N_("Position"),
}

VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": {"developing": N_("Developing countries"), "developed": N_("Developed countries")},
    "ldc": {"true": N_("LDCs"), "false": N_("Other countries (not LDCs)")},
    "lldc": {"true": N_("LLDCs"), "false": N_("Other countries (not LLDCs)")},
    "sids": {"true": N_("SIDS"), "false": N_("Other countries (not SIDS)")},
    "member_type": {
        "member_state": N_("Member States"),
        "sector_member": N_("Sector Members"),
        "associate": N_("Associates"),
        "academia": N_("Academia"),
    },
    "gender": {
        "F": N_("Women"),
        "M": N_("Men"),
        "X": N_("Another gender"),
        "unknown": N_("Not known"),
    },
    "region": {
        "Africa": N_("Africa"),
        "Americas": N_("Americas"),
        "Arab States": N_("Arab States"),
        "Asia-Pacific": N_("Asia-Pacific"),
        "CIS": N_("CIS"),
        "Europe": N_("Europe"),
        "unknown": N_("Region not known"),
    },
    "role": {
        "chair": N_("Chair"),
        "vice_chair": N_("Vice-chair"),
        "rapporteur": N_("Rapporteur"),
        "associate_rapporteur": N_("Associate rapporteur"),
        "editor": N_("Editor"),
        "liaison_rapporteur": N_("Liaison rapporteur"),
    },
}

#: Codes that must never be read in a report (the test of reports scans for them).
RAW_CODES: frozenset[str] = frozenset(
    {"true", "false", "developing", "developed", "unknown"}
    | {code for values in VALUE_LABELS.values() for code in values if "_" in code}
    | set(CATALOGUE)
)


def dimension_label(dimension: str) -> str:
    """A dimension's column heading, translated."""
    found = DIMENSION_LABELS.get(dimension)
    return _(found) if found else dimension.replace("_", " ").capitalize()


def value_label(dimension: str, value: str) -> str:
    """A dimension value's row label, translated (a group's code and a year as they are)."""
    found = VALUE_LABELS.get(dimension, {}).get(value)
    return _(found) if found else value


def region_label(region: str) -> str:
    return value_label("region", region)


def indicator_label(indicator: str) -> str:
    """An indicator's title, translated."""
    return _(CATALOGUE[indicator].title)


#: A gender's code in running text.
GENDER_WORDS: dict[str, str] = {"F": N_("female"), "M": N_("male"), "X": N_("another gender")}
_CODE = re.compile(r"`([^`]+)`")
#: An identifier written bare in prose (``see cxo_regular_organisations``).
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def humanise(text: str) -> str:
    """Prose from the catalogue without Markdown: a code in backticks, or an identifier written
    bare, becomes its label (an indicator's title in quotes, a dimension value's label), else
    its words."""

    def label(found: re.Match[str]) -> str:
        code = found.group(1)
        if code in CATALOGUE:
            return f"“{indicator_label(code)}”"
        if code in GENDER_WORDS:
            return _(GENDER_WORDS[code])
        for values in VALUE_LABELS.values():
            if code in values:
                return _(values[code])
        return code.replace("_", " ")

    def bare(found: re.Match[str]) -> str:
        code = found.group(0)
        return f"“{indicator_label(code)}”" if code in CATALOGUE else code.replace("_", " ")

    return _IDENTIFIER.sub(bare, _CODE.sub(label, text))
