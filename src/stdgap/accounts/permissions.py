"""What the accounts capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "accounts.manage",
        "manage users: add, change roles, disable, reset passwords, end sessions, revoke tokens",
        (),
        session_only=True,
    ),
    Permission("audit.read", "read the audit log", ()),
)
