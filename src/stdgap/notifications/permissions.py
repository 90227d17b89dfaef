"""What the notifications capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "notifications.manage",
        "see the outbox of e-mail (addresses, subjects, errors) and send failed messages again",
        (),
    ),
)
