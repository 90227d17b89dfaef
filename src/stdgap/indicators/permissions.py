"""What the indicator engine lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "indicators.small_cells",
        "see cells below the public minimum size (unsuppressed figures)",
        ("analyst",),
    ),
)
