"""What the fellowships capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "fellowships.manage",
        "open fellowship calls and enter applications",
        ("officer",),
    ),
    Permission(
        "fellowships.allocate",
        "allocate the fellowships of calls (dry run, then confirm)",
        ("officer",),
    ),
)
