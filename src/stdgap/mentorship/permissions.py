"""What the mentorship capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "mentorship.take_part",
        "register as a mentor or a mentee, edit one's profile, see one's pairs and log their "
        "sessions",
        ("applicant", "officer"),
    ),
    Permission(
        "mentorship.manage",
        "list and edit every profile and pair, register someone, log any pair's sessions, "
        "follow mentees up",
        ("officer",),
    ),
    Permission(
        "mentorship.match",
        "run the matching, exclude or set pairs, confirm them",
        ("officer",),
    ),
)
