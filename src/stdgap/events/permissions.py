"""What the events capability lets users do. Reading events is public; registering needs an
account of any role; a registration's personal data is for officers and analysts."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "events.manage",
        "create events, add their materials, mark attendance, plan back-to-back dates",
        ("officer",),
    ),
    Permission(
        "events.register",
        "register for an event (and cancel one's own registration)",
        ("applicant", "viewer", "officer", "analyst"),
    ),
    Permission(
        "events.registrations",
        "see who registered for an event and export the attendance list",
        ("officer", "analyst"),
    ),
)
