"""What the CxO meetings capability lets users do. Meetings, agenda, conclusions and reports are
public; the participants' names (personal details) are read by officers, analysts and admins
only, the public sees aggregates."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "cxo.manage",
        "create CxO meetings, set their agenda and recordings, record their participants",
        ("officer",),
    ),
    Permission(
        "cxo.conclude",
        "raise a meeting's conclusions, revisit them, move them through their lifecycle",
        ("officer",),
    ),
    Permission(
        "cxo.participants",
        "read the names of CxO meetings' participants",
        ("officer", "analyst"),
    ),
)
