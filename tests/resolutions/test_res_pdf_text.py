"""Text as PDF extraction gives it: footnotes at the foot of pages (no separator line) become
``footnotes`` while clauses at the foot of a page stay clauses; lines wrapped before a number or
around a citation; a clause on its verb's line."""

from __future__ import annotations

from stdgap.resolutions.parser import parse_text

PDF = (
    "RESOLUTION 44 (REV. SAMPLETOWN, 2030)\n"
    "Bridging the lamp gap between villages\n"
    "The Plenipotentiary Conference of the International Telecommunication Union "
    "(Sampletown, 2030),\n"
    "considering\n"
    "a) that villages1 need lamps;\n"
    "b) that lamps are costly in some places, and that the\n"
    "villages are far apart,\n"
    "1 Including the remote villages of the\n"
    "hill region.\n"
    "- 2 -\f\n"
    "Res. 44\n"
    "noting\n"
    "that lamp makers want to help,\n"
    "resolves\n"
    "1 to share lamps with the villages;\n"
    "2 to report on progress2,\n"
    "instructs the Director of the Telecommunication Development Bureau\n"
    "to assist the villages.\n"
    "2 Every four years.\n"
)


def test_notes_at_the_foot_of_pages_are_footnotes() -> None:
    parsed = parse_text(PDF).to_dict()
    assert parsed["footnotes"] == [
        {"num": "1", "text": "Including the remote villages of the hill region."},
        {"num": "2", "text": "Every four years."},
    ]
    assert [i["text"] for i in parsed["preamble"][0]["items"]] == [
        "that villages need lamps;",
        "that lamps are costly in some places, and that the villages are far apart,",
    ]
    assert [[c["num"] for c in s["clauses"]] for s in parsed["operative"]] == [["1", "2"], [None]]


def test_clauses_at_the_foot_of_a_page_stay_clauses() -> None:
    text = (
        "RESOLUTION 45 (REV. SAMPLETOWN, 2030)\n"
        "Lamps in the Sector1, 2\n"
        "The Plenipotentiary Conference of the International Telecommunication Union "
        "(Sampletown, 2030),\n"
        "resolves\n"
        "1 to share lamps;\n"
        "2 to count them,\n"
        "- 2 -\f\n"
        "instructs the Secretary-General\n"
        "1 To report.\n"
    )
    parsed = parse_text(text).to_dict()
    assert parsed["footnotes"] == []
    assert [[c["num"] for c in s["clauses"]] for s in parsed["operative"]] == [["1", "2"], ["1"]]


def test_a_text_without_pages_is_left_alone() -> None:
    text = PDF.replace("- 2 -\f\nRes. 44\n", "")
    parsed = parse_text(text).to_dict()
    assert parsed["footnotes"] == []
    assert parsed["preamble"][0]["items"][-1]["num"] == "1"


def test_a_line_wrapped_before_a_number_continues_the_clause() -> None:
    text = (
        "RESOLUTION 12 (REV. SAMPLETOWN, 2030)\n"
        "Sample bands\n"
        "The World Radiocommunication Conference (Sampletown, 2030),\n"
        "considering\n"
        "a) that the band 3 400-3 600 MHz is used in\n"
        "30 countries;\n"
        "b) that studies continue,\n"
        "resolves\n"
        "1 that administrations shall limit power to\n"
        "10 dBW in the band;\n"
        "2 that the limit applies from\n"
        "1 January 2031;\n"
        "3 that the band is reviewed,\n"
    )
    parsed = parse_text(text).to_dict()
    assert parsed["preamble"][0]["items"][0]["text"].endswith("used in 30 countries;")
    clauses = parsed["operative"][0]["clauses"]
    assert [c["num"] for c in clauses] == ["1", "2", "3"]
    assert clauses[1]["text"] == "that the limit applies from 1 January 2031;"


def test_a_citation_on_a_line_of_its_own_is_no_heading() -> None:
    text = (
        "RESOLUTION 44 (REV. SAMPLETOWN, 2030)\n"
        "Bridging the gap\n"
        "The Plenipotentiary Conference of the International Telecommunication Union "
        "(Sampletown, 2030),\n"
        "recalling\n"
        "a) the relevant parts of\n"
        "Resolution 123 (Rev. Bucharest, 2022)\n"
        "of the Plenipotentiary Conference;\n"
        "b) Resolution 17 (Rev. Kigali, 2022) of the\n"
        "World Telecommunication Development Conference,\n"
        "resolves\n"
        "1 to share lamps,\n"
    )
    parsed = parse_text(text).to_dict()
    assert parsed["kind"] == "resolution" and parsed["number"] == 44
    assert [i["num"] for i in parsed["preamble"][0]["items"]] == ["a", "b"]
    assert [(r["body"], r["number"]) for r in parsed["references"]] == [("PP", 123), ("WTDC", 17)]


def test_a_clause_on_its_verbs_line() -> None:
    text = (
        "DECISION 12 (REV. SAMPLETOWN, 2030)\n"
        "Sample bands\n"
        "The World Radiocommunication Conference (Sampletown, 2030),\n"
        "considering that the band is used,\n"
        "resolves that administrations shall limit power,\n"
        "invites Member States to contribute to the studies,\n"
        "instructs the Director of the Radiocommunication Bureau to report to the conference.\n"
        "resolves further that ITU regional offices\n"
        "be engaged.\n"
    )
    parsed = parse_text(text).to_dict()
    assert [
        (s["verb"], s["addressee"], [c["text"] for c in s["clauses"]]) for s in parsed["operative"]
    ] == [
        ("resolves", None, ["that administrations shall limit power,"]),
        ("invites", "Member States", ["to contribute to the studies,"]),
        (
            "instructs",
            "the Director of the Radiocommunication Bureau",
            ["to report to the conference."],
        ),
        ("resolves further", "ITU regional offices", ["be engaged."]),
    ]


def test_ligatures_and_soft_hyphens_of_pdf_text_are_plain_letters() -> None:
    text = (
        "RESOLUTION 5 (REV. SAMPLETOWN, 2030)\nA title\nresolves\n"
        "1\tto \ufb01nd the \ufb02ow of e\u00ad\ufb00orts;\n"
    )
    clause = parse_text(text).to_dict()["operative"][0]["clauses"][0]
    assert clause["text"] == "to find the flow of efforts;"
