"""Human words for the dimensions of the indicator cells and for their coded values (the
explorer's form, table headers and charts), in the language of the request: never
``member_state`` or ``true`` on a page."""

from __future__ import annotations

from typing import Any

from stdgap.i18n.translate import N_
from stdgap.i18n.translate import gettext as _

#: Each dimension's name as a column header or a form label.
DIMENSION_NAMES: dict[str, str] = {
    "year": N_("Year"),
    "group": N_("Group"),
    "region": N_("Region"),
    "status": N_("Development status"),
    "ldc": N_("Least developed country"),
    "lldc": N_("Landlocked developing country"),
    "sids": N_("Small island developing State"),
    "member_type": N_("Type of member"),
    "gender": N_("Gender"),
    "country": N_("Country"),
    "role": N_("Position"),
}

#: Coded values by dimension (values not listed, such as group codes, are shown as they are).
VALUE_NAMES: dict[str, dict[str, str]] = {
    "region": {
        "Africa": N_("Africa"),
        "Americas": N_("Americas"),
        "Arab States": N_("Arab States"),
        "Asia-Pacific": N_("Asia-Pacific"),
        "CIS": N_("CIS"),
        "Europe": N_("Europe"),
        "unknown": N_("unknown region"),
    },
    "status": {"developing": N_("developing"), "developed": N_("developed")},
    "member_type": {
        "member_state": N_("Member State"),
        "sector_member": N_("Sector Member"),
        "associate": N_("Associate"),
        "academia": N_("Academia"),
        "unknown": N_("unknown"),
    },
    "country": {"unknown": N_("unknown")},
    "gender": {"F": N_("women"), "M": N_("men"), "X": N_("other"), "unknown": N_("unknown")},
    "role": {
        "chair": N_("chair"),
        "vice_chair": N_("vice-chair"),
        "rapporteur": N_("rapporteur"),
        "associate_rapporteur": N_("associate rapporteur"),
        "editor": N_("editor"),
        "liaison_rapporteur": N_("liaison rapporteur"),
    },
}
_YES_NO = {"true": N_("yes"), "false": N_("no")}
for _dimension in ("ldc", "lldc", "sids"):
    VALUE_NAMES[_dimension] = _YES_NO


def dimension_name(dimension: str) -> str:
    """``dimension`` in words, translated."""
    return _(DIMENSION_NAMES[dimension]) if dimension in DIMENSION_NAMES else dimension


def value_name(dimension: str, value: Any) -> str:
    """A cell's ``value`` of ``dimension`` in words, translated (a year or a code as it is)."""
    if value is None:
        return ""
    words = VALUE_NAMES.get(dimension, {}).get(str(value))
    return _(words) if words is not None else str(value)
