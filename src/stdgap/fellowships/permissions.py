"""What the fellowships capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "fellowships.manage",
        "open fellowship calls, adjust them, and review and enter applications",
        ("officer",),
    ),
    Permission(
        "fellowships.allocate",
        "allocate the fellowships of calls (dry run, then confirm)",
        ("officer",),
    ),
    Permission(
        "fellowships.apply",
        "apply for fellowships, and see one's own applications and their decisions",
        ("applicant",),
    ),
    Permission(
        "fellowships.followup",
        "see what fellows did after their fellowship (later meetings, contributions, roles)",
        ("officer", "analyst"),
    ),
)
