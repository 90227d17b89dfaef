"""The words of events: their kinds (meeting kinds of the registry), the states of a
registration, the categories an event has unless told otherwise, and their labels."""

from __future__ import annotations

from stdgap.i18n.translate import N_

#: The kinds of meeting that are events (DATA-FORMATS.md lists them with the others).
EVENT_KINDS: tuple[str, ...] = ("workshop", "training", "awareness", "webinar", "elearning")
KIND_LABELS: dict[str, str] = {
    "workshop": N_("Workshop"),
    "training": N_("Training"),
    "awareness": N_("Awareness campaign"),
    "webinar": N_("Webinar"),
    "elearning": N_("E-learning course"),
}
FORMATS: tuple[str, ...] = ("in_person", "virtual", "hybrid")
FORMAT_LABELS: dict[str, str] = {
    "in_person": N_("In person"),
    "virtual": N_("Online"),
    "hybrid": N_("In person and online"),
}
CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"
STATUSES: tuple[str, ...] = (CONFIRMED, WAITLISTED, CANCELLED)
STATUS_LABELS: dict[str, str] = {
    CONFIRMED: N_("Confirmed"),
    WAITLISTED: N_("On the waiting list"),
    CANCELLED: N_("Cancelled"),
}
#: The categories of an event created without any (key, label).
DEFAULT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("delegate", N_("Delegate")),
    ("speaker", N_("Speaker")),
    ("student", N_("Student")),
    ("press", N_("Press")),
)
#: The group of an event's meeting when none is given (the bureau organises it).
DEFAULT_GROUP = "TSB"
