"""What the accounts capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission("accounts.manage", "add users, change roles", ()),
    Permission("audit.read", "read the audit log", ()),
)
