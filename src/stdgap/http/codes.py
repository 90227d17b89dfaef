"""Words for the codes the data and the trackers store (``working_party``, ``in_progress``,
``remote`` …): pages write ``{{ value|code }}``, which shows the word in the reader's language,
and any code it does not know as it is."""

from __future__ import annotations

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


def code_label(value: object) -> str:
    """The word for a stored code in the current language; the value itself when unknown."""
    if value is None:
        return ""
    text = str(value)
    label = LABELS.get(text)
    return gettext(label) if label is not None else text
