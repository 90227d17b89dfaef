"""The parser never raises, and its Akoma Ntoso output stays valid, whatever the text."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.parser import parse_text
from stdgap.resolutions.textout import to_text

PIECES = [
    "RESOLUTION 12 (Rev. Town, 2020)",
    "RESOLUTION 3",
    "resolves",
    "instructs",
    "invites",
    "considering",
    "recognizing further",
    "further resolves that",
    "resolves to instruct",
    "a)\t",
    "i)\t",
    "vii)\t",
    "h)",
    "1\t",
    "7 ",
    "•\t",
    "· ",
    "Annex",
    "I\tProgramme 1: x",
    "1)\tObjective",
    "[bookmark: _x]",
    "[footnoteRef:1]1",
    "[1: 1\tnote]",
    "[2: ",
    "]",
    "[",
    "(Town, 2020; Other 2021)",
    "The World Telecommunication Standardization Assembly (X, 1),",
    "Status",
    "Number",
    "Title",
    "Rev",
    "New",
    "44",
    "within available resources,",
    ", in collaboration with the Director of BDT",
    "the Director of TSB to act",
    "Resolution 5",
    "Resolutions 4 and 5 (Rev. X, 2001) of this assembly",
    "\n",
    "\n\n",
    "\t",
    "\u2011",
    "\u00a0",
]
texty = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), texty))
def test_parser_never_raises(text: str) -> None:
    parsed = parse_text(text)
    json.dumps(parsed.to_dict())
    to_text(parsed)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), texty))
def test_akn_of_arbitrary_text_is_schema_valid(text: str) -> None:
    assert errors(to_akn(parse_text(text))) == []
