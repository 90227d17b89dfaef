"""One small test per parsing rule, on short texts written for the tests."""

from __future__ import annotations

from stdgap.resolutions.addressees import normalise, resolve_code
from stdgap.resolutions.cleanup import clean
from stdgap.resolutions.parsed import Collection, Resolution
from stdgap.resolutions.parser import parse_text
from stdgap.resolutions.references import find

HEAD = "RESOLUTION 9 (Rev. Sampletown, 2030)\nA made-up title\n(Oldtown, 2020; Sampletown 2030)\n"
FORMULA = "The World Telecommunication Standardization Assembly (Sampletown, 2030),\n"


def res(body: str) -> Resolution:
    parsed = parse_text(HEAD + FORMULA + body)
    assert isinstance(parsed, Resolution)
    return parsed


def test_heading_title_history_and_formula() -> None:
    r = res("resolves\n1\tto do a thing.\n")
    assert (r.number, r.revised, r.place_year, r.assembly) == (9, True, "Sampletown, 2030", "WTSA")
    assert r.title == "A made-up title"
    assert r.history == ["Oldtown, 2020", "Sampletown, 2030"]


def test_bookmarks_are_removed() -> None:
    r = res("[bookmark: _Hlk123]resolves\n[bookmark: x][bookmark: y]1\tto act now.\n")
    assert r.operative[0].verb == "resolves"
    assert r.operative[0].clauses[0].text == "to act now."


def test_footnote_text_moves_out_and_markers_go() -> None:
    text = "noting\na)\tthat small states[footnoteRef:3]3 matter; [3: 3\tSmall means small.] \n"
    r = res(text)
    assert r.preamble[0].items[0].text == "that small states matter;"
    assert [(f.num, f.text) for f in r.footnotes] == [("3", "Small means small.")]


def test_footnote_marker_without_repeated_number_and_glued_marker() -> None:
    cleaned = clean("needs of countries[footnoteRef:2] here [2:  Note two.]\nfor Members1 only")
    assert "footnote" not in cleaned.text and "[2" not in cleaned.text
    assert "Members only" in cleaned.text
    assert cleaned.footnotes[0][1].text == "Note two."


def test_non_breaking_hyphen_and_spaces() -> None:
    r = res("resolves\n1\tthat ITU\u2011T\u00a0and  its\tgroups act;\n")
    assert r.operative[0].clauses[0].text == "that ITU-T and its groups act;"


def test_numbers_kept_as_written_and_out_of_sequence() -> None:
    r = res("resolves\n2\tfirst quoted:\ni)\tone;\nvii)\tseven;\n7\tlater one.\n")
    clauses = r.operative[0].clauses
    assert [c.num for c in clauses] == ["2", "7"]
    assert [i.num for i in clauses[0].items] == ["i", "vii"]


def test_unnumbered_clause_has_null_num() -> None:
    r = res(
        "resolves\nto keep going,\ninstructs the Director of the Telecommunication "
        "Standardization Bureau\n1\tto report.\n"
    )
    assert r.operative[0].clauses[0].num is None


def test_h_then_i_is_a_letter_but_b_then_i_is_roman() -> None:
    letters = "abcdefgh"
    body = "considering\n" + "".join(f"{x})\tthat {x} holds;\n" for x in letters)
    body += "i)\tthat i holds,\nnoting\na)\tthat a holds;\nb)\tthat b lists:\ni)\tone;\nii)\ttwo;\n"
    body += "c)\tthat c holds,\nresolves\n1\tto act.\n"
    r = res(body)
    assert [i.num for i in r.preamble[0].items] == [*letters, "i"]
    noting = r.preamble[1].items
    assert [i.num for i in noting] == ["a", "b", "c"]
    assert [i.num for i in noting[1].items] == ["i", "ii"]


def test_collaborators_and_condition_are_split() -> None:
    r = res(
        "instructs the Director of the Telecommunication Standardization Bureau, in close "
        "collaboration with the Director of the Telecommunication Development Bureau\n"
        "within available resources,\n1\tto hold workshops.\n"
    )
    section = r.operative[0]
    assert section.addressee == "the Director of the Telecommunication Standardization Bureau"
    assert section.with_ == ["the Director of the Telecommunication Development Bureau"]
    assert section.condition == "within available resources"


def test_condition_inside_heading_and_resolves_that_addressee() -> None:
    r = res(
        "instructs the Secretary-General, in cooperation with the Directors of the Bureaux, "
        "within existing budgetary resources\n1\tto act.\nfurther resolves that ITU regional "
        "offices\nbe engaged.\n"
    )
    first, second = r.operative
    assert first.addressee == "the Secretary-General"
    assert first.with_ == ["the Directors of the Bureaux"]
    assert first.condition == "within existing budgetary resources"
    assert (second.verb, second.addressee) == ("further resolves", "ITU regional offices")


def test_verb_and_addressee_on_separate_lines() -> None:
    r = res(
        "resolves\nto instruct the relevant study groups\n4\tto work.\ninstructs\n"
        "the Director of TSB\nto cooperate.\n"
    )
    first, second = r.operative
    assert (first.verb, first.addressee, first.clauses[0].num) == (
        "resolves to instruct",
        "the relevant study groups",
        "4",
    )
    assert (second.verb, second.addressee, second.clauses[0].num) == (
        "instructs",
        "the Director of TSB",
        None,
    )


