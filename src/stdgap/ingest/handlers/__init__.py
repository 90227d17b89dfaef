"""One handler per canonical file kind: check references, then write (while there is no error)."""
