"""Layouts and languages other than the seeds', on texts written for the tests (texts.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from texts import ALL, DECISION, EN, FINAL_ACTS, RA
from typer.testing import CliRunner

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.keys import clause_rows
from stdgap.resolutions.parsed import Resolution
from stdgap.resolutions.parser import parse_text, read_text
from stdgap_testing import invoke


def res(text: str, language: str | None = None) -> Resolution:
    parsed = parse_text(text, language)
    assert isinstance(parsed, Resolution)
    return parsed


def test_final_acts_heading_in_capitals_and_endnotes() -> None:
    r = res(FINAL_ACTS)
    assert (r.number, r.revised, r.place_year, r.assembly) == (77, True, "Sampletown, 2030", "PP")
    assert r.title == "Lamps and candles in the Sector"
    assert [(f.num, f.text) for f in r.footnotes] == [
        ("1", "The Sector means the sample Sector."),
        ("2", "A second note that runs over two lines."),
    ]
    assert [c.num for c in r.operative[-1].clauses] == ["1"]
    assert r.operative[-1].clauses[0].text == "to report to the Council."
    assert r.warnings == []


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("RESOLUTION 123 (REV. DUBAI, 2018)", ("resolution", 123, True, "Dubai, 2018")),
        ("RESOLUTION 2 (Rev. Bucharest, 2022)", ("resolution", 2, True, "Bucharest, 2022")),
        ("Resolution 2 (Rev. Bucharest, 2022)", ("resolution", 2, True, "Bucharest, 2022")),
        (
            "RESOLUTION 71 (REV. SHARM EL-SHEIKH, 2030)",
            ("resolution", 71, True, "Sharm el-Sheikh, 2030"),
        ),
        ("DECISION 5 (REV. BUCHAREST, 2022)", ("decision", 5, True, "Bucharest, 2022")),
        ("RECOMMENDATION 7 (KYOTO, 1994)", ("recommendation", 7, False, "Kyoto, 1994")),
        ("RESOLUTION 8", ("resolution", 8, False, None)),
        ("Resolution 1 (Rev. Dubai, 2018)*", ("resolution", 1, True, "Dubai, 2018")),
        ("RESOLUTION 1 (REV. DUBAI, 2018)1", ("resolution", 1, True, "Dubai, 2018")),
    ],
)
def test_headings(heading: str, expected: tuple[object, ...]) -> None:
    r = res(heading + "\nA title\nresolves\n1\tto act.\n")
    assert (r.kind, r.number, r.revised, r.place_year) == expected


def test_a_sentence_starting_with_resolution_is_no_heading() -> None:
    r = res(
        "RESOLUTION 4\nTitle\nrecalling\nthat\nResolution 44 (Rev. X, 2001) of this assembly,\n"
    )
    assert r.number == 4


def test_decision_and_ra_resolution() -> None:
    d = res(DECISION)
    assert (d.kind, d.designation, d.number, d.assembly) == ("decision", "Decision 6", 6, "PP")
    assert d.operative[0].verb == "decides"
    ra = res(RA)
    assert (ra.designation, ra.number, ra.assembly, ra.revised) == (
        "Resolution ITU-R 5-3",
        5,
        "RA",
        True,
    )
    assert ra.history == ["2019", "2023", "2030"]
    assert [len(p.items) for p in ra.preamble] == [2]


def test_references_of_every_assembly() -> None:
    got = [(x.body, x.number, x.revision, x.kind, x.edition) for x in res(FINAL_ACTS).references]
    assert got == [
        ("RA", 5, "Rev. Hilltop, 2029", "resolution", 3),
        ("PP", 4, "Rev. Hilltop, 2029", "decision", None),
        ("WRC", 8, "Rev. WRC-27", "resolution", None),
        ("WTDC", 30, "Rev. Lakeside, 2028", "resolution", None),
        ("Council", 1400, None, "resolution", None),
    ]


@pytest.mark.parametrize("code", sorted(ALL))
def test_six_languages_parse_alike(code: str) -> None:
    r = res(ALL[code])
    assert r.language == code
    assert (r.number, r.revised, r.assembly) == (9, True, "WTSA")
    assert r.place_year is not None and r.place_year.endswith(", 2030")
    d = r.to_dict()
    assert [(p["verb_en"], len(p["items"])) for p in d["preamble"]] == [
        ("recalling", 2),
        ("considering", 1),
    ]
    assert [o["verb_en"] for o in d["operative"]] == ["resolves", "instructs", "invites"]
    assert len(r.operative[1].with_) == 1
    assert [row.path for row in clause_rows(r)] == [row.path for row in clause_rows(res(EN))]
    assert r.warnings == []
    assert errors(to_akn(r)) == []


@pytest.mark.parametrize("code", ["fr", "es", "ru", "ar", "zh"])
def test_references_in_other_languages(code: str) -> None:
    assert [(x.body, x.number) for x in res(ALL[code]).references] == [("PP", 12)]


def test_language_can_be_given() -> None:
    assert res(EN, "en").language == "en"
    assert res(ALL["fr"], "fr").operative[0].verb == "décide"


def test_page_furniture_and_hyphens_and_split_items() -> None:
    text = (
        "RESOLUTION 9 (Rev. Sampletown, 2030)\nA title\n"
        "The World Telecommunication Standardization Assembly (Sampletown, 2030),\n"
        "considering\na)\tthat the lamps of the village are many and their develop-\n"
        "ment continues\n\f- 2 -\nRes. 9\nacross the pages;\nb)\tthat they shine,\n"
        "resolves\n1\tto act:\ni)\tone;\n\f3\nii)\ttwo.\n"
    )
    r = res(text)
    items = r.preamble[0].items
    assert [i.num for i in items] == ["a", "b"]
    assert items[0].text == (
        "that the lamps of the village are many and their development continues across the pages;"
    )
    assert [i.num for i in r.operative[0].clauses[0].items] == ["i", "ii"]


def test_repeated_page_heads_are_removed() -> None:
    pages = ["Sample Final Acts – Page head\nRESOLUTION 9\nA title\nresolves"]
    pages += [f"Sample Final Acts – Page head\n{n}\tto act {n};" for n in range(1, 5)]
    r = res("\f".join(pages))
    assert [c.text for c in r.operative[0].clauses] == [f"to act {n};" for n in range(1, 5)]


def test_not_a_resolution_is_an_error(cli: CliRunner, tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("Dear colleagues,\nthe meeting is on Monday.\nKind regards\n")
    code, out, err = invoke(cli, "resolutions", "parse", str(prose))
    assert code == 2 and "not recognised as a resolution" in err and out == ""


def test_partly_recognised_warns_and_strict_fails(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "partial.txt"
    path.write_text("A stray first line\nresolves\n1\tto act.\n")
    code, out, err = invoke(cli, "resolutions", "parse", str(path))
    assert code == 0 and json.loads(out)["operative"][0]["verb"] == "resolves"
    assert "line 1: not placed: A stray first line" in err
    code, _, err = invoke(cli, "resolutions", "parse", str(path), "--strict")
    assert code == 2 and "not placed" in err


def test_french_text_via_the_cli(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(ALL["fr"], encoding="utf-8")
    code, out, _ = invoke(cli, "resolutions", "parse", str(path), "--strict")
    parsed = json.loads(out)
    assert code == 0 and parsed["language"] == "fr" and parsed["number"] == 9
    code, out, _ = invoke(cli, "resolutions", "parse", str(path), "--format", "akn")
    assert code == 0 and 'language="fra"' in out


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pdf_is_read_directly(tmp_path: Path) -> None:
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in FINAL_ACTS.split("\n")[:3])
    clauses = "".join(f"<p>{n} to act {n};</p>" for n in range(1, 90))
    html = (
        "<style>@page { size: A4; @top-center { content: 'Res. 77' }"
        " @bottom-center { content: '- ' counter(page) ' -' } } p { margin: 0 }</style>"
        f"{body}<p>resolves</p>{clauses}"
    )
    path = tmp_path / "res.pdf"
    HTML(string=html).write_pdf(str(path))
    r = parse_text(read_text(path))
    assert isinstance(r, Resolution)
    assert (r.number, r.assembly, r.place_year) == (77, "PP", "Sampletown, 2030")
    numbers = [c.num for c in r.operative[0].clauses]
    assert numbers == [str(n) for n in range(1, 90)]
    assert r.warnings == []


@pytest.mark.parametrize(
    ("heading", "language"),
    [
        ("RESOLUTION ITU-R 1-8", "en"),
        ("RÉSOLUTION UIT-R 1-8", "fr"),
        ("RESOLUCIÓN UIT-R 1-8", "es"),
        ("РЕЗОЛЮЦИЯ МСЭ-R 1-8", "ru"),
        ("القرار ITU-R 1-8", "ar"),
        ("ITU-R 第1-8号决议", "zh"),
    ],
)
def test_ra_designation_is_the_same_in_every_language(heading: str, language: str) -> None:
    r = parse_text(heading + "\n(1993-2030)\nresolves\n1\tto act.\n", language)
    assert isinstance(r, Resolution)
    assert (r.designation, r.number, r.assembly, r.revised) == (
        "Resolution ITU-R 1-8",
        1,
        "RA",
        True,
    )
