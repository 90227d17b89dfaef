"""A pair's score in numbers and words: each component with its label and what it is made of
(the items the two have in common, their regions, their time zones)."""

from __future__ import annotations

from datetime import date
from typing import Any

from stdgap.i18n.translate import N_, _
from stdgap.mentorship.fields import offset_text, utc_offset
from stdgap.mentorship.scores import gap_minutes

LABELS = {
    "base": N_("a pair the rules allow"),
    "study_groups": N_("study groups in common"),
    "questions": N_("Questions in common"),
    "expertise": N_("expertise in common"),
    "region": N_("the same ITU region"),
    "region_preferred": N_("a mentor of their region, as the mentee asked"),
    "gender_preferred": N_("a mentor of the gender the mentee asked for"),
    "time_zone": N_("time zones close to each other"),
}


def _items(text: str | None) -> list[str]:
    return [part for part in (text or "").split(";") if part]


def _shared(mentor: str | None, mentee: str | None, fold: bool = False) -> str:
    theirs = _items(mentor)
    wanted = _items(mentee)
    if fold:
        have = {item.casefold() for item in theirs}
        common = [item for item in wanted if item.casefold() in have]
    else:
        common = [item for item in wanted if item in set(theirs)]
    listed = ", ".join(common) if common else _("none")
    return _(
        "%(items)s (%(shared)s of %(total)s wanted)",
        items=listed,
        shared=len(common),
        total=len(wanted),
    )


def _detail(name: str, mentor: dict[str, Any], mentee: dict[str, Any], on: date) -> str:
    if name == "base":
        common = [x for x in _items(mentee["languages"]) if x in set(_items(mentor["languages"]))]
        return _("languages in common: %(items)s", items=", ".join(common) or _("none"))
    if name in ("study_groups", "questions"):
        return _shared(mentor[name], mentee[name])
    if name == "expertise":
        return _shared(mentor[name], mentee[name], fold=True)
    if name in ("region", "region_preferred"):
        return str(mentee["region"] or "")
    if name == "gender_preferred":
        return str(mentee["preferred_mentor_gender"] or "")
    if name == "time_zone":
        mine = utc_offset(mentee["time_zone"], on)
        theirs = utc_offset(mentor["time_zone"], on)
        if mine is None or theirs is None:
            return ""
        return _(
            "%(mentee)s and %(mentor)s: %(hours)s h apart",
            mentee=f"{mentee['time_zone']} ({offset_text(mine)})",
            mentor=f"{mentor['time_zone']} ({offset_text(theirs)})",
            hours=f"{gap_minutes(mine, theirs) / 60:g}",
        )
    return ""


def explain(
    components: dict[str, float], mentor: dict[str, Any], mentee: dict[str, Any], on: date
) -> list[dict[str, Any]]:
    """Each component of a pair's score: its name, label (translated), value and detail."""
    return [
        {
            "name": name,
            "label": _(LABELS.get(name, name)),
            "value": value,
            "detail": _detail(name, mentor, mentee, on),
        }
        for name, value in components.items()
    ]
