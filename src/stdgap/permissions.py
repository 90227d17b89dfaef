"""Who may do what: roles, the permissions each capability declares, and the signed-in account.

A capability lists its permissions in a module named by the list of capabilities
(``permissions="stdgap.fellowships.permissions"``), as ``PERMISSIONS``: each a dotted name
(``fellowships.allocate``), what it allows, and the roles that hold it. Admins hold every
permission. Nothing else keeps a table of roles.
"""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass

from stdgap import capabilities

#: ``applicant``: a delegate or expert with an account, who takes part in the programmes (applies
#: for a fellowship, registers as mentor or mentee, nominates or scores for an award) and sees
#: nothing more than the public otherwise.
ROLES: tuple[str, ...] = ("admin", "analyst", "officer", "viewer", "applicant")
ADMIN = "admin"


@dataclass(frozen=True)
class Permission:
    name: str
    help: str
    roles: tuple[str, ...]
    #: Only with a signed-in session, never through an API token (managing accounts: a token
    #: that could reset passwords or make users could outlive its expiry as a credential).
    session_only: bool = False


_registry: dict[str, Permission] = {}
_lock = threading.Lock()


def registry() -> dict[str, Permission]:
    """Every permission of every capability, by name (loaded on first use)."""
    if not _registry:
        with _lock:
            if not _registry:
                found: dict[str, Permission] = {}
                for capability in capabilities.CAPABILITIES:
                    if capability.permissions:
                        module = importlib.import_module(capability.permissions)
                        for permission in module.PERMISSIONS:
                            if permission.name in found:
                                raise ValueError(f"permission {permission.name} declared twice")
                            unknown = set(permission.roles) - set(ROLES)
                            if unknown:
                                raise ValueError(f"{permission.name}: unknown roles {unknown}")
                            found[permission.name] = permission
                _registry.update(found)
    return _registry


def permission(name: str) -> Permission:
    try:
        return registry()[name]
    except KeyError:
        raise KeyError(f"no capability declares the permission {name!r}") from None


def role_may(role: str, name: str) -> bool:
    return role == ADMIN or role in permission(name).roles


def role_permissions(role: str) -> list[str]:
    """The names of the permissions ``role`` holds, sorted."""
    return sorted(name for name in registry() if role_may(role, name))


@dataclass(frozen=True)
class Account:
    """A signed-in user, or a user acting through an API token limited to ``scopes`` (a subset
    of the permissions; None for a session, which holds all of the role's)."""

    id: int
    name: str
    role: str
    scopes: frozenset[str] | None = None

    @property
    def by_token(self) -> bool:
        """Whether the request was authenticated by an API token (not a session cookie)."""
        return self.scopes is not None

    def can(self, name: str) -> bool:
        """Whether this account holds the permission ``name``: its role does and, through a
        token, the token's scopes include it (a token never grants more than its owner)."""
        if self.scopes is None:
            return role_may(self.role, name)
        return (
            name in self.scopes and role_may(self.role, name) and not permission(name).session_only
        )
