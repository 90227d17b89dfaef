"""References of every assembly in the six languages, and where they stand in the text."""

from __future__ import annotations

from itertools import pairwise

import pytest

from stdgap.resolutions.references import citations, find

Row = tuple[str | None, int, str | None, str, int | None]

CASES: list[tuple[str, list[Row]]] = [
    (
        "القرار 123 (المراجَع في بوخارست، 2022) لمؤتمر المندوبين المفوضين",
        [("PP", 123, "Rev. بوخارست, 2022", "resolution", None)],
    ),
    (
        "وإذ تشير إلى القرار 37 (المراجَع في كيغالي، 2022) للمؤتمر العالمي لتنمية الاتصالات،",
        [("WTDC", 37, "Rev. كيغالي, 2022", "resolution", None)],
    ),
    (
        "بالقرارين 44 و54 (المراجَع في جنيف، 2022) لهذه الجمعية",
        [
            ("WTSA", 44, "Rev. جنيف, 2022", "resolution", None),
            ("WTSA", 54, "Rev. جنيف, 2022", "resolution", None),
        ],
    ),
    ("المقرر 482 للمجلس", [("Council", 482, None, "decision", None)]),
    ("القرار ITU-R 1-8 لجمعية الاتصالات الراديوية", [("RA", 1, None, "resolution", 8)]),
    ("القرار 76 (Rev.WRC-15)", [("WRC", 76, "Rev. WRC-15", "resolution", None)]),
    ("القرار 5 (بوسان، 2014)", [(None, 5, "بوسان, 2014", "resolution", None)]),
    (
        "全权代表大会第123号决议（2022年，布加勒斯特，修订版）",
        [("PP", 123, "Rev. 布加勒斯特, 2022", "resolution", None)],
    ),
    (
        "世界电信发展大会关于数字鸿沟的第37号决议（2022年，基加利，修订版）和第17号决议",
        [
            ("WTDC", 37, "Rev. 基加利, 2022", "resolution", None),
            ("WTDC", 17, None, "resolution", None),
        ],
    ),
    (
        "本全会第44和54号决议",
        [("WTSA", 44, None, "resolution", None), ("WTSA", 54, None, "resolution", None)],
    ),
    ("理事会第482号决定", [("Council", 482, None, "decision", None)]),
    ("ITU-R 第1-8号决议", [("RA", 1, None, "resolution", 8)]),
    (
        "世界无线电通信大会第76号决议（WRC-15，修订版）",
        [("WRC", 76, "Rev. WRC-15", "resolution", None)],
    ),
    (
        "Résolution 123 (Rév. Bucarest, 2022) de la Conférence de plénipotentiaires",
        [("PP", 123, "Rev. Bucarest, 2022", "resolution", None)],
    ),
    (
        "Resolución 123 (Rev. Bucarest, 2022) de la Conferencia de Plenipotenciarios",
        [("PP", 123, "Rev. Bucarest, 2022", "resolution", None)],
    ),
    (
        "Резолюция 123 (Пересм. Бухарест, 2022 г.) Полномочной конференции",
        [("PP", 123, "Rev. Бухарест, 2022", "resolution", None)],
    ),
    ("Résolution UIT-R 1-8", [("RA", 1, None, "resolution", 8)]),
    ("Резолюция МСЭ-R 1-8", [("RA", 1, None, "resolution", 8)]),
    ("Résolution 76 (Rév.CMR-15)", [("WRC", 76, "Rev. CMR-15", "resolution", None)]),
    ("Резолюция 76 (Пересм. ВКР-15)", [("WRC", 76, "Rev. ВКР-15", "resolution", None)]),
    ("Décision 482 du Conseil", [("Council", 482, None, "decision", None)]),
    ("Решение 482 Совета", [("Council", 482, None, "decision", None)]),
    (
        "Résolution 17 (Rév. Kigali, 2022) de la CMDT",
        [("WTDC", 17, "Rev. Kigali, 2022", "resolution", None)],
    ),
    (
        "Résolution 1 (Rév. Genève, 2022) de l'AMNT",
        [("WTSA", 1, "Rev. Genève, 2022", "resolution", None)],
    ),
    (
        "Резолюция 17 (Пересм. Кигали, 2022 г.) ВКРЭ",
        [("WTDC", 17, "Rev. Кигали, 2022", "resolution", None)],
    ),
    (
        "Резолюция 71 (Пересм. Дубай, 2018 г.) ПК",
        [("PP", 71, "Rev. Дубай, 2018", "resolution", None)],
    ),
    (
        "Resolutions 1 and 2 of WTDC-22",
        [("WTDC", 1, None, "resolution", None), ("WTDC", 2, None, "resolution", None)],
    ),
    (
        "Decision 5 (Rev. Dubai, 2018) of the Plenipotentiary Conference",
        [("PP", 5, "Rev. Dubai, 2018", "decision", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_references(text: str, expected: list[Row]) -> None:
    got = [(r.body, r.number, r.revision, r.kind, r.edition) for r in find([text], "WTSA")]
    assert got == expected


def test_citations_do_not_overlap_and_map_to_the_written_text() -> None:
    text = (
        "la Decisión 4 (Rev. Hilltop, 2029) de la Conferencia de Plenipotenciarios y "
        "la Resolución 8 (Rev.WRC-27); القرار 12 (المراجَع في جنيف، 2022) للمجلس"
    )
    found = list(citations(text, "WTSA"))
    assert [c.references[0].number for c in found] == [4, 8, 12]
    for before, after in pairwise(found):
        assert before.end <= after.start
    assert text[found[2].start : found[2].end] == "القرار 12 (المراجَع في جنيف، 2022) للمجلس"
    assert text[found[1].start : found[1].end].startswith("Resolución 8")


def test_a_number_without_the_word_is_no_reference() -> None:
    assert find(["第12号文件", "العدد 12 من المجلة", "请在2022年12号前完成"], None) == []
