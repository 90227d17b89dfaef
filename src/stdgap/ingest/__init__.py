"""Import of users' files: read, validate, normalise, upsert in one transaction."""
