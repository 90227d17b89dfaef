"""What the resolution tracker lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "resolutions.track",
        "record actions on clauses of resolutions",
        ("officer", "analyst"),
    ),
)
