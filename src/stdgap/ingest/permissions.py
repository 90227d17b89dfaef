"""What the import capability lets users do."""

from stdgap.permissions import Permission

PERMISSIONS = (
    Permission("ingest.import", "import data files from the browser or the API", ("analyst",)),
)
