"""What the registry lets users see beyond the public record: persons.

Meetings and members are public record, for everyone. A person's page (their id, nationality,
affiliation, the meetings they attended, their delegations' contributions, their positions) is
for those who work with persons: officers (the programmes), analysts and admins; their gender
and birth year, for analysts (who study them) and admins only.
"""

from stdgap.permissions import Permission

PERSONS = "registry.people"
PERSONAL = "registry.people.personal"

PERMISSIONS = (
    Permission(
        PERSONS,
        "see persons: id, nationality, affiliation, meetings attended, contributions, positions",
        ("officer", "analyst"),
    ),
    Permission(PERSONAL, "see persons' gender and birth year as well", ("analyst",)),
)
