"""The small vocabularies of CxO meetings, each value with its label for people."""

from __future__ import annotations

from stdgap.i18n.translate import N_, LazyText, _l

#: The registry group and the meeting kind (DATA-FORMATS.md) of CxO meetings.
GROUP = "CTO"
KIND = "cto"
#: Suggested themes (any subject may be typed).
THEMES: tuple[str, ...] = (
    "health",
    "transport",
    "education",
    "energy",
    "finance",
    "agriculture",
    "smart cities",
    "artificial intelligence",
    "security",
)
#: Where an agenda item came from.
SOURCES: dict[str, str] = {
    "secretariat": N_("proposed by the secretariat"),
    "consultation": N_("from the consultation of developing countries"),
    "tsag": N_("from TSAG"),
    "conclusion": N_("from an earlier meeting's conclusion"),
}
#: ITU-T strategic objectives an agenda item may serve (the Strategic Plan 2024-2027).
OBJECTIVES: dict[str, str] = {
    "T.1": N_("develop international standards"),
    "T.2": N_("foster participation, in particular of developing countries"),
    "T.3": N_("reinforce cooperation with other organisations"),
    "T.4": N_("bridge the standardization gap"),
}
SIZES: dict[str, str] = {
    "micro": N_("micro enterprise"),
    "sme": N_("small or medium enterprise"),
    "large": N_("large organisation"),
}
SMALL_SIZES = ("micro", "sme")
LEVELS: dict[str, str] = {
    "cto": N_("chief technology officer"),
    "cxo": N_("other chief executive"),
    "alternate": N_("alternate or deputy"),
    "other": N_("other"),
}
#: The levels that count for regular participation (the executive or their alternate).
EXECUTIVE_LEVELS = ("cto", "cxo", "alternate")
MODES: dict[str, str] = {"in_person": N_("in person"), "remote": N_("remote")}
FORMATS = ("in_person", "virtual", "hybrid")

RAISED, UNDER_STUDY, ADDRESSED, CLOSED, DROPPED = (
    "raised",
    "under_study",
    "addressed",
    "closed",
    "dropped",
)
STATES: dict[str, str] = {
    RAISED: N_("raised"),
    UNDER_STUDY: N_("under study"),
    ADDRESSED: N_("addressed"),
    CLOSED: N_("closed"),
    DROPPED: N_("dropped"),
}
OPEN_STATES = (RAISED, UNDER_STUDY, ADDRESSED)
#: The lifecycle: the states each state may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    RAISED: (UNDER_STUDY, ADDRESSED, DROPPED),
    UNDER_STUDY: (UNDER_STUDY, ADDRESSED, DROPPED),
    ADDRESSED: (CLOSED, UNDER_STUDY, DROPPED),
    CLOSED: (),
    DROPPED: (),
}
LINK_KINDS: dict[str, str] = {
    "question": N_("Question"),
    "work_item": N_("work item"),
    "recommendation": N_("Recommendation"),
    "tsag": N_("TSAG document"),
    "other": N_("other"),
}
ACTIONS: dict[str, str] = {
    "raised": N_("raised"),
    "revisited": N_("revisited"),
    "state": N_("state changed"),
    "link": N_("ITU-T work linked"),
}


def label(table: dict[str, str], value: str | None) -> LazyText | str:
    """The words for ``value`` of ``table`` (translated), or the value itself when unknown."""
    if value is None:
        return ""
    found = table.get(value)
    return _l(found) if found else value
