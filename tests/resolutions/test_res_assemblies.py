# ruff: noqa: E501  (the texts keep their long lines: line breaks are structure here)
"""Resolutions, decisions and recommendations of the Plenipotentiary Conference, WTDC, RA and WRC
in their own layouts (texts written for the tests): kind, designation, number, assembly,
revision and place, sections, references; every one valid Akoma Ntoso."""

from __future__ import annotations

import pytest

from stdgap.resolutions.akn import to_akn
from stdgap.resolutions.akn_schema import errors
from stdgap.resolutions.parsed import Resolution
from stdgap.resolutions.parser import parse_text

PP = """RESOLUTION 321 (REV. SAMPLETOWN, 2030)
Promoting the orderly use of sample frequencies
The Plenipotentiary Conference of the International Telecommunication Union (Sampletown, 2030),
recalling
a)	Resolution 11 (Rev. Lakeside, 2026) of the Plenipotentiary Conference;
b)	Resolution 7 (Rev. Hilltop, 2027) of the World Telecommunication Development Conference (WTDC);
c)	Resolution ITU-R 9-4 (Rev. Riverside, 2027) of the Radiocommunication Assembly,
considering
a)	that the sample bands are shared by many services;
b)	that coordination saves time and money,
noting
that several Member States have asked for help1,
resolves
1	to keep the sample bands under review;
2	that the Council shall consider the matter at its annual session,
instructs the Secretary-General
1	to report on the matter to the Council;
2	to bring this resolution to the attention of the regional organizations,
instructs the Director of the Radiocommunication Bureau
to assist Member States, within available resources,
invites Member States
to take part in the work.
__________________
1	Including the least developed countries.
"""

WTDC = """RESOLUTION 88 (REV. HILLTOP, 2029)
Assistance to rural villages
The World Telecommunication Development Conference (Hilltop, 2029),
considering
a)	that villages need reliable links;
b)	that cooperatives can build them,
recognizing
that the costs are high in remote places,
resolves to instruct the Director of the Telecommunication Development Bureau
1	to support pilot projects;
2	to publish a guide,
invites Member States and Sector Members
to share their experience,
requests the Secretary-General
to bring this resolution to the attention of the next Plenipotentiary Conference.
"""

RA = """RESOLUTION ITU-R 77-2
Studies on sample systems
(2019-2023-2027)
The ITU Radiocommunication Assembly,
considering
a)	that sample systems are growing;
b)	that Recommendation ITU-R M.9999 covers part of the topic,
noting
that WRC-27 will consider the matter,
resolves
1	that the study groups should continue the studies;
2	that the results should be reported to the next assembly,
invites administrations
to contribute to the studies.
"""

WRC = """RESOLUTION 555 (REV.WRC-27)
Use of the sample band by sample stations
The World Radiocommunication Conference (Sampletown, 2027),
considering
a)	that the band is allocated on a primary basis;
b)	that sharing studies are under way,
recognizing
that protection criteria are needed,
resolves
1	that administrations shall coordinate their stations;
2	that the limits in Annex 1 apply,
invites the ITU Radiocommunication Sector
to complete the studies in time for WRC-31,
instructs the Director of the Radiocommunication Bureau
to report on progress.
"""

DEC = """DECISION 5 (REV. DUBAI, 2018)
Revenue and expenses of the Union for the period 2019-2022
The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),
considering
the draft financial plan,
decides
1	that the Council is authorized to set the budget;
2	that the Secretary-General shall report yearly,
instructs the Council
to take the necessary measures.
"""

REC = """RECOMMENDATION 7 (REV. SAMPLETOWN, 2030)
Sharing of village networks
The World Telecommunication Development Conference (Sampletown, 2030),
considering
that sharing lowers costs,
recommends
1	that administrations allow sharing;
2	that regulators publish rules.
"""


