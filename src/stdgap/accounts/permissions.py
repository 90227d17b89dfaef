"""What the accounts capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "accounts.manage",
        "manage users: add, change roles, disable, reset passwords, end sessions, revoke tokens",
        (),
    ),
    Permission("audit.read", "read the audit log", ()),
)
