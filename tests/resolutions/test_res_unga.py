"""United Nations General Assembly resolutions (the ``A/RES/…`` layout), texts written for the
tests: each preambular paragraph a section, each numbered operative paragraph a section with its
verb, addressee and one clause; page furniture and the document's head dropped."""

from __future__ import annotations

from pathlib import Path

from texts import UNGA
from typer.testing import CliRunner

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.parsed import Resolution
from stdgap.resolutions.parser import parse_text
from stdgap_testing import invoke

# The same text as a PDF gives it: lines wrapped at the page width, a page break with the
# page number, the symbol as a running head and the job number at the foot.
UNGA_PDF = """United Nations A/RES/91/123
General Assembly Distr.: General
20 December 2036
Ninety-first session
Agenda item 17
Resolution adopted by the General Assembly on 15 December 2036
[on the report of the Second Committee (A/91/456)]
91/123. Lamps for sample villages
The General Assembly,
Recalling its resolution 88/77 of 10 December 2033
on lamps,
Reaffirming the importance of light for all villages,
Noting with concern that many villages still
lack lamps,
1. Decides to convene a meeting on lamps in 2038;
2. Requests the Secretary-General to report on the implementation of the present
resolution at its ninety-third session;
36-12345 (E)
\f
A/RES/91/123
2/2
3. Invites Member States to share their lamps, and encourages them:
(a) To build lamp workshops;
(b) To train lamp keepers;
4. Also decides to include in the provisional agenda of its ninety-second session
the item entitled "Lamps for sample villages".
48th plenary meeting
15 December 2036
"""

NESTED = """A/RES/91/7
91/7. Sample bands
The General Assembly,
Recalling also its earlier work,
Deeply concerned by the loss of lamps,
1. Calls upon all States, in accordance with their national law, to protect the lamps of villages;
2. Further requests the Secretary-General:
(a) To collect data on:
(i) Lamps;
(ii) Candles;
(b) To publish the data;
(c) To report;
3. Welcomes the report of the Secretary-General.
"""


def res(text: str) -> Resolution:
    parsed = parse_text(text)
    assert isinstance(parsed, Resolution)
    return parsed


def test_general_assembly_layout() -> None:
    r = res(UNGA)
    assert (r.kind, r.designation, r.number, r.assembly, r.title, r.place_year) == (
        "resolution",
        "A/RES/91/123",
        123,
        "UNGA",
        "Lamps for sample villages",
        "2036",
    )
    assert [(p.verb, len(p.items)) for p in r.preamble] == [
        ("recalling", 1),
        ("reaffirming", 1),
        ("noting with concern", 1),
    ]
    assert r.preamble[0].items[0].text == "its resolution 88/77 of 10 December 2033 on lamps,"
    assert [(o.verb, o.addressee, [c.num for c in o.clauses]) for o in r.operative] == [
        ("decides", None, ["1"]),
        ("requests", "the Secretary-General", ["2"]),
        ("invites", "Member States", ["3"]),
        ("also decides", None, ["4"]),
    ]
    assert r.operative[1].clauses[0].text.startswith("to report on the implementation")
    assert [i.num for i in r.operative[2].clauses[0].items] == ["a", "b"]
    assert r.references == []  # "resolution 88/77" is no ITU resolution 88
    assert r.warnings == []
    assert errors(to_akn(r)) == []


def test_the_pdf_form_parses_alike() -> None:
    assert res(UNGA_PDF).to_dict() == res(UNGA).to_dict()


def test_addressee_before_a_comma_and_roman_sub_items() -> None:
    r = res(NESTED)
    assert (r.number, r.designation) == (7, "A/RES/91/7")
    assert [p.verb for p in r.preamble] == ["recalling also", "deeply concerned"]
    assert [(o.verb, o.addressee) for o in r.operative] == [
        ("calls upon", "all States"),
        ("further requests", None),
        ("welcomes", None),
    ]
    clause = r.operative[1].clauses[0]
    assert [(i.num, [s.num for s in i.items]) for i in clause.items] == [
        ("a", ["i", "ii"]),
        ("b", []),
        ("c", []),
    ]
    assert errors(to_akn(r)) == []


def test_cli_parses_it_with_exit_status_0(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a-res-91-123.txt"
    path.write_text(UNGA, encoding="utf-8")
    code, out, err = invoke(cli, "resolutions", "parse", str(path), "--strict")
    assert code == 0, err
    assert '"assembly": "UNGA"' in out


UNGA_FR = """Nations Unies\tA/RES/91/123
Assemblée générale\tDistr. générale
20 décembre 2036
Quatre-vingt-onzième session
Résolution adoptée par l'Assemblée générale le 15 décembre 2036
91/123. Des lampes pour les villages exemples
L'Assemblée générale,
Rappelant sa résolution 88/77 du 10 décembre 2033,
Réaffirmant l'importance de la lumière,
Notant avec préoccupation que des villages manquent de lampes,
1. Décide de convoquer une réunion en 2038 ;
2. Prie le Secrétaire général de lui faire rapport ;
3. Invite les États Membres à partager leurs lampes.
48e séance plénière
15 décembre 2036
"""


def test_french_text_of_the_general_assembly() -> None:
    r = res(UNGA_FR)
    assert (r.language, r.number, r.assembly, r.designation) == ("fr", 123, "UNGA", "A/RES/91/123")
    assert [p.to_dict()["verb_en"] for p in r.preamble] == [
        "recalling",
        "reaffirming",
        "noting with concern",
    ]
    assert [(o.verb, o.addressee, o.clauses[0].num) for o in r.operative] == [
        ("décide", None, "1"),
        ("prie", "le Secrétaire général", "2"),
        ("invite", "les États Membres", "3"),
    ]
    assert r.operative[1].clauses[0].text == "de lui faire rapport ;"
    assert r.warnings == []  # "48e séance plénière" and its date are dropped
    assert errors(to_akn(r)) == []


def test_an_annex_ends_the_operative_part() -> None:
    text = UNGA + "Annex\nProgramme of action on lamps\n1. Objectives\n(a) To light villages;\n"
    r = res(text)
    assert [o.clauses[0].num for o in r.operative] == ["1", "2", "3", "4"]
    assert [(a.title, [i.text for p in a.parts for i in p.items]) for a in r.annexes] == [
        ("Programme of action on lamps", ["1. Objectives", "(a) To light villages;"])
    ]
    assert r.warnings == []
    assert errors(to_akn(r)) == []
