"""Writes of the reference data: a user's own dated classification over the shipped one."""

from __future__ import annotations

from pathlib import Path

from stdgap.reference.resolver import CountryResolver
from stdgap.reference.seed import replace_classifications
from stdgap.reference.user_file import read_classification_file
from stdgap.store.unit import Unit, operation


@operation("reference.import", target=lambda path: str(path))
def import_classifications(unit: Unit, path: Path) -> tuple[int, int]:
    """Replace, for every (country, attribute) the file names, the stored rows by the file's;
    (rows written, country/attribute pairs). Every row is checked first (ImportFailed)."""
    records = read_classification_file(path, CountryResolver.from_connection(unit.connection))
    written = replace_classifications(unit.connection, records)
    pairs = len({(record.country, record.attribute) for record in records})
    unit.details.update(rows_written=written, pairs=pairs)
    return written, pairs