FRONT = [
    (PP, ("resolution", "Resolution 321", 321, "PP", True, "Sampletown, 2030")),
    (WTDC, ("resolution", "Resolution 88", 88, "WTDC", True, "Hilltop, 2029")),
    (RA, ("resolution", "Resolution ITU-R 77-2", 77, "RA", True, "2027")),
    (WRC, ("resolution", "Resolution 555", 555, "WRC", True, "Sampletown, 2027")),
    (DEC, ("decision", "Decision 5", 5, "PP", True, "Dubai, 2018")),
    (REC, ("recommendation", "Recommendation 7", 7, "WTDC", True, "Sampletown, 2030")),
]


def res(text: str) -> Resolution:
    parsed = parse_text(text)
    assert isinstance(parsed, Resolution)
    return parsed


@pytest.mark.parametrize(("text", "expected"), FRONT)
def test_front_of_each_assembly(text: str, expected: tuple[object, ...]) -> None:
    r = res(text)
    assert (r.kind, r.designation, r.number, r.assembly, r.revised, r.place_year) == expected
    assert r.warnings == []
    assert errors(to_akn(r)) == []


def test_plenipotentiary_conference_sections_references_and_endnote() -> None:
    r = res(PP)
    assert [(p.verb, len(p.items)) for p in r.preamble] == [
        ("recalling", 3),
        ("considering", 2),
        ("noting", 1),
    ]
    assert [(o.verb, o.addressee, [c.num for c in o.clauses]) for o in r.operative] == [
        ("resolves", None, ["1", "2"]),
        ("instructs", "the Secretary-General", ["1", "2"]),
        ("instructs", "the Director of the Radiocommunication Bureau", [None]),
        ("invites", "Member States", [None]),
    ]
    assert [(x.body, x.number, x.edition) for x in r.references] == [
        ("PP", 11, None),
        ("WTDC", 7, None),
        ("RA", 9, 4),
    ]
    assert [(f.num, f.text) for f in r.footnotes] == [
        ("1", "Including the least developed countries.")
    ]
    assert r.preamble[2].items[0].text == "that several Member States have asked for help,"


def test_wtdc_resolves_to_instruct_and_requests() -> None:
    r = res(WTDC)
    assert [(o.verb, o.addressee) for o in r.operative] == [
        ("resolves to instruct", "the Director of the Telecommunication Development Bureau"),
        ("invites", "Member States and Sector Members"),
        ("requests", "the Secretary-General"),
    ]


def test_ra_history_and_wrc_heading() -> None:
    assert res(RA).history == ["2019", "2023", "2027"]
    assert [o.verb for o in res(RA).operative] == ["resolves", "invites"]
    assert [o.verb for o in res(WRC).operative] == ["resolves", "invites", "instructs"]


def test_decision_decides_and_recommendation_recommends() -> None:
    assert [(o.verb, len(o.clauses)) for o in res(DEC).operative] == [
        ("decides", 2),
        ("instructs", 1),
    ]
    assert [(o.verb, len(o.clauses)) for o in res(REC).operative] == [("recommends", 2)]


# The Plenipotentiary Conference's text in four more languages: a clause naming the Council
# ("что Совет …,", "أن ينظر المجلس …،", "理事会审议此事，") is no enacting formula.
ES_PP = """RESOLUCIÓN 321 (REV. VILLAMUESTRA, 2030)
Uso ordenado de las bandas de muestra
La Conferencia de Plenipotenciarios de la Unión Internacional de Telecomunicaciones (Villamuestra, 2030),
recordando
a)\tla Resolución 11 (Rev. Lagoazul, 2026) de la Conferencia de Plenipotenciarios;
b)\tla Resolución 7 (Rev. Colina, 2027) de la Conferencia Mundial de Desarrollo de las Telecomunicaciones,
considerando
que las bandas de muestra se comparten,
resuelve
1\tmantener las bandas en examen;
2\tque el Consejo examine el asunto,
encarga al Secretario General
1\tque informe al Consejo;
2\tque señale esta Resolución a las organizaciones regionales,
invita a los Estados Miembros
a participar en los trabajos.
"""

