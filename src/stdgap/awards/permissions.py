"""What the awards capability lets users do. Scoring also needs the call's officer to have
appointed the user juror of that call: the permission alone scores nothing."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "awards.manage",
        "open award calls, set their criteria, appoint jurors, open the scoring, publish results",
        ("officer",),
    ),
    Permission(
        "awards.nominate",
        "nominate a person for an award (before the call's deadline)",
        ("applicant", "officer"),
    ),
    Permission(
        "awards.score",
        "as an appointed juror: declare conflicts of interest and score the nominations",
        ("applicant", "officer"),
    ),
)
