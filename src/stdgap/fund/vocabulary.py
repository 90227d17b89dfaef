"""The fund's words: donors' kinds, earmarks' programmes, spending's references, transactions."""

from __future__ import annotations

from stdgap.i18n.translate import N_

DONOR_KINDS: dict[str, str] = {
    "member_state": N_("Member State"),
    "sector_member": N_("Sector Member"),
    "other": N_("Other donor"),
}
PROGRAMMES: dict[str, str] = {
    "fellowships": N_("Fellowships"),
    "events": N_("Events and workshops"),
    "interpretation": N_("Interpretation"),
    "mentorship": N_("Mentorship"),
    "general": N_("General"),
}
REFERENCE_KINDS: dict[str, str] = {
    "fellowship": N_("Fellowship"),
    "event": N_("Event"),
    "workshop": N_("Workshop"),
    "interpretation": N_("Interpretation"),
    "administration": N_("Administration"),
    "other": N_("Other"),
}
KINDS: dict[str, str] = {
    "pledge": N_("Pledge"),
    "receipt": N_("Receipt"),
    "reservation": N_("Reservation"),
    "spending": N_("Spending"),
    "reversal": N_("Reversal"),
}
STATES: dict[str, str] = {
    "posted": N_("posted"),
    "pending": N_("waiting for approval"),
    "refused": N_("refused"),
}
#: The accounts of an earmark. Cash and reserved hold the money received and not spent.
ACCOUNTS = ("pledges_receivable", "pledged", "cash", "received", "reserved", "spent")