RU_PP = """РЕЗОЛЮЦИЯ 321 (ПЕРЕСМ. ОБРАЗЦОВСК, 2030 г.)
Упорядоченное использование образцовых полос
Полномочная конференция Международного союза электросвязи (Образцовск, 2030 г.),
напоминая
a)\tРезолюцию 11 (Пересм. Озерск, 2026 г.) Полномочной конференции;
b)\tРезолюцию 7 (Пересм. Холмск, 2027 г.) Всемирной конференции по развитию электросвязи,
учитывая,
что образцовые полосы используются совместно,
решает
1\tдержать полосы под контролем;
2\tчто Совет рассмотрит этот вопрос,
поручает Генеральному секретарю
1\tпредставить отчет Совету;
2\tдовести настоящую Резолюцию до сведения региональных организаций,
предлагает Государствам-Членам
принять участие в работе.
"""

AR_PP = """القرار 321 (المراجَع في مدينة النموذج، 2030)
الاستعمال المنظم لنطاقات النموذج
إن مؤتمر المندوبين المفوضين للاتحاد الدولي للاتصالات (مدينة النموذج، 2030)،
إذ يذكّر
a)\tبالقرار 11 (المراجَع في البحيرة، 2026) لمؤتمر المندوبين المفوضين؛
b)\tبالقرار 7 (المراجَع في التلة، 2027) للمؤتمر العالمي لتنمية الاتصالات،
وإذ يضع في اعتباره
أن نطاقات النموذج مشتركة،
يقرر
1\tإبقاء النطاقات قيد الاستعراض؛
2\tأن ينظر المجلس في المسألة،
يكلف الأمين العام
1\tبتقديم تقرير إلى المجلس؛
2\tبلفت انتباه المنظمات الإقليمية إلى هذا القرار،
يدعو الدول الأعضاء
إلى المشاركة في العمل.
"""

ZH_PP = """第321号决议（2030年，样本城，修订版）
有序使用样本频段
国际电信联盟全权代表大会（2030年，样本城），
回顾
a)\t全权代表大会第11号决议（2026年，湖城，修订版）；
b)\t世界电信发展大会第7号决议（2027年，山城，修订版），
考虑到
样本频段为多个业务共用，
做出决议
1\t继续审议这些频段；
2\t理事会审议此事，
责成秘书长
1\t向理事会报告；
2\t提请区域组织注意本决议，
请成员国
参加这项工作。
"""


@pytest.mark.parametrize("text", [ES_PP, RU_PP, AR_PP, ZH_PP])
def test_plenipotentiary_conference_in_other_languages(text: str) -> None:
    r = res(text)
    assert (r.number, r.assembly, r.revised) == (321, "PP", True)
    assert r.place_year is not None and r.place_year.endswith(", 2030")
    assert [(p.to_dict()["verb_en"], len(p.items)) for p in r.preamble] == [
        ("recalling", 2),
        ("considering", 1),
    ]
    assert [(o.to_dict()["verb_en"], [c.num for c in o.clauses]) for o in r.operative] == [
        ("resolves", ["1", "2"]),
        ("instructs", ["1", "2"]),
        ("invites", [None]),
    ]
    assert r.operative[1].addressee is not None
    assert [(x.body, x.number) for x in r.references] == [("PP", 11), ("WTDC", 7)]
    assert all(x.revision and x.revision.startswith("Rev. ") for x in r.references)
    assert r.warnings == []
    assert errors(to_akn(r)) == []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("RESOLUTION 17\n(Rev. Hilltop, 2029)\n", (True, "Hilltop, 2029", [])),
        ("RESOLUTION 17\n\n(REV. HILLTOP, 2029)\n\n", (True, "Hilltop, 2029", [])),
        ("Resolution 17\n(Hilltop, 2029)\n", (False, "Hilltop, 2029", [])),
        ("RESOLUTION 17 (REV. HILLTOP, 2029)\n(Lakeside, 2021; Hilltop, 2029)\n", None),
        ("RESOLUTION 17\n(REV.WRC-27)\n", (True, "Hilltop, 2029", [])),
    ],
)
def test_revision_on_the_line_after_the_heading(
    front: str, expected: tuple[bool, str, list[str]] | None
) -> None:
    text = (
        front + "Lamps for the villages\n"
        "The World Telecommunication Development Conference (Hilltop, 2029),\n"
        "considering\nthat lamps help,\nresolves\nto share lamps.\n"
    )
    r = res(text)
    if expected is None:  # a history line stays the history
        expected = (True, "Hilltop, 2029", ["Lakeside, 2021", "Hilltop, 2029"])
    assert (r.revised, r.place_year, r.history) == expected
    assert (r.number, r.title) == (17, "Lamps for the villages")


