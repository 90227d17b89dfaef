"""What the knowledge portal lets users do. Reading and searching the catalogue is public;
officers (and admins) add, edit, withdraw and import items, attach documents and curate the
reading lists."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission(
        "knowledge.edit",
        "add, edit, withdraw and import catalogue items, attach documents, curate reading lists",
        ("officer",),
    ),
)