def test_addressee_inside_an_unnumbered_clause() -> None:
    r = res(
        "instructs\nthe Director of TSB in collaboration with Directors of the other "
        "Bureaux to take stock\n"
    )
    section = r.operative[0]
    assert section.addressee == "the Director of TSB"
    assert section.with_ == ["Directors of the other Bureaux"]
    assert section.clauses[0].text == "to take stock"


def test_new_verbs_are_accepted() -> None:
    r = res("welcoming\na)\tthe news;\nproclaims\n1\tthat it is so.\n")
    assert r.preamble[0].verb == "welcoming"
    assert r.operative[0].verb == "proclaims"


def test_references_with_bodies() -> None:
    refs = find(
        [
            "Resolution 12 (Rev. Lakeside, 2031) of the Plenipotentiary Conference and Resolution"
            " 3 (Rev. Hilltop, 2032) of this assembly; Resolutions 5 and 6 (Rev. Hilltop, 2032) "
            "of this Assembly; Resolution 7 (Rev. Kigali 2022) of the World Telecommunication "
            "Development Conference; Resolution 1234 of the ITU Council; Resolution 8 (Rev. "
            "[Hilltop, 2032]) of this assembly; Resolution 9 (Rev. Hilltop, 2032); WTSA "
            "Resolution 1; Resolution 10 (Lakeside, 2031) of the Radiocommunication Assembly",
        ]
    )
    got = [(r.body, r.number, r.revision) for r in refs]
    assert got == [
        ("PP", 12, "Rev. Lakeside, 2031"),
        ("WTSA", 3, "Rev. Hilltop, 2032"),
        ("WTSA", 5, "Rev. Hilltop, 2032"),
        ("WTSA", 6, "Rev. Hilltop, 2032"),
        ("WTDC", 7, "Rev. Kigali, 2022"),
        ("Council", 1234, None),
        ("WTSA", 8, "Rev. Hilltop, 2032"),
        (None, 9, "Rev. Hilltop, 2032"),
        ("WTSA", 1, None),
        ("RA", 10, "Lakeside, 2031"),
    ]


def test_each_resolution_in_a_list_keeps_its_own_revision() -> None:
    refs = find(["Resolutions 4 (Rev. A, 2001) and 5 (Rev. B, 2002) of this assembly"])
    assert [(r.body, r.number, r.revision) for r in refs] == [
        ("WTSA", 4, "Rev. A, 2001"),
        ("WTSA", 5, "Rev. B, 2002"),
    ]


def test_collection_status_table_with_split_row_and_extracts() -> None:
    text = (
        "Intro\n· Two new Resolutions (Resolutions 201 to 202)\n· One suppressed Resolution "
        "(Resolution 5)\nTable 1\n\tStatus\n\tNumber\n\tTitle\n\n\tRev\n\t3\n\tThird thing\n\n"
        "\tNew\n\t201\n\n\tA new thing\n\nAnnex\n\tRESOLUTION 3\nThird thing\n\tresolves\n"
        "7 \tto act late;\n2\tto act early,\n\n\tRESOLUTION 201\nA new thing\n\tinstructs\n"
        "the Director of TSB\n1\tto start.\n"
    )
    parsed = parse_text(text)
    assert isinstance(parsed, Collection)
    assert [(r.status, r.number, r.title) for r in parsed.status_table] == [
        ("Rev", 3, "Third thing"),
        ("New", 201, "A new thing"),
    ]
    assert parsed.lists == [
        {"status": "New", "numbers": [201, 202]},
        {"status": "Sup", "numbers": [5]},
    ]
    first, second = parsed.extracts
    assert [c.num for c in first.operative[0].clauses] == ["7", "2"]
    assert second.operative[0].addressee == "the Director of TSB"
    assert set(first.to_dict()) == {"number", "title", "operative", "references", "footnotes"}


def test_annex_programmes_and_parts() -> None:
    r = res(
        "resolves\n1\tto act.\nAnnex\n(to Resolution 9)\nA plan\nI\tProgramme 1: Things\n"
        "1)\tObjective\n•\tTo do things.\n2)\tActivities\n•\tDoing one.\n•\tDoing two.\n"
    )
    annex = r.annexes[0]
    assert annex.title == "A plan"
    programme = annex.parts[0]
    assert (programme.num, programme.title) == ("I", "Programme 1: Things")
    assert [(p.num, p.title, len(p.items)) for p in programme.parts] == [
        ("1", "Objective", 1),
        ("2", "Activities", 2),
    ]


def test_addressee_codes() -> None:
    assert normalise("the Director of the Telecommunication Development Bureau") == ["director_bdt"]
    assert normalise("Member States, Sector Members, Associates and Academia") == [
        "member_states",
        "sector_members",
        "associates",
        "academia",
    ]
    assert normalise("the Directors of the three Bureaux") == [
        "director_tsb",
        "director_bdt",
        "director_br",
    ]
    assert normalise(
        "study groups of the ITU Telecommunication Standardization Sector and the "
        "Telecommunication Standardization Advisory Group"
    ) == ["tsag", "study_groups"]
    assert normalise("ITU regional offices") == ["regional_offices"]
    assert resolve_code("bdt") == "director_bdt"
    assert resolve_code("TSAG") == "tsag"


def test_text_without_heading_still_parses() -> None:
    parsed = parse_text("instructs the Council\n1\tto decide.\n")
    assert isinstance(parsed, Resolution)
    assert parsed.number is None
    assert parsed.operative[0].addressee == "the Council"
