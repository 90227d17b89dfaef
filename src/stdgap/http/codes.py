"""Words for the codes the data and the trackers store (``working_party``, ``in_progress``,
``remote`` …): pages write ``{{ value|code }}``, which shows the word in the reader's language,
and any code it does not know as it is."""

from __future__ import annotations

import re

from stdgap.i18n.translate import N_, gettext

LABELS: dict[str, str] = {
    # meetings: kind and format (DATA-FORMATS.md)
    "plenary": N_("plenary"),
    "working_party": N_("working party"),
    "rapporteur": N_("rapporteur group"),
    "regional_group": N_("regional group"),
    "workshop": N_("workshop"),
    "cto": N_("CTO meeting"),
    # events held as meetings (stdgap.events: the same words as its pages)
    "training": N_("Training"),
    "awareness": N_("Awareness campaign"),
    "webinar": N_("Webinar"),
    "elearning": N_("E-learning course"),
    "in_person": N_("in person"),
    "virtual": N_("virtual"),
    "hybrid": N_("hybrid"),
    # members: type (DATA-FORMATS.md)
    "member_state": N_("Member State"),
    "sector_member": N_("Sector Member"),
    "associate": N_("Associate"),
    "academia": N_("Academia"),
    # attendance: mode
    "remote": N_("remote"),
    # contributions: level
    "question": N_("Question level"),
    # fellowships: what was asked and what was decided
    "full": N_("full fellowship"),
    "partial": N_("partial fellowship"),
    "either": N_("full or partial"),
    "none": N_("none"),
    "not_granted": N_("not granted"),
    "not granted": N_("not granted"),
    "granted": N_("granted"),
    "waitlisted": N_("waiting list"),
    "ineligible": N_("not eligible"),
    # resolution tracker: status of a clause or an action
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "not_started": N_("not started"),
    "blocked": N_("blocked"),
}


#: Codes whose word depends on what they are the code of (a role "rapporteur" is not a
#: meeting kind "rapporteur").
DOMAIN_LABELS: dict[str, dict[str, str]] = {
    "role": {
        "chair": N_("chair"),
        "vice_chair": N_("vice-chair"),
        "rapporteur": N_("rapporteur"),
        "associate_rapporteur": N_("associate rapporteur"),
        "liaison_rapporteur": N_("liaison rapporteur"),
        "editor": N_("editor"),
        "mentor": N_("mentor"),
    },
    "group": {
        "tsag": N_("advisory group"),
        "study_group": N_("study group"),
        "regional_group": N_("regional group"),
        "working_party": N_("working party"),
        "focus_group": N_("focus group"),
        "other": N_("other"),
    },
}


def code_label(value: object, domain: str | None = None) -> str:
    """The word for a stored code in the current language (``domain``: what it is the code
    of, when that matters); the value itself when unknown."""
    if value is None:
        return ""
    text = str(value)
    label = DOMAIN_LABELS.get(domain or "", {}).get(text) or LABELS.get(text)
    return gettext(label) if label is not None else text


_STUDY_GROUP = re.compile(r"^SG(\d+)(.*)$", re.IGNORECASE)


def itu_group_key(code: object) -> tuple[int, int, str]:
    """ITU's order of groups: TSAG, then the study groups by number, each followed by its
    regional groups (``SG3RG-AFR`` after ``SG3``), then the others by code."""
    text = str(code or "").upper()
    if text == "TSAG":
        return (0, 0, "")
    found = _STUDY_GROUP.match(text)
    if found:
        return (1, int(found.group(1)), found.group(2))
    return (2, 0, text)
