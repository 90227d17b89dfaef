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

ROLES: tuple[str, ...] = ("admin", "analyst", "officer", "viewer")
ADMIN = "admin"


@dataclass(frozen=True)
class Permission:
    name: str
    help: str
    roles: tuple[str, ...]


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


@dataclass(frozen=True)
class Account:
    """A signed-in user."""

    id: int
    name: str
    role: str

    def can(self, name: str) -> bool:
        """Whether this account holds the permission ``name``."""
        return role_may(self.role, name)
