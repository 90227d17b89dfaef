"""How much of an XLSX workbook this process agrees to read (from the environment).

A workbook is a zip archive of XML: a 100 KB upload can unpack to gigabytes, or hold a cell at
the last of 16,384 columns that turns every row into 16,384 cells. Each limit below is checked
before the workbook is parsed (from the archive's declared sizes, and a quick count of rows and
cells in the unpacked XML) and again while it is read, in a worker process that cannot use
more memory or time than allowed (docs/configuration.md).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Any

#: Environment variable → (field of :class:`XlsxLimits`, default).
ENVIRONMENT: dict[str, tuple[str, int]] = {
    "STDGAP_XLSX_MAX_MB": ("max_mb", 256),
    "STDGAP_XLSX_MAX_RATIO": ("max_ratio", 100),
    "STDGAP_XLSX_MAX_SHEETS": ("max_sheets", 32),
    "STDGAP_XLSX_MAX_ROWS": ("max_rows", 1_048_576),
    "STDGAP_XLSX_MAX_COLUMNS": ("max_columns", 256),
    "STDGAP_XLSX_MAX_CELLS": ("max_cells", 10_000_000),
    "STDGAP_XLSX_MEMORY_MB": ("memory_mb", 1024),
    "STDGAP_XLSX_SECONDS": ("seconds", 180),
}


@dataclass(frozen=True)
class XlsxLimits:
    #: All parts of the archive together, unpacked, in MiB.
    max_mb: int = 256
    #: How many times its packed size a part (of more than 1 MiB) may unpack to.
    max_ratio: int = 100
    max_sheets: int = 32
    #: Rows holding data, all sheets together.
    max_rows: int = 1_048_576
    #: The last column that may hold a value (256 is IV).
    max_columns: int = 256
    #: Cells, all sheets together.
    max_cells: int = 10_000_000
    #: The address space of the worker process that reads the workbook, in MiB.
    memory_mb: int = 1024
    #: The time the worker may take, in seconds.
    seconds: int = 180

    @classmethod
    def from_env(cls) -> XlsxLimits:
        """The limits set in the environment (each a whole number above 0), else the defaults;
        a bad value is a :class:`ValueError` naming the variable."""
        values: dict[str, int] = {}
        for name, (key, default) in ENVIRONMENT.items():
            text = os.environ.get(name, "").strip()
            if not text:
                values[key] = default
                continue
            if not text.isdigit() or int(text) < 1:
                raise ValueError(f"{name}={text!r}: a whole number above 0 is needed")
            values[key] = int(text)
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