@pytest.mark.parametrize(
    ("formula", "language", "expected"),
    [
        ("L'Assemblée des radiocommunications de l'UIT,", "fr", ("RA", None)),
        ("Ассамблея радиосвязи МСЭ,", "ru", ("RA", None)),
        ("国际电联无线电通信全会，", "zh", ("RA", None)),
        ("إن المؤتمر العالمي لتنمية الاتصالات (كيغالي، 2022)،", "ar", ("WTDC", "كيغالي, 2022")),
        ("Всемирная конференция радиосвязи (Дубай, 2023 г.),", "ru", ("WRC", "Дубай, 2023")),
        (
            "La Conferencia Mundial de Desarrollo de las Telecomunicaciones (Kigali, 2022),",
            "es",
            ("WTDC", "Kigali, 2022"),
        ),
        ("Le Conseil,", "fr", ("Council", None)),
    ],
)
def test_enacting_formulas_of_each_assembly(
    formula: str, language: str, expected: tuple[str, str | None]
) -> None:
    from stdgap.resolutions.headings import parse_formula
    from stdgap.resolutions.vocab import LANGUAGES

    found = parse_formula(formula, LANGUAGES[language])
    assert found is not None and (found.assembly, found.place_year) == expected


@pytest.mark.parametrize(
    "text",
    [
        "القرار 9 (المراجَع في مدينة النموذج، 2030)\nعنوان\nوإذ يشير إلى\na)\tالقرار 11؛\nb)\tالقرار 12،\nيقرر\n1\tأن يفعل؛\n",
        "РЕЗОЛЮЦИЯ 9 (ПЕРЕСМ. ОБРАЗЦОВСК, 2030 г.)\nНазвание\nнапоминая о\na)\tРезолюции 11;\nb)\tРезолюции 12,\nрешает\n1\tсделать;\n",
        "RESOLUTION 9 (REV. SAMPLETOWN, 2030)\nTitle\nnoting that\na)\tlamps shine;\nb)\tcandles burn,\nresolves that\n1\tlamps be shared;\n",
    ],
)
def test_a_connector_left_on_the_verbs_line_is_no_item(text: str) -> None:
    r = res(text)
    assert [(p.to_dict()["verb_en"], [i.num for i in p.items]) for p in r.preamble] == [
        (r.preamble[0].to_dict()["verb_en"], ["a", "b"])
    ]
    assert [(o.addressee, [c.num for c in o.clauses]) for o in r.operative] == [(None, ["1"])]


@pytest.mark.parametrize(
    ("line", "language", "role", "rest"),
    [
        ("وإذ يأخذ بعين الاعتبار", "ar", "taking into account", ""),
        ("وإذ يذكّر كذلك", "ar", "recalling further", ""),
        ("يقرر أيضاً", "ar", "resolves also", ""),
        ("يطلب إلى الأمين العام", "ar", "requests", "الأمين العام"),
        ("还请成员国", "zh", "further invites", "成员国"),
        ("还责成秘书长", "zh", "further instructs", "秘书长"),
    ],
)
def test_more_verb_phrases(line: str, language: str, role: str, rest: str) -> None:
    from stdgap.resolutions.verbs import split_verb
    from stdgap.resolutions.vocab import LANGUAGES, canonical

    found = split_verb(line, LANGUAGES[language])
    assert found is not None and (canonical(found[0]), found[1]) == (role, rest)
