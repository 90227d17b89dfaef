"""Word's multi-level list numbering (``numPr`` with ``ilvl`` 0/1/2) rebuilt as nested clauses:
decimal, lowerLetter, lowerRoman and upperLetter formats, ``lvlText`` such as ``%1.%2`` or
``(%2)``, restarts per section (a new ``w:num`` with a ``startOverride``) and continuation (a new
``w:num`` of the same abstract numbering without one, as Word counts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.parser import parse_file


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _num(num_id: int, abstract: int, restart: bool = False) -> Any:
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    )
    return parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
        f"{override}</w:num>"
    )


def build(path: Path, levels: list[str], *, restart: bool = True) -> None:
    """A resolution whose preamble letters and operative clauses Word numbers: ``resolves``
    with three levels on list 80, ``instructs`` on list 82 (the same abstract numbering,
    restarted by a ``startOverride`` or, when ``restart`` is false, continuing)."""
    document = Document()
    numbering = document.part.numbering_part.element
    for k, body in enumerate(["".join(levels), _lvl(0, "upperLetter", "%1)")], start=80):
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{k}">{body}</w:abstractNum>'
            ),
        )
    numbering.append(_num(80, 80))
    numbering.append(_num(81, 81))
    numbering.append(_num(82, 80, restart))

    def para(text: str, num: int | None = None, ilvl: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        if num is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                    f'<w:numId w:val="{num}"/></w:numPr>'
                )
            )

    para("RESOLUTION 31 (Rev. Sampletown, 2030)")
    para("Keeping the lamps")
    para("The World Telecommunication Development Conference (Sampletown, 2030),")
    para("considering")
    para("that lamps matter;", 81)
    para("that oil is scarce,", 81)
    para("resolves")
    para("to keep lamps:", 80)
    para("in villages;", 80, 1)
    para("in towns, namely:", 80, 1)
    para("on squares;", 80, 2)
    para("in parks;", 80, 2)
    para("to count the lamps,", 80)
    para("instructs the Director of the Telecommunication Development Bureau")
    para("to report;", 82)
    para("to publish a list:", 82)
    para("of lamps;", 82, 1)
    para("of candles.", 82, 1)
    document.save(str(path))


def outline(path: Path) -> list[tuple[str, list[tuple[Any, list[Any]]]]]:
    parsed = parse_file(path)
    assert errors(to_akn(parsed)) == []
    data = parsed.to_dict()
    return [
        (
            section["verb"],
            [
                (c["num"], [(i["num"], [j["num"] for j in i.get("items", [])]) for i in c["items"]])
                for c in section["clauses"]
            ],
        )
        for section in data["operative"]
    ]


FORMATS = {
    "1 / a) / i)": (
        [_lvl(0, "decimal", "%1"), _lvl(1, "lowerLetter", "%2)"), _lvl(2, "lowerRoman", "%3)")],
        ("1", "a", "b", "i", "ii", "2"),
    ),
    "1. / 1.1 / A.": (
        [_lvl(0, "decimal", "%1."), _lvl(1, "decimal", "%1.%2"), _lvl(2, "upperLetter", "%3.")],
        ("1", "1.1", "1.2", "A", "B", "2"),
    ),
    "1) / (a) / (i)": (
        [_lvl(0, "decimal", "%1)"), _lvl(1, "lowerLetter", "(%2)"), _lvl(2, "lowerRoman", "(%3)")],
        ("1", "a", "b", "i", "ii", "2"),
    ),
}


@pytest.mark.parametrize("name", FORMATS)
def test_three_levels_become_nested_clauses(tmp_path: Path, name: str) -> None:
    levels, (one, a, b, i, ii, two) = FORMATS[name]
    path = tmp_path / "lists.docx"
    build(path, levels)
    sub_a, sub_b = ("2.1", "2.2") if a == "1.1" else (a, b)
    assert outline(path) == [
        ("resolves", [(one, [(a, []), (b, [i, ii])]), (two, [])]),
        ("instructs", [("1", []), ("2", [(sub_a, []), (sub_b, [])])]),
    ]
    parsed = parse_file(path).to_dict()
    assert [(x["num"], x["text"]) for x in parsed["preamble"][0]["items"]] == [
        ("A", "that lamps matter;"),
        ("B", "that oil is scarce,"),
    ]
    assert parsed["operative"][0]["clauses"][0]["items"][1]["items"][0]["text"] == "on squares;"


def test_a_list_of_the_same_abstract_numbering_continues_without_a_restart(
    tmp_path: Path,
) -> None:
    path = tmp_path / "continued.docx"
    build(path, FORMATS["1 / a) / i)"][0], restart=False)
    assert [c[0] for c in outline(path)[1][1]] == ["3", "4"]


def _footnoted_docx(path: Path) -> None:
    """Two Word footnotes (ids 5 and 2, printed 1 and 2 in the order of their references)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = nsdecls("w")
    notes = (
        f"<w:footnotes {w}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Including the remote villages.</w:t></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Every four years.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    document = Document()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)

    def reference(paragraph: Any, note_id: str) -> None:
        paragraph._p.append(parse_xml(f'<w:r {w}><w:footnoteReference w:id="{note_id}"/></w:r>'))

    for line in [
        "RESOLUTION 44 (Rev. Sampletown, 2030)",
        "Lamps for villages",
        "The World Telecommunication Development Conference (Sampletown, 2030),",
        "considering",
    ]:
        document.add_paragraph(line)
    paragraph = document.add_paragraph("a)\tthat villages")
    reference(paragraph, "5")
    paragraph.add_run(" need lamps;")
    document.add_paragraph("b)\tthat oil is costly,")
    document.add_paragraph("resolves")
    paragraph = document.add_paragraph("1\tto report on progress")
    reference(paragraph, "2")
    paragraph.add_run(".")
    document.save(str(path))


def test_word_footnotes_become_footnotes(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    _footnoted_docx(path)
    parsed = parse_file(path)
    data = parsed.to_dict()
    assert data["footnotes"] == [
        {"num": "1", "text": "Including the remote villages."},
        {"num": "2", "text": "Every four years."},
    ]
    assert data["preamble"][0]["items"][0]["text"] == "that villages need lamps;"
    assert data["operative"][0]["clauses"][0]["text"] == "to report on progress."
    assert errors(to_akn(parsed)) == []
